policy_on = true
