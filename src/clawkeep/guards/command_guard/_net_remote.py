"""Whether a command reaches a host it was not asked to, or carries data there: archives
and git remotes, URLs computed at run time, package installs, network, tunnel, mail and
file-transfer tools.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._net_reach import (
    REMOTE,
    egress,
    loopback_only,
    runtime_payload,
    unvetted_source,
    urls_in,
)
from clawkeep.guards.command_guard._net_secrets import secret_sent
from clawkeep.guards.command_guard._net_tables import GO_HOSTS, INSTALL, SYSPKG
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

__all__ = [
    "archive",
    "file_transfer",
    "git",
    "mail",
    "network",
    "packages",
    "print_remote",
    "tunnel",
]


def archive(cmd: Cmd, w: Walker) -> None:
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
_REWRITE_KEY = re.compile(r"^url\.(.+)\.(push)?insteadof$", re.I)


def _unvetted_remote(url: str) -> bool:
    """A remote's address (URL or scp-like ``host:path``) on a host nobody vouches for."""
    scp = re.match(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)", url)
    return unvetted_source(f"ssh://{scp.group(1)}/" if scp and "://" not in url else url)


def _env_remotes(w: Walker) -> None:
    """Remotes that git's settings in the environment point elsewhere
    (``GIT_CONFIG_KEY_0=remote.origin.pushurl``, ``GIT_CONFIG_PARAMETERS``)."""
    from clawkeep.guards.command_guard._fx_gitenv import env_settings

    for setting in env_settings(w):
        if key := _REMOTE_URL_KEY.match(setting):
            w.remotes.add(key.group(1))  # a push to that remote goes where the setting says


def git(cmd: Cmd, w: Walker) -> None:
    raw = cmd.values()
    values: list[str] = []
    _env_remotes(w)
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
        if key.group(2) and _unvetted_remote(values[2]):
            # persistence: every later push to that remote goes to this address instead
            w.flag("persistence", f"git config {values[1]} sends later pushes to {values[2]}")
    push_url = values[:2] == ["remote", "set-url"] and "--push" in raw and len(values) > 3
    if push_url and _unvetted_remote(values[3]):
        # persistence: `git remote set-url --push` is remote.NAME.pushurl, as above
        w.flag("persistence", f"git remote set-url --push sends later pushes to {values[3]}")
    rewrite = (
        _REWRITE_KEY.match(values[1]) if values[:1] == ["config"] and len(values) > 2 else None
    )
    if rewrite is not None and unvetted_source(rewrite.group(1)):
        # persistence: every later clone, fetch or push of the rewritten URLs goes there
        w.flag("persistence", f"git config {values[1]} sends git's traffic to {rewrite.group(1)}")
    networked = ("clone", "fetch", "pull", "push", "ls-remote", "submodule", "remote")
    if not values or values[0] not in networked:
        return
    if any(_runtime_url(a.text, a) for a in cmd.args):
        # exfiltration: a repository address built from data at run time carries it out
        w.flag("exfiltration", "git reaches an address built from data at run time")
        return
    if values[0] == "remote":
        return
    if secret_sent(cmd, w, [v for v in values if "://" in v]):
        return  # git clone https://x:$TOKEN@host/…: the token goes to that host
    named = [v for v in values[1:] if not v.startswith("-")]
    # `git push --repo=ADDRESS`: the repository pushed to, as the first operand would be
    chosen = [v.split("=", 1)[1] for v in raw if v.startswith("--repo=")]
    named = chosen[:1] + named if values[0] == "push" else named
    pushed_to_new = any(v in w.remotes for v in named) or (
        bool(w.remotes)
        and not any(REMOTE.match(v) or v in ("origin",) for v in named[:1])
        and not named
    )
    # `git push REPOSITORY REFSPEC…`: only the first word names where; `HEAD:deploy` and
    # `feature:main` after it are refspecs, not host:path addresses
    if values[0] == "push" and (pushed_to_new or any(REMOTE.match(v) for v in named[:1])):
        w.flag("exfiltration", "git push to an address rather than a configured remote")
        return
    egress(cmd, w, [v for v in values[1:] if REMOTE.match(v)] or None)


