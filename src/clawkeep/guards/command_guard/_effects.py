"""Programs by the effect they have, as tables: what carries local data over the network,
what serves files or exposes the machine, what speaks raw protocols through a URL.

Each table names programs and the options or operands that carry the effect; one rule per
table reads it. A new program with a known effect is a new row, not a new special case.
"""

from __future__ import annotations

import ipaddress
import re
import socket

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._words import UNKNOWN, Arg

__all__ = ["EFFECT_RULES", "URL_CLIENTS"]

_LOOPBACK = re.compile(r"^(\w+://)?([^/@]*@)?(localhost|127\.[\d.]+|\[::1\]|::1)([:/]|$)")
_HELP = frozenset({"-h", "--help", "-V", "--version", "version", "help"})

# -- sends a local file: HTTP benchmarkers and clients --------------------------------------
# program -> options whose value is a local file the program sends as a request body.
SENDS_FILE_OPTION: dict[str, frozenset[str]] = {
    "ab": frozenset({"-p", "-u"}),
    "hey": frozenset({"-D"}),
    "oha": frozenset({"-D"}),
    "h2load": frozenset({"-d", "--data"}),
    "vegeta": frozenset({"-body"}),
    "wget": frozenset({"--post-file", "--body-file"}),
    "mosquitto_pub": frozenset({"-f", "--file"}),
    "tftp": frozenset(),
}
# HTTPie-style clients: request items ``field@file``, ``@file``, ``field=@file`` send a file.
HTTPIE = frozenset({"http", "https", "xh", "xhs", "httpie"})
# Clients that send their standard input as the request body when it is a file or a pipe.
STDIN_BODY = frozenset({"http", "https", "xh", "xhs", "lwp-request", "POST", "PUT", "siege"})


def _value_of(args: list[Arg], index: int, flag: str) -> str | None:
    text = args[index].text
    if text == flag:
        return args[index + 1].text if index + 1 < len(args) else None
    if text.startswith(flag + "="):
        return text.split("=", 1)[1]
    if len(flag) == 2 and text.startswith(flag) and not text.startswith("--"):
        return text[2:]
    return None


def _targets(cmd: Cmd) -> list[str]:
    return [a.text for a in cmd.args if re.match(r"^\w+://|^[\w.-]+\.\w{2,}(/|:|$)", a.text)]


def _fed(cmd: Cmd) -> bool:
    """Standard input comes from a file, a heredoc or another command."""
    if cmd.stdin is not None:
        return True
    return any(
        r.op in ("<", "<<", "<<<") and (r.target is None or r.target.text != "/dev/null")
        for r in cmd.redirects
    )


def _sends_file(cmd: Cmd, w: Walker) -> None:
    if set(cmd.values()) & _HELP and len(cmd.args) <= 1:
        return
    targets = _targets(cmd)
    if targets and all(_LOOPBACK.match(t) for t in targets):
        return  # a benchmark or request against this machine sends nothing away
    flags = SENDS_FILE_OPTION.get(cmd.name, frozenset())
    for index in range(len(cmd.args)):
        for flag in flags:
            if _value_of(cmd.args, index, flag) is not None:
                # exfiltration: the file's bytes become a request body to another host
                where = targets or "a host"
                w.flag("exfiltration", f"{cmd.name} {flag} sends a local file to {where}")
                return
    if cmd.name in HTTPIE and any(
        re.match(r"^(@|[\w.-]+(=|:=)?@)(?!$)", a.text) for a in cmd.args if a.static
    ):
        w.flag("exfiltration", f"{cmd.name} uploads a local file to {targets or 'a host'}")
        return
    if cmd.name == "siege" and any(re.search(r"\s(POST|PUT)\s*<", a.text) for a in cmd.args):
        w.flag("exfiltration", "siege posts a local file to a host")
        return
    if cmd.name in STDIN_BODY and _fed(cmd):
        post = cmd.name in ("POST", "PUT") or any(
            a.text in ("POST", "PUT", "PATCH") for a in cmd.args
        )
        if post or cmd.name in HTTPIE:
            w.flag("exfiltration", f"{cmd.name} sends its input to {targets or 'a host'}")


# -- a lookup that carries data: DNS and other name clients ------------------------------
# A name computed at run time ($(…), a variable set from a command) carries data out in
# the query itself, to whoever runs the zone's name server.
LOOKUP = frozenset({"dig", "nslookup", "host", "drill", "delv", "kdig", "ping", "ping6"})
LOOKUP |= frozenset({"whois", "traceroute", "tracepath", "mtr", "getent", "resolvectl"})


