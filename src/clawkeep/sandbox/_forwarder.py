"""The in-sandbox half of egress, as source text run by the sandbox's own python3.

It listens on the sandbox's private loopback, exports HTTP(S)_PROXY pointing at it, runs
the command, and copies each connection to the unix socket of the proxy outside. It is
not trusted: the sandboxed command can kill or replace it, and still reaches nothing but
that socket, where every destination is checked.
"""

from __future__ import annotations

__all__ = ["FORWARDER_SOURCE"]

FORWARDER_SOURCE = r"""
import os, socket, subprocess, sys, threading
SOCK = sys.argv[1]
def pipe(a, b):
    try:
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
def serve(conn):
    up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        up.connect(SOCK)
    except OSError:
        conn.close(); up.close(); return
    threading.Thread(target=pipe, args=(conn, up), daemon=True).start()
    pipe(up, conn)
lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
lst.bind(("127.0.0.1", 0))
lst.listen(64)
url = "http://127.0.0.1:%d" % lst.getsockname()[1]
def accept():
    while True:
        c, _ = lst.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()
threading.Thread(target=accept, daemon=True).start()
env = dict(os.environ)
for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
    env[k] = url
env["NO_PROXY"] = env["no_proxy"] = ""
try:
    rc = subprocess.call(sys.argv[3:], env=env)
except OSError as exc:
    print("sandbox: %s" % exc, file=sys.stderr)
    rc = 127
sys.exit(rc)
"""
