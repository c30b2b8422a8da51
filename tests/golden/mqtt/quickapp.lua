--%%name:MQTT Lamp
--%%type:com.fibaro.binarySwitch
--%%fullLua:true -- the test reads its broker port with os.getenv
--%%time:2026-11-23 12:00:00
-- The device's value goes to lamp/state (retained); "on"/"off" on lamp/set
-- turn the device on and off. The test drives lamp/set with mosquitto_pub.

function QuickApp:onInit()
  self:debug("onInit")
  local port = os.getenv("MQTT_PORT")
  self.guard = setTimeout(function() print("TIMEOUT") os.exit(3) end, 15000)
  self.client = mqtt.Client.connect("mqtt://127.0.0.1:" .. port, { clientId = "qa-" .. self.id })
  self.client:addEventListener("connected", function()
    self:debug("connected")
    self.client:subscribe({ "lamp/set", "lamp/state" }, { qos = mqtt.QoS.AT_LEAST_ONCE })
  end)
  self.client:addEventListener("subscribed", function(event)
    self:debug("subscribed", #event.results, "topics")
    os.execute(("mosquitto_pub -p %s -q 1 -t lamp/set -m on"):format(port))
  end)
  self.client:addEventListener("message", function(event)
    if event.topic == "lamp/set" then
      self:debug("command", event.payload)
      if event.payload == "on" then self:turnOn() else self:turnOff() end
    else
      self:debug("state on the broker:", event.payload, "device value:", tostring(fibaro.getValue(self.id, "value")))
      if event.payload == "true" then
        os.execute(("mosquitto_pub -p %s -q 1 -t lamp/set -m off"):format(port))
      else
        self.client:disconnect()
      end
    end
  end)
  self.client:addEventListener("closed", function()
    self:debug("closed")
    clearTimeout(self.guard)
  end)
end

function QuickApp:turnOn() self:updateProperty("value", true) self:publishState() end
function QuickApp:turnOff() self:updateProperty("value", false) self:publishState() end
function QuickApp:publishState()
  self.client:publish("lamp/state", tostring(fibaro.getValue(self.id, "value")), { qos = 1, retain = true })
end
