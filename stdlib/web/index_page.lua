-- The web UI's front page (/): the QuickApps of the run and their children
-- (id, name, type, parent, value, each a link to its /qa/ID page; a child
-- is listed after its parent and its parent's other children), the global variables and the
-- controller's event log, kept live from /api/events. Plain HTML and JS,
-- no build step, nothing fetched from outside the server.
return [=[<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>plua: QuickApps</title>
<style>
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.8em; text-align: left; }
th { background: #f4f4f4; }
#events td { font-family: monospace; font-size: 0.85em; }
#status { color: #777; font-size: 0.8em; }
</style>
</head>
<body>
<h1>QuickApps</h1>
<table id="quickapps"><thead><tr><th>id</th><th>name</th><th>type</th><th>parent</th><th>value</th></tr></thead><tbody></tbody></table>
<h2>Global variables</h2>
<table id="globals"><thead><tr><th>name</th><th>value</th></tr></thead><tbody></tbody></table>
<h2>Events</h2>
<table id="events"><thead><tr><th>#</th><th>type</th><th>data</th></tr></thead><tbody></tbody></table>
<p id="status">connecting</p>
<script>
"use strict";
const kKeptEvents = 50;

function cell(tr, text, id) {
  const td = document.createElement("td");
  td.textContent = text;
  if (id) td.id = id;
  tr.appendChild(td);
  return td;
}

function show(value) { return typeof value === "string" ? value : JSON.stringify(value); }

function isListed(device) {
  const interfaces = device.interfaces || [];
  return interfaces.includes("quickApp") || interfaces.includes("quickAppChild");
}

// After the parent's row and its children's, if the parent is listed.
function placeOf(device) {
  const body = document.querySelector("#quickapps tbody");
  let after = device.parentId ? document.getElementById("qa-" + device.parentId) : null;
  if (!after) return [body, null];
  while (after.nextSibling && after.nextSibling.dataset.parent === String(device.parentId)) after = after.nextSibling;
  return [body, after.nextSibling];
}

function addQuickApp(device) {
  if (document.getElementById("qa-" + device.id)) return;
  const tr = document.createElement("tr");
  tr.id = "qa-" + device.id;
  if (device.parentId) tr.dataset.parent = String(device.parentId);
  cell(tr, String(device.id));
  const name = cell(tr, "");
  const a = document.createElement("a");
  a.href = "/qa/" + device.id;
  a.textContent = device.name;
  name.appendChild(a);
  cell(tr, device.type);
  cell(tr, device.parentId ? "child of " + device.parentId : "");
  cell(tr, show(device.properties.value), "value-" + device.id);
  const [body, before] = placeOf(device);
  body.insertBefore(tr, before);
}

function setGlobal(name, value) {
  let td = document.getElementById("global-" + name);
  if (!td) {
    const tr = document.createElement("tr");
    cell(tr, name);
    td = cell(tr, "", "global-" + name);
    document.querySelector("#globals tbody").appendChild(tr);
  }
  td.textContent = value;
}

function logEvent(event) {
  const body = document.querySelector("#events tbody");
  const tr = document.createElement("tr");
  cell(tr, String(event.id));
  cell(tr, event.type);
  cell(tr, JSON.stringify(event.data));
  body.insertBefore(tr, body.firstChild);
  while (body.children.length > kKeptEvents) body.removeChild(body.lastChild);
}

function onEvent(event) {
  logEvent(event);
  const d = event.data || {};
  if (event.type === "DevicePropertyUpdatedEvent" && d.property === "value") {
    const td = document.getElementById("value-" + d.id);
    if (td) td.textContent = show(d.newValue);
  } else if (event.type === "GlobalVariableChangedEvent") {
    setGlobal(d.variableName, d.newValue);
  } else if (event.type === "DeviceCreatedEvent") {
    fetch("/api/devices/" + d.id).then((r) => r.json()).then((device) => {
      if (isListed(device)) addQuickApp(device);
    });
  } else if (event.type === "DeviceRemovedEvent") {
    const tr = document.getElementById("qa-" + d.id);
    if (tr) tr.remove();
  }
}

async function start() {
  const status = document.getElementById("status");
  const [devices, children, globals, states] = await Promise.all([
    fetch("/api/devices?interface=quickApp").then((r) => r.json()),
    fetch("/api/devices?interface=quickAppChild").then((r) => r.json()),
    fetch("/api/globalVariables").then((r) => r.json()),
    fetch("/api/refreshStates?last=0").then((r) => r.json()),
  ]);
  devices.sort((a, b) => a.id - b.id).forEach(addQuickApp);
  children.sort((a, b) => a.id - b.id).forEach(addQuickApp);
  globals.forEach((g) => setGlobal(g.name, g.value));
  (states.events || []).slice(-kKeptEvents).forEach(logEvent);
  let last = states.last || 0;
  const ws = new WebSocket("ws://" + location.host + "/api/events");
  ws.onopen = () => { status.textContent = "live"; };
  ws.onclose = () => { status.textContent = "disconnected"; };
  ws.onmessage = (m) => {
    const event = JSON.parse(m.data);
    if (event.type === "DebugMessageEvent") return;  // a QuickApp's log: its own page shows it
    if (event.id <= last) return;  // already listed from /refreshStates
    last = event.id;
    onEvent(event);
  };
}
start();
</script>
</body>
</html>
]=]
