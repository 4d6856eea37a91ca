"""Signal: the daemon stays on this machine, mentions, reconnects, nothing lost on a restart."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from clawkeep.channels.signal import daemon_address, parse_event
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from tests.channels.channel_drivers import driver
from tests.channels.phone_fakes import SIGNAL_NUMBER, signal_envelope

OPEN = {"dmPolicy": "open", "allowFrom": ["*"]}


def _cfg(signal: dict[str, object]) -> object:
    root = RootConfig.model_validate({"channels": {"signal": signal}})
    return root.channels["signal"].for_account("default")


@pytest.mark.parametrize(
    ("signal", "reason"),
    [
        ({"httpUrl": "http://10.0.0.5:8080"}, "channels.signal.remote_daemon"),
        ({"httpUrl": "http://signal.example.com:8080"}, "channels.signal.remote_daemon"),
        ({"httpHost": "192.168.1.4"}, "channels.signal.remote_daemon"),
        ({"httpUrl": "ftp://127.0.0.1"}, "channels.signal.bad_url"),
        ({"httpUrl": "unix:relative.sock"}, "channels.signal.bad_url"),
    ],
)
def test_daemon_off_this_machine_is_refused(signal: dict[str, object], reason: str) -> None:
    got = daemon_address(_cfg(signal))  # type: ignore[arg-type]
    assert isinstance(got, Deny) and got.reason == reason


def test_loopback_unix_socket_and_explicit_remote_are_accepted() -> None:
    for signal in (
        {},
        {"httpUrl": "http://[::1]:8080"},
        {"httpUrl": "unix:/run/signal-cli/http.sock"},
        {"httpUrl": "http://10.0.0.5:8080", "allowRemoteDaemon": True},
    ):
        assert not isinstance(daemon_address(_cfg(signal)), Deny), signal  # type: ignore[arg-type]


def test_dm_gets_a_reply_through_the_daemons_send(tmp_path: Path) -> None:
    with driver("signal", tmp_path, OPEN) as d:
        d.dm(1, "ping")
        sends = d.extra["daemon"].wait_sends(1)
        assert sends[0]["recipient"] == ["+46700000001"]
        assert sends[0]["account"] == SIGNAL_NUMBER and sends[0]["message"] == "echo: ping"


def test_messages_sent_while_the_daemon_restarts_are_not_lost(tmp_path: Path) -> None:
    with driver("signal", tmp_path, OPEN) as d:
        daemon = d.extra["daemon"]
        d.dm(1, "before")
        daemon.drop_clients()  # the daemon restarts: our stream ends
        # Messages arrive while nobody is connected: signal-cli keeps them queued.
        daemon.push(signal_envelope("+46700000002", "during one", 1_800_000_000_000))
        daemon.push(signal_envelope("+46700000003", "during two", 1_800_000_001_000))
        sends = daemon.wait_sends(3)
        assert sorted(s["message"] for s in sends) == [
            "echo: before",
            "echo: during one",
            "echo: during two",
        ]
        assert daemon.connections >= 2  # it reconnected
        assert "channels.signal.stream_closed" in d.reasons()


def test_a_redelivered_message_gets_one_turn(tmp_path: Path) -> None:
    with driver("signal", tmp_path, OPEN) as d:
        event = signal_envelope("+46700000001", "once", 1_800_000_000_000)
        d.extra["push"](event)
        d.extra["daemon"].push(event)
        end = time.monotonic() + 5
        while "channels.signal.replay" not in d.reasons() and time.monotonic() < end:
            time.sleep(0.01)
        assert len(d.recorder.requests) == 1
        assert "channels.signal.replay" in d.reasons()


def test_without_mention_entries_the_agents_patterns_decide(tmp_path: Path) -> None:
    root = {"agents": {"list": [{"id": "main", "groupChat": {"mentionPatterns": ["\\bkeep\\b"]}}]}}
    cfg = {"groupAllowFrom": ["*"], "groups": {"*": {"requireMention": True}}}
    with driver("signal", tmp_path, cfg, root) as d:
        push = d.extra["push"]
        push(signal_envelope("+46700000001", "hello all", 1_800_000_000_000, group="Zw=="))
        push(signal_envelope("+46700000001", "keep: status?", 1_800_000_001_000, group="Zw=="))
        assert [r.message.text for r in d.recorder.requests] == ["keep: status?"]
        assert d.extra["daemon"].wait_sends(1)[0]["groupId"] == "Zw=="


def test_events_that_are_not_messages_are_ignored_and_bad_ones_refused() -> None:
    receipt = {"envelope": {"sourceNumber": "+46700000001", "timestamp": 1, "receiptMessage": {}}}
    assert parse_event(receipt, account="default", me=SIGNAL_NUMBER, now=0) is None
    own = signal_envelope(SIGNAL_NUMBER, "my own", 5)
    assert parse_event(own, account="default", me=SIGNAL_NUMBER, now=0) is None
    bads: list[object] = [None, [], {"envelope": "x"}, {"envelope": {"timestamp": "1"}}]
    for bad in bads:
        got = parse_event(bad, account="default", me=SIGNAL_NUMBER, now=0)
        assert isinstance(got, Deny) and got.reason == "channels.signal.malformed"
    wrapped = {
        "jsonrpc": "2.0",
        "method": "receive",
        "params": signal_envelope("+46700000001", "hi", 7),
    }
    msg = parse_event(wrapped, account="default", me=SIGNAL_NUMBER, now=0)
    assert not isinstance(msg, Deny) and msg is not None and msg.sender == "+46700000001"
