// A WebSocket client for the tests/golden/web tests (node 20 with
// --experimental-websocket): prints "open", then one line per text frame
// (type and data of each event, as JSON), and exits once a frame mentions
// UNTIL (its second argument). A refused connection prints only "error"
// (whether a close event follows it is up to node's timing).
//   node --experimental-websocket ws_events.js URL UNTIL
const [url, until] = process.argv.slice(2);
const ws = new WebSocket(url);
let opened = false;
ws.onopen = () => {
  opened = true;
  console.log("open");
};
ws.onmessage = (m) => {
  const event = JSON.parse(m.data);
  console.log(JSON.stringify({ type: event.type, data: event.data }));
  if (m.data.includes(until)) ws.close();
};
ws.onclose = () => {
  if (opened) console.log("closed");
};
ws.onerror = () => { console.log("error"); process.exitCode = 1; };
