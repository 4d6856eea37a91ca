"""Whether an ``rsync`` to a remote host is the workspace deployed to one of the owner's
own hosts: every source inside the workspace, the destination a host of the owner's own
network (a single-label name from the owner's ssh config or search domain, a private
suffix, a private address; the names installs from the owner's network already pass by),
and nothing that changes what is read or how it travels: no link following (``-L``,
``--copy-links``: a workspace link to ``~/.ssh`` would send the key), no file lists read
from elsewhere (``--files-from``), no remote shell or remote program of the line's choice
(``-e``, ``--rsh``, ``--rsync-path``, ``RSYNC_RSH``). ``scp`` follows links and is not
exempted. Anything else stays a remote copy (``exfiltration``).
"""

from __future__ import annotations

import ipaddress
import re

from clawkeep.guards.command_guard._net_tables import OWN_SUFFIXES
from clawkeep.guards.command_guard._walk import Cmd, Walker

__all__ = ["own_deploy"]

# Options that follow links, read lists of files, or pick the transport.
_UNSAFE = re.compile(
    r"^(?:-[a-zA-Z]*[LkKe]|--copy-links|--copy-unsafe-links|--copy-dirlinks|--keep-dirlinks"
    r"|--files-from|--include-from|--exclude-from|--rsh|--rsync-path|--password-file"
    r"|--daemon|--config|--from0|-0|-M|--remote-option)"
)
# rsync options whose value is the next word.
_VALUED = frozenset({"--exclude", "--include", "--filter", "-f", "--chmod", "--chown"})
_VALUED |= frozenset({"--log-file", "--backup-dir", "--suffix", "--temp-dir", "-T"})
_VALUED |= frozenset({"--max-size", "--min-size", "--bwlimit", "--timeout", "--port"})
_OWN_NETS = tuple(
    ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
_HOST = re.compile(r"^(?:rsync://)?(?:[^@/:]+@)?([\w.-]+)(?:::?|/)")


def _own_host(dest: str) -> bool:
    found = _HOST.match(dest)
    if found is None:
        return False
    host = found.group(1).lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host or host.endswith(OWN_SUFFIXES)
    # RFC 1918 and ULA only: `is_private` also holds the documentation ranges
    return any(address in net for net in _OWN_NETS if net.version == address.version)


def own_deploy(cmd: Cmd, w: Walker) -> bool:
    """True when this rsync copies workspace files to a host of the owner's network."""
    if cmd.name != "rsync" or "RSYNC_RSH" in w.env.values:
        return False
    values = cmd.values()
    operands: list[str] = []
    index = 0
    while index < len(values):
        value = values[index]
        if _UNSAFE.match(value):
            return False
        if value in _VALUED:
            index += 2
            continue
        if not value.startswith("-"):
            operands.append(value)
        index += 1
    if len(operands) < 2 or not _own_host(operands[-1]):
        return False
    sources = operands[:-1]
    return all(":" not in s and w.place(s).kind in ("workspace", "workspace_root") for s in sources)
