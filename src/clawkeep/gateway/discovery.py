"""What the gateway announces on the local network (`discovery.mdns.mode`), with zeroconf.

- `off`: nothing.
- `minimal` (the default): the service type, a fixed instance name and the port; no TXT
  records, and a neutral host name rather than the machine's.
- `full`: adds what OpenClaw's full mode adds: the machine's host name (`lanHost`,
  `displayName`), the SSH port and the CLI's path (`cliPath`), plus role and port hints.
  The audit warns about it (`discovery.mdns_full_mode`).

Never announced when every listening address is loopback (nothing else could connect),
and only on the interfaces the gateway listens on (all non-loopback ones for 0.0.0.0/::).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.gateway.settings import is_loopback_host

__all__ = ["SERVICE_TYPE", "Announcement", "Announcer", "plan_announcement"]

SERVICE_TYPE = "_clawkeep-gw._tcp.local."
INSTANCE = "clawkeep gateway"
_NEUTRAL_HOST = "clawkeep-gateway.local."
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})  # noqa: S104  # recognised, not bound


@dataclass(frozen=True)
class Announcement:
    """One service record: its instance name, port, TXT properties, host and addresses."""

    name: str
    port: int
    properties: dict[str, str] = field(default_factory=dict)
    server: str = _NEUTRAL_HOST
    addresses: tuple[str, ...] = ()


def _interface_addresses(hosts: tuple[str, ...]) -> tuple[str, ...]:
    """The non-loopback addresses to announce on: the bound ones, or every interface's for a
    wildcard bind."""
    wanted: list[str] = []
    for host in hosts:
        if host in _WILDCARDS:
            import ifaddr

            for adapter in ifaddr.get_adapters():
                for ip in adapter.ips:
                    if isinstance(ip.ip, str) and not ipaddress.ip_address(ip.ip).is_loopback:
                        wanted.append(ip.ip)
        elif not is_loopback_host(host):
            with contextlib.suppress(ValueError):
                wanted.append(str(ipaddress.ip_address(host)))
    return tuple(dict.fromkeys(wanted))


def plan_announcement(
    config: RootConfig,
    hosts: tuple[str, ...],
    port: int,
    *,
    hostname: str | None = None,
    cli_path: str | None = None,
) -> Announcement | Deny:
    """What to announce for a gateway listening on ``hosts``:``port``, or why nothing."""
    mode = config.discovery.mdns.mode
    if mode == "off":
        return Deny("discovery.off", "discovery.mdns.mode is off")
    if all(is_loopback_host(h) for h in hosts):
        # Loopback only: nobody on the network could connect, so nothing is announced.
        return Deny("discovery.loopback_only", "the gateway listens on loopback only")
    addresses = _interface_addresses(hosts)
    if not addresses:
        return Deny("discovery.no_interface", "no non-loopback address to announce on")
    if mode == "minimal":
        # Service type, instance name and port only: no host name, paths or SSH hints.
        return Announcement(INSTANCE, port, {}, _NEUTRAL_HOST, addresses)
    host = (hostname or socket.gethostname()).split(".")[0] or "clawkeep"
    properties = {
        "role": "gateway",
        "transport": "gateway",
        "gatewayPort": str(port),
        "lanHost": f"{host}.local",
        "displayName": host,
        "sshPort": "22",
        "cliPath": cli_path or str(Path(sys.argv[0]).resolve()),
    }
    return Announcement(INSTANCE, port, properties, f"{host}.local.", addresses)


class Announcer:
    """A registered announcement on its interfaces; `close` withdraws it."""

    def __init__(self, announcement: Announcement) -> None:
        from zeroconf import IPVersion, ServiceInfo, Zeroconf

        self.announcement = announcement
        v6 = any(":" in a for a in announcement.addresses)
        v4 = any(":" not in a for a in announcement.addresses)
        version = IPVersion.All if v4 and v6 else IPVersion.V6Only if v6 else IPVersion.V4Only
        # Bound to the gateway's own interfaces only, never every interface of the host.
        self._zc = Zeroconf(interfaces=list(announcement.addresses), ip_version=version)
        self._info = ServiceInfo(
            SERVICE_TYPE,
            f"{announcement.name}.{SERVICE_TYPE}",
            port=announcement.port,
            properties=announcement.properties,
            server=announcement.server,
            parsed_addresses=list(announcement.addresses),
        )
        self._zc.register_service(self._info, allow_name_change=True)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # best effort: the goodbye packet may not leave
            self._zc.unregister_service(self._info)
        self._zc.close()
