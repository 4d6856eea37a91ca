"""DM policy, allowlists, group policy and mention gating, decided on real config values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from clawkeep.access import AccessControl, PairingStore, compile_patterns
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import InboundMessage


def control(
    tmp_path: Path, channels: dict[str, Any], patterns: tuple[str, ...] = ()
) -> AccessControl:
    config = RootConfig.model_validate({"channels": channels})
    store = PairingStore.open(tmp_path / "state")
    return AccessControl(config, store, compile_patterns(patterns))


def dm(sender: str, channel: str = "telegram", **kw: Any) -> InboundMessage:
    return InboundMessage(
        channel, kw.pop("account", "default"), sender, "direct", kw.pop("text", "hi"), "r1", **kw
    )


def group(sender: str, gid: str, text: str = "hi", **kw: Any) -> InboundMessage:
    return InboundMessage("telegram", "default", sender, "group", text, "r1", group=gid, **kw)


def test_unknown_dm_under_pairing_gets_a_code(tmp_path: Path) -> None:
    v = control(tmp_path, {"telegram": {}}).decide(dm("42"))
    assert v.action == "pair" and v.reason == "access.pairing.code_issued"
    assert v.reply is not None and "clawkeep pairing approve telegram" in v.reply


def test_allow_from_sender_is_admitted_without_pairing(tmp_path: Path) -> None:
    v = control(tmp_path, {"telegram": {"allowFrom": [42]}}).decide(dm("42"))
    assert (v.action, v.reason) == ("admit", "access.dm.allowed")
    prefixed = control(tmp_path, {"telegram": {"allowFrom": ["telegram:42"]}})
    assert prefixed.decide(dm("42")).allowed


def test_allowlist_ignores_the_pairing_store(tmp_path: Path) -> None:
    store = PairingStore.open(tmp_path / "state")
    code = store.request("telegram", "default", "42").code
    assert code is not None
    store.approve("telegram", code)
    config = RootConfig.model_validate({"channels": {"telegram": {"dmPolicy": "allowlist"}}})
    v = AccessControl(config, store, ()).decide(dm("42"))
    assert (v.action, v.reason) == ("drop", "access.dm.not_allowed")
    assert store.pending() == []  # and no code was issued either


def test_pairing_approval_admits_on_next_message(tmp_path: Path) -> None:
    store = PairingStore.open(tmp_path / "state")
    config = RootConfig.model_validate({"channels": {"telegram": {}}})
    ac = AccessControl(config, store, ())
    first = ac.decide(dm("42"))
    code = (first.reply or "").split("code is ")[1][:8]
    store.approve("telegram", code)
    assert ac.decide(dm("42")).reason == "access.dm.approved"


def test_disabled_dms_are_dropped(tmp_path: Path) -> None:
    v = control(tmp_path, {"telegram": {"dmPolicy": "disabled", "allowFrom": ["42"]}}).decide(
        dm("42")
    )
    assert (v.action, v.reason) == ("drop", "access.dm.disabled")


def test_open_requires_star_in_allow_from() -> None:
    with pytest.raises(ValidationError, match="requires"):
        RootConfig.model_validate({"channels": {"telegram": {"dmPolicy": "open"}}})
    with pytest.raises(ValidationError, match="requires"):
        RootConfig.model_validate(
            {"channels": {"telegram": {"accounts": {"b": {"dmPolicy": "open"}}}}}
        )


def test_open_with_star_admits_strangers(tmp_path: Path) -> None:
    v = control(tmp_path, {"telegram": {"dmPolicy": "open", "allowFrom": ["*"]}}).decide(dm("9"))
    assert (v.action, v.reason) == ("admit", "access.dm.open")


def test_unconfigured_channel_admits_nobody(tmp_path: Path) -> None:
    v = control(tmp_path, {}).decide(dm("42", channel="webhook"))
    assert (v.action, v.reason) == ("drop", "access.channel.not_configured")


def test_unknown_account_and_disabled_channel_are_dropped(tmp_path: Path) -> None:
    ac = control(tmp_path, {"telegram": {"allowFrom": ["42"]}, "webhook": {"enabled": False}})
    assert ac.decide(dm("42", account="other")).reason == "access.account.unknown"
    assert ac.decide(dm("42", channel="webhook")).reason == "access.channel.disabled"


def test_account_inherits_root_and_overrides_what_it_sets(tmp_path: Path) -> None:
    ac = control(
        tmp_path,
        {"telegram": {"allowFrom": ["42"], "accounts": {"work": {"dmPolicy": "allowlist"}}}},
    )
    assert ac.decide(dm("42", account="work")).allowed
    assert ac.decide(dm("7", account="work")).reason == "access.dm.not_allowed"


def test_is_owner_flag_from_another_channel_is_ignored(tmp_path: Path) -> None:
    v = control(tmp_path, {"telegram": {"dmPolicy": "allowlist"}}).decide(dm("9", is_owner=True))
    assert v.reason == "access.dm.not_allowed"


def test_group_not_in_the_allowlist_is_dropped(tmp_path: Path) -> None:
    ac = control(
        tmp_path, {"telegram": {"allowFrom": ["42"], "groups": {"-100": {"requireMention": False}}}}
    )
    assert ac.decide(group("42", "-200")).reason == "access.group.not_allowed"
    assert ac.decide(group("42", "-100")).reason == "access.group.allowed"


def test_group_sender_must_be_listed(tmp_path: Path) -> None:
    ac = control(
        tmp_path,
        {
            "telegram": {
                "allowFrom": ["42"],
                "groupAllowFrom": ["7"],
                "groups": {"*": {"requireMention": False}},
            }
        },
    )
    assert ac.decide(group("42", "-1")).reason == "access.group.sender_not_allowed"
    assert ac.decide(group("7", "-1")).allowed


def test_group_sender_list_falls_back_to_allow_from_and_empty_admits_nobody(tmp_path: Path) -> None:
    ac = control(
        tmp_path, {"telegram": {"allowFrom": ["42"], "groups": {"*": {"requireMention": False}}}}
    )
    assert ac.decide(group("42", "-1")).allowed
    assert ac.decide(group("7", "-1")).reason == "access.group.sender_not_allowed"
    empty = control(tmp_path, {"telegram": {"groups": {"*": {"requireMention": False}}}})
    assert empty.decide(group("42", "-1")).reason == "access.group.sender_not_allowed"


def test_group_policy_disabled_and_disabled_group(tmp_path: Path) -> None:
    off = control(tmp_path, {"telegram": {"groupPolicy": "disabled", "groups": {"*": {}}}})
    assert off.decide(group("42", "-1")).reason == "access.group.disabled"
    one = control(
        tmp_path, {"telegram": {"groupAllowFrom": ["*"], "groups": {"-1": {"enabled": False}}}}
    )
    assert one.decide(group("42", "-1")).reason == "access.group.disabled"


def test_unmentioned_group_message_gets_no_answer(tmp_path: Path) -> None:
    ac = control(tmp_path, {"telegram": {"groupAllowFrom": ["*"], "groups": {"*": {}}}})
    v = ac.decide(group("42", "-1", mentioned_self=False))
    assert (v.action, v.reason, v.reply) == ("drop", "access.group.no_mention", None)
    assert ac.decide(group("42", "-1", mentioned_self=True)).allowed


def test_mention_patterns_apply_where_the_channel_has_no_native_mentions(tmp_path: Path) -> None:
    ac = control(
        tmp_path,
        {"telegram": {"groupAllowFrom": ["*"], "groups": {"*": {"requireMention": True}}}},
        patterns=(r"\bclawd\b",),
    )
    assert ac.decide(group("42", "-1", text="hey CLAWD, status?")).allowed
    assert ac.decide(group("42", "-1", text="clawdia is here")).reason == "access.group.no_mention"
    # Native data wins: the channel said the bot was not mentioned.
    assert not ac.decide(group("42", "-1", text="clawd", mentioned_self=False)).allowed


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*$", r"(x|xx)+y\1"])
def test_catastrophic_mention_pattern_is_rejected_at_load(pattern: str) -> None:
    with pytest.raises(ValidationError, match="unsafe regular expression"):
        RootConfig.model_validate(
            {"agents": {"defaults": {"groupChat": {"mentionPatterns": [pattern]}}}}
        )


def test_group_message_without_a_group_id_is_dropped(tmp_path: Path) -> None:
    ac = control(
        tmp_path, {"telegram": {"groupPolicy": "open", "groups": {"*": {"requireMention": False}}}}
    )
    v = ac.decide(InboundMessage("telegram", "default", "42", "group", "hi", "r", group=None))
    assert (v.action, v.reason) == ("drop", "access.group.missing_id")
