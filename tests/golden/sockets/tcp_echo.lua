-- net.TCPSocket against the echo server (with_echo.sh): connect, send,
-- read what comes back, readUntil across two sends, the peer closing,
-- then close. Callbacks run as tasks, in the order things happened.
local net = require("plua.net")
local port = tonumber(os.getenv("TCP_PORT"))

local sock = net.TCPSocket({timeout = 2000})
print("type", type(sock), tostring(sock):match("^net%.TCPSocket"))
sock:connect("127.0.0.1", port, {
  success = function()
    print("connected", _PY.getPendingCallbackCount())
    sock:send("hello", {
      success = function() print("sent hello") end,
      error = function(message) print("send error", message) end,
    })
    sock:read({
      success = function(data)
        print("read", data)
        -- The delimiter arrives split across two sends; what follows it stays buffered.
        sock:send("first li")
        sock:send("ne\r\nsecond\r\nrest", {success = function() print("sent lines") end})
        sock:readUntil("\r\n", {
          success = function(line1)
            print("line", line1)
            sock:readUntil("\r\n", {
              success = function(line2)
                print("line", line2)
                sock:send("quit\n")
                sock:read({
                  success = function(rest)
                    print("rest", rest)
                    sock:read({
                      success = function(data2) print("unexpected", data2) end,
                      error = function(message)
                        print("after peer close", message)
                        sock:close()
                        sock:close()  -- twice is fine
                        print("closed", _PY.getPendingCallbackCount())
                      end,
                    })
                  end,
                })
              end,
            })
          end,
        })
      end,
      error = function(message) print("read error", message) end,
    })
  end,
  error = function(message) print("connect error", message) end,
})
print("main chunk done", _PY.getPendingCallbackCount(), _PY.stats().requests)
