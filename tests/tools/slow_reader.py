"""slow_reader.py PORT PATH: GET PATH twice on one kept-alive connection
with a small receive buffer, reading the first answer in small pieces with
pauses, so that the server's socket fills and the rest of the answer
waits in a uv_write (the web server's partial-write path). Prints, per
answer, its status, whether its body is as long as its Content-Length, and
whether the body is a JSON list, then whether the connection stayed open
for the second request. Then readers that half-close, read a little and
leave: writing the rest fails, and the server must still answer the next
request (EPIPE, no SIGPIPE)."""
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

s.close()
for _ in range(3):
    leaver = socket.socket()
    leaver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    leaver.connect(("127.0.0.1", port))
    leaver.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    leaver.shutdown(socket.SHUT_WR)  # done sending: the server still answers
    leaver.recv(1000)
    leaver.close()  # with the answer unread: the rest of it cannot be written
    time.sleep(0.05)
after = socket.create_connection(("127.0.0.1", port), timeout=20)
after.sendall(b"GET /api/devices/5555 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
print("readers that leave mid-answer, then a request:", after.recv(100).split(b"\r\n")[0].decode())