def _lookup(cmd: Cmd, w: Walker) -> None:
    for arg in cmd.args:
        if not arg.static and not arg.text.startswith("-"):
            # exfiltration: the looked-up name is built from local data at run time
            w.flag("exfiltration", f"{cmd.name} looks up a name built at run time")
            return
        if cmd.name == "whois" and arg.text in ("-h", "--host"):
            w.flag("exfiltration", "whois sends its query to a server of the caller's choice")
            return


# -- cloud copies: the destination decides -----------------------------------------------
# program -> verbs that copy; the copy leaves the machine when its last operand is remote.
CLOUD_COPY: dict[str, frozenset[str]] = {
    "aws": frozenset({"cp", "sync", "mv"}),
    "gsutil": frozenset({"cp", "rsync", "mv"}),
    "gcloud": frozenset({"cp", "rsync", "mv"}),
    "rclone": frozenset({"copy", "sync", "move", "copyto", "moveto", "bisync"}),
    "s3cmd": frozenset({"put", "sync", "cp", "mv"}),
    "azcopy": frozenset({"copy", "cp", "sync"}),
    "mc": frozenset({"cp", "mirror", "mv"}),
    "b2": frozenset({"upload-file", "sync"}),
}
_CLOUD_URL = re.compile(r"^(s3|gs|az|wasbs?|abfss?|b2|swift)://|^https://[\w.-]+\.(blob|dfs)\.")
# rclone remotes: `name:path`, `name,opt=v:path`, on-the-fly `:backend,opt=v:path`;
# `local:`/`:local:` are this machine's disk.
_RCLONE_REMOTE = re.compile(r"^(:?[\w.-]+)(,[^:/]*)?:(?!//)")


def _remote_store(cmd: Cmd, text: str) -> bool:
    if _CLOUD_URL.match(text):
        return True
    if cmd.name not in ("rclone", "mc"):
        return False
    if UNKNOWN in text.split(":", 1)[0] and ":" in text and "/" not in text.split(":", 1)[0]:
        return True  # "$REMOTE":db — a remote whose name is known only at run time
    match = _RCLONE_REMOTE.match(text)
    return match is not None and match.group(1).lstrip(":") != "local"


def _cloud_copy(cmd: Cmd, w: Walker) -> None:
    operands = [a.text for a in cmd.args if not a.text.startswith("-")]
    verbs = CLOUD_COPY[cmd.name]
    at = next((i for i, v in enumerate(operands[:3]) if v in verbs), None)
    if at is None or len(operands) < at + 3:
        return
    source, rest = operands[at + 1], operands[at + 2 :]
    # The destination follows the source; option values (`--transfers 2`) may follow it,
    # so any later operand naming a store counts, when the source is a local path.
    remote = next((v for v in rest if _remote_store(cmd, v)), None)
    if remote is not None and not _remote_store(cmd, source):
        w.flag("exfiltration", f"{cmd.name} copies local files to {remote}")  # leaves the machine


# -- serves files: one-line web servers and proxies ---------------------------------------
# program -> (options naming the served root, which operand is the root (1: the first
#             operand, 2: the second, 0: none), options naming the listen address).
#             Unless told otherwise they listen on every interface, so the served files
#             are readable from other machines.
SERVES: dict[str, tuple[frozenset[str], int, frozenset[str]]] = {
    "httpd": (frozenset({"-h"}), 0, frozenset({"-p"})),
    "http-server": (frozenset(), 1, frozenset({"-a"})),
    "serve": (frozenset(), 1, frozenset({"-l", "--listen"})),
    "live-server": (frozenset({"--root"}), 1, frozenset({"--host"})),
    "twistd": (frozenset({"--path"}), 0, frozenset({"--listen", "--port"})),
    "webfsd": (frozenset({"-r"}), 0, frozenset({"-i"})),
    "darkhttpd": (frozenset(), 1, frozenset({"--addr"})),
    "miniserve": (frozenset(), 1, frozenset({"-i", "--interfaces"})),
    "caddy": (frozenset({"--root", "-r"}), 0, frozenset({"--listen", "-l"})),
    "uploadserver": (frozenset({"-d", "--directory"}), 0, frozenset({"-b", "--bind"})),
    "http.server": (frozenset({"-d", "--directory"}), 0, frozenset({"-b", "--bind"})),
    "pyftpdlib": (frozenset({"-d", "--directory"}), 0, frozenset({"-i", "--interface"})),
    "updog": (frozenset({"-d", "--directory"}), 0, frozenset()),
    "ruby-httpd": (frozenset(), 1, frozenset({"-b", "--bind-address"})),
    "goshs": (frozenset({"-d", "--dir"}), 0, frozenset({"-i", "--ip"})),
    "atftpd": (frozenset(), 1, frozenset({"--bind-address"})),
    "ptftpd": (frozenset(), 2, frozenset()),  # ptftpd [-p PORT] IFACE ROOT
    "pure-ftpd": (frozenset(), 0, frozenset({"-S", "--bind"})),
    "vsftpd": (frozenset(), 0, frozenset()),
    "ftp-srv": (frozenset({"--root", "-r"}), 0, frozenset()),
}
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
            value = _value_of(args, index, flag)
            if value is not None:
                root = value
        for flag in binds:
            value = _value_of(args, index, flag)
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


