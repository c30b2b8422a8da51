_ = loadfile and loadfile("TQAE.lua") { refreshStates = true, debug = { onAction = true }, copas = true }
--%%name:MultiFile
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
--%%file:lib/qa_utils.lua,utils
--%%file:lib/qa_logger.lua,logger
--%%var:hosts="10.0.0.2, 10.0.0.3 ,10.0.0.4"
--%%var:pollSeconds=30
--%%var:debugMode=true
-- A QuickApp split into files (--%%file), with the TQAE bootstrap line at
-- the top that must do nothing on the HC3, and configuration in
-- QuickApp variables read with getVariable and updated with setVariable.
function QuickApp:onInit()
  self:debug("loadfile in sandbox", type(loadfile), "_ =", tostring(_))
  self:debug("files loaded", Utils.VERSION, LOGGER_SEES_UTILS)
  local log = Logger.new(self, "cfg")
  local hosts = {}
  for _, h in ipairs(Utils.split(self:getVariable("hosts"), ",")) do hosts[#hosts + 1] = Utils.trim(h) end
  log:log("hosts %s", table.concat(hosts, "|"))
  local poll = tonumber(self:getVariable("pollSeconds"))
  log:log("poll %d s (%s), debug %s", poll, type(self:getVariable("pollSeconds")), tostring(self:getVariable("debugMode")))
  log:log("missing variable '%s'", self:getVariable("nope"))
  self:setVariable("pollSeconds", poll * 2)
  self:setVariable("lastStart", os.date("%Y-%m-%d %H:%M"))
  log:log("poll now %s, lastStart %s", tostring(self:getVariable("pollSeconds")), self:getVariable("lastStart"))
  local vars = api.get("/devices/" .. self.id).properties.quickAppVariables
  local names = {}
  for _, v in ipairs(vars) do names[#names + 1] = v.name end
  log:log("variables %s", table.concat(names, ","))
  local files = api.get("/quickApp/" .. self.id .. "/files")
  local fnames = {}
  for _, f in ipairs(files or {}) do fnames[#fnames + 1] = f.name .. (f.isMain and "*" or "") end
  table.sort(fnames)
  log:log("files %s", table.concat(fnames, ","))
end
