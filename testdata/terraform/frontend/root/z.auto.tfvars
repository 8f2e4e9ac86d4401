prefix = "from-auto-tfvars"
