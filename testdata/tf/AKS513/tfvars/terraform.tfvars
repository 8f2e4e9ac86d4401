purge_protection_enabled = false
