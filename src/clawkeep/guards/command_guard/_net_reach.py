"""Where a network command points: the URLs and hosts on its line, whether they are all
loopback or computed at run time from data, and whether an agent without egress may
reach them.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._walk import Cmd, Walker

__all__ = ["REMOTE", "egress", "loopback_only", "runtime_payload", "urls_in"]

_LOOPBACK = re.compile(
    r"^(\w+://)?([^/@]*@)?(localhost|127\.[\d.]+|\[::1\]|::1|0\.0\.0\.0)([:/]|$)"
)
REMOTE = re.compile(r"^(?![./~])([\w.-]+@)?[\w.-]+:(?!//)|^\w+://|^rsync://")
_URL = re.compile(r"^\w+://|^[\w.-]+\.\w{2,}(/|:\d|$)|^(localhost|\[::1\])(:\d+)?(/|$)")


def urls_in(values: list[str]) -> list[str]:
    return [v for v in values if _URL.match(v)]


def loopback_only(targets: list[str]) -> bool:
    return bool(targets) and all(_LOOPBACK.match(t) for t in targets)


_AUTH_HEADER = re.compile(r"^\s*(Authorization|Proxy-Authorization|X-[\w-]*(Token|Key))\s*:", re.I)


def runtime_payload(cmd: Cmd, w: Walker) -> bool:
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


def egress(cmd: Cmd, w: Walker, targets: list[str] | None = None) -> None:
    if w.ctx.egress:
        return
    if targets is not None and loopback_only(targets):
        return  # loopback is not egress
    w.flag("network_no_egress", f"{cmd.name} uses the network and this agent has no egress")
