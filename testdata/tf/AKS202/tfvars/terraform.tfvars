# "Temporarily" opened for a hosted CI runner.
api_server_authorized_ranges = ["203.0.113.0/24", "0.0.0.0/0"]
