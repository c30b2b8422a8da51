-- Sequential callbacks reuse pooled coroutines instead of creating one each.
local n = 0
local function step()
  n = n + 1
  if n < 1000 then setTimeout(step, 0) else
    local s = _PY.stats()
    print("tasks run >= 1000:", s.tasks_run >= 1000, "coroutines created <= 2:", s.coroutines_created <= 2)
  end
end
setTimeout(step, 0)
