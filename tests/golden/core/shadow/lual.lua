return { user_copy = true }
