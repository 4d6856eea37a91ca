"""Whether a program serves files or exposes the machine: one-line web and file servers,
proxies and tunnels listening beyond loopback, notebooks and web terminals.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_args import HELP, value_of
from clawkeep.guards.command_guard._fx_tables import SERVES, SOCKET_SERVERS, TELNETDS, WEB_SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import Arg

__all__ = [
    "kubectl",
    "ruby_run",
    "serve_argv",
    "serve_root",
    "serves",
    "smbserver",
    "socket_server",
    "tailscale",
    "web_shell",
]
_OPERAND_VALUES = {"-p", "--port", "-a", "--address", "-c", "-l", "--listen", "-i", "-b"}
_OPERAND_VALUES |= {"--bind-address", "--host", "--addr", "-d", "--directory", "-t"}
_LOOPBACK_HOST = re.compile(
    r"^(\w+://)?(localhost|127\.[\d.]+|\[?::1\]?)(:\d+)?/?$|^(tcp:)?\d+:"
    r"interface=(127\.[\d.]+|localhost)"
)


def loopback_bind(bind: str | None) -> bool:
    """A listen address that only this machine can reach (None: the all-interfaces default)."""
    if bind is None:
        return False
    return bool(_LOOPBACK_HOST.match(bind))


def serve_root(cmd: Cmd, w: Walker, root: str, what: str, bind: str | None = "127.0.0.1") -> None:
    """Judge one served directory and where it listens.

    Beyond the workspace, never; the workspace itself only on a loopback address.
    """
    found = w.place(root)
    if found.kind not in ("workspace", "workspace_root", "temp"):
        # file_server: every file under the root becomes readable from the network
        w.flag("file_server", f"{what} serves {found.path} to the network")
    elif not loopback_bind(bind):
        # file_server: the agent's files, readable by any machine that can reach this one
        w.flag("file_server", f"{what} serves {found.path} on every interface")


def serve_argv(cmd: Cmd, w: Walker, kind: str, args: list[Arg]) -> None:
    """A file server's arguments: its root and its listen address, by the ``SERVES`` row."""
    options, operand, binds = SERVES[kind]
    root: str | None = None
    bind: str | None = None
    for index in range(len(args)):
        for flag in options:
            value = value_of(args, index, flag)
            if value is not None:
                root = value
        for flag in binds:
            value = value_of(args, index, flag)
            if value is not None:
                bind = value
    if kind == "httpd" and bind is not None:
        bind = bind.rsplit(":", 1)[0] if ":" in bind else None  # -p [IP:]PORT
    if kind == "serve" and bind is not None and re.fullmatch(r"\d+", bind):
        bind = None  # serve -l 3000: every interface
    if root is None and operand:
        rest = [a.text for a in args]
        positional = [
            t
            for i, t in enumerate(rest)
            if not t.startswith("-")
            and (i == 0 or rest[i - 1] not in _OPERAND_VALUES)
            and not re.fullmatch(r"\d+", t)
        ]
        root = positional[operand - 1] if len(positional) >= operand else None
    if kind == "ftp-srv":
        # ftp-srv [URL]: the listen address is its operand (ftp://127.0.0.1:21 by default)
        urls = [a.text for a in args if re.match(r"^\w+://", a.text)]
        bind = re.sub(r"^\w+://", "", urls[0]).rsplit(":", 1)[0] if urls else "127.0.0.1"
    serve_root(cmd, w, root or ".", cmd.name, bind)


def serves(cmd: Cmd, w: Walker) -> None:
    if cmd.name == "twistd" and "web" not in cmd.values():
        return
    if set(cmd.values()) & {"--help", "--version"} or (
        len(cmd.args) == 1 and cmd.args[0].text in HELP
    ):
        return
    if cmd.name == "goshs" and {"-tunnel", "--tunnel"} & set(cmd.values()):
        # tunnel: goshs -tunnel publishes the served folder through a public relay
        w.flag("tunnel", "goshs -tunnel exposes this machine through a public relay")
        return
    if cmd.name == "caddy" and "file-server" not in cmd.values():
        return
    serve_argv(cmd, w, cmd.name, cmd.args)


