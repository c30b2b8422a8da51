-- interval_drift: setInterval(f, 1) cleared after 1,000 ticks; the wall
-- time of the whole process is the measurement (floor 1.000 s).
local N, n, id = 1000, 0, nil
id = setInterval(function()
  n = n + 1
  if n == N then
    clearInterval(id)
    print(n)
  end
end, 1)
