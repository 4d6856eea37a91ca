"""The tool policy's semantics (OpenClaw's): profiles, groups, globs, alias, layers where
deny wins and every layer must allow, plugin tools under an allow list, elevated host exec,
and names a model might bend (case, whitespace, alias, unknown)."""

from __future__ import annotations

from typing import Any

import pytest

from clawkeep.config.schema import RootConfig
from clawkeep.policy import PolicyContext, ToolPolicy, resolve_policy
from clawkeep.risk import FLAGGED_TURN_DENY, SEED_AGENT_DENY


def _policy(raw: dict[str, Any], **ctx: Any) -> ToolPolicy:
    ctx.setdefault("agent_id", "main")
    return resolve_policy(RootConfig.model_validate(raw), PolicyContext(**ctx))


SEED = {"agents": {"list": [{"id": "main", "tools": {"deny": list(SEED_AGENT_DENY)}}]}}


@pytest.mark.parametrize("tool", SEED_AGENT_DENY)
def test_seed_deny_list_refuses_and_hides_each_tool(tool: str) -> None:
    p = _policy(SEED, sandboxed=False)
    v = p.decide(tool)
    assert (v.allowed, v.reason, v.layer) == (False, "policy.denied", "agent:main")
    assert v.rule == f"agents.list[main].tools.deny: {tool!r}"
    assert tool not in p.offered


@pytest.mark.parametrize("name", ["EXEC", " exec", "exec\n", "Bash", "bash", "\tBASH "])
def test_renamed_call_to_denied_exec_is_still_denied(name: str) -> None:
    v = _policy(SEED).decide(name)
    assert (v.allowed, v.reason, v.tool) == (False, "policy.denied", "exec")


@pytest.mark.parametrize("name", ["Read", " read", "READ", "read "])
def test_non_canonical_spelling_of_an_allowed_tool_is_refused(name: str) -> None:
    v = _policy(SEED).decide(name)
    assert (v.allowed, v.reason) == (False, "policy.name_not_canonical")


@pytest.mark.parametrize("name", ["rm_everything", "", "exec;read", "re\u200bad", "ｒｅａｄ"])
def test_unknown_or_smuggled_names_are_refused(name: str) -> None:
    assert _policy({}).decide(name).reason == "policy.unknown_tool"


def test_profiles_follow_openclaw() -> None:
    assert _policy({"tools": {"profile": "minimal"}}).offered == {"session_status"}
    messaging = _policy({"tools": {"profile": "messaging"}}).offered
    assert messaging == {
        "message",
        "sessions_list",
        "sessions_history",
        "sessions_send",
        "session_status",
    }
    coding = _policy({"tools": {"profile": "coding"}}).offered
    assert {"read", "write", "edit", "exec", "process", "sessions_send"} <= coding
    assert not {"web_fetch", "gateway", "browser", "message"} & coding


def test_agent_profile_overrides_global_and_also_allow_extends_it() -> None:
    raw = {
        "tools": {"profile": "coding"},
        "agents": {
            "list": [{"id": "main", "tools": {"profile": "minimal", "alsoAllow": ["web_search"]}}]
        },
    }
    assert _policy(raw).offered == {"session_status", "web_search"}


def test_every_layer_must_allow() -> None:
    raw = {
        "tools": {"allow": ["group:fs"]},
        "agents": {"list": [{"id": "main", "tools": {"allow": ["read", "exec"]}}]},
    }
    p = _policy(raw)
    assert p.decide("read").allowed
    v = p.decide("exec")
    assert (v.reason, v.layer, v.rule) == ("policy.not_allowed", "tools", "tools.allow: not listed")
    assert p.decide("write").reason == "policy.not_allowed"  # global allows, agent does not


def test_deny_wins_over_any_allow() -> None:
    raw = {
        "tools": {"allow": ["*"], "deny": ["group:runtime"]},
        "agents": {"list": [{"id": "main", "tools": {"allow": ["exec"]}}]},
    }
    v = _policy(raw).decide("exec")
    assert (v.reason, v.layer, v.rule) == ("policy.denied", "tools", "tools.deny: 'group:runtime'")


def test_glob_deny_and_bash_alias_in_config() -> None:
    p = _policy({"tools": {"deny": ["sessions_*", "bash"]}})
    assert not {"sessions_send", "sessions_list", "sessions_history", "exec"} & p.offered
    assert "session_status" in p.offered


