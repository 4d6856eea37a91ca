"""Rules about the network: no-egress agents, uploads, raw sockets, reverse shells, tunnels.

Policy: with ``egress`` off, a command whose purpose is network I/O is refused (loopback
targets excepted). With egress on, downloads and ``git push`` to a named remote pass;
uploads of files, posts of data to a non-loopback host, raw-socket tools (nc, socat,
telnet, /dev/tcp ...) that bypass the network guard's URL checks, and tunnels that expose
the machine are refused either way.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._rules_io import write_target
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._words import UNKNOWN, Arg

__all__ = ["DOWNLOADERS", "NET_RULES", "RAW_SOCKET", "SHELLS", "pipeline_rules", "producer_kinds"]

SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "tcsh", "csh"}
DOWNLOADERS = {"curl", "wget", "aria2c", "fetch", "lwp-download", "lwp-request", "GET", "http"}
DOWNLOADERS |= {"https", "xh", "tftp", "ftp"}
RAW_SOCKET = {"nc", "ncat", "netcat", "socat", "telnet", "hping3", "nping", "cryptcat"}
RAW_SOCKET |= {
    "rcat",
    "pwncat-cs",
    "pwncat",
    "sbd",
    "rlogin",
    "rsh",
    "rexec",
    "finger",
    "ztcp",
    "openssl",
}
_LOOPBACK = re.compile(
    r"^(\w+://)?([^/@]*@)?(localhost|127\.[\d.]+|\[::1\]|::1|0\.0\.0\.0)([:/]|$)"
)
_REMOTE = re.compile(r"^(?![./~])([\w.-]+@)?[\w.-]+:(?!//)|^\w+://|^rsync://")
_URL = re.compile(r"^\w+://|^[\w.-]+\.\w{2,}(/|:\d|$)|^(localhost|\[::1\])(:\d+)?(/|$)")
_TUNNELS = {"ngrok", "cloudflared", "localtunnel", "lt", "bore", "frpc", "chisel", "serveo"}
_TUNNELS |= {"sshuttle", "zrok", "loclx", "localxpose", "pagekite", "pagekite.py", "tunnelto"}
_NETWORK = {"ssh", "sftp", "ping", "ping6", "dig", "nslookup", "host", "whois", "traceroute"}
_NETWORK |= {"mtr", "ab", "siege", "wrk", "hey", "lynx", "links", "w3m", "elinks", "smbclient"}
_NETWORK |= {"mosquitto_pub", "gsutil", "aws", "gcloud", "az", "s3cmd"}
_INSTALL = {"install", "add", "update", "upgrade", "i", "ci", "get", "fetch", "download", "sync"}
_PKG = {"pip", "pip3", "pipx", "uv", "npm", "npx", "yarn", "pnpm", "gem", "cargo", "go", "bundle"}
_PKG |= {"composer", "poetry", "conda", "mamba", "brew"}
_SYSPKG = {"apt", "apt-get", "yum", "dnf", "zypper", "apk", "pacman", "rpm", "dpkg", "snap"}
_DECODE_FLAGS = {"-d", "--decode", "-D", "-r", "-revert"}


def _urls(values: list[str]) -> list[str]:
    return [v for v in values if _URL.match(v)]


def _loopback_only(targets: list[str]) -> bool:
    return bool(targets) and all(_LOOPBACK.match(t) for t in targets)


_AUTH_HEADER = re.compile(r"^\s*(Authorization|Proxy-Authorization|X-[\w-]*(Token|Key))\s*:", re.I)


def _runtime_payload(cmd: Cmd, w: Walker) -> bool:
    """A host or URL built from $(…) at run time carries data out (DNS or query exfil)."""
    previous = ""
    for arg in cmd.args:
        saved = previous.startswith(("-o", "-O", "--output"))  # where it saves, not sends
        # A credential handed to the API it belongs to: an authorization header.
        auth = previous in ("-H", "--header") and bool(_AUTH_HEADER.match(arg.text))
        skip = saved or auth
        # A variable the line filled at run time (V=$(cat f), read V) carries the same data.
        data = bool(arg.substs) or arg.computed
        if data and not skip and (not arg.text.startswith("-") or "=" in arg.text):
            w.flag("exfiltration", f"{cmd.name} sends a value computed at run time")
            return True
        previous = arg.text
    return False


def _egress(cmd: Cmd, w: Walker, targets: list[str] | None = None) -> None:
    if w.ctx.egress:
        return
    if targets is not None and _loopback_only(targets):
        return  # loopback is not egress
    w.flag("network_no_egress", f"{cmd.name} uses the network and this agent has no egress")


# Short options that take a value, per client: `-sd @f` is `-s -d @f`, `-Tf` is `-T f`.
_SHORT_VALUES = {
    "curl": frozenset("AbcCdDeEFHKmoPQrTtuUwxXyYz"),
    "wget": frozenset("aAbBDeiIlnOoPQRTtUwXY"),
}
# Options that read more options from a file (curl -K, wget --config) or run wgetrc
# commands (wget -e post_file=…): what they send is not on the line.
_OPTION_FILES = re.compile(r"^(-K|--config|-e|--execute)(=.*)?$")
_WGETRC_SENDS = re.compile(r"^\s*(post|body)_(file|data)\s*=", re.I)


def _split_short(values: list[str], letters: frozenset[str]) -> list[str]:
    """Clusters of short options as separate words, attached values as the next word."""
    out: list[str] = []
    for value in values:
        if not value.startswith("-") or value.startswith("--") or len(value) <= 2:
            out.append(value)
            continue
        for position, letter in enumerate(value[1:], start=1):
            out.append("-" + letter)
            if letter in letters:
                if position < len(value) - 1:
                    out.append(value[position + 1 :])
                break
    return out


def _option_file(values: list[str], cmd: Cmd, w: Walker) -> bool:
    """curl -K FILE / wget --config FILE, wget -e post_file=…: options that may upload."""
    for index, value in enumerate(values):
        match = _OPTION_FILES.match(value)
        if match is None or (cmd.name == "curl") == value.startswith(("-e", "--execute")):
            continue
        given = match.group(2)[1:] if match.group(2) else values[index + 1 : index + 2]
        setting = given if isinstance(given, str) else (given[0] if given else "")
        if value.startswith(("-e", "--execute")):
            if not _WGETRC_SENDS.match(setting):
                continue
            w.flag("exfiltration", "wget -e post_file/body_data sends local data")
            return True
        text = w.written.get(w.place(setting).path) if setting else None
        if text is not None and not re.search(
            r"^\s*-*(data|form|upload|json|post|body|url-query|variable|[dFT]\b)", text, re.M
        ):
            continue  # a config this line wrote that sends nothing
        # exfiltration: the option file may name files to upload or data to post
        w.flag("exfiltration", f"{cmd.name} takes options (uploads, posts) from {setting}")
        return True
    return False


def _curl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name in _SHORT_VALUES:
        values = _split_short(values, _SHORT_VALUES[cmd.name])
    if _runtime_payload(cmd, w):
        return
    urls = _urls(values)
    if set(values) & {"--version", "-V", "--help", "-h"} and not urls:
        return
    if cmd.name in ("curl", "wget") and _option_file(values, cmd, w):
        return
    for index, arg in enumerate(values):
        flag = re.match(
            r"^(-[dFT]|--data[\w-]*|--form[\w-]*|--upload-file|--json|--post-(file|data)"
            r"|--body-(file|data)|--url-query|--variable)(=(.*))?$",
            arg,
        )
        if flag is None:
            continue
        payload = (
            flag.group(5)
            if flag.group(4)
            else (values[index + 1] if index + 1 < len(values) else "")
        )
        if arg == "--variable" and "@" not in payload:
            continue  # --variable name=text: a literal, nothing read from a file
        if arg == "--url-query" and "@" not in payload:
            continue  # --url-query name=text: a literal part of the URL
        is_file = arg in ("-T", "--upload-file") or "file" in arg or payload.startswith(("@", "<"))
        if not _loopback_only(urls):  # a request to this machine sends nothing away
            what = "uploads a file" if is_file else "posts data"
            w.flag("exfiltration", f"{cmd.name} {what} to {', '.join(urls) or 'a host'}")
            return
    for index, arg in enumerate(values):
        if arg in ("-o", "--output", "-O", "--output-document", "-P") and index + 1 < len(values):
            if arg == "-O" and cmd.name == "curl":
                continue
            write_target(w.place(values[index + 1]), w, cmd.name)
            w.downloaded.add(posixpath.basename(values[index + 1]))
        elif arg.startswith(("--output=", "--output-document=")):
            write_target(w.place(arg.split("=", 1)[1]), w, cmd.name)
            w.downloaded.add(posixpath.basename(arg.split("=", 1)[1]))
    for red in cmd.redirects:
        if red.target is not None and red.op in (">", ">>", ">|", "&>"):
            w.downloaded.add(posixpath.basename(red.target.text))
    for url in urls:
        w.downloaded.add(posixpath.basename(url.split("?")[0].rstrip("/")))
    if cmd.name == "lwp-download" and len(urls) == 1 and len(values) >= 2:
        write_target(w.place(values[-1]), w, cmd.name)
    _egress(cmd, w, urls)


# Options of telnet and the nc family that listen, run a program or use a unix socket.
_SERVES_OR_RUNS = re.compile(r"^-(-listen|-exec|-sh-exec|-lua-exec|-unixsock|[a-zA-Z]*[lLeEcU])")


def _loopback_client(cmd: Cmd, values: list[str]) -> bool:
    """``telnet localhost 8080``, ``nc 127.0.0.1 6379``: a plain client of a local port."""
    if cmd.name not in ("telnet", "nc", "ncat", "netcat"):
        return False
    if any(_SERVES_OR_RUNS.match(v) for v in values):
        return False
    hosts = [v for v in values if not v.startswith("-") and not v.isdigit()]
    return len(hosts) == 1 and _loopback_only(hosts) and hosts[0] != "0.0.0.0"  # noqa: S104


def _raw(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    joined = " ".join(values)
    if cmd.name == "openssl":
        if not values or values[0] not in ("s_client", "s_server"):
            return
        if (
            values[0] == "s_client"
            and not cmd.stdin
            and not any(
                r.op == "<" and r.target and r.target.text != "/dev/null" for r in cmd.redirects
            )
        ):
            _egress(cmd, w)
            return
    if set(values) <= {"-h", "--help", "-V", "--version"}:
        return
    scan = {v for v in values if v.startswith("-")} <= {"-z", "-v", "-zv", "-vz", "-w1", "-w"}
    hosts = [v for v in values if not v.startswith("-") and not v.isdigit() and v != "1"]
    is_nc = cmd.name in ("nc", "ncat", "netcat")
    zero_io = any(v.startswith("-") and "z" in v for v in values)
    if is_nc and zero_io and scan and hosts and _loopback_only(hosts):
        return  # a port check against this machine moves no data
    if _loopback_client(cmd, values):
        return  # a client of a service on this machine: nothing leaves it, nothing listens
    shell_flag = re.search(r"(^|\s)(-e|-c|-s|--exec|--sh-exec|--lua-exec)\b", joined)
    if shell_flag or re.search(r"\b(exec|system):", joined, re.I):
        w.flag("reverse_shell", f"{cmd.name} hands a shell to a network peer")
    else:
        w.flag("raw_socket", f"{cmd.name} moves bytes to or from a host past the network guard")


def _ssh(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if set(values) <= {"-V", "-h"}:
        return
    if _runtime_payload(cmd, w):
        return  # ssh "$(cat .env).x.example": the host name carries the data in its lookup
    if _opens_tunnel(values):
        w.flag("tunnel", f"{cmd.name} opens a tunnel or proxy into this machine")
        return
    if _forwards_agent(values):
        # credential_read: the remote host may sign with every key in ssh-agent meanwhile
        w.flag("credential_read", f"{cmd.name} lends the keys in ssh-agent to the remote host")
        return
    remote = _remote_args(cmd) if cmd.name == "ssh" else []
    if remote and _stdin_fed(cmd):
        # exfiltration: local bytes piped or redirected into a command on another host
        w.flag("exfiltration", "ssh hands local data to a command on a remote host")
        return
    if remote and not all(a.static for a in remote):
        # dynamic_command: the remote shell re-parses the words, so a value known only at
        # run time can be any command there (as with bash -c "ls $DIR")
        w.flag("dynamic_command", "ssh runs a remote command known only at run time")
    elif remote:
        # ssh joins the words with spaces and the remote shell parses them: judge that line
        # as if it ran here (a delete of /, a credential read, a download run stay refused)
        w.script(" ".join(a.text for a in remote), "ssh remote command")
    _egress(cmd, w)


_SSH_VALUE = frozenset("bcDEeFIiJLlmOopQRSWw")
_LOOPBACK_BIND = re.compile(r"^(localhost|127\.[\d.]+|\[::1\]|::1)$")


def _bind_exposed(forward: str) -> bool:
    """A -L forward ``BIND:PORT:HOST:HOSTPORT`` whose bind address is not loopback."""
    if forward.startswith("["):
        bind = forward[: forward.find("]") + 1]
    else:
        fields = forward.split(":")
        if len(fields) < 4:
            return False  # PORT:HOST:HOSTPORT binds loopback (without -g)
        bind = fields[0]
    return not _LOOPBACK_BIND.match(bind)


def _opens_tunnel(values: list[str]) -> bool:
    """-R / -D in any cluster (`-fNR`), their -o spellings (RemoteForward, DynamicForward),
    and a local forward other machines can reach (-g, GatewayPorts, a non-loopback bind)."""
    gateway = False
    local: list[str] = []
    index = 0
    while index < len(values):
        value = values[index]
        index += 1
        if not value.startswith("-") or value.startswith("--") or value == "-":
            continue
        letters = value[1:]
        for position, letter in enumerate(letters):
            if letter in "RD":
                return True
            gateway |= letter == "g"
            if letter in _SSH_VALUE:
                given = letters[position + 1 :]
                if not given and index < len(values):
                    given, index = values[index], index + 1
                if letter == "L":
                    local.append(given)
                elif letter == "o":
                    parts = re.match(r"^\s*(\w+)\s*[=\s]\s*(.*)$", given)
                    key, setting = (parts.group(1).lower(), parts.group(2)) if parts else ("", "")
                    if key in ("remoteforward", "dynamicforward"):
                        return True
                    if key == "gatewayports" and setting.strip().lower() in ("yes", "true"):
                        gateway = True
                    if key == "localforward":
                        local.append(re.sub(r"\s+", ":", setting.strip(), count=1))
                break
    return bool(local) and (gateway or any(_bind_exposed(f) for f in local))


def _forwards_agent(values: list[str]) -> bool:
    """``-A`` (alone or among other letter flags) or ``-o ForwardAgent=yes``."""
    for index, value in enumerate(values):
        option = value[2:] if value.startswith("-o") and len(value) > 2 else None
        if value == "-o" and index + 1 < len(values):
            option = values[index + 1]
        if option is not None:
            key, _, setting = option.replace(" ", "=", 1).partition("=")
            if key.lower() == "forwardagent" and setting.strip().lower() not in ("no", ""):
                return True
            continue
        letters = value[1:] if value.startswith("-") and not value.startswith("--") else ""
        for letter in letters:
            if letter == "A":
                return True
            if letter in _SSH_VALUE:
                break  # the rest of this word is that option's value
    return False


def _skip_options(values: list[str], index: int) -> int:
    """The index past ssh's options (and a ``--``) from ``index`` on."""
    while index < len(values) and values[index].startswith("-") and values[index] != "--":
        letters = values[index][1:]
        index += 1
        for position, letter in enumerate(letters):
            if letter in _SSH_VALUE:
                if position == len(letters) - 1:
                    index += 1  # -p 2222, -tp 2222: the next word is the value
                break
    if index < len(values) and values[index] == "--":
        index += 1
    return index


