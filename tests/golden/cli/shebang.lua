#!/usr/bin/env plua
print("shebang line skipped, line numbers kept:", debug.getinfo(1, "l").currentline)
