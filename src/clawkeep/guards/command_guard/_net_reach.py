"""Where a network command points: the URLs and hosts on its line, whether they are all
loopback or computed at run time from data, and whether an agent without egress may
reach them.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from functools import lru_cache

from clawkeep.guards.command_guard._net_tables import OWN_SUFFIXES, VETTED_SOURCES
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["REMOTE", "egress", "loopback_only", "runtime_payload", "unvetted_source", "urls_in"]

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


# `$(gh auth token)`: a command that prints a service's own token, and the label its
# hosts carry (the token may go there, as $GITHUB_TOKEN may).
_TOKEN_PRINTERS = (
    (re.compile(r"^\$\(\s*gh\s+auth\s+token\b[^|;&`$()]*\)$"), "github"),
    (re.compile(r"^\$\(\s*glab\s+auth\s+token\b[^|;&`$()]*\)$"), "gitlab"),
    (re.compile(r"^\$\(\s*gcloud\s+auth\s+print-\w+-token\b[^|;&`$()]*\)$"), "googleapis"),
    (re.compile(r"^\$\(\s*az\s+account\s+get-access-token\b[^|;&`$()]*\)$"), "azure"),
)


# `$(cat token)`: one file named as a single token, read whole, as a bearer credential.
_TOKEN_FILE = re.compile(
    r"^\$\(\s*(?:cat\s+|<\s*)(?:[\w.~/-]*/)?\.?(?:[\w-]+[._-])?(?:token|jwt|bearer)s?"
    r"(?:\.txt|\.jwt)?\s*\)$",
    re.I,
)


def _vouched(url: str) -> bool:
    full = url if "://" in url else "https://" + url
    return loopback_only([full]) or not unvetted_source(full)


def _auth_kept(arg: Arg, cmd: Cmd, w: Walker) -> bool:
    """A computed authorization header that carries a credential, not data: every URL is
    this machine, the owner's network or a vetted forge, or each `$(…)` prints a service's
    own token and every URL is that service's."""
    urls = urls_in(cmd.values())
    if urls and all(_vouched(u) for u in urls):
        return True
    if arg.computed or not arg.substs or not urls:
        return False  # a variable the line filled from data (k=$(base64 .env)) is data
    from clawkeep.guards.command_guard._net_secrets import belongs_label

    for node in arg.substs:
        text = w.text(node).strip()
        if _TOKEN_FILE.match(text):
            continue  # a token file sent as the token it holds (credential paths judged apart)
        label = next((lbl for rx, lbl in _TOKEN_PRINTERS if rx.match(text)), None)
        if label is None or not all(belongs_label(label, u) for u in urls):
            return False
    return True


def runtime_payload(cmd: Cmd, w: Walker) -> bool:
    """A host or URL built from $(…) at run time carries data out (DNS or query exfil)."""
    previous = ""
    for arg in cmd.args:
        saved = previous.startswith(("-o", "-O", "--output"))  # where it saves, not sends
        # A credential handed to the API it belongs to: an authorization header. Computed
        # text is data wherever the header names it (`Bearer $(base64 .env)`) unless it goes
        # only to vouched hosts or is a service's token printed for that service.
        # A variable the line filled at run time (V=$(cat f), read V) carries the same data.
        data = bool(arg.substs) or arg.computed
        auth = (
            data
            and previous in ("-H", "--header")
            and bool(_AUTH_HEADER.match(arg.text))
            and _auth_kept(arg, cmd, w)
        )
        skip = saved or auth
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


_HOST = re.compile(r"^(?:[\w+.-]+://)?(?:[^/@]*@)?(\[[0-9a-fA-F:.]+\]|[^/:?#]+)")
_WILDCARD_DNS = re.compile(r"^(?:[\w-]+[.-])??((?:\d{1,3}[.-]){3}\d{1,3})\.(?:nip|sslip|xip)\.io$")
# Addresses of this machine and of the owner's own networks (RFC 1918, ULA, loopback).
_OWN_NETS = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "::1/128", "fc00::/7")
)


def unvetted_source(url: str) -> bool:
    """Code fetched from here is vouched for by nobody: a bare IP address beyond the owner's
    own networks (no registry, forge or domain owner stands behind a public address), or a
    name that is neither a public registry or forge nor one of the owner's own networks."""
    # pure in the URL, ~10 us a name to judge, and a line's commands ask about the same
    # URLs again: cached, for URLs of a usual length (the cache stays small)
    return _cached_source(url) if len(url) <= _CACHED_URL else _source(url)


_CACHED_URL = 2048


@lru_cache(maxsize=1024)
def _cached_source(url: str) -> bool:
    return _source(url)


def _source(url: str) -> bool:
    found = _HOST.match(url.removeprefix("git+"))
    if found is None or "://" not in url:
        return False
    host = found.group(1).strip("[]").lower().rstrip(".")
    wildcard = _WILDCARD_DNS.match(host)  # 203.0.113.7.nip.io answers with the address in it
    host = wildcard.group(1).replace("-", ".") if wildcard else host
    try:  # every IPv4 spelling a resolver takes: dotted, decimal, octal, hex
        address: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
            socket.inet_aton(host)
        )
    except (OSError, ValueError):
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return _unvetted_name(host)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not any(address in net for net in _OWN_NETS if net.version == address.version)


def _unvetted_name(host: str) -> bool:
    if "." not in host or host.endswith(OWN_SUFFIXES):
        return False  # a name of the owner's own network (`nexus`, `pypi.lab.internal`)
    return not any(host == v or host.endswith("." + v) for v in VETTED_SOURCES)


# Inline code's socket calls given a literal address: `s.bind(("127.0.0.1", 0))`.
_ADDR_CALL = re.compile(
    r"\b(?:connect|connect_ex|bind|create_connection|create_server|sendto)\s*\("
)
_LOOP_ADDR = re.compile(
    r"\b(?:connect|connect_ex|bind|create_connection|create_server)\s*\(\s*\(\s*"
    r"[\"'](?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)[\"']\s*,\s*\d+\s*\)"
)
_OTHER_IP = re.compile(r"[\"'](?!127\.)\d{1,3}(?:\.\d{1,3}){3}[\"']")


def loopback_code(code: str) -> bool:
    """Every socket the code opens is given a literal loopback address, and it names no
    other address: a client or a free-port probe on this machine, as ``nc 127.0.0.1 6379``."""
    calls = len(_ADDR_CALL.findall(code))
    return calls > 0 and calls == len(_LOOP_ADDR.findall(code)) and not _OTHER_IP.search(code)
