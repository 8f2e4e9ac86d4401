acr_admin_enabled = true
