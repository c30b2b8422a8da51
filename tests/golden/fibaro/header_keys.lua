--%%name:All Keys
--%%type:com.fibaro.temperatureSensor
--%%id:777  -- a comment after the value
  --%%var:num=3.5
--%%var:str="text"
--%%var:tbl={a=1,b={true,false}}
--%%var:neg=-2
--%%file:lib/helper.lua,helper
--%%file=$fibmod:fibmod
--%%u:{label='lbl',text='Hi'}
--%%offline:true
--%%debug:true
--%%interfaces:{'battery','power'}
--%%time:2026-11-23 07:05:09
--%%latitude:59.3
--%%longitude:18.05
--%%uid:abc-123
--%%manufacturer:ACME
--%%model:T1000
--%%role:Other
--%%description:a test device
--%%zombie:true
--%%colour:blue
--ENDOFHEADERS
--%%name:Ignored After End
-- Every header key, the legacy '=' form, comments, and the file headers.
function QuickApp:onInit()
  print(self.id, self.name, self.type, __TAG)
  print(self:getVariable("num"), self:getVariable("str"), json.encode(self:getVariable("tbl")), self:getVariable("neg"))
  print(Helper.greet("world"), Helper.loaded_before_main, FibMod.order)
  local d = api.get("/devices/" .. self.id)
  print(json.encode(d.interfaces), d.baseType, d.properties.value)
  print(d.properties.uid, d.properties.manufacturer, d.properties.model, d.properties.deviceRole, d.properties.userDescription)
  print(json.encode(api.get("/plugins/getView?id=" .. self.id)))
  local loc = api.get("/settings/location")
  print(loc.latitude, loc.longitude, "sun", fibaro.getValue(1, "sunriseHour"), fibaro.getValue(1, "sunsetHour"))
  print(os.date("%Y-%m-%d %H:%M:%S"), os.date("%H:%M", os.time({ year = 2020, month = 1, day = 1, hour = 10, min = 30 })))
  print(_PY.config.fibaro)
  self:updateProperty("value", 21.5)
  fibaro.call(self.id, "noop", 1, "a", { x = true })
end
function QuickApp:noop(...) print("noop", ...) end