def _serves(cmd: Cmd, w: Walker) -> None:
    if cmd.name == "twistd" and "web" not in cmd.values():
        return
    if set(cmd.values()) & {"--help", "--version"} or (
        len(cmd.args) == 1 and cmd.args[0].text in _HELP
    ):
        return
    if cmd.name == "goshs" and {"-tunnel", "--tunnel"} & set(cmd.values()):
        # tunnel: goshs -tunnel publishes the served folder through a public relay
        w.flag("tunnel", "goshs -tunnel exposes this machine through a public relay")
        return
    if cmd.name == "caddy" and "file-server" not in cmd.values():
        return
    serve_argv(cmd, w, cmd.name, cmd.args)


def _ruby_run(cmd: Cmd, w: Walker) -> None:
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


def _kubectl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if not verbs or verbs[0] not in ("proxy", "port-forward"):
        return
    for index in range(len(cmd.args)):
        for flag in ("--address", "--www", "-w", "--accept-hosts"):
            value = _value_of(cmd.args, index, flag)
            if value is None:
                continue
            if flag in ("--www", "-w"):
                serve_root(cmd, w, value, "kubectl proxy --www")
            elif flag == "--accept-hosts" or any(_non_loopback(v) for v in value.split(",")):
                # tunnel: the cluster API or a pod port is opened to other machines
                w.flag("tunnel", f"kubectl {verbs[0]} listens on {value} for other machines")
                return


def _tailscale(cmd: Cmd, w: Walker) -> None:
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if not verbs or verbs[0] not in ("serve", "funnel"):
        return
    if (len(verbs) > 1 and verbs[1] in ("status", "reset", "off")) or set(cmd.values()) & _HELP:
        return
    # tunnel: serve shares a port or a directory with the tailnet, funnel with the internet
    w.flag("tunnel", f"tailscale {verbs[0]} exposes this machine to other machines")


# -- raw protocols through a URL --------------------------------------------------------
URL_CLIENTS = frozenset({"curl", "wget", "aria2c", "xh", "xhs", "http", "https", "lwp-request"})
URL_CLIENTS |= frozenset({"GET", "POST", "HEAD", "PUT", "fetch", "httpie"})
_SAFE_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


# Cloud instance-metadata services: they hand the machine's cloud credentials to anyone on it
# (AWS/GCP/Azure/OpenStack 169.254.169.254, ECS 169.254.170.2, Alibaba 100.100.100.200 ...).
_METADATA_NAMES = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
_METADATA_NAMES |= frozenset({"instance-data", "instance-data.ec2.internal", "fd00:ec2::254"})
_HOST = re.compile(r"^(?:[A-Za-z][\w+.-]*://)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)")
_EMBEDDED_METADATA = re.compile(r"(^|[.-])169[.-]254[.-]\d{1,3}[.-]\d{1,3}[.-]")
# Sockets of container engines: talking to one is running a container as root.
_ENGINE_SOCKET = re.compile(r"(docker|containerd|podman|crio|cri-dockerd|buildkitd?)\.sock")


