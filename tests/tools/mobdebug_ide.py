#!/usr/bin/python3
"""A scripted IDE: the server side of the MobDebug protocol on a loopback
socket, for the golden/debugger tests. It listens on a free port, starts
plua with "{port}" in its arguments replaced by that port, and plays the
commands of SCRIPT one by one, each after the answer to the one before
(order, never timing). It prints what it sends and what it gets, then what
plua wrote and its exit code, with the test folder's path shown as $DIR
and addresses as 0x?.

  mobdebug_ide.py SCRIPT PLUA ARGS...     ("{port}" in ARGS: the port)
  mobdebug_ide.py --nobody PLUA ARGS...   (nobody listens on the port)

SCRIPT lines ("#" starts a comment; "{dir}" is the current directory):
  COMMAND ...   sent; its answer is read (RUN, STEP, OVER, OUT: "200 OK"
                and then the pause, or the end of the connection)
  !COMMAND ...  sent; only an immediate line is read (none for SUSPEND)
  WAIT          reads one message (the pause after !RUN + !SUSPEND)
  WAITOUTPUT    reads one "204 Output" message (the script says where it is)
  CLOSE         the IDE goes away; plua is waited for
  HOLD SECONDS  keeps plua paused that long (the user reading the stack)
  SIGINT        Ctrl-C to plua (while paused); plua is waited for
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time

DIR = os.getcwd()


def clean(text):
    text = text.replace(DIR, "$DIR")
    return re.sub(r"0x[0-9a-fA-F]+", "0x?", text)


def show(prefix, text):
    print(prefix + clean(text), flush=True)


class Peer:
    def __init__(self, conn):
        self.conn = conn
        self.buffer = b""

    def recv(self):
        try:
            return self.conn.recv(65536)
        except OSError:
            return b""

    def line(self):
        while b"\n" not in self.buffer:
            data = self.recv()
            if not data:
                return None
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode(errors="replace")

    def bytes(self, n):
        while len(self.buffer) < n:
            data = self.recv()
            if not data:
                break
            self.buffer += data
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data.decode(errors="replace")

    def message(self, command, outputs=0):
        """One answer, after any "204 Output" messages (printed); with
        outputs=N, N of those messages and nothing else."""
        while True:
            line = self.line()
            if line is None:
                show("< ", "(connection closed)")
                return None
            output = re.match(r"^204 Output (\w+) (\d+)$", line)
            if output:
                show("< ", line + " " + repr(self.bytes(int(output.group(2)))))
                outputs -= 1
                if outputs == 0:
                    return line
                continue
            show("< ", line)
            sized = re.match(r"^(200 OK|401 Error in \w+) (\d+)$", line)
            if sized and (line.startswith("401") or command == "EXEC"):
                show("  ", self.bytes(int(sized.group(2))))
            return line


def run_script(script_path, plua_cmd):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    cmd = [a.replace("{port}", str(port)) for a in plua_cmd]
    plua = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    server.settimeout(20)
    conn, _ = server.accept()
    conn.settimeout(30)
    server.close()
    print("connected", flush=True)
    peer = Peer(conn)
    with open(script_path) as f:
        lines = [l.rstrip("\n") for l in f]
    for raw in lines:
        text = raw.strip().replace("{dir}", DIR)
        if not text or text.startswith("#"):
            continue
        if text == "CLOSE":
            print("(IDE goes away)", flush=True)
            break
        if text == "SIGINT":
            print("(Ctrl-C to plua)", flush=True)
            plua.send_signal(signal.SIGINT)
            plua.wait(timeout=20)
            break
        if text.startswith("HOLD "):
            print("(holding the pause)", flush=True)
            time.sleep(float(text.split()[1]))
            continue
        if text == "WAITOUTPUT":
            peer.message("", outputs=1)
            continue
        if text == "WAIT":
            peer.message("")
            continue
        quick = text.startswith("!")
        if quick:
            text = text[1:]
        command = text.split(" ", 1)[0]
        show("> ", text)
        conn.sendall((text + "\n").encode())
        if command in ("DONE", "SUSPEND"):
            continue
        answer = peer.message(command)
        if answer is None:
            break
        if not quick and command in ("RUN", "STEP", "OVER", "OUT") and answer.startswith("200"):
            if peer.message("") is None:
                break
    conn.close()
    return plua


def main():
    args = sys.argv[1:]
    if args[0] == "--nobody":
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()  # bound, never listening, now closed: connecting is refused
        cmd = [a.replace("{port}", str(port)) for a in args[1:]]
        plua = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    else:
        plua = run_script(args[0], args[1:])
    out, err = plua.communicate(timeout=30)
    print("--- plua stdout", flush=True)
    sys.stdout.write(clean(out.decode()))
    print("--- plua stderr", flush=True)
    sys.stdout.write(re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", clean(err.decode())))
    print("--- plua exit code %d" % plua.returncode, flush=True)


if __name__ == "__main__":
    main()