def _remote_args(cmd: Cmd) -> list[Arg]:
    """The words ssh runs on the remote host (after the options and the destination).

    OpenSSH reads options after the destination too (``ssh host -t 'cmd'``).
    """
    values = cmd.values()
    index = _skip_options(values, 0)
    return cmd.args[_skip_options(values, index + 1) :]


def _stdin_fed(cmd: Cmd) -> bool:
    if cmd.stdin is not None:
        return True
    return any(
        r.op in ("<", "<<", "<<<") and (r.target is None or r.target.text != "/dev/null")
        for r in cmd.redirects
    )


def _copy_remote(cmd: Cmd, w: Walker) -> None:
    values = [v for v in cmd.values() if not v.startswith("-")]
    remote = [v for v in values if _REMOTE.match(v)]
    if not remote:
        return
    if _REMOTE.match(values[-1]) and not _loopback_only([values[-1]]):
        w.flag("exfiltration", f"{cmd.name} copies local files to {values[-1]}")
        return
    # a fetched file is a download: running it later on this line is download-and-run
    dest = values[-1].rstrip("/")
    fetched = [posixpath.basename(v.rstrip("/").split(":", 1)[-1]) for v in remote]
    w.downloaded.update(fetched if values[-1].endswith("/") or dest in (".", "") else [])
    w.downloaded.add(posixpath.basename(dest))
    _egress(cmd, w)


