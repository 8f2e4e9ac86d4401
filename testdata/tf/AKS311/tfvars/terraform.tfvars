network_plugin = "kubenet"
