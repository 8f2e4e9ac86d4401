env = "PROD"
