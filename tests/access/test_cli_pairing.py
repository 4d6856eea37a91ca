"""`clawkeep pairing list|approve|revoke` on a real install directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from clawkeep.access import PairingStore
from clawkeep.cli import main


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    (state / "clawkeep.json").write_text(json.dumps({"channels": {"telegram": {}}}))
    monkeypatch.setenv("CLAWKEEP_CONFIG_PATH", str(state / "clawkeep.json"))
    monkeypatch.delenv("CLAWKEEP_STATE_DIR", raising=False)
    return state


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_list_approve_revoke_round_trip(state: Path) -> None:
    store = PairingStore.open(state)
    code = store.request("telegram", "default", "555", sender_name="eve").code
    assert code is not None
    listed = json.loads(run("pairing", "list", "telegram", "--json").output)
    assert [p["sender"] for p in listed["pending"]] == ["555"]
    assert code not in run("pairing", "list").output  # codes are not recoverable
    ok = run("pairing", "approve", "telegram", code)
    assert ok.exit_code == 0 and "telegram/default 555" in ok.output
    assert store.is_approved("telegram", "default", "555")
    assert json.loads(run("pairing", "list", "--json").output)["approved"][0]["sender"] == "555"
    assert run("pairing", "revoke", "telegram", "555").exit_code == 0
    assert not store.is_approved("telegram", "default", "555")
    assert run("pairing", "revoke", "telegram", "555").exit_code == 1


def test_wrong_code_is_refused_with_exit_1_and_an_event(state: Path) -> None:
    result = run("pairing", "approve", "telegram", "ZZZZZZZZ")
    assert result.exit_code == 1 and "access.pairing.bad_code" in result.output
    events = (state / "logs" / "events.jsonl").read_text()
    assert "access.pairing.bad_code" in events


def test_invalid_config_exits_2(state: Path) -> None:
    (state / "clawkeep.json").write_text(
        json.dumps({"channels": {"telegram": {"dmPolicy": "open"}}})
    )
    result = run("pairing", "list")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("policy", "note"),
    [
        ("allowlist", "(access.dm.not_allowed)"),
        ("disabled", "(access.dm.disabled)"),
        ("pairing", None),
    ],
)
def test_approval_says_what_access_now_decides(state: Path, policy: str, note: str | None) -> None:
    (state / "clawkeep.json").write_text(
        json.dumps({"channels": {"telegram": {"dmPolicy": policy}}})
    )
    code = PairingStore.open(state).request("telegram", "default", "9").code
    assert code is not None
    result = CliRunner().invoke(main, ["pairing", "approve", "telegram", code])
    assert result.exit_code == 0
    if note is None:
        assert "note:" not in result.output
    else:
        assert "still drops direct messages from 9" in result.output and note in result.output


def test_escape_sequences_in_a_strangers_name_never_reach_the_terminal(state: Path) -> None:
    store = PairingStore.open(state)
    store.request("webhook", "default", "\x1b]0;pwned\x07id", sender_name="\x1b[2J\x1b[31mroot")
    out = run("pairing", "list").output
    assert "\x1b" not in out and "\x07" not in out
    assert "?[2J?[31mroot" in out
