--%%name:MediaPanel
--%%type:com.fibaro.genericDevice
--%%time:2026-11-23 12:00:00
--%%u:{label='title',text='Media panel'}
--%%u:{{button='btnPlay',text='Play',onReleased='playPressed'},{button='btnStop',text='Stop',onReleased='stopPressed'}}
--%%u:{slider='volume',text='Volume',min='0',max='100',onChanged='volumeChanged'}
--%%u:{switch='mute',text='Mute',onReleased='muteToggled'}
--%%u:{label='status',text='Idle'}
-- A UI-heavy QuickApp: buttons, a slider, a switch and labels; the
-- handlers update the labels, and the test presses the controls through
-- fibaro.callUI and /plugins/callUIEvent like the HC3 web UI does.
function QuickApp:refreshStatus()
  local text = string.format("%s | vol %d%s", self.playing and "Playing" or "Stopped",
    self.vol, self.muted and " (muted)" or "")
  self:updateView("status", "text", text)
  self:debug("status:", text)
end

function QuickApp:playPressed(event)
  self:debug("pressed", event.elementName, event.eventType, event.deviceId == self.id)
  self.playing = true
  self:refreshStatus()
end

function QuickApp:stopPressed(event)
  self:debug("pressed", event.elementName)
  self.playing = false
  self:refreshStatus()
end

function QuickApp:volumeChanged(event)
  self.vol = tonumber(event.values[1])
  self:updateView("volume", "value", tostring(self.vol))
  self:refreshStatus()
end

function QuickApp:muteToggled(event)
  self.muted = event.values[1] == true or event.values[1] == "true"
  self:refreshStatus()
  if self.muted then self:finish() end
end

function QuickApp:onInit()
  self.playing, self.vol, self.muted = false, 20, false
  self:updateView("title", "text", "Living room")
  self:refreshStatus()
  local steps = {
    function() fibaro.callUI(self.id, "onReleased", "btnPlay") end,
    function() api.post("/plugins/callUIEvent", { deviceID = self.id, elementName = "volume",
      eventType = "onChanged", value = 55 }) end,
    function() api.post("/plugins/callUIEvent", { deviceID = self.id, elementName = "btnStop",
      eventType = "onReleased" }) end,
    function() fibaro.callUI(self.id, "onReleased", "mute", true) end,
  }
  local i = 0
  local function nextStep()
    i = i + 1
    if steps[i] then steps[i]() setTimeout(nextStep, 10) end
  end
  nextStep()
end

function QuickApp:finish()
  local view = api.get("/plugins/getView?id=" .. self.id)
  self:debug("labels", view.title.text, "/", view.status.text, "/ volume", view.volume.value)
end
