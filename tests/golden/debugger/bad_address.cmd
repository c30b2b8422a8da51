# --debugger needs [HOST:]PORT: a script name in its place is a bad command line.
"$PLUA" --debugger nobody.lua nobody.lua