def test_plugin_tools_blocked_under_allow_list_unless_named() -> None:
    plugins = frozenset({"generate_image", "vm_exec"})
    host = {"plugin_tools": plugins, "sandboxed": False}
    assert not plugins & _policy({"tools": {"allow": ["group:fs"]}}, **host).offered
    named = _policy({"tools": {"allow": ["group:fs", "generate_image"]}}, **host)
    assert "generate_image" in named.offered and "vm_exec" not in named.offered
    assert plugins <= _policy({"tools": {"allow": ["group:plugins"]}}, **host).offered
    # In a sandbox, the sandbox layer's own allow list must name them as well.
    assert (
        not plugins & _policy({"tools": {"allow": ["group:plugins"]}}, plugin_tools=plugins).offered
    )


def test_plugin_tools_available_under_deny_only_policy_until_denied() -> None:
    plugins = frozenset({"generate_image", "vm_exec"})
    p = _policy({"tools": {"deny": ["vm_*"]}}, plugin_tools=plugins, sandboxed=False)
    assert "generate_image" in p.offered and "vm_exec" not in p.offered


def test_group_tools_layer_applies_to_that_group_only() -> None:
    raw = {
        "channels": {
            "telegram": {
                "groups": {
                    "g1": {"tools": {"deny": ["web_fetch"]}},
                    "*": {"tools": {"allow": ["read"]}},
                }
            }
        }
    }
    g1 = _policy(raw, channel="telegram", group="g1").decide("web_fetch")
    assert (g1.reason, g1.layer, g1.rule) == (
        "policy.denied",
        "group",
        "channels.telegram.groups[\"g1\"].tools.deny: 'web_fetch'",
    )
    other = _policy(raw, channel="telegram", group="g2")
    assert "web_fetch" not in other.offered and "read" in other.offered
    assert "web_fetch" in _policy(raw, channel="telegram").offered  # a DM: no group layer


def test_sandbox_layer_denies_control_plane_tools_by_default() -> None:
    v = _policy({}, sandboxed=True).decide("gateway")
    assert (v.reason, v.layer) == ("policy.denied", "sandbox")
    assert "gateway" in _policy({}, sandboxed=False).offered


def test_host_exec_needs_elevated_for_this_sender() -> None:
    assert _policy({}, sandboxed=False).decide("exec").reason == "policy.elevated_off"
    raw = {"tools": {"elevated": {"enabled": True, "allowFrom": {"telegram": ["42"]}}}}
    assert _policy(raw, sandboxed=False, channel="telegram", sender="42").decide("exec").allowed
    v = _policy(raw, sandboxed=False, channel="telegram", sender="43").decide("exec")
    assert (v.reason, v.layer) == ("policy.elevated_off", "elevated")
    agent_off = {
        **raw,
        "agents": {"list": [{"id": "main", "tools": {"elevated": {"enabled": False}}}]},
    }
    assert (
        not _policy(agent_off, sandboxed=False, channel="telegram", sender="42")
        .decide("exec")
        .allowed
    )
    assert _policy({}, sandboxed=True).decide("exec").allowed  # in the sandbox: no elevation needed


def test_flagged_turn_loses_every_risky_tool() -> None:
    p = _policy({}, flagged=True)
    assert not FLAGGED_TURN_DENY & p.offered
    assert p.decide("write").layer == "turn"


def test_flagged_turn_strip_reads_the_channel_guard_config() -> None:
    # One home: the policy reads guards.channel.stripToolsOnFlag and highRiskTools.
    off = {"guards": {"channel": {"stripToolsOnFlag": False}}}
    assert _policy(off, flagged=True).decide("write").allowed
    only_exec = {"guards": {"channel": {"highRiskTools": ["exec"]}}}
    p = _policy(only_exec, flagged=True)
    assert not p.decide("exec").allowed and p.decide("write").allowed
    per_channel = {"guards": {"channel": {"channels": {"telegram": {"stripToolsOnFlag": False}}}}}
    assert _policy(per_channel, flagged=True, channel="telegram").decide("write").allowed
    assert not _policy(per_channel, flagged=True, channel="discord").decide("write").allowed


def test_per_turn_denies_are_a_layer() -> None:
    p = _policy({}, turn_denies=frozenset({"read"}))
    assert p.decide("read").reason == "policy.denied" and "read" not in p.offered


def test_policy_is_immutable() -> None:
    p = _policy({})
    with pytest.raises(AttributeError):
        p.offered = frozenset({"exec"})  # type: ignore[misc]
