-- A tiny prefixing logger (loaded as a QuickApp file, after qa_utils).
Logger = {}
Logger.__index = Logger

function Logger.new(qa, prefix)
  return setmetatable({ qa = qa, prefix = prefix, count = 0 }, Logger)
end

function Logger:log(fmt, ...)
  self.count = self.count + 1
  self.qa:debug(string.format("[%s #%d] " .. fmt, self.prefix, self.count, ...))
end

LOGGER_SEES_UTILS = Utils ~= nil and Utils.VERSION
