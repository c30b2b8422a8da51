// web_api: the node reference for the web_api benchmark. Serves the same
// JSON as plua's HC3 API from memory with node's http module:
//   GET  /api/devices/ID              the device (read from DEVICE.json)
//   POST /api/devices/ID/action/NAME  {"args":[...]}: parses the body,
//                                     turnOn/turnOff set the value, 202
// Listens on 127.0.0.1 (port 0: any free one) and prints the port.
//   node web_api.js DEVICE.json
const http = require("http");
const fs = require("fs");

const device = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const devicePath = "/api/devices/" + device.id;
const actionPrefix = devicePath + "/action/";
const accepted = JSON.stringify({ message: "Accepted" });

function reply(res, status, body) {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === devicePath) return reply(res, 200, JSON.stringify(device));
  if (req.method === "POST" && req.url.startsWith(actionPrefix)) {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let args;
      try {
        args = JSON.parse(Buffer.concat(chunks).toString() || "{}").args || [];
      } catch {
        return reply(res, 400, JSON.stringify({ type: "ERROR", reason: "BadRequest", message: "bad JSON" }));
      }
      const action = req.url.slice(actionPrefix.length);
      if (action === "turnOn") device.properties.value = true;
      else if (action === "turnOff") device.properties.value = false;
      void args;
      reply(res, 202, accepted);
    });
    return;
  }
  reply(res, 404, JSON.stringify({ type: "ERROR", reason: "NotFound", message: "no such route" }));
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
