automatic_channel_upgrade = "none"