def ruby_run(cmd: Cmd, w: Walker) -> None:
    """``ruby -run -e httpd DIR``: un.rb's web server."""
    values = cmd.values()
    if "-run" not in values and not any(v in ("-r", "-run") for v in values):
        return
    for index, text in enumerate(values):
        if text in ("-ehttpd", "-e") and (
            text == "-ehttpd" or values[index + 1 : index + 2] == ["httpd"]
        ):
            rest = cmd.args[index + (1 if text == "-ehttpd" else 2) :]
            serve_argv(cmd, w, "ruby-httpd", [a for a in rest if a.text != "--"])


def _non_loopback(value: str) -> bool:
    return value not in ("localhost", "127.0.0.1", "::1", "[::1]")


def kubectl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if not verbs or verbs[0] not in ("proxy", "port-forward"):
        return
    for index in range(len(cmd.args)):
        for flag in ("--address", "--www", "-w", "--accept-hosts"):
            value = value_of(cmd.args, index, flag)
            if value is None:
                continue
            if flag in ("--www", "-w"):
                serve_root(cmd, w, value, "kubectl proxy --www")
            elif flag == "--accept-hosts" or any(_non_loopback(v) for v in value.split(",")):
                # tunnel: the cluster API or a pod port is opened to other machines
                w.flag("tunnel", f"kubectl {verbs[0]} listens on {value} for other machines")
                return


def tailscale(cmd: Cmd, w: Walker) -> None:
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if not verbs or verbs[0] not in ("serve", "funnel"):
        return
    if (len(verbs) > 1 and verbs[1] in ("status", "reset", "off")) or set(cmd.values()) & HELP:
        return
    # tunnel: serve shares a port or a directory with the tailnet, funnel with the internet
    w.flag("tunnel", f"tailscale {verbs[0]} exposes this machine to other machines")


def web_shell(cmd: Cmd, w: Walker) -> None:
    options, everywhere = WEB_SHELLS[cmd.name]
    if set(cmd.values()) & HELP:
        return
    bind: str | None = None if everywhere else "127.0.0.1"
    for index in range(len(cmd.args)):
        for flag in options:
            value = value_of(cmd.args, index, flag)
            if value is not None:
                bind = value
    host = bind.rsplit(":", 1)[0] if bind and re.search(r":\d+$", bind) else bind
    if host in ("lo", "localhost") or loopback_bind(host):
        return
    # tunnel: a notebook, web IDE or web terminal on a reachable address is a shell there
    w.flag("tunnel", f"{cmd.name} hands out a shell to every machine that reaches {host or '*'}")


def smbserver(cmd: Cmd, w: Walker) -> None:
    operands = [a.text for a in cmd.args if not a.text.startswith("-")]
    if len(operands) >= 2:
        serve_root(cmd, w, operands[1], "smbserver", None)


def socket_server(cmd: Cmd, w: Walker) -> None:
    """``tcpsvd IP PORT PROG``, ``telnetd -l PROG``: each connection is handed to a program."""
    values = cmd.values()
    if set(values) & HELP:
        return
    if cmd.name in TELNETDS:
        # reverse_shell: a telnet daemon gives whoever connects a login (or -l PROG) session
        w.flag("reverse_shell", f"{cmd.name} hands a shell session to whoever connects")
        return
    takes = SOCKET_SERVERS[cmd.name]
    index = 0
    while index < len(values) and values[index].startswith("-"):
        index += 2 if values[index] in takes else 1
    rest = cmd.args[index:]
    if len(rest) < 3:
        return
    if not loopback_bind(rest[0].text):
        # raw_socket: a listener on the network whose every connection reaches a program
        w.flag("raw_socket", f"{cmd.name} hands connections on {rest[0].text} to a program")
    w.run_argv(rest[2:])
