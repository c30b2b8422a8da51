#!/usr/bin/env python3
"""A /api/refreshStates long-poll against plua's HC3 API server, in order:
a request with last=N and nothing newer is held (a later request on another
connection is answered first, and the held one has sent nothing), then an
action that changes a property wakes it with that event.
   longpoll_check.py PORT"""
import http.client
import json
import socket
import sys

port = int(sys.argv[1])


def request(method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request(method, path, body=json.dumps(body) if body is not None else None)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, json.loads(data) if data else None


status, state = request("GET", "/api/refreshStates?last=0")
last = state["last"]
print("first call answers at once:", status, "last > 0:", last > 0)

held = socket.create_connection(("127.0.0.1", port), timeout=20)
held.sendall(f"GET /api/refreshStates?last={last} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
# Requests on another connection, sent after it, are answered first.
for _ in range(2):
    request("GET", "/api/settings/info")
held.setblocking(False)
try:
    early = held.recv(65536)
except BlockingIOError:
    early = b""
print("held while nothing happens:", early == b"")

status, _ = request("POST", "/api/devices/5555/action/turnOn", {"args": []})
print("action:", status)
held.setblocking(True)
raw = b""
while b"\r\n\r\n" not in raw:
    raw += held.recv(65536)
head, _, body = raw.partition(b"\r\n\r\n")
length = int([line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")][0])
while len(body) < length:
    body += held.recv(65536)
woken = json.loads(body)
print("woken:", head.split(b"\r\n")[0].decode(), "last moved:", woken["last"] > last)
for event in woken["events"]:
    data = event["data"]
    print("event:", event["type"], data.get("id"), data.get("property"), data.get("newValue"))
held.close()
