# --debugger=VALUE needs [HOST:]PORT: a script name there is a bad command
# line (bare --debugger, PLua's form, is 127.0.0.1:8172).
"$PLUA" --debugger=nobody.lua nobody.lua