def metadata_host(text: str) -> bool:
    """The URL or host names a cloud metadata service, in any spelling of its address."""
    match = _HOST.match(text.strip("'\""))
    host = match.group(1).strip("[]").lower().rstrip(".") if match else ""
    if host in _METADATA_NAMES:
        return "." in host or "://" in text  # a bare `metadata` word is only a host in a URL
    if not any(c.isdigit() for c in host):
        return False  # every spelling of an address has a digit: names were checked above
    if _EMBEDDED_METADATA.search(host):
        return True  # 169.254.169.254.nip.io, 169-254-169-254.sslip.io resolve to it
    try:
        address = ipaddress.ip_address(socket.inet_aton(host)) if host else None
    except (OSError, ValueError):  # not a dotted, decimal, octal or hex IPv4 spelling
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_link_local or str(address) in ("100.100.100.200", "fd00:ec2::254")


def _schemes(cmd: Cmd, w: Walker) -> None:
    for index, arg in enumerate(cmd.args):
        socket_path = cmd.args[index + 1].text if index + 1 < len(cmd.args) else ""
        if arg.text in ("--unix-socket", "--abstract-unix-socket") and _ENGINE_SOCKET.search(
            socket_path
        ):
            # privilege: the engine's API starts a container with the host's root mounted
            w.flag("privilege", f"{cmd.name} talks to a container engine's socket")
            return
        value = arg.text.split("=", 1)[-1] if arg.text.startswith("-") else arg.text
        parts = re.split(r"[,\s]", value) if arg.text.startswith("--") else [value]
        for part in parts:
            # --resolve / --connect-to HOST:PORT:ADDR[:PORT]: every field may be the address
            fields = part.split(":") if "://" not in part and part.count(":") >= 2 else []
            if any(metadata_host(c) for c in (part, *fields)):
                # credential_read: the metadata service hands out the machine's cloud keys
                w.flag("credential_read", f"{cmd.name} asks a cloud metadata service")
                return
    for arg in cmd.args:
        text = arg.text.split("=", 1)[1] if arg.text.startswith("--url=") else arg.text
        text = text.lstrip("'\"")
        match = _SCHEME.match(text)
        if match and match.group(1).lower() not in _SAFE_SCHEMES:
            scheme = match.group(1).lower()
            # raw_socket: gopher/dict/telnet/smb/ftp... write bytes to any port, past the
            # network guard's HTTP checks, or read local files (file://)
            w.flag("raw_socket", f"{cmd.name} speaks {scheme}://, not HTTP")
            return


# apt / dpkg settings whose value is a shell command run around an install or update.
_APT_HOOK = re.compile(r"(Pre|Post)-Invoke(-Success)?|Pre-Install-Pkgs|::Exec|Post-Invoke", re.I)


