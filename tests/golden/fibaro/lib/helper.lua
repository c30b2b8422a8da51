-- Loaded by a `--%%file` header before the main file.
Helper = { loaded_before_main = QuickApp ~= nil, greet = function(who) return "hello " .. who end }
