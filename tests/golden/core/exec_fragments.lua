print("script sees x =", x, "and lib", type(testlib_marker))
