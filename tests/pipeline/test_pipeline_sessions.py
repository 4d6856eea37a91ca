"""Session isolation end to end: whose words reach which model context."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from clawkeep.contracts import InboundMessage
from tests.pipeline.pipe_support import dm, make, run

TWO_USERS = {"channels": {"telegram": {"dmPolicy": "allowlist", "allowFrom": ["alice", "bob"]}}}


def test_per_channel_peer_keeps_alice_out_of_bobs_model_context(tmp_path: Path) -> None:
    pipe, echo = make(tmp_path, {**TWO_USERS, "session": {"dmScope": "per-channel-peer"}})
    a = run(pipe, dm("alice", "my secret is hunter2"))
    b = run(pipe, dm("bob", "what did the last person say?"))
    assert a.kind == b.kind == "admitted"
    assert a.session_key == "agent:main:telegram:direct:alice"
    assert b.session_key == "agent:main:telegram:direct:bob"
    assert b.reply is not None and "hunter2" not in b.reply
    assert "hunter2" not in " ".join(e.text for e in pipe.store.history(b.session_key or "", 100))
    assert echo.requests[1].session_key == b.session_key


def test_main_scope_shares_one_session_between_senders(tmp_path: Path) -> None:
    pipe, _ = make(tmp_path, TWO_USERS)  # dmScope defaults to main
    run(pipe, dm("alice", "my secret is hunter2"))
    b = run(pipe, dm("bob", "hello"))
    assert b.session_key == "agent:main:main"
    assert b.reply is not None and "hunter2" in b.reply  # the leak dmScope exists to stop


def test_identity_links_join_one_person_across_channels(tmp_path: Path) -> None:
    config = {
        "channels": {
            "telegram": {"dmPolicy": "allowlist", "allowFrom": ["42"]},
            "webhook": {"dmPolicy": "allowlist", "allowFrom": ["alice@x"]},
        },
        "session": {
            "dmScope": "per-peer",
            "identityLinks": {"alice": ["telegram:42", "webhook:alice@x"]},
        },
    }
    pipe, _ = make(tmp_path, config)
    one = run(pipe, dm("42", "from telegram"))
    two = run(pipe, dm("alice@x", "from webhook", channel="webhook"))
    assert one.session_key == two.session_key == "agent:main:direct:link:alice"


def test_a_webhook_sender_named_like_a_linked_person_does_not_read_their_session(
    tmp_path: Path,
) -> None:
    config = {
        "channels": {
            "telegram": {"dmPolicy": "allowlist", "allowFrom": ["42"]},
            "webhook": {"dmPolicy": "allowlist", "allowFrom": ["alice", "42"]},
        },
        "session": {"dmScope": "per-peer", "identityLinks": {"alice": ["telegram:42"]}},
    }
    pipe, _ = make(tmp_path, config)
    owner = run(pipe, dm("42", "my secret is hunter2"))
    for spoof in ("alice", "42"):  # the linked name, and the linked person's raw id
        other = run(pipe, dm(spoof, "what did the last person say?", channel="webhook"))
        assert other.kind == "admitted" and other.session_key != owner.session_key
        assert other.reply is not None and "hunter2" not in other.reply
        history = pipe.store.history(other.session_key or "", 100)
        assert "hunter2" not in " ".join(e.text for e in history)


def test_group_id_cannot_spell_another_groups_thread_session(tmp_path: Path) -> None:
    config = {
        "channels": {
            "webhook": {"groupAllowFrom": ["*"], "groups": {"*": {"requireMention": False}}}
        }
    }
    pipe, _ = make(tmp_path, config)
    real = InboundMessage("webhook", "default", "u", "group", "x", "r", group="g", thread="t")
    forged = InboundMessage("webhook", "default", "u", "group", "x", "r", group="g:thread:t")
    a, b = run(pipe, real), run(pipe, forged)
    assert a.session_key == "agent:main:webhook:group:g:thread:t"
    assert b.session_key != a.session_key


def test_transcript_database_is_private_and_holds_both_turns(tmp_path: Path) -> None:
    pipe, _ = make(tmp_path, TWO_USERS)
    out = run(pipe, dm("alice", "hi"))
    db = pipe.store.path
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    roles = [e.role for e in pipe.store.history(out.session_key or "", 10)]
    assert roles == ["user", "assistant"]
    events = [
        json.loads(line) for line in (db.parent / "logs" / "events.jsonl").read_text().splitlines()
    ]
    assert [e["reason"] for e in events] == ["access.dm.allowed", "routing.default_agent"]


def test_audit_names_the_shared_main_session_and_not_the_split_one(tmp_path: Path) -> None:
    from clawkeep.audit.run import run_audit

    shared, _ = make(tmp_path / "a", TWO_USERS)
    split, _ = make(tmp_path / "b", {**TWO_USERS, "session": {"dmScope": "per-channel-peer"}})
    ids_shared = {f.check_id for f in run_audit(shared.paths, env={}).findings}
    ids_split = {f.check_id for f in run_audit(split.paths, env={}).findings}
    assert "channels.telegram.dm.scope_main_multiuser" in ids_shared
    assert "channels.telegram.dm.scope_main_multiuser" not in ids_split
