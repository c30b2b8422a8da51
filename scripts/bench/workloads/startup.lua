-- startup: the smallest program; also run on plain lua5.4.
print("hello")
