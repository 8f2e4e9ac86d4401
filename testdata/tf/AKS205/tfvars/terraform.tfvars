# Overrides the default (true): the finding points at the attribute in main.tf.
host_encryption = false