def _runtime_url(text: str, arg: Arg) -> bool:
    """A URL or host:path address with a part the line computed from data at run time."""
    if not (arg.substs or arg.computed) or UNKNOWN not in text:
        return False
    address = text.split("=", 1)[1] if text.startswith("-") and "=" in text else text
    return bool(re.match(r"^(\w+://|[\w.-]*@?[\w.-]+:(?!//))", address))


_URL_IN_WORD = re.compile(r"(?:git\+)?[a-z][\w+.-]*://\S+")


def packages(cmd: Cmd, w: Walker) -> None:
    if any(_runtime_url(a.text, a) for a in cmd.args if "://" in a.text):
        # exfiltration: an index or package URL built from data at run time carries it out
        w.flag("exfiltration", f"{cmd.name} reaches a URL built from data at run time")
        return
    values = [v for v in cmd.values() if not v.startswith("-")]
    if cmd.name in SYSPKG and any(re.match(r"^\w+://", v) and unvetted_source(v) for v in values):
        w.flag("download_exec", f"{cmd.name} installs a package straight from a URL")
        return
    if cmd.name == "uv" and values[:1] in (["pip"], ["tool"]):
        values = values[1:]
    fetches = values[:2] == ["mod", "download"] or (values and values[0] in INSTALL)
    runs = cmd.name == "uv" and values[:1] == ["run"] and "--from" in cmd.values()
    if fetches or runs or cmd.name in ("npx", "pipx", "bunx", "uvx"):
        for text in cmd.values():
            # a URL anywhere in the word: --index-url=URL, name@URL, git+URL
            url = _URL_IN_WORD.search(text)
            if url is not None and unvetted_source(url.group(0)):
                # download_exec: an installer runs the package's code (setup.py, postinstall)
                w.flag("download_exec", f"{cmd.name} installs code from {url.group(0)}")
                return
    if cmd.name == "go" and _go_module_unvetted(values):
        return _flag_go(cmd, w)
    if cmd.name == "go" and values[:2] == ["mod", "edit"]:
        raws = cmd.values()
        raws += [f"{a}={b}" for a, b in itertools.pairwise(raws) if "=" not in a]
        for raw in raws:  # -replace=OLD=NEW@v, -require=PATH@v: the next build fetches
            edit = re.match(r"^--?(?:replace|require)=(?:[^=]*=)?(.+)$", raw)
            if edit and (module := _go_module_unvetted(["get", edit.group(1)])):
                # download_exec: go.mod now sends every build to that host for the code
                w.flag("download_exec", f"go mod edit points the build at {module}")
                return
    if fetches or cmd.name in ("npx", "pipx"):
        egress(cmd, w)


# A module path: a dotted (or numeric) first element, then a path, a version or nothing.
_GO_PATH = re.compile(r"^([\w-]+(?:\.[\w-]+)+(?::\d+)?)(?:/[^@\s]*)?(?:@\S*)?$")
_GO_FETCH = frozenset({"install", "get", "run"})


def _go_module_unvetted(values: list[str]) -> str | None:
    """The first module path ``go install/get/run`` or ``go mod download`` fetches from a
    host that is neither a forge, the Go project's nor the owner's own network."""
    verb = values[:1]
    if not verb or (verb[0] not in _GO_FETCH and values[:2] != ["mod", "download"]):
        return None
    for value in values[1:]:
        found = _GO_PATH.match(value)
        if found is None or value.endswith(".go") or (verb == ["run"] and "@" not in value):
            continue  # `go run file.go`, `go run ./cmd`: the workspace's own code
        host = found.group(1).lower()
        if host in GO_HOSTS or any(host.endswith("." + h) for h in GO_HOSTS):
            continue
        if unvetted_source("https://" + host):
            return value
    return None


def _flag_go(cmd: Cmd, w: Walker) -> None:
    module = _go_module_unvetted([v for v in cmd.values() if not v.startswith("-")])
    # download_exec: go install/run builds and runs code served by a host nobody vouches for
    w.flag("download_exec", f"go fetches {module} from a host that is not a known forge")


