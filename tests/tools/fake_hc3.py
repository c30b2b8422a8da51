#!/usr/bin/env python3
"""A fake HC3 for plua's tests: the parts of the HC3 REST API plua uses,
behind HTTP Basic auth, over an in-memory model (devices, global variables,
rooms, sections, custom events, alarm partitions, scenes, QuickApps and
their files, the refreshStates event log).

    fake_hc3.py --user U --password P [--pin N] --port-file FILE

Listens on 127.0.0.1, a free port chosen by the system, written to FILE
once the server accepts connections. Runs until killed. Without auth
(test only): GET /__fake/log lists the requests seen ("METHOD PATH", with
" +pin" when the PIN header came), POST /__fake/emit {type, data} adds an
event, POST /__fake/set {id, property, value} changes a device property
(an event too), as the HC3's own devices would, POST /__fake/hang
{seconds} makes every later API request wait that long (a slow HC3).
"""
import argparse
import base64
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

LOCK = threading.Condition()
LOG = []
EVENTS = []
LAST = [0]
HANG = [0.0]  # seconds every API request waits before its answer (POST /__fake/hang)

DEVICES = {
    1: {"id": 1, "name": "zwave", "type": "com.fibaro.zwavePrimaryController", "roomID": 0, "parentId": 0,
        "interfaces": [], "properties": {}, "actions": {}},
    46: {"id": 46, "name": "Kitchen lamp", "type": "com.fibaro.binarySwitch", "roomID": 219, "parentId": 0,
         "interfaces": ["light"], "properties": {"value": False, "dead": False},
         "actions": {"turnOn": 0, "turnOff": 0, "toggle": 0, "setValue": 1}},
    47: {"id": 47, "name": "Hall sensor", "type": "com.fibaro.temperatureSensor", "roomID": 220, "parentId": 0,
         "interfaces": [], "properties": {"value": 21.5, "unit": "C"}, "actions": {}},
}
GLOBALS = {"HouseMode": {"name": "HouseMode", "value": "Home", "readOnly": False, "isEnum": False,
                         "enumValues": [], "created": 1700000000, "modified": 1700000000}}
ROOMS = [{"id": 219, "name": "Kitchen", "sectionID": 218}, {"id": 220, "name": "Hall", "sectionID": 218}]
SECTIONS = [{"id": 218, "name": "Ground floor"}]
CUSTOM_EVENTS = {"Doorbell": {"name": "Doorbell", "userDescription": ""}}
PARTITIONS = [{"id": 1, "name": "House", "armed": False, "breached": False, "devices": [47]}]
SCENES = [{"id": 10, "name": "Morning", "type": "lua"}]
FILES = {}  # QuickApp id -> [ {name, isMain, isOpen, type, content} ]
EXPORTED = ["quickAppVariables", "uiCallbacks", "viewLayout", "uiView", "useUiView", "typeTemplateInitialized",
            "apiVersion", "manufacturer", "model", "deviceRole", "userDescription", "quickAppUuid"]
INFO = {"serialNumber": "HC3-00000042", "hcName": "FakeHC3", "softVersion": "5.170.16", "platform": "HC3"}


def emit(kind, data):
    with LOCK:
        LAST[0] += 1
        EVENTS.append({"id": LAST[0], "type": kind, "data": data, "created": int(time.time())})
        LOCK.notify_all()


def set_property(device, name, value):
    old = device["properties"].get(name)
    device["properties"][name] = value
    device["modified"] = int(time.time())
    if old != value:
        emit("DevicePropertyUpdatedEvent", {"id": device["id"], "property": name, "newValue": value, "oldValue": old})


def error(status, reason, message):
    return status, {"type": "ERROR", "reason": reason, "message": message}


def export(device):
    props = {k: device["properties"][k] for k in EXPORTED if k in device["properties"]}
    return {"name": device["name"], "type": device["type"], "apiVersion": "1.3", "initialProperties": props,
            "initialInterfaces": [i for i in device["interfaces"] if i != "quickApp"],
            "files": [dict(f) for f in FILES.get(device["id"], [])]}