def _package_hooks(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    if cmd.name != "dpkg" and "APT_CONFIG" in w.env.values:
        # dynamic_command: a settings file chosen by the line may carry hook commands
        w.flag("dynamic_command", f"{cmd.name} reads settings (and hooks) from APT_CONFIG")
        return
    for index, arg in enumerate(args):
        text = arg.text
        if cmd.name == "dpkg" and text.startswith(("--pre-invoke=", "--post-invoke=")):
            setting: Arg | None = Arg(text.split("=", 1)[1], arg.tricks, arg.glob, arg.substs)
        elif text in ("-o", "--option", "-c", "--config-file") and index + 1 < len(args):
            setting = args[index + 1] if text in ("-o", "--option") else None
            if setting is None:
                w.flag("dynamic_command", f"{cmd.name} reads settings (and hooks) from a file")
                return
        elif text.startswith(("--option=", "-o")) and len(text) > 2 and cmd.name != "dpkg":
            value = text.split("=", 1)[1] if text.startswith("--option=") else text[2:]
            value = value.removeprefix("=")  # -o=Key=value
            setting = Arg(value, arg.tricks, arg.glob, arg.substs)
        else:
            continue
        if setting is None:
            continue
        key, _, command = setting.text.partition("=")
        if cmd.name != "dpkg" and not _APT_HOOK.search(key):
            continue
        command = command if cmd.name != "dpkg" else setting.text
        if not setting.static:
            w.flag("dynamic_command", f"{cmd.name} runs a hook command known only at run time")
        elif command.strip():
            # the package tool hands this value to `sh -c` around its work
            w.script(command, f"a {cmd.name} hook command")


def _bpftrace(cmd: Cmd, w: Walker) -> None:
    if any(a.text == "--unsafe" for a in cmd.args):
        # dynamic_command: --unsafe lets the probes call system() as root
        w.flag("dynamic_command", "bpftrace --unsafe runs commands from its probes")


def _aria2c(cmd: Cmd, w: Walker) -> None:
    hooks: tuple[str, ...] = (
        "--on-download-complete",
        "--on-download-start",
        "--on-download-error",
    )
    hooks = (*hooks, "--on-download-stop", "--on-download-pause", "--on-bt-download-complete")
    for arg in cmd.args:
        if arg.text.startswith(hooks):
            w.flag("dynamic_command", "aria2c runs a program when a download event happens")
            return


EFFECT_RULES: dict[str, Rule] = {name: _sends_file for name in set(SENDS_FILE_OPTION) | HTTPIE}
EFFECT_RULES |= {name: _sends_file for name in STDIN_BODY - set(EFFECT_RULES)}
EFFECT_RULES |= {name: _lookup for name in LOOKUP}
EFFECT_RULES |= {name: _cloud_copy for name in CLOUD_COPY}
EFFECT_RULES |= {name: _serves for name in set(SERVES) - {"http.server", "ruby-httpd", "pyftpdlib"}}
EFFECT_RULES |= {"ruby": _ruby_run, "kubectl": _kubectl, "tailscale": _tailscale}
EFFECT_RULES |= {"aria2c": _aria2c, "bpftrace": _bpftrace}
EFFECT_RULES |= {n: _package_hooks for n in ("apt", "apt-get", "aptitude", "apt-cache", "dpkg")}
SCHEME_RULES: dict[str, Rule] = {name: _schemes for name in URL_CLIENTS}


# -- runs a command given in an option or in its input (shell escapes) --------------------
# program -> options whose value is text the program hands to a shell after a prefix
# (`\! cmd` in mysql, `.shell cmd` in sqlite3 ...); the same prefixes in its input.
ESCAPE_OPTIONS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "sqlite3": (frozenset({"-cmd", "--cmd"}), (".shell ", ".system ")),
    "mysql": (frozenset({"-e", "--execute"}), ("\\!", "system ")),
    "mariadb": (frozenset({"-e", "--execute"}), ("\\!", "system ")),
    "psql": (frozenset({"-c", "--command"}), ("\\!",)),
    "ed": (frozenset(), ("!",)),
    "ex": (frozenset(), ("!",)),
    "ftp": (frozenset(), ("!",)),
    "sftp": (frozenset(), ("!",)),
    "lftp": (frozenset({"-e", "-c"}), ("!",)),
    "smbclient": (frozenset({"-c", "--command"}), ("!",)),
    "gdb": (frozenset(), ("shell ", "!")),
    "pdb": (frozenset(), ("!",)),
    "redis-cli": (frozenset(), ()),
}
# program -> options whose whole value is a shell command it runs.
COMMAND_OPTIONS: dict[str, frozenset[str]] = {
    "openvpn": frozenset({"--up", "--down", "--route-up", "--route-pre-down", "--ipchange"})
    | frozenset({"--client-connect", "--client-disconnect", "--learn-address", "--tls-verify"})
    | frozenset({"--auth-user-pass-verify", "--iproute"}),
    "gem": frozenset({"-e", "--editor"}),
    "git": frozenset(),
    "less": frozenset(),
    "dtrace": frozenset({"-c"}),
    "inotifywait": frozenset(),
    "entr": frozenset(),
    "ssh-agent": frozenset(),
    "crash": frozenset({"-c"}),
    "nmap": frozenset(),
}
_EMACS_RUN = re.compile(
    r"\((?:term|ansi-term|shell-command(?:-to-string)?|async-shell-command|call-process"
    r"(?:-shell-command)?|start-process(?:-shell-command)?|compile)\s+(?:\"[^\"]*\"\s+nil\s+)?"
    r"\"((?:\\.|[^\"\\])*)\""
)
_EXPECT_RUN = re.compile(r"(?:^|[;\n{]\s*)(?:spawn|exec|system)\s+([^;\n}]+)")


def _escape_lines(text: str, prefixes: tuple[str, ...]) -> list[str]:
    """The shell text after each escape prefix at the start of a statement.

    A statement starts a line or follows a `;`; the escape runs to the end of its line,
    `;` included (`.shell rm f;mkfifo f;…` hands all of it to the shell).
    """
    found: list[str] = []
    for line in text.split("\n"):
        pieces = line.split(";")
        for index, piece in enumerate(pieces):
            stripped = piece.lstrip()
            prefix = next((p for p in prefixes if stripped.startswith(p)), None)
            if prefix is not None:
                found.append(";".join([stripped[len(prefix) :], *pieces[index + 1 :]]))
                break
    return found


