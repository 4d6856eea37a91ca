"""FreeBSD, OpenBSD and Alpine's own administration tools, judged by the effects the Linux
tools are judged by:

- services: ``sysrc NAME_enable=NO``, ``rcctl disable|stop``, ``rc-service NAME stop`` and
  ``rc-update del`` of a daemon that watches the host (the firewall, the system log, the
  audit trail) turn a defence off; ``sysrc sshd_flags``/``rcctl set sshd flags`` that allow
  root or password log-in open the machine; a kernel module set to load at boot
  (``sysrc -f /boot/loader.conf NAME_load=YES``) persists;
- ``kldload`` of a module file outside the boot folders loads code into the kernel, as
  ``insmod`` does; ``pw`` changes accounts and groups, as ``usermod`` does;
- packages: ``pkg add``/``pkg_add``/``apk add`` of a URL on a host nobody vouches for is
  download-and-run, and ``apk add --allow-untrusted`` or ``pkg add`` of a file from outside
  the workspace installs unsigned code as root; removing every package (``pkg delete -a``)
  or the base system's (``apk del`` of musl, busybox, apk-tools, or ``--force-broken-world``)
  breaks the host;
- ``crond -c DIR`` runs the crontabs of a folder outside the workspace (persistence).
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._defenses import SERVICE_OFF, WATCHERS
from clawkeep.guards.command_guard._net_reach import unvetted_source, urls_in
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["BSD_RULES", "rc_script"]

# sshd options that let root, or anyone with a password, log in from the network
_OPEN_LOGIN = re.compile(
    r"(PermitRootLogin|PasswordAuthentication|PermitEmptyPasswords)[\s=]+yes", re.I
)
_OFF = frozenset({"no", "false", "off", "0"})


def _service_off(service: str, what: str, w: Walker) -> None:
    if WATCHERS.match(service):
        # privilege: the daemon that watches the host (firewall, log, audit) is turned off
        w.flag("privilege", f"{what} turns a host defence off")


def _sysrc(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    target = values[values.index("-f") + 1] if "-f" in values[:-1] else "/etc/rc.conf"
    removes = "-x" in values
    for value in values:
        name, _, setting = value.partition("=")
        name = name.rstrip("+")
        if name.endswith("_enable") and (removes or setting.strip("\"'").lower() in _OFF):
            _service_off(name.removesuffix("_enable"), f"sysrc {value}", w)
        elif name.startswith("sshd") and _OPEN_LOGIN.search(setting):
            # tunnel: sshd starts taking root or password log-ins from the network
            w.flag("tunnel", f"sysrc {name} lets root or passwords log in over ssh")
        elif setting and not removes and _boot_module(name, target):
            # persistence: the kernel loads the module at every boot
            w.flag("persistence", f"sysrc {name} loads a kernel module at boot")


def _boot_module(name: str, target: str) -> bool:
    return name == "kld_list" or (name.endswith("_load") and "loader.conf" in target)


_RC_DIRS = ("/etc/rc.d/", "/usr/local/etc/rc.d/", "/etc/init.d/")


def rc_script(cmd: Cmd, w: Walker) -> None:
    """``/etc/rc.d/pf stop``, ``/etc/init.d/iptables stop``: a service's own script, run by
    its path, judged as ``service NAME stop`` is."""
    if "/" not in cmd.word:
        return  # run by name, not by a script's path
    values = cmd.values()
    path = w.place(cmd.word).path
    if path.startswith(_RC_DIRS) and values[:1] and values[0] in SERVICE_OFF:
        _service_off(path.rsplit("/", 1)[-1], f"{path} {values[0]}", w)


def _rcctl(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("-")]
    if len(words) >= 2 and words[0] in ("disable", "stop"):
        for service in words[1:]:
            _service_off(service, f"rcctl {words[0]} {service}", w)
    if words[:1] == ["set"] and words[1:2] == ["sshd"] and _OPEN_LOGIN.search(" ".join(words)):
        w.flag("tunnel", "rcctl set sshd flags lets root or passwords log in over ssh")


def _openrc(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("-")]
    if cmd.name == "rc-service" and len(words) >= 2 and words[1] in ("stop", "zap", "pause"):
        _service_off(words[0], f"rc-service {words[0]} {words[1]}", w)
    elif cmd.name == "rc-update" and len(words) >= 2 and words[0] in ("del", "delete"):
        _service_off(words[1], f"rc-update del {words[1]}", w)


def _kldload(cmd: Cmd, w: Walker) -> None:
    for value in cmd.values():
        if value.startswith("-"):
            continue
        path = w.place(value).path if "/" in value else value
        if ("/" in value or value.endswith(".ko")) and not path.startswith(("/boot/", "/bsd")):
            # privilege: a kernel module from outside the system's own folders runs in the kernel
            w.flag("privilege", f"{cmd.name} loads the kernel module {value}")
            return


_PW_READS = frozenset({"usershow", "groupshow", "usernext", "groupnext", "showuser"})
_PW_READS |= frozenset({"user show", "group show", "user next", "group next"})


def _pw(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("-")]
    at = next(
        (i for i, v in enumerate(words) if v.startswith(("user", "group", "lock", "unlock"))), -1
    )
    verb = words[at] if at >= 0 else ""
    if verb in ("user", "group"):  # `pw user add NAME`: the verb is the next word
        verb = " ".join(words[at : at + 2])
    if verb and verb not in _PW_READS:
        # privilege: an account or a group (wheel: who may become root) is changed
        w.flag("privilege", f"pw {verb} changes an account or a group")


# the base system on Alpine: without these the host has no libc, shell or package manager
_BASE = re.compile(r"^(musl|busybox|alpine-base|apk-tools|libc-utils|alpine-baselayout|openrc)$")


def _packages(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    # pkg -o NAME=VALUE sets a configuration value (PACKAGESITE=URL: where packages come from)
    settings = [b for a, b in itertools.pairwise(values) if a in ("-o", "--option")]
    verbs = [v for v in values if not v.startswith("-") and v not in settings]
    verb = "add" if cmd.name == "pkg_add" else (verbs[0] if verbs else "")
    operands = verbs[1:] if cmd.name in ("pkg", "apk") else verbs
    if verb in ("delete", "remove", "del"):
        if cmd.name == "pkg" and {"-a", "--all"} & set(values):
            w.flag("destructive_delete", "pkg delete -a removes every installed package")
        elif "--force-broken-world" in values or any(_BASE.match(o) for o in operands):
            # destructive_delete: the host loses its libc, shell or package manager
            w.flag("destructive_delete", f"{cmd.name} {verb} removes the base system")
        return
    if verb not in ("add", "install"):
        return
    named = operands + [v.split("=", 1)[-1] for v in settings]
    urls = [u for u in urls_in(named) if unvetted_source(u)]
    if urls:
        # download_exec: a package (its install scripts run as root) from an unvetted host
        w.flag("download_exec", f"{cmd.name} installs a package from {urls[0]}")
        return
    unsigned = (cmd.name == "pkg" and verb == "add") or "--allow-untrusted" in values
    for operand in operands if unsigned else []:
        is_file = "/" in operand or operand.endswith((".pkg", ".apk", ".txz", ".tgz"))
        if is_file and w.place(operand).kind not in ("workspace", "workspace_root"):
            # privilege: an unsigned package from outside the workspace, installed as root
            w.flag("privilege", f"{cmd.name} installs the unsigned package {operand}")
            return


def _crond(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "-c" in values[:-1]:
        found = w.place(values[values.index("-c") + 1])
        if found.kind not in ("workspace", "workspace_root"):
            # persistence: the daemon runs every crontab in that folder on schedule
            w.flag("persistence", f"crond -c {found.path} runs the crontabs it holds")


BSD_RULES: dict[str, Rule] = {
    "sysrc": _sysrc,
    "rcctl": _rcctl,
    "rc-service": _openrc,
    "rc-update": _openrc,
    "kldload": _kldload,
    "modload": _kldload,
    "pw": _pw,
    "pkg": _packages,
    "pkg_add": _packages,
    "apk": _packages,
    "crond": _crond,
}