def install(fqa):
    if not isinstance(fqa, dict) or not isinstance(fqa.get("files"), list) or "name" not in fqa or "type" not in fqa:
        return error(400, "BadRequest", "an .fqa needs name, type and files")
    new_id = max(list(DEVICES) + [999]) + 1
    props = dict(fqa.get("initialProperties") or {})
    props.setdefault("quickAppVariables", [])
    DEVICES[new_id] = {"id": new_id, "name": fqa["name"], "type": fqa["type"], "roomID": 219, "parentId": 0,
                       "interfaces": ["quickApp"] + [i for i in fqa.get("initialInterfaces") or [] if i != "quickApp"],
                       "properties": props, "actions": {}}
    FILES[new_id] = [{"name": f["name"], "isMain": bool(f.get("isMain")), "isOpen": False, "type": "lua",
                      "content": f.get("content", "")} for f in fqa["files"]]
    emit("DeviceCreatedEvent", {"id": new_id})
    return 201, DEVICES[new_id]


def find_file(qa, name):
    return next((f for f in FILES.get(qa, []) if f["name"] == name), None)


def route(method, parts, query, body):
    """(method, path parts after /api, query, JSON body) -> (status, body)."""
    n = len(parts)
    head = parts[0] if parts else ""
    if head == "settings" and parts[1:] == ["info"]:
        return 200, INFO
    if head == "devices":
        if n == 1 and method == "GET":
            out = list(DEVICES.values())
            for key, values in query.items():
                v = values[0]
                if key == "interface":
                    out = [d for d in out if v in d["interfaces"]]
                elif key in ("parentId", "roomID"):
                    out = [d for d in out if str(d.get(key)) == v]
                elif key in ("type", "name"):
                    out = [d for d in out if d.get(key) == v]
            return 200, sorted(out, key=lambda d: d["id"])
        device = DEVICES.get(int(parts[1])) if n > 1 and parts[1].isdigit() else None
        if device is None:
            return error(404, "NotFound", "Device not found")
        if n == 2 and method == "GET":
            return 200, device
        if n == 2 and method == "DELETE":
            del DEVICES[device["id"]]
            FILES.pop(device["id"], None)
            emit("DeviceRemovedEvent", {"id": device["id"]})
            return 200, None
        if n == 2 and method == "PUT":
            for k, v in (body.get("properties") or {}).items():
                set_property(device, k, v)
            if "name" in body:
                device["name"] = body["name"]
            return 200, device
        if n == 4 and parts[2] == "properties" and method == "GET":
            if parts[3] not in device["properties"]:
                return error(404, "NotFound", "Property not found")
            return 200, {"value": device["properties"][parts[3]], "modified": device.get("modified", 0)}
        if n == 4 and parts[2] == "action" and method == "POST":
            action, args = parts[3], body.get("args") or []
            value = device["properties"].get("value")
            if action == "turnOn":
                set_property(device, "value", True)
            elif action == "turnOff":
                set_property(device, "value", False)
            elif action == "toggle":
                set_property(device, "value", not value)
            elif action == "setValue" and args:
                set_property(device, "value", args[0])
            else:
                emit("DeviceActionRanEvent", {"id": device["id"], "actionName": action, "args": args})
            now = int(time.time() * 1000)
            return 202, {"endTimestampMillis": now, "message": "Accepted", "startTimestampMillis": now}
    if head == "globalVariables":
        if n == 1 and method == "GET":
            return 200, list(GLOBALS.values())
        if n == 1 and method == "POST":
            if body.get("name") in GLOBALS:
                return error(409, "Conflict", "Global variable already exists")
            GLOBALS[body["name"]] = {"name": body["name"], "value": str(body.get("value", "")), "readOnly": False,
                                     "isEnum": False, "enumValues": [], "created": int(time.time()),
                                     "modified": int(time.time())}
            return 201, GLOBALS[body["name"]]
        g = GLOBALS.get(parts[1]) if n == 2 else None
        if g is None:
            return error(404, "NotFound", "Global variable not found")
        if method == "GET":
            return 200, g
        if method == "PUT":
            old, g["value"], g["modified"] = g["value"], str(body.get("value", "")), int(time.time())
            emit("GlobalVariableChangedEvent", {"variableName": g["name"], "newValue": g["value"], "oldValue": old})
            return 200, g
        if method == "DELETE":
            del GLOBALS[parts[1]]
            return 200, None
    if head in ("rooms", "sections") and method == "GET":
        items = ROOMS if head == "rooms" else SECTIONS
        if n == 1:
            return 200, items
        item = next((i for i in items if str(i["id"]) == parts[1]), None)
        return (200, item) if item else error(404, "NotFound", head[:-1].capitalize() + " not found")
    if head == "customEvents":
        if n == 1 and method == "GET":
            return 200, list(CUSTOM_EVENTS.values())
        if n >= 2 and method == "POST":
            if parts[1] not in CUSTOM_EVENTS:
                return error(404, "NotFound", "Custom event not found")
            emit("CustomEvent", {"name": parts[1]})
            return 204, None
    if head == "alarms" and parts[1:3] == ["v1", "partitions"] and method == "GET":
        return 200, PARTITIONS
    if head == "scenes":
        if n == 1 and method == "GET":
            return 200, SCENES
        if n == 3 and method == "POST" and any(str(s["id"]) == parts[1] for s in SCENES):
            emit("SceneStartedEvent" if parts[2] == "execute" else "SceneFinishedEvent", {"id": int(parts[1])})
            return 202, None
    if head == "plugins" and parts[1:] == ["createChildDevice"] and method == "POST":
        parent = DEVICES.get(body.get("parentId"))
        if parent is None:
            return error(404, "NotFound", "Parent device not found")
        new_id = max(list(DEVICES) + [999]) + 1
        DEVICES[new_id] = {"id": new_id, "name": body.get("name"), "type": body.get("type"),
                           "roomID": parent["roomID"], "parentId": parent["id"],
                           "interfaces": ["quickAppChild"] + (body.get("initialInterfaces") or []),
                           "properties": dict(body.get("initialProperties") or {}), "actions": {}}
        emit("DeviceCreatedEvent", {"id": new_id})
        return 200, DEVICES[new_id]
    if head == "plugins" and n == 3 and parts[1] == "removeChildDevice" and method == "DELETE":
        child = DEVICES.get(int(parts[2])) if parts[2].isdigit() else None
        if child is None or not child.get("parentId"):
            return error(404, "NotFound", "Child device not found")
        del DEVICES[child["id"]]
        emit("DeviceRemovedEvent", {"id": child["id"]})
        return 200, None
    if head == "plugins":
        target = DEVICES.get(body.get("deviceId") or body.get("deviceID"))
        if n == 2 and method == "POST" and target is None:
            return error(404, "NotFound", "Device not found")
        if parts[1:] == ["updateProperty"]:
            set_property(target, body["propertyName"], body.get("value"))
            return 204, None
        if parts[1:] == ["updateView"]:
            target.setdefault("view", {}).setdefault(body["componentName"], {})[body["propertyName"]] = body["newValue"]
            return 204, None
        if parts[1:] == ["interfaces"]:
            names = body.get("interfaces") or []
            if body.get("action") == "add":
                target["interfaces"] += [i for i in names if i not in target["interfaces"]]
            else:
                target["interfaces"] = [i for i in target["interfaces"] if i not in names]
            return 204, None
    if head == "quickApp":
        if n == 1 and method == "POST":
            return install(body)
        if n == 3 and parts[1] == "export" and method == "GET":
            device = DEVICES.get(int(parts[2])) if parts[2].isdigit() else None
            if device is None or int(parts[2]) not in FILES:
                return error(404, "NotFound", "QuickApp not found")
            return 200, export(device)
        qa = int(parts[1]) if n > 1 and parts[1].isdigit() else None
        if qa not in FILES:
            return error(404, "NotFound", "QuickApp not found")
        if n == 3 and method == "GET":
            return 200, [{k: f[k] for k in ("name", "isMain", "isOpen", "type")} for f in FILES[qa]]
        if n == 3 and method == "POST":
            if find_file(qa, body.get("name")):
                return error(409, "Conflict", "File already exists")
            FILES[qa].append({"name": body["name"], "isMain": False, "isOpen": False, "type": "lua",
                              "content": body.get("content", "")})
            return 200, None
        if n == 3 and method == "PUT":
            for f in body if isinstance(body, list) else []:
                old = find_file(qa, f.get("name"))
                if old is None:
                    return error(404, "NotFound", "File not found")
                old["content"] = f.get("content", "")
            return 200, None
        f = find_file(qa, unquote(parts[3])) if n == 4 else None
        if f is None:
            return error(404, "NotFound", "File not found")
        if method == "GET":
            return 200, f
        if method == "PUT":
            f["content"] = body.get("content", "")
            return 200, None
        if method == "DELETE":
            FILES[qa].remove(f)
            return 200, None
    if head == "refreshStates" and method == "GET":
        last = int(query.get("last", ["0"])[0] or 0)
        with LOCK:
            LOCK.wait_for(lambda: LAST[0] > last, timeout=ARGS.longpoll)
            events = [e for e in EVENTS if e["id"] > last]
            return 200, {"status": "IDLE", "last": LAST[0], "events": events, "changes": [],
                         "timestamp": int(time.time())}
    return error(404, "NotFound", "no such resource")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: without this, a kept-alive client waits 40 ms (delayed ACK) per answer

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="HC3"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:  # the client asked (Connection: close): say so, as real servers do
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            return self.answer(400, {"type": "ERROR", "reason": "BadRequest", "message": "bad JSON"})
        if url.path == "/__fake/log":
            with LOCK:
                return self.answer(200, list(LOG))
        if url.path == "/__fake/emit":
            emit(body["type"], body.get("data", {}))
            return self.answer(200, {})
        if url.path == "/__fake/hang":
            HANG[0] = float(body.get("seconds", 0))
            return self.answer(200, {})
        if url.path == "/__fake/set":
            with LOCK:
                set_property(DEVICES[body["id"]], body["property"], body["value"])
            return self.answer(200, {})
        with LOCK:
            pin = " +pin" if self.headers.get("Fibaro-User-PIN") == ARGS.pin and ARGS.pin else ""
            LOG.append(f"{self.command} {self.path}{pin}")
        want = "Basic " + base64.b64encode(f"{ARGS.user}:{ARGS.password}".encode()).decode()
        if self.headers.get("Authorization") != want:
            return self.answer(401, {"type": "ERROR", "reason": "Unauthorized", "message": "Access denied"})
        if HANG[0] > 0:
            time.sleep(HANG[0])
        if not url.path.startswith("/api/"):
            return self.answer(404, {"type": "ERROR", "reason": "NotFound", "message": "no such resource"})
        parts = [p for p in url.path[len("/api/"):].split("/") if p]
        if url.path.startswith("/api/refreshStates"):
            status, out = route(self.command, parts, parse_qs(url.query), body)
        else:
            with LOCK:
                status, out = route(self.command, parts, parse_qs(url.query), body)
        self.answer(status, out)

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that goes away mid-request (plua ending with a long-poll
        # open) is normal here; anything else is still reported.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--pin", default="")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--longpoll", type=float, default=1.0)
    ARGS = parser.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    with open(ARGS.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(ARGS.port_file + ".tmp", ARGS.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
