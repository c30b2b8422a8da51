-- The browser page of a QuickApp (/qa/ID): its UI from the device's
-- uiCallbacks and view (buttons, sliders, switches, selects, multi-selects,
-- labels), events sent through /api/plugins/callUIEvent with the HC3's
-- shapes (a select: onToggled {value}; a multi-select: onToggled
-- {{value, ...}}), live updates from /api/events (updateView's text,
-- value, options, selectedItem, selectedItems).
-- Below the UI: the device's properties and the QuickApp's log, both live
-- (DevicePropertyUpdatedEvent; the server's DebugMessageEvent).
-- DEVICE_ID is replaced by the device's number when served, QA_TAG by its
-- log tag as a JSON string.
return [=[<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>QuickApp DEVICE_ID</title>
<style>
body { font-family: sans-serif; margin: 1.5em; max-width: 40em; }
h2 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; }
td { border-bottom: 1px solid #eee; padding: 0.2em 0.6em; font-size: 0.9em; vertical-align: top; }
#log td { font-family: monospace; }
.row { margin: 0.6em 0; display: flex; gap: 1em; align-items: center; }
button { padding: 0.4em 1em; }
#status { color: #777; font-size: 0.8em; }
</style>
</head>
<body>
<h1 id="name">QuickApp DEVICE_ID</h1>
<div id="ui"></div>
<h2>Properties</h2>
<table id="properties"><tbody></tbody></table>
<h2>Log</h2>
<table id="log"><tbody></tbody></table>
<p id="status">connecting</p>
<script>
"use strict";
const id = DEVICE_ID;
const tag = QA_TAG;
const kKeptLines = 100;
const ui = document.getElementById("ui");
const elements = {};

function send(name, eventType, values) {
  return fetch("/api/plugins/callUIEvent", {
    method: "POST",
    body: JSON.stringify({ deviceID: id, elementName: name, eventType: eventType, values: values }),
  });
}

// One element of a row: its control (or label text) with its caption.
function cell(name, node, caption) {
  const span = document.createElement("span");
  span.className = "cell";
  if (caption !== undefined) {
    const label = document.createElement("label");
    label.htmlFor = name;
    label.textContent = caption + " ";
    span.appendChild(label);
  }
  span.appendChild(node);
  elements[name] = node;
  return span;
}

function addRow(cells) {
  const div = document.createElement("div");
  div.className = "row";
  for (const c of cells) div.appendChild(c);
  ui.appendChild(div);
}

function row(name, node, caption) { addRow([cell(name, node, caption)]); }

// A select's <option>s from the HC3's options ({type, text, value}),
// those in `selected` (strings) chosen.
function fillOptions(node, options, selected) {
  node.replaceChildren();
  for (const o of Array.isArray(options) ? options : []) {
    const option = document.createElement("option");
    option.value = String(o.value);
    option.textContent = o.text !== undefined ? String(o.text) : String(o.value);
    option.selected = selected.includes(String(o.value));
    node.appendChild(option);
  }
}

function chosen(node) {
  return Array.from(node.selectedOptions, (o) => o.value);
}

function control(name, kind, state) {
  let node;
  if (state.type === "select" || state.type === "multi") {
    node = document.createElement("select");
    node.multiple = state.type === "multi";
    const selected = state.type === "multi" ? state.selectedItems : [state.selectedItem ?? state.value];
    fillOptions(node, state.options, (Array.isArray(selected) ? selected : []).filter((v) => v != null).map(String));
    node.onchange = () => send(name, "onToggled", node.multiple ? [chosen(node)] : [node.value]);
  } else if (kind === "onChanged") {
    node = document.createElement("input");
    node.type = "range";
    node.min = state.min ?? 0;
    node.max = state.max ?? 100;
    if (state.step != null) node.step = state.step;
    node.value = state.value || 0;
    node.onchange = () => send(name, "onChanged", [Number(node.value)]);
  } else if (kind === "onToggled") {
    node = document.createElement("input");
    node.type = "checkbox";
    node.checked = state.value === true || state.value === "true";
    node.onchange = () => send(name, "onToggled", [node.checked]);
  } else {
    node = document.createElement("button");
    node.textContent = state.text || name;
    node.onclick = () => send(name, "onReleased", []);
  }
  node.id = name;
  return node;
}

// The event a control sends, by the HC3 component type.
const kKinds = { button: "onReleased", slider: "onChanged", switch: "onToggled", select: "onToggled" };

function label(name, state) {
  const node = document.createElement("span");
  node.id = name;
  node.textContent = state.text || "";
  return node;
}

// The rows of the device's uiView, as the HC3 lays them out (several
// elements side by side); then anything else its view holds.
function renderRows(device, view, placed) {
  for (const r of device.properties.uiView || []) {
    const cells = [];
    for (const c of (r && r.components) || []) {
      if (typeof c.name !== "string" || placed[c.name]) continue;
      placed[c.name] = true;
      const state = Object.assign({}, c, view[c.name] || {});
      if (c.type === "label") {
        cells.push(cell(c.name, label(c.name, state)));
      } else if (kKinds[c.type]) {
        if (c.type === "select") state.type = c.selectionType === "multi" ? "multi" : "select";
        const node = control(c.name, kKinds[c.type], state);
        cells.push(cell(c.name, node, node.tagName === "BUTTON" ? undefined : state.text || c.name));
      }
    }
    if (cells.length > 0) addRow(cells);
  }
}

function render(device) {
  document.getElementById("name").textContent = device.name;
  const view = device.view || {};
  const placed = {};
  renderRows(device, view, placed);
  const kinds = {};
  for (const cb of device.properties.uiCallbacks || []) {
    if (!placed[cb.name]) kinds[cb.name] = kinds[cb.name] || cb.eventType;
  }
  // A select without a callback still shows its choice.
  for (const [name, state] of Object.entries(view)) {
    if (!placed[name] && !kinds[name] && (state.type === "select" || state.type === "multi")) kinds[name] = "onToggled";
  }
  for (const [name, kind] of Object.entries(kinds)) {
    const state = view[name] || {};
    const node = control(name, kind, state);
    row(name, node, node.tagName === "BUTTON" ? undefined : state.text || name);
  }
  for (const [name, state] of Object.entries(view)) {
    if (kinds[name] || placed[name]) continue;
    row(name, label(name, state));
  }
}

function show(value) { return typeof value === "string" ? value : JSON.stringify(value); }

// Scalar properties (tables such as uiCallbacks stay out), sorted by name.
function setProperty(name, value) {
  if (value !== null && typeof value === "object") return;
  let td = document.getElementById("property-" + name);
  if (!td) {
    const body = document.querySelector("#properties tbody");
    const tr = document.createElement("tr");
    tr.dataset.name = name;
    const key = document.createElement("td");
    key.textContent = name;
    td = document.createElement("td");
    td.id = "property-" + name;
    tr.append(key, td);
    const after = Array.from(body.children).find((r) => r.dataset.name > name);
    body.insertBefore(tr, after || null);
  }
  td.textContent = show(value);
}

function logLine(line) {
  const body = document.querySelector("#log tbody");
  const tr = document.createElement("tr");
  for (const text of [new Date(line.timestamp * 1000).toLocaleTimeString(), line.type.toUpperCase(), line.message]) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.appendChild(td);
  }
  tr.className = "line-" + line.type;
  body.appendChild(tr);
  while (body.children.length > kKeptLines) body.removeChild(body.firstChild);
}

function update(event) {
  if (event.type === "DebugMessageEvent") {
    if (event.data.deviceId === id || event.data.tag === tag) logLine(event.data);
    return;
  }
  if (event.type === "DevicePropertyUpdatedEvent" && event.data.id === id) {
    setProperty(event.data.property, event.data.newValue);
    return;
  }
  if (event.type !== "PluginChangedViewEvent" || event.data.deviceId !== id) return;
  const node = elements[event.data.elementName];
  if (!node) return;
  const value = event.data.newValue;
  const property = event.data.propertyName;
  if (node.tagName === "SELECT") {
    const list = (v) => (Array.isArray(v) ? v : [v]).filter((x) => x != null).map(String);
    if (property === "options") fillOptions(node, value, chosen(node));
    else if (property === "selectedItem" || property === "selectedItems" || property === "value") {
      const selected = list(value);
      for (const option of node.options) option.selected = selected.includes(option.value);
    } else if (property === "text") {
      const label = node.parentNode.querySelector("label");
      if (label) label.textContent = String(value) + " ";
    }
  } else if (property === "text") {
    node.textContent = String(value);
  } else if (property === "value") {
    if (node.type === "checkbox") node.checked = value === true || value === "true";
    else if (node.type === "range") node.value = value;
    else node.textContent = String(value);
  }
}

Promise.all([
  fetch("/api/devices/" + id).then((r) => r.json()),
  fetch("/api/debugMessages").then((r) => r.json()),
]).then(([device, messages]) => {
  render(device);
  for (const [name, value] of Object.entries(device.properties)) setProperty(name, value);
  for (const line of messages.messages || []) if (line.tag === tag) logLine(line);
  const lastLogged = messages.nextLast || 0;
  const ws = new WebSocket("ws://" + location.host + "/api/events");
  const status = document.getElementById("status");
  ws.onopen = () => { status.textContent = "live"; };
  ws.onclose = () => { status.textContent = "disconnected"; };
  ws.onmessage = (m) => {
    const event = JSON.parse(m.data);
    if (event.type === "DebugMessageEvent" && event.data.id <= lastLogged) return;  // listed already
    update(event);
  };
});
</script>
</body>
</html>
]=]
