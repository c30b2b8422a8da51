#!/usr/bin/python3
"""The hostile-request matrix of tests/golden/web/hostile_raw.cmd, on raw
sockets to a QuickApp's HC3 API server on 127.0.0.1:PORT. Prints, per
case, the status line the server answered (or that it closed the
connection without one), then the answer to a good request on a fresh
connection, which must be 200. The half-sent cases stay open while the
good request is served, and wait (bounded) for the server to close them.

  raw_http.py PORT
"""
import socket
import sys
import time

PORT = int(sys.argv[1])
GOOD = b"GET /api/devices/5555/properties/value HTTP/1.1\r\nHost: x\r\n\r\n"


def connect():
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def status_of(sock):
    """The first line the server sends, or 'closed' / 'no answer'."""
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                return "closed without an answer" if not data else "closed after " + repr(data[:40])
            data += chunk
    except socket.timeout:
        return "no answer in 10 s"
    except ConnectionResetError:
        # The server closed with our bytes unread (a reset): no answer either.
        return "closed without an answer" if not data else "closed after " + repr(data[:40])
    return data.split(b"\r\n", 1)[0].decode("latin-1")


def good():
    s = connect()
    s.sendall(GOOD)
    line = status_of(s)
    s.close()
    return line


def case(name, raw):
    s = connect()
    try:
        s.sendall(raw)
    except (BrokenPipeError, ConnectionResetError):
        pass
    print(f"{name}: {status_of(s)}")
    s.close()
    print(f"  then a good request: {good()}")


def waits_closed(sock, limit):
    """Whether the server closes `sock` (without answering) within `limit` s."""
    sock.settimeout(limit)
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return "closed by the server"
            return "answered " + repr(chunk.split(b"\r\n", 1)[0].decode("latin-1"))
    except socket.timeout:
        return f"still open after {limit} s"
    except ConnectionResetError:
        return "closed by the server"


case("garbage", b"HELLO THERE\r\n\r\n")
case("no HTTP version (served as HTTP/1.0)", b"GET /api/devices\r\n\r\n")
case("binary junk", bytes(range(256)) * 4)
case("absolute-form target", b"GET http://evil.example/api/devices/5555/properties/value HTTP/1.1\r\nHost: x\r\n\r\n")
case("header of 64 KiB", b"GET /api/devices HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
case("10,000 headers", b"GET /api/devices HTTP/1.1\r\n" + b"X-A: b\r\n" * 10000 + b"\r\n")
case("URI of 64 KiB", b"GET /api/" + b"a" * 65536 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
case("UI path ../", b"GET /qa/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")
case("UI path %2e%2e", b"GET /qa/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")
case("UI path %2e%2e%2f", b"GET /qa/5555%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n")
# A %00 anywhere in the path is refused (400): no C string ends early.
case("NUL in the path", b"GET /api/devices/%00 HTTP/1.1\r\nHost: x\r\n\r\n")
case("NUL inside a segment", b"GET /api/devices/5555%00x HTTP/1.1\r\nHost: x\r\n\r\n")
case("negative Content-Length", b"POST /api/globalVariables HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}")
case("two Content-Lengths", b"POST /api/globalVariables HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}")

# Two requests in one write: both answered, in order, on the connection.
pipe = connect()
pipe.sendall(GOOD + GOOD.replace(b"5555", b"99999"))
data = b""
while data.count(b"HTTP/1.1 ") < 2 or not data.endswith(b"}"):
    chunk = pipe.recv(4096)
    if not chunk:
        break
    data += chunk
pipe.close()
answers = [a.split(b"\r\n", 1)[0].decode("latin-1") + " " + a.rsplit(b"\r\n", 1)[-1].decode("latin-1")
           for a in data.split(b"HTTP/1.1 ")[1:]]
print(f"two pipelined requests: {' | '.join(answers)}")

# A client that half-closes after its request still gets the answer.
half_closed = connect()
half_closed.sendall(GOOD)
half_closed.shutdown(socket.SHUT_WR)
print(f"half-closed after the request: {status_of(half_closed)}")
half_closed.close()

# Half-sent: the headers never end; a body shorter than its Content-Length.
half = connect()
half.sendall(b"GET /api/devices/5555 HTTP/1.1\r\nHost: x\r\n")
short = connect()
short.sendall(b"POST /api/globalVariables HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"name\":")
print(f"while a request is half-sent and a body is short: {good()}")
print(f"half-sent headers: {waits_closed(half, 20)}")
print(f"short body: {waits_closed(short, 20)}")
half.close()
short.close()
print(f"afterwards: {good()}")
