# The helper from a busted spec, run by plua itself; TAP output (no timings).
TZ=UTC "$PLUA" /usr/bin/busted --output=TAP spec/weather_spec.lua
