secret_rotation = false
