audit_category  = "kube-audit-admin"
second_category = "kube-scheduler"
enable_third    = false
