print("hello from plua")
