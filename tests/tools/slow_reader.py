"""slow_reader.py PORT PATH: GET PATH twice on one kept-alive connection
with a small receive buffer, reading the first answer in small pieces with
pauses, so that the server's socket fills and the answer waits in
libwebsockets (the web server's partial-write path). Prints, per answer,
its status, whether its body is as long as its Content-Length, and
whether the body is a JSON list, then whether the connection stayed open
for the second request."""
import json
import socket
import sys
import time

port, path = int(sys.argv[1]), sys.argv[2]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect(("127.0.0.1", port))
s.settimeout(20)
buffered = b""


def read_some(n, slow):
    global buffered
    while len(buffered) < n:
        if slow:
            time.sleep(0.002)
        piece = s.recv(2048 if slow else 65536)
        if not piece:
            raise EOFError("the server closed the connection")
        buffered += piece


def answer(slow):
    global buffered
    while b"\r\n\r\n" not in buffered:
        read_some(len(buffered) + 1, slow)
    head, buffered = buffered.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    length = int(headers["content-length"])
    read_some(length, slow)
    body, buffered = buffered[:length], buffered[length:]
    return lines[0], len(body) == length, isinstance(json.loads(body), list)


for slow in (True, False):
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    status, complete, is_list = answer(slow)
    print(f"{'slow' if slow else 'fast'}: {status}, body complete: {complete}, JSON list: {is_list}")
print("one connection for both: yes")
