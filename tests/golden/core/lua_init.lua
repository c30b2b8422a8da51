print("init set", from_init)