def _escapes(cmd: Cmd, w: Walker) -> None:
    options, prefixes = ESCAPE_OPTIONS[cmd.name]
    texts: list[str] = []
    for index in range(len(cmd.args)):
        for flag in options:
            value = _value_of(cmd.args, index, flag)
            if value is not None:
                texts.append(value)
    if cmd.name == "sqlite3":
        texts += [a.text for a in cmd.args if a.text.startswith(".")]
    if cmd.stdin is not None and cmd.stdin.text is not None:
        texts.append(cmd.stdin.text)
    texts += [r.body for r in cmd.redirects if r.body is not None]
    for text in texts:
        for line in _escape_lines(text, prefixes):
            # the program hands this line to a shell: judge it as one
            w.script(line, f"a shell escape in {cmd.name}")


def _command_options(cmd: Cmd, w: Walker) -> None:
    flags = COMMAND_OPTIONS[cmd.name]
    if cmd.name == "gem" and (not cmd.args or cmd.args[0].text != "open"):
        return
    for index in range(len(cmd.args)):
        for flag in flags:
            value = _value_of(cmd.args, index, flag)
            if value is None:
                continue
            if UNKNOWN in value:
                w.flag("dynamic_command", f"{cmd.name} {flag} runs a command known at run time")
            else:
                w.script(value, f"{cmd.name} {flag} command")


def _emacs(cmd: Cmd, w: Walker) -> None:
    for index in range(len(cmd.args)):
        for flag in ("--eval", "-eval", "--execute"):
            value = _value_of(cmd.args, index, flag)
            if value is None:
                continue
            for match in _EMACS_RUN.finditer(value):
                w.script(match.group(1).replace('\\"', '"'), "a command in emacs lisp")


def _expect(cmd: Cmd, w: Walker) -> None:
    for index in range(len(cmd.args)):
        value = _value_of(cmd.args, index, "-c")
        if value is None:
            continue
        if UNKNOWN in value:
            w.flag("dynamic_command", "expect -c runs a script known only at run time")
            continue
        for match in _EXPECT_RUN.finditer(value):
            w.script(match.group(1).strip(), "a command expect spawns")


def _run_parts(cmd: Cmd, w: Walker) -> None:
    if {"--test", "--list", "-V", "--version", "-h", "--help"} & set(cmd.values()):
        return
    # dynamic_command: every program in the directory runs, chosen by a listing at run time
    w.flag("dynamic_command", "run-parts runs every program found in a directory")