def network(cmd: Cmd, w: Walker) -> None:
    if runtime_payload(cmd, w):
        return
    if set(cmd.values()) <= {"-V", "--version", "-h", "--help"} and cmd.args:
        return
    egress(cmd, w, urls_in(cmd.values()) or None)


def tunnel(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "code" and "tunnel" not in values:
        return
    w.flag("tunnel", f"{cmd.name} exposes this machine through a tunnel")


def print_remote(cmd: Cmd, w: Walker) -> None:
    if any(v in ("-h", "-H") or v.startswith(("-h", "-H")) for v in cmd.values()):
        w.flag("exfiltration", f"{cmd.name} sends data to a remote print server")


_LOCAL_MAIL = frozenset({"localhost", "localhost.localdomain", "127.0.0.1", "[127.0.0.1]"})


def _local_mail(name: str, values: list[str]) -> bool:
    """Every address is a mailbox of this machine, and any server named is this machine."""
    addresses = [v.rsplit("@", 1)[1].lower() for v in values if "@" in v]
    server = ("-s", "--server") if name == "swaks" else ()
    servers = [b.rsplit(":", 1)[0] for a, b in itertools.pairwise(values) if a in server]
    named = [v for v in values if re.search(r"(?:smtp|mta|host)=", v, re.I)]
    mailboxes = set(addresses) | set(servers)
    return bool(addresses) and mailboxes <= _LOCAL_MAIL and not named


def mail(cmd: Cmd, w: Walker) -> None:
    if set(cmd.values()) <= {"-V", "--version", "-h", "--help"} and cmd.args:
        return
    if _local_mail(cmd.name, cmd.values()):
        return  # mail to a mailbox of this machine (or its test catcher) never leaves it
    w.flag("exfiltration", f"{cmd.name} sends data to a remote mailbox")


def file_transfer(cmd: Cmd, w: Walker) -> None:
    script = " ".join(cmd.values()) + " " + " ".join(r.body or "" for r in cmd.redirects)
    if cmd.stdin is not None and cmd.stdin.text:
        script += " " + cmd.stdin.text
    batch = [v for i, v in enumerate(cmd.values()) if i and cmd.values()[i - 1] == "-b"]
    if cmd.name == "sftp" and batch and batch[0] != "-":
        # exfiltration: the batch file's commands are unknown here and may upload
        w.flag("exfiltration", "sftp runs a batch file of transfer commands")
        return
    if _UPLOAD_COMMAND.search(script):
        w.flag("exfiltration", f"{cmd.name} uploads local files")
        return
    if cmd.name == "ftp" and _ftp_unknown_script(cmd, w):
        return
    egress(cmd, w)


# The ftp(1)/lftp/smbclient commands that send a local file: put, mput, send, append, reput.
_UPLOAD_COMMAND = re.compile(r"(^|[\s;'\"])(m?put|send|append|m?reput)\s")


def _ftp_unknown_script(cmd: Cmd, w: Walker) -> bool:
    """ftp(1) reads its commands from standard input or a script (``-s:FILE``, Windows):
    commands the line does not spell (a file it did not write, a pipe's output) may upload."""
    from clawkeep.guards.command_guard._net_urllist import fed_input

    values = cmd.values()
    hosts = [v for v in values if not v.startswith("-")]
    if any("://" in h and not h.endswith("/") for h in hosts):
        return False  # `ftp https://host/file`: an auto-fetch that reads no commands
    if hosts and loopback_only([h if "://" in h else f"ftp://{h}" for h in hosts[:1]]):
        return False  # a server on this machine
    scripts = [v.split(":", 1)[1] for v in values if v.lower().startswith("-s:")]
    texts = [w.written.get(w.place(s).path) for s in scripts]
    fed, text, _ = fed_input(cmd, w)
    texts += [text] if fed else []
    for known in texts:
        commands = [line.split() for line in (known or "").splitlines() if line.strip()]
        if known is None or any(UNKNOWN in words[0] for words in commands):
            # exfiltration: commands unknown here (put FILE, send FILE) run against the host
            w.flag("exfiltration", "ftp runs transfer commands the line does not show")
            return True
    if any(_UPLOAD_COMMAND.search(t) for t in texts if t):
        w.flag("exfiltration", "ftp uploads local files")  # a script this line wrote
        return True
    return False
