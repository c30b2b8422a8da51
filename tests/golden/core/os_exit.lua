setTimeout(function() print("never") end, 1000)
print("exiting")
os.exit(3)