# -- publishes local files to a registry or mailbox of the caller's choice ---------------
def _publish(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if cmd.name == "git":
        if verbs[:1] == ["send-email"]:
            # exfiltration: patches (the workspace's code) mailed to any address
            w.flag("exfiltration", "git send-email mails the repository's changes")
        return
    if cmd.name == "twine" and verbs[:1] == ["upload"]:
        custom = any(v.startswith(("--repository-url", "-r")) for v in values)
    elif cmd.name in ("npm", "yarn", "pnpm", "bun") and "publish" in verbs[:2]:
        custom = any(v.startswith("--registry") for v in values)
    else:
        return
    if custom:
        # exfiltration: the workspace's package uploaded to a registry the line names
        w.flag("exfiltration", f"{cmd.name} publishes the workspace to a registry it names")


def _rclone(cmd: Cmd, w: Walker) -> None:
    """rclone copies (the ``CLOUD_COPY`` row) and serves (a file server)."""
    verbs = [a for a in cmd.args if not a.text.startswith("-")]
    if len(verbs) < 2 or verbs[0].text != "serve":
        _cloud_copy(cmd, w)
        return
    bind = next(
        (cmd.args[i + 1].text for i, a in enumerate(cmd.args[:-1]) if a.text == "--addr"), None
    )
    bind = bind or next(
        (a.text.split("=", 1)[1] for a in cmd.args if a.text.startswith("--addr=")), None
    )
    root = verbs[2].text if len(verbs) > 2 else "/"
    if ":" in root and not root.startswith("/"):
        return  # a remote, not a local directory
    serve_root(cmd, w, root, f"rclone serve {verbs[1].text}", bind or "127.0.0.1")


# -- hands out a shell over the web: notebooks, web IDEs and web terminals -----------------
# program -> (options naming the listen address, whether it listens on every interface
#             unless told otherwise). On another machine's reach, each is a shell there.
WEB_SHELLS: dict[str, tuple[frozenset[str], bool]] = {
    "jupyter": (frozenset({"--ip", "--ServerApp.ip", "--NotebookApp.ip"}), False),
    "jupyter-lab": (frozenset({"--ip", "--ServerApp.ip"}), False),
    "jupyter-notebook": (frozenset({"--ip", "--NotebookApp.ip"}), False),
    "code-server": (frozenset({"--bind-addr"}), False),
    "openvscode-server": (frozenset({"--host"}), False),
    "ttyd": (frozenset({"-i", "--interface"}), True),
    "gotty": (frozenset({"-a", "--address"}), True),
    "wetty": (frozenset({"--host"}), True),
}


def _web_shell(cmd: Cmd, w: Walker) -> None:
    options, everywhere = WEB_SHELLS[cmd.name]
    if set(cmd.values()) & _HELP:
        return
    bind: str | None = None if everywhere else "127.0.0.1"
    for index in range(len(cmd.args)):
        for flag in options:
            value = _value_of(cmd.args, index, flag)
            if value is not None:
                bind = value
    host = bind.rsplit(":", 1)[0] if bind and re.search(r":\d+$", bind) else bind
    if host in ("lo", "localhost") or loopback_bind(host):
        return
    # tunnel: a notebook, web IDE or web terminal on a reachable address is a shell there
    w.flag("tunnel", f"{cmd.name} hands out a shell to every machine that reaches {host or '*'}")


def _gh(cmd: Cmd, w: Walker) -> None:
    """``gh gist create FILE`` publishes a file; ``gh api -F key=@FILE`` posts one."""
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if verbs[:2] in (["gist", "create"], ["gist", "edit"]) and len(verbs) > 2:
        # exfiltration: a gist is a paste site; the files become readable at a URL
        w.flag("exfiltration", "gh gist uploads local files to a paste site")
        return
    if verbs[:1] == ["api"]:
        for index, value in enumerate(values[:-1]):
            if value in ("-F", "--field", "--raw-field", "-f") and "=@" in values[index + 1]:
                w.flag("exfiltration", "gh api posts the contents of a local file")
                return


def _aws_file_params(cmd: Cmd, w: Walker) -> None:
    """``aws … --message file://.env``: the CLI reads the file into the request it sends."""
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs[:1] == ["s3"]:
        _cloud_copy(cmd, w)  # copies are judged by the cloud-copy table
        return
    if verbs[:2] in (["s3api", "put-object"], ["s3api", "upload-part"]) and any(
        v == "--body" or v.startswith("--body=") for v in cmd.values()
    ):
        w.flag("exfiltration", "aws s3api uploads a local file as an object")
        return
    for arg in cmd.args:
        value = arg.text.split("=", 1)[-1] if arg.text.startswith("--") else arg.text
        if value.startswith(("file://", "fileb://")) and verbs[:1] != ["cloudformation"]:
            # exfiltration: a local file's bytes become a parameter of an AWS API call
            w.flag("exfiltration", f"aws sends the contents of {value} to an AWS API")
            return


def _smbserver(cmd: Cmd, w: Walker) -> None:
    operands = [a.text for a in cmd.args if not a.text.startswith("-")]
    if len(operands) >= 2:
        serve_root(cmd, w, operands[1], "smbserver", None)


EFFECT_RULES |= {name: _publish for name in ("twine", "npm", "yarn", "pnpm", "bun")}
EFFECT_RULES |= {"rclone": _rclone, "smbserver.py": _smbserver}
EFFECT_RULES |= {"impacket-smbserver": _smbserver, "gh": _gh, "aws": _aws_file_params}
EFFECT_RULES |= {name: _web_shell for name in WEB_SHELLS}
EFFECT_RULES |= {name: _escapes for name in ESCAPE_OPTIONS}
EFFECT_RULES |= {name: _command_options for name, flags in COMMAND_OPTIONS.items() if flags}
EFFECT_RULES |= {"emacs": _emacs, "expect": _expect, "run-parts": _run_parts}


# -- writes where an option or its last operand says -----------------------------------
# program -> (options whose value is a path written or extracted into, whether the last
#             operand is a destination, the flag letters/words that make it write at all)
WRITES: dict[str, tuple[frozenset[str], bool, tuple[str, ...]]] = {
    "tar": (frozenset({"-C", "--directory"}), False, ("x", "--extract", "--get")),
    "bsdtar": (frozenset({"-C", "--directory"}), False, ("x",)),
    "unzip": (frozenset({"-d"}), False, ()),
    "7z": (frozenset({"-o"}), False, ()),
    "sort": (frozenset({"-o", "--output"}), False, ()),
    "split": (frozenset(), True, ()),
    "csplit": (frozenset({"-f", "--prefix"}), False, ()),
    "patch": (frozenset({"-o", "--output", "-d", "--directory"}), False, ()),
    "rsync": (frozenset(), True, ()),
    "curl": (frozenset({"--output-dir"}), False, ()),
    "cpio": (frozenset({"-D", "--directory"}), False, ()),
    "xz": (frozenset(), False, ()),
}


def _writes(cmd: Cmd, w: Walker) -> None:
    from clawkeep.guards.command_guard._rules_io import write_target

    options, last, needs = WRITES[cmd.name]
    values = cmd.values()
    if needs:
        flags = "".join(v.lstrip("-") for v in values[:1] if not v.startswith("--"))
        flags += "".join(v[1:] for v in values if v.startswith("-") and not v.startswith("--"))
        if not any((n in flags if len(n) == 1 else n in values) for n in needs):
            return
    for index in range(len(cmd.args)):
        for flag in options:
            value = _value_of(cmd.args, index, flag)
            if value is not None and value:
                write_target(w.place(value), w, f"{cmd.name} {flag}")
    operands = [v for v in values if not v.startswith("-")]
    if cmd.name == "rsync":
        remote = [v for v in operands if re.match(r"^([\w.-]+@)?[\w.-]+:|^\w+://", v)]
        if remote or len(operands) < 2:
            return
        dest = w.place(operands[-1])
        if "--delete" in " ".join(values) and dest.kind in ("root", "outside", "home", "home_root"):
            # destructive_delete: --delete removes whatever the source lacks in the destination
            w.flag("destructive_delete", f"rsync --delete prunes {dest.path}")
        write_target(dest, w, "rsync")
    elif last and len(operands) >= 2:
        write_target(w.place(operands[-1]), w, cmd.name)
    if cmd.name == "patch" and operands and not any(v in ("-o", "--output") for v in values):
        write_target(w.place(operands[0]), w, "patch")


def _in_place(cmd: Cmd, w: Walker) -> None:
    """``perl -pi -e …`` / ``ruby -i``: the file operands are rewritten."""
    from clawkeep.guards.command_guard._rules_io import write_target

    values = cmd.values()
    if not any(re.match(r"^-\w*i", v) and not v.startswith("--") for v in values):
        return
    skip = False
    for index, text in enumerate(values):
        if skip:
            skip = False
            continue
        if text in ("-e", "-E", "-M", "-I", "-r"):
            skip = True
            continue
        if not text.startswith("-") and index > 0:
            write_target(w.place(text), w, f"{cmd.name} -i")


def _git_dir(cmd: Cmd, w: Walker) -> None:
    """``git -C DIR clean|reset|checkout`` and ``git clone URL DIR``: where git writes."""
    from clawkeep.guards.command_guard._rules_io import write_target

    values = cmd.values()
    verbs = [
        v
        for i, v in enumerate(values)
        if not v.startswith("-")
        and (i == 0 or values[i - 1] not in ("-C", "-c", "--git-dir", "--work-tree"))
    ]
    where = [values[i + 1] for i, v in enumerate(values[:-1]) if v in ("-C", "--work-tree")]
    if verbs[:1] in (["clean"], ["reset"], ["checkout"], ["restore"], ["stash"]) and where:
        found = w.place(where[-1])
        if found.kind in ("root", "outside", "home", "home_root", "state"):
            # destructive_delete: git discards files in a tree outside the workspace
            w.flag("destructive_delete", f"git {verbs[0]} in {found.path}")
    if verbs[:1] == ["clone"] and len(verbs) >= 3:
        write_target(w.place(verbs[2]), w, "git clone")


EFFECT_RULES |= {name: _writes for name in WRITES}
EFFECT_RULES |= {"perl": _in_place}


def _git(cmd: Cmd, w: Walker) -> None:
    _publish(cmd, w)
    _git_dir(cmd, w)


def _ruby(cmd: Cmd, w: Walker) -> None:
    _ruby_run(cmd, w)
    _in_place(cmd, w)


EFFECT_RULES |= {"git": _git, "ruby": _ruby}
