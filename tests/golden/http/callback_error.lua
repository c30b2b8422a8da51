-- An error in a callback is reported like any task error, naming the
-- callback and where request() was called; the others still run; exit 1.
local net = require("plua.net")
local base = "http://127.0.0.1:" .. ...
local http = net.HTTPClient()

-- A callable table is a callback too.
local handler = setmetatable({}, {__call = function(_, response) print("callable table", response.data) end})

http:request(base .. "/ok", {
  success = function(response)
    print("success runs", response.status)
    http:request(base .. "/status/404", {
      success = function(r)
        print("then", r.status)
        http:request("http://127.0.0.1:" .. os.getenv("HTTP_CLOSED_PORT") .. "/", {
          error = function()
            http:request(base .. "/redirect", {success = handler})
            error("boom in error callback")
          end,
        })
      end,
    })
    error("boom in success callback")
  end,
})
