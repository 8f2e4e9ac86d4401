monitoring_on = true
