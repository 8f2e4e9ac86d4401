tier = "Free"
