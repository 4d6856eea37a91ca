"""mDNS discovery: what each `discovery.mdns.mode` puts on the network, seen by a real
zeroconf browser on the other end of a veth pair in a network namespace the test creates.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path
from typing import Any

import pytest

from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.gateway.discovery import Announcement, plan_announcement

ANNOUNCE_AT, BROWSE_AT = "10.77.0.1", "10.77.0.2"

SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from zeroconf import ServiceBrowser, ServiceListener, Zeroconf
    from clawkeep.config.schema import RootConfig
    from clawkeep.decision import Deny
    from clawkeep.gateway.discovery import SERVICE_TYPE, Announcer, plan_announcement

    mode, host = sys.argv[1], sys.argv[2]
    cfg = RootConfig.model_validate({"discovery": {"mdns": {"mode": mode}}})
    plan = plan_announcement(cfg, (host,), 18789, hostname="testhost",
                             cli_path="/opt/clawkeep/bin/clawkeep")
    found = []

    class Listener(ServiceListener):
        def add_service(self, zc, type_, name):
            info = zc.get_service_info(type_, name, timeout=3000)
            txt = {k.decode(): (v or b"").decode() for k, v in (info.properties if info else {}).items()}
            found.append({"name": name, "port": info.port if info else None,
                          "server": info.server if info else None, "txt": txt})
        def update_service(self, *args): pass
        def remove_service(self, *args): pass

    announcer = None if isinstance(plan, Deny) else Announcer(plan)
    browser = Zeroconf(interfaces=[sys.argv[3]])
    ServiceBrowser(browser, SERVICE_TYPE, Listener())
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline and not found:
        time.sleep(0.1)
    time.sleep(0.3)
    browser.close()
    if announcer is not None:
        announcer.close()
    print(json.dumps({"plan": "announce" if announcer else plan.reason, "found": found}))
    """
)


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


@pytest.fixture(scope="module")
def netns() -> Any:
    name = f"ckdisc{uuid.uuid4().hex[:8]}"
    try:
        _ip("netns", "add", name)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"DISCOVERY TESTS NOT RUN: cannot create a network namespace: {exc}")
    try:
        _ip("-n", name, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
        _ip("-n", name, "addr", "add", f"{ANNOUNCE_AT}/24", "dev", "v0")
        _ip("-n", name, "addr", "add", f"{BROWSE_AT}/24", "dev", "v1")
        for dev in ("lo", "v0", "v1"):
            _ip("-n", name, "link", "set", dev, "up")
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False, timeout=10)


def _browse(netns: str, tmp_path: Path, mode: str, host: str = ANNOUNCE_AT) -> dict[str, Any]:
    script = tmp_path / "browse.py"
    script.write_text(SCRIPT)
    proc = subprocess.run(
        ["ip", "netns", "exec", netns, sys.executable, str(script), mode, host, BROWSE_AT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_minimal_announces_type_name_and_port_only(netns: str, tmp_path: Path) -> None:
    result = _browse(netns, tmp_path, "minimal")
    assert result["plan"] == "announce"
    [record] = result["found"]
    assert record["name"] == "clawkeep gateway._clawkeep-gw._tcp.local."
    assert record["port"] == 18789
    assert record["txt"] == {}
    assert "testhost" not in json.dumps(record)  # not even the host name


def test_full_adds_host_name_ssh_and_paths(netns: str, tmp_path: Path) -> None:
    result = _browse(netns, tmp_path, "full")
    [record] = result["found"]
    assert record["server"] == "testhost.local."
    assert record["txt"] == {
        "role": "gateway",
        "transport": "gateway",
        "gatewayPort": "18789",
        "lanHost": "testhost.local",
        "displayName": "testhost",
        "sshPort": "22",
        "cliPath": "/opt/clawkeep/bin/clawkeep",
    }


def test_off_announces_nothing(netns: str, tmp_path: Path) -> None:
    assert _browse(netns, tmp_path, "off") == {"plan": "discovery.off", "found": []}


def test_loopback_only_gateway_announces_nothing(netns: str, tmp_path: Path) -> None:
    result = _browse(netns, tmp_path, "full", host="127.0.0.1")
    assert result == {"plan": "discovery.loopback_only", "found": []}


@pytest.mark.parametrize("hosts", [("127.0.0.1", "::1"), ("localhost",), ("::1",)])
def test_loopback_spellings_are_never_announced(hosts: tuple[str, ...]) -> None:
    cfg = RootConfig.model_validate({"discovery": {"mdns": {"mode": "full"}}})
    plan = plan_announcement(cfg, hosts, 1234)
    assert isinstance(plan, Deny) and plan.reason == "discovery.loopback_only"


def test_announcement_uses_only_the_bound_address() -> None:
    cfg = RootConfig.model_validate({})
    plan = plan_announcement(cfg, ("127.0.0.1", "192.168.1.20"), 1234)
    assert isinstance(plan, Announcement)
    assert plan.addresses == ("192.168.1.20",) and plan.properties == {}


def test_running_gateway_announces_its_real_port(netns: str, tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    config = state / "clawkeep.json"
    config.write_text(
        json.dumps(
            {
                "gateway": {
                    "bind": "custom",
                    "customBindHost": ANNOUNCE_AT,
                    "auth": {"token": uuid.uuid4().hex + uuid.uuid4().hex},
                },
                "discovery": {"mdns": {"mode": "minimal"}},
            }
        )
    )
    config.chmod(0o600)
    clawkeep = Path(sys.executable).parent / "clawkeep"
    argv = [str(clawkeep), "gateway", "run", "--config", str(config), "--port", "0"]
    gateway = subprocess.Popen(
        ["ip", "netns", "exec", netns, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    try:
        assert gateway.stdout is not None
        lines = []
        for line in gateway.stdout:  # ends when the gateway exits (a failure)
            lines.append(line)
            if "announced on" in line:
                break
        assert any("announced on 10.77.0.1" in ln for ln in lines), lines
        listening = next(ln for ln in lines if "listening on" in ln)
        port = int(listening.split("http://10.77.0.1:")[1].split()[0])
        result = _browse(netns, tmp_path, "off")  # the browser side only
    finally:
        gateway.terminate()
        gateway.communicate(timeout=30)  # also closes its stdout pipe
    [record] = result["found"]
    assert record["port"] == port and record["txt"] == {}
