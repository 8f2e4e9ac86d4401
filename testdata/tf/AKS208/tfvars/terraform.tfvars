tier = "Free" # a development environment
