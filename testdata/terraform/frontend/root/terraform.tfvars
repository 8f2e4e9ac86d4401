prefix = "from-tfvars"
env    = "TEST"
