"""What a URL a client is given reaches: raw protocols by scheme, cloud instance-metadata
services, container engines' sockets; and package managers' hook options, bpftrace's
``system()``, aria2c's hooks.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from functools import lru_cache

from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

__all__ = ["api_port", "aria2c", "bpftrace", "metadata_host", "package_hooks", "schemes"]
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


# The metadata services' own API paths: with a host known only at run time, still them.
_METADATA_PATH = re.compile(
    r"://[^/]*\x00[^/]*/(latest/(meta-data|user-data|api/token|dynamic)|computeMetadata/"
    r"|metadata/(identity|instance)|opc/v\d/|v2/credentials|openstack/latest)"
)
# Ports of APIs that hand a caller the machine (a container engine's API: a root container)
# or its workloads' secrets (the kubelet's: every pod's environment, and exec into it).
_ENGINE_PORTS = frozenset({"2375", "2376"})
_KUBELET_PORTS = frozenset({"10250", "10255"})
_BARE_PORT = re.compile(r"^(?:[\w.-]+|\[[^\]]*\])?:(\d+)[/?#]")
_PORT = re.compile(
    r"^(?:[A-Za-z][\w+.-]*://)?(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)(?:[/?#]|$)"
)


def metadata_host(text: str) -> bool:
    """The URL or host names a cloud metadata service, in any spelling of its address; a
    host with a part known only at run time is judged by what is known before that part
    (``http://169.254.170.2$URI``), and a run-time host by the metadata API's path."""
    # pure in the text, and asked of every word of a client's line: cached for usual lengths
    return _cached_metadata(text) if len(text) <= _CACHED_TEXT else _metadata(text)


_CACHED_TEXT = 2048


@lru_cache(maxsize=1024)
def _cached_metadata(text: str) -> bool:
    return _metadata(text)


def _metadata(text: str) -> bool:
    if _METADATA_PATH.search(text):
        return True
    match = _HOST.match(text.strip("'\""))
    host = match.group(1).strip("[]").lower().rstrip(".") if match else ""
    host = host.split(UNKNOWN, 1)[0].rstrip(".")
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


# The Docker Engine API's own paths, on whatever port or socket it listens
_ENGINE_PATH = re.compile(
    r"^[^/?#]*(?:/v\d+\.\d+)?/(?:containers/(?:json|create|[\w.-]+/(?:exec|start|attach|archive))"
    r"|images/create|exec/[\w.-]+/start)\b"
)


def api_port(url: str, who: str, w: Walker) -> bool:
    """Flag a URL on the port of a container engine's or a kubelet's API; True if flagged."""
    # curl and httpie take `localhost:2375/info` without a scheme: a path must follow then
    port = _PORT.match(url) if "://" in url else _BARE_PORT.match(url)
    engine = ("://" in url or port is not None) and _ENGINE_PATH.match(url.split("://", 1)[-1])
    number = str(int(port.group(1))) if port is not None else ""  # `:02375` is 2375 too
    if engine or number in _ENGINE_PORTS:
        # privilege: a container engine's API starts containers with the host mounted
        w.flag("privilege", f"{who} talks to a container engine's API port")
        return True
    if number in _KUBELET_PORTS:
        # credential_read: the kubelet hands out every pod's spec and environment
        w.flag("credential_read", f"{who} asks the kubelet's API for its pods")
        return True
    return False


def schemes(cmd: Cmd, w: Walker) -> None:
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
        if ":" not in text:
            continue  # no port and no scheme (both patterns below need a colon)
        if api_port(text, cmd.name, w):
            return
        match = _SCHEME.match(text)
        if match and match.group(1).lower() not in _SAFE_SCHEMES:
            scheme = match.group(1).lower()
            # raw_socket: gopher/dict/telnet/smb/ftp... write bytes to any port, past the
            # network guard's HTTP checks, or read local files (file://)
            w.flag("raw_socket", f"{cmd.name} speaks {scheme}://, not HTTP")
            return


# apt / dpkg settings whose value is a shell command run around an install or update.
_APT_HOOK = re.compile(r"(Pre|Post)-Invoke(-Success)?|Pre-Install-Pkgs|::Exec|Post-Invoke", re.I)


def package_hooks(cmd: Cmd, w: Walker) -> None:
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


def bpftrace(cmd: Cmd, w: Walker) -> None:
    if any(a.text == "--unsafe" for a in cmd.args):
        # dynamic_command: --unsafe lets the probes call system() as root
        w.flag("dynamic_command", "bpftrace --unsafe runs commands from its probes")


def aria2c(cmd: Cmd, w: Walker) -> None:
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
