-- A CPU-bound script that keeps nothing waiting (no timer, task or I/O)
-- gets no "blocked the event loop" warning, and a plain Lua script that
-- leaves a generator suspended gets no stranded-coroutine note.
local gen = coroutine.wrap(function() coroutine.yield(1) coroutine.yield(2) end)
print(gen())
local t = os.clock()
while os.clock() - t < 1.1 do end
print("done")
