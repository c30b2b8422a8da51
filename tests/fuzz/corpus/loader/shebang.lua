#!/usr/bin/env plua
print("hi")
