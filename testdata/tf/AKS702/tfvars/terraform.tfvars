api_category = "kube-apiserver"
