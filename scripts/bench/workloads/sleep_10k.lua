-- sleep_10k (plua only): 10,000 tasks each call _PY.sleep(0.001) 10 times;
-- the last task to finish prints how many finished.
local TASKS, done = 10000, 0
local function task()
  for _ = 1, 10 do _PY.sleep(0.001) end
  done = done + 1
  if done == TASKS then print(done) end
end
for _ = 1, TASKS do setTimeout(task, 0) end
