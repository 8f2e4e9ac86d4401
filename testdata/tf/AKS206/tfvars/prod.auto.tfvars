public_nodes = true
