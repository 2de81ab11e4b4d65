"""Art. 19 notifications: recipients told of a person's correction, erasure or restriction."""