def _archive(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    joined = " ".join(values)
    if cmd.name == "tar" and not (re.search(r"--rsh-command|(^|\s)[\w.-]+@[\w.-]+:", joined)):
        return
    if cmd.name in ("restic", "borg", "duplicity", "rclone", "kopia") and not re.search(
        r"(rest|sftp|s3|b2|gs|azure|swift|rclone|ssh):|://|@[\w.-]+:", joined
    ):
        return
    w.flag("exfiltration", f"{cmd.name} sends an archive of local files to a remote host")


_GIT_GLOBAL_VALUES = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace"})
_REMOTE_URL_KEY = re.compile(r"^remote\.(.+)\.(push)?url(=|$)", re.I)


def _git(cmd: Cmd, w: Walker) -> None:
    raw = cmd.values()
    values: list[str] = []
    for index, value in enumerate(raw):
        previous = raw[index - 1] if index else ""
        if previous == "-c" and (key := _REMOTE_URL_KEY.match(value)):
            w.remotes.add(key.group(1))  # git -c remote.origin.pushurl=… push
        if previous in _GIT_GLOBAL_VALUES and not values:
            continue  # git -c k=v / -C dir: a global option's value, not the verb
        if not value.startswith("-"):
            values.append(value)
    if values[:2] in (["remote", "add"], ["remote", "set-url"]) and len(values) > 3:
        w.remotes.add(values[2])  # a remote this command line points somewhere new
    if values[:1] == ["config"] and len(values) > 2 and (key := _REMOTE_URL_KEY.match(values[1])):
        w.remotes.add(key.group(1))  # git config remote.origin.url URL
    networked = ("clone", "fetch", "pull", "push", "ls-remote", "submodule", "remote")
    if not values or values[0] not in networked:
        return
    if any(_runtime_url(a.text, a) for a in cmd.args):
        # exfiltration: a repository address built from data at run time carries it out
        w.flag("exfiltration", "git reaches an address built from data at run time")
        return
    if values[0] == "remote":
        return
    named = [v for v in values[1:] if not v.startswith("-")]
    pushed_to_new = any(v in w.remotes for v in named) or (
        bool(w.remotes)
        and not any(_REMOTE.match(v) or v in ("origin",) for v in named[:1])
        and not named
    )
    if values[0] == "push" and (pushed_to_new or any(_REMOTE.match(v) for v in named)):
        w.flag("exfiltration", "git push to an address rather than a configured remote")
        return
    _egress(cmd, w, [v for v in values[1:] if _REMOTE.match(v)] or None)


def _runtime_url(text: str, arg: Arg) -> bool:
    """A URL or host:path address with a part the line computed from data at run time."""
    if not (arg.substs or arg.computed) or UNKNOWN not in text:
        return False
    address = text.split("=", 1)[1] if text.startswith("-") and "=" in text else text
    return bool(re.match(r"^(\w+://|[\w.-]*@?[\w.-]+:(?!//))", address))


def _packages(cmd: Cmd, w: Walker) -> None:
    if any(_runtime_url(a.text, a) for a in cmd.args if "://" in a.text):
        # exfiltration: an index or package URL built from data at run time carries it out
        w.flag("exfiltration", f"{cmd.name} reaches a URL built from data at run time")
        return
    values = [v for v in cmd.values() if not v.startswith("-")]
    if cmd.name in _SYSPKG and any(re.match(r"^\w+://", v) for v in values):
        w.flag("download_exec", f"{cmd.name} installs a package straight from a URL")
        return
    if cmd.name == "uv" and values[:1] == ["pip"]:
        values = values[1:]
    fetches = values[:2] == ["mod", "download"] or (values and values[0] in _INSTALL)
    if fetches or cmd.name in ("npx", "pipx"):
        _egress(cmd, w)


# Container options that hand the container the host: its root, devices, kernel or
# namespaces (the engine runs as root, so the container's root is the host's).
_HOST_OPTIONS = re.compile(
    r"--privileged(?!=false)|docker\.sock|--(pid|ipc|userns|uts|cgroupns)[ =]host\b"
    r"|--device(-cgroup-rule)?[ =]|--security-opt[ =]\S*unconfined"
    r"|--cap-add[ =](ALL|SYS_ADMIN|SYS_MODULE|SYS_PTRACE|SYS_RAWIO|DAC_READ_SEARCH"
    r"|DAC_OVERRIDE|BPF|PERFMON|SYS_BOOT)\b",
    re.I,
)


def _mount_sources(values: list[str]) -> list[str]:
    """Host paths bind-mounted into a container: `-v SRC:DST`, `--mount …source=SRC`."""
    sources: list[str] = []
    for index, value in enumerate(values):
        spec: str | None = None
        if value in ("-v", "--volume", "--mount") and index + 1 < len(values):
            spec = values[index + 1]
        elif value.startswith(("--volume=", "--mount=")):
            spec = value.split("=", 1)[1]
        elif value.startswith("-v") and len(value) > 2:
            spec = value[2:].removeprefix("=")  # -v/etc:/x, -v=/etc:/x
        if spec is None:
            continue
        if value.startswith("--mount"):
            found = re.search(r"(?:^|,)(?:source|src)=([^,]+)", spec)
            if found:
                sources.append(found.group(1))
        elif spec.startswith(("/", "~", ".")) or spec.split(":", 1)[0] in ("", "."):
            sources.append(spec.split(":", 1)[0] or "/")
    return sources


def _containers(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    joined = " ".join(values)
    beyond = [
        src
        for src in _mount_sources(values)
        if w.place(src).kind not in ("workspace", "workspace_root", "temp")
    ]
    if _HOST_OPTIONS.search(joined) or beyond:
        # privilege: the engine runs as root; the container gets the host's files as root,
        # its devices, its kernel's capabilities or its namespaces
        w.flag("privilege", f"{cmd.name} gives a container the host's root, devices or daemon")
        return
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs and verbs[0] in ("pull", "push", "login", "search"):
        _egress(cmd, w)


# System-container managers: settings that give a container the host's root or its disks.
_HOST_ROOT_SETTING = re.compile(
    r"security\.privileged[= ]+(true|1|yes)\b|raw\.(lxc|idmap|apparmor|seccomp)\b"
    r"|security\.syscalls\.intercept\.(mount|mknod|setxattr)",
    re.I,
)


def _system_containers(cmd: Cmd, w: Walker) -> None:
    """``lxc``/``incus``: a privileged container, raw settings, or a host folder beyond the
    workspace handed to it as a disk (``disk source=/``)."""
    sources = [v.split("=", 1)[1] for v in cmd.values() if v.startswith("source=")]
    beyond = [s for s in sources if w.place(s).kind not in ("workspace", "workspace_root", "temp")]
    if _HOST_ROOT_SETTING.search(" ".join(cmd.values())) or beyond:
        # privilege: root in such a container is root on the host (or holds its files)
        w.flag("privilege", f"{cmd.name} gives a container the host's root or its files")
        return
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs and verbs[0] in ("launch", "init", "image", "remote"):
        _egress(cmd, w)


def _network(cmd: Cmd, w: Walker) -> None:
    if _runtime_payload(cmd, w):
        return
    if set(cmd.values()) <= {"-V", "--version", "-h", "--help"} and cmd.args:
        return
    _egress(cmd, w, _urls(cmd.values()) or None)


def _tunnel(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "code" and "tunnel" not in values:
        return
    w.flag("tunnel", f"{cmd.name} exposes this machine through a tunnel")


def _print_remote(cmd: Cmd, w: Walker) -> None:
    if any(v in ("-h", "-H") or v.startswith(("-h", "-H")) for v in cmd.values()):
        w.flag("exfiltration", f"{cmd.name} sends data to a remote print server")


def _mail(cmd: Cmd, w: Walker) -> None:
    if set(cmd.values()) <= {"-V", "--version", "-h", "--help"} and cmd.args:
        return
    w.flag("exfiltration", f"{cmd.name} sends data to a remote mailbox")


def _file_transfer(cmd: Cmd, w: Walker) -> None:
    script = " ".join(cmd.values()) + " " + " ".join(r.body or "" for r in cmd.redirects)
    if cmd.stdin is not None and cmd.stdin.text:
        script += " " + cmd.stdin.text
    batch = [v for i, v in enumerate(cmd.values()) if i and cmd.values()[i - 1] == "-b"]
    if cmd.name == "sftp" and batch and batch[0] != "-":
        # exfiltration: the batch file's commands are unknown here and may upload
        w.flag("exfiltration", "sftp runs a batch file of transfer commands")
        return
    if re.search(r"(^|[\s;'\"])m?put\s", script):
        w.flag("exfiltration", f"{cmd.name} uploads local files")
        return
    _egress(cmd, w)


def producer_kinds(name: str, values: list[str]) -> set[str]:
    """What a pipeline stage produces: downloaded bytes, decoded bytes, text put through a
    character cipher (``cipher``: harmless as an argument, obfuscation when a shell reads
    it), only numbers (``digits``: no character a shell would act on), or nothing known."""
    if name in ("seq", "jot", "nproc") and not any(v in ("-f", "--format", "-s") for v in values):
        return {"digits"}
    if name in DOWNLOADERS or name in RAW_SOCKET or name in _NETWORK or name == "scp":
        return {"download"}
    if name in ("zcat", "bzcat", "xzcat", "zstdcat", "gunzip", "unxz", "funzip") or (
        name in ("gzip", "bzip2", "xz", "zstd", "unzip")
        and set(values) & {"-d", "-dc", "-p", "-cd"}
    ):
        return {"decode"}
    if name in ("base64", "base32", "basenc", "xxd", "uudecode", "openssl", "rev") and (
        set(values) & _DECODE_FLAGS or name in ("uudecode", "rev") or "enc" in values
    ):
        return {"decode"}
    if name in ("echo", "printf") and any(
        re.search(r"\\x[0-9a-fA-F]|\\[0-7]{3}", v) for v in values
    ):
        return {"decode"}
    sets = [v for v in values if not v.startswith("-")]
    if name == "tr" and len(sets) >= 2 and not {"-d", "--delete"} & set(values):
        return {"cipher"}  # tr 'a-z' 'n-za-m': a character cipher (rot13 and the like)
    if name == "sed" and any(re.match(r"^\s*(\d+|\$)?\s*y(.).*\2.*\2\s*$", v) for v in sets):
        return {"cipher"}  # sed y/abc/nop/: the same cipher in sed
    return set()


def pipeline_rules(names: list[str], w: Walker) -> None:
    """A shell and a network tool in one pipeline is a reverse shell."""
    if set(names) & SHELLS and set(names) & (RAW_SOCKET | {"ssh"}):
        w.flag("reverse_shell", "a shell is piped to and from a network connection")
    dumps = [i for i, n in enumerate(names) if n in ("env", "printenv", "set", "export")]
    if dumps and set(names[dumps[0] + 1 :]) & SHELLS:
        # dynamic_command: a value like FOO='$(…)' becomes code once a shell reads the listing
        w.flag("dynamic_command", "a listing of the environment is run as shell commands")


NET_RULES = {name: _curl for name in DOWNLOADERS}
NET_RULES |= {name: _raw for name in RAW_SOCKET}
NET_RULES |= {"ssh": _ssh, "scp": _copy_remote, "rsync": _copy_remote, "sftp": _ssh}
NET_RULES |= {"tar": _archive, "restic": _archive, "borg": _archive, "duplicity": _archive}
NET_RULES |= {"rclone": _archive, "kopia": _archive, "git": _git}
NET_RULES |= {name: _packages for name in _PKG | _SYSPKG}
NET_RULES |= {name: _network for name in _NETWORK - {"ssh", "sftp"}}
NET_RULES |= {name: _tunnel for name in _TUNNELS | {"code"}}
NET_RULES |= {"docker": _containers, "podman": _containers, "nerdctl": _containers}
NET_RULES |= {"ctr": _containers, "docker-compose": _containers}
NET_RULES |= {"lxc": _system_containers, "incus": _system_containers}
# ssh's relatives take its forwarding options (-R, -D, -L) with the same meaning.
NET_RULES |= {"plink": _ssh, "plink.exe": _ssh, "autossh": _ssh, "dbclient": _ssh}
NET_RULES |= {n: _mail for n in ("mail", "mailx", "mutt", "sendmail", "ssmtp", "msmtp", "swaks")}
NET_RULES |= {n: _file_transfer for n in ("smbclient", "ftp", "lftp", "tftp", "sftp")}
NET_RULES |= {"cancel": _print_remote, "lp": _print_remote, "lpr": _print_remote}
