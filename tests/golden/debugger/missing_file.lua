-- A breakpoint in a file that does not exist is ignored and reported;
-- OUTPUT redirects print to the IDE.
local function greet(name)
  print("hello", name)
end
greet("world")
greet("again")
