kv_csi = false
