"""The browser's profile, lock, launch flags and off switch (the attacks are in
tests/e2e/test_e2e_browser.py)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow, Deny
from clawkeep.tools._browser_jail import jail_argv
from clawkeep.tools._browser_profile import (
    check_navigation,
    chromium_args,
    profile_dir,
    profile_name,
    write_preferences,
)
from clawkeep.tools.browser import BrowserHost
from tests.e2e.e2e_harness import call, install
from tests.e2e.test_e2e_browser import chromium_descendants

needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="needs Debian's chromium (scripts/test.sh installs it)"
)


def _paths(tmp_path: Path) -> InstallPaths:
    state = tmp_path / "state"
    state.mkdir(mode=0o700, exist_ok=True)
    return InstallPaths("clawkeep", state, state / "clawkeep.json")


def _config(**browser: Any) -> RootConfig:
    return RootConfig.model_validate({"browser": {"enabled": True, **browser}})


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "chrome://settings",
        "view-source:http://example.com/",
        "data:text/html,<script>alert(1)</script>",
        "javascript:alert(1)",
        "blob:http://example.com/x",
        "devtools://devtools/bundled/inspector.html",
        "chrome-extension://abc/x.html",
        "ftp://example.com/",
        "about:config",
        "//example.com/",
    ],
)
def test_only_web_urls_may_be_opened(url: str) -> None:
    decision = check_navigation(url)
    assert isinstance(decision, Deny) and decision.reason == "browser.scheme_refused"


@pytest.mark.parametrize("url", ["http://user:pw@example.com/", "http:///nohost", "https://"])
def test_urls_without_a_plain_host_are_refused(url: str) -> None:
    decision = check_navigation(url)
    assert isinstance(decision, Deny) and decision.reason == "browser.bad_url"


def test_web_urls_pass_the_scheme_check() -> None:
    assert isinstance(check_navigation("https://example.com/a?b"), Allow)
    assert isinstance(check_navigation("about:blank"), Allow)


@pytest.mark.parametrize("name", ["../x", "a/b", ".hidden", "Work", "a" * 65, "..", "x\x00y"])
def test_profile_names_that_could_be_paths_are_refused(name: str) -> None:
    asked = profile_name(_config(), name)
    assert isinstance(asked, Deny) and asked.reason == "browser.profile_name"
    default = profile_name(_config(defaultProfile=name), None)
    assert isinstance(default, Deny) and default.reason == "browser.profile_name"


def test_a_profile_not_in_the_config_is_refused_when_profiles_are_listed() -> None:
    config = _config(profiles={"work": {}})
    decision = profile_name(config, "other")
    assert isinstance(decision, Deny) and decision.reason == "browser.profile_unknown"
    assert profile_name(config, "work") == "work"
    assert profile_name(_config(), None) == "clawkeep"


def test_profile_dir_is_private_and_inside_the_state_dir(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    path = profile_dir(paths, "work")
    assert path == paths.state_dir / "browser" / "profiles" / "work"
    for p in (path, path.parent, path.parent.parent):
        assert stat.S_IMODE(p.stat().st_mode) == 0o700


def test_a_link_planted_as_the_profile_dir_is_refused(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    outside = tmp_path / "personal-chrome"
    outside.mkdir()
    profiles = paths.state_dir / "browser" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "work").symlink_to(outside)
    with pytest.raises(NotADirectoryError):
        profile_dir(paths, "work")


def test_managed_preferences_turn_off_sync_passwords_and_notifications(tmp_path: Path) -> None:
    directory = profile_dir(_paths(tmp_path), "p")
    prefs = directory / "Default" / "Preferences"
    prefs.parent.mkdir(mode=0o700)
    prefs.write_text(json.dumps({"profile": {"password_manager_enabled": True, "name": "x"}}))
    write_preferences(directory)
    data = json.loads(prefs.read_text())
    assert data["profile"]["password_manager_enabled"] is False
    assert data["profile"]["name"] == "x"  # Chromium's own keys are kept
    assert data["credentials_enable_service"] is False
    assert data["profile"]["default_content_setting_values"]["notifications"] == 2
    assert data["webrtc"]["ip_handling_policy"] == "disable_non_proxied_udp"
    assert stat.S_IMODE(prefs.stat().st_mode) == 0o600


def test_launch_flags_keep_chromium_from_resolving_or_phoning_home() -> None:
    plan = chromium_args("127.0.0.1", running_as_root=False, no_sandbox=False)
    for flag in (
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-gpu",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    ):
        assert flag in plan.args
    assert not any("remote-debugging-port" in a for a in plan.args)
    assert plan.chromium_sandbox
    assert not chromium_args("127.0.0.1", running_as_root=True, no_sandbox=False).chromium_sandbox
    assert not chromium_args("127.0.0.1", running_as_root=False, no_sandbox=True).chromium_sandbox


def test_a_profile_with_a_user_data_dir_never_launches(tmp_path: Path) -> None:
    personal = tmp_path / ".config" / "google-chrome"
    config = _config(defaultProfile="mine", profiles={"mine": {"userDataDir": str(personal)}})
    host = BrowserHost(config, _paths(tmp_path))
    try:
        result = asyncio.run(host.act("open", {"url": "https://example.com/"}))
    finally:
        host.close()
    assert result.reason == "browser.profile_outside_state"
    assert host.started == 0
    assert not personal.exists()


def test_browser_off_builds_no_host_offers_no_tool_and_starts_nothing(tmp_path: Path) -> None:
    raw = {"agents": {"list": [{"id": "main", "sandbox": {"mode": "off"}}]}}
    script = [{"toolCalls": [call("browser", action="open", url="https://example.com/")]}]
    i = install(tmp_path, raw, {"main": [*script, {"text": "done"}]})
    assert i.runtime.services.browser is None
    assert i.turn() == "done"
    _system, _messages, offered = i.scripts["main"].requests[0]
    assert "browser" not in offered
    assert [e.reason for e in i.events.recent if e.kind == "tool.denied"] == [
        "policy.browser_disabled"
    ]
    assert not (i.paths.state_dir / "browser").exists()
    assert chromium_descendants() == []


def test_browser_on_builds_a_host_that_starts_nothing_until_used(tmp_path: Path) -> None:
    raw = {"browser": {"enabled": True}, "agents": {"list": [{"id": "main"}]}}
    i = install(tmp_path, raw)
    host = i.runtime.services.browser
    assert isinstance(host, BrowserHost)
    assert host.started == 0
    assert not (i.paths.state_dir / "browser").exists()


@needs_chromium
def test_a_second_gateway_cannot_use_a_running_profile(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    first, second = BrowserHost(_config(), paths), BrowserHost(_config(), paths)
    try:
        assert asyncio.run(first.act("tabs", {})).ok
        refused = asyncio.run(second.act("tabs", {}))
        assert refused.reason == "browser.profile_locked"
        assert second.started == 0
        assert chromium_descendants()
        first.close()
        assert asyncio.run(second.act("tabs", {})).ok  # the lock went with the first
    finally:
        first.close()
        second.close()


@needs_chromium
def test_a_start_that_fails_midway_does_not_keep_the_profile_locked(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    default = profile_dir(paths, "clawkeep") / "Default"
    default.write_text("a file where the preferences dir goes")  # the first start fails
    host = BrowserHost(_config(), paths)
    try:
        failed = asyncio.run(host.act("tabs", {}))  # an OSError inside: a refusal, no raise
        assert not failed.ok and failed.reason == "browser.os_error"
        assert "NotADirectoryError" in failed.text or "FileExistsError" in failed.text
        assert str(tmp_path) not in failed.text  # the model hears no host path
        default.unlink()
        # The failed start let go of its lock: the profile is not "in use" by anyone.
        assert asyncio.run(host.act("tabs", {})).ok
        assert host.started == 1
    finally:
        host.close()


@needs_chromium
def test_a_browser_that_died_is_started_again_on_the_next_action(tmp_path: Path) -> None:
    host = BrowserHost(_config(), _paths(tmp_path))
    try:
        assert asyncio.run(host.act("tabs", {})).ok
        pids = chromium_descendants()
        assert pids
        for pid in pids:  # Chromium dies under the gateway (killed, crashed)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for _ in range(100):  # until the driver has seen the pipe close (never a timing)
            if not chromium_descendants() and host._running is not None and host._running.gone:
                break
            time.sleep(0.05)
        result = asyncio.run(host.act("snapshot", {}))
        assert result.ok, result.text  # not "browser has been closed" until a restart
        assert host.started == 2
    finally:
        host.close()
    assert chromium_descendants() == []


def test_the_jail_rewrites_playwrights_command_line(tmp_path: Path) -> None:
    profile = profile_dir(_paths(tmp_path), "work")
    sock = tmp_path / "egress.sock"
    args = [
        "--headless",
        f"--user-data-dir={profile}",
        "--proxy-server=http://127.0.0.1:4567",
        "--proxy-bypass-list=<-loopback>",
        "--remote-debugging-pipe",
    ]
    argv = jail_argv(args, profile, sock, {"seccomp": 9}, "/usr/bin/bwrap")
    assert "--unshare-net" in argv and "--clearenv" in argv
    assert ["--bind", str(profile), "/workspace"] == argv[
        argv.index("--bind") : argv.index("--bind") + 3
    ]
    assert [str(sock), "/run/clawkeep/egress.sock"] == argv[
        argv.index("--ro-bind", argv.index("/workspace")) + 1 : argv.index(
            "--ro-bind", argv.index("/workspace")
        )
        + 3
    ]
    tail = argv[argv.index("/usr/lib/chromium/chromium") + 1 :]
    assert tail == ["--headless", "--user-data-dir=/workspace", "--remote-debugging-pipe"]
    assert not any(str(tmp_path) in a for a in tail)
    # The state dir itself is never bound in: only the profile dir below it.
    assert str(profile.parent.parent.parent) not in argv
