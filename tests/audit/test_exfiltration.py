"""The exfiltration-path finding: a stranger's message → agents → a reader → an egress.

Each cut is the runtime's own: a tool allow list (resolve_policy), subagents.allowAgents
(sessions_send's may_reach), a sandbox without network (exec's egress). Every "cut" test has
a twin that differs only in the cut and does report the chain, so the cut is what matters.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from clawkeep.audit.finding import Finding
from clawkeep.audit.run import run_audit
from clawkeep.cli import main
from clawkeep.config import resolve_paths

OPEN_DM = 'channels: { telegram: { dmPolicy: "open", allowFrom: ["*"] } }'
# main reads its workspace but may not send anything out itself; it may ask "search".
MAIN = (
    '{ id: "main", default: true, sandbox: { mode: "all", workspaceAccess: "rw" }, '
    'tools: { deny: ["web_fetch", "browser", "message", "exec", "process"] }, '
    "subagents: { allowAgents: [@AGENTS@] } }"
)


def _chains(state: Path) -> list[Finding]:
    env = {"HOME": str(state.parent)}
    report = run_audit(resolve_paths(env, config=state / "clawkeep.json"), env=env)
    return [f for f in report.findings if f.check_id == "security.exfiltration_path"]


def _two_agents(allow_agents: str, search_tools: str, search_extra: str = "") -> str:
    search = '{ id: "search", tools: { allow: [@TOOLS@]@EXTRA@ } }'.replace("@TOOLS@", search_tools)
    search = search.replace("@EXTRA@", search_extra)
    main = MAIN.replace("@AGENTS@", allow_agents)
    return f"{{ {OPEN_DM}, agents: {{ list: [{main}, {search}] }} }}"


def _untrusted(text: str, mode: str) -> str:
    """``text`` with the global untrusted-data rule set to ``mode``."""
    return text.replace("{ ", f'{{ tools: {{ untrusted: {{ mode: "{mode}" }} }}, ', 1)


def test_chain_through_sessions_send_is_critical_and_named_hop_by_hop(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(_untrusted(_two_agents('"search"', '"web_fetch"'), "off"))
    found = _chains(state_dir)
    assert [f.chain for f in found] == [
        ("telegram open DM", "main", "sessions_send", "search", "read", "web_fetch")
    ]
    assert found[0].severity == "critical"
    assert "untrusted-data rule" not in found[0].detail  # off: nothing narrows the path
    assert "telegram open DM → main → sessions_send → search → read → web_fetch" in (
        found[0].detail
    )


def test_chain_cut_by_subagents_allow_agents(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(_two_agents("", '"web_fetch"'))  # main may not delegate to search
    assert _chains(state_dir) == []


def test_chain_cut_by_a_tool_allow_list(state_dir: Path, write_config: Callable[..., Path]) -> None:
    write_config(_two_agents('"search"', '"web_search"'))  # search's allow list has no egress
    assert _chains(state_dir) == []


def _exec_only(egress: str) -> str:
    agent = (
        '{ id: "main", default: true, tools: { allow: ["read", "exec"] }, '
        'sandbox: { mode: "all", workspaceAccess: "rw"@EGRESS@ } }'
    ).replace("@EGRESS@", egress)
    return (
        f'{{ {OPEN_DM}, tools: {{ exec: {{ security: "full" }} }}, agents: {{ list: [{agent}] }} }}'
    )


def test_chain_cut_by_a_sandbox_without_network(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(_exec_only(""))  # exec is sandboxed and the sandbox has no egress
    assert _chains(state_dir) == []


def test_sandbox_with_egress_reopens_the_exec_chain(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(_exec_only(', egress: { allowDomains: ["paste.example"] }'))
    assert [f.chain for f in _chains(state_dir)] == [("telegram open DM", "main", "read", "exec")]


def test_pairing_dm_chain_is_a_warning(state_dir: Path, write_config: Callable[..., Path]) -> None:
    pairing = _two_agents('"search"', '"web_fetch"').replace(
        'dmPolicy: "open", allowFrom: ["*"]', ""
    )
    write_config(_untrusted(pairing, "off"))
    found = _chains(state_dir)
    assert [(f.severity, f.chain[0]) for f in found] == [("warn", "telegram pairing DM")]


def test_untrusted_rule_on_by_default_lowers_the_chain_and_says_why(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(_two_agents('"search"', '"web_fetch"'))  # mode unset: deny for strangers
    found = _chains(state_dir)
    assert [f.chain for f in found] == [
        ("telegram open DM", "main", "sessions_send", "search", "read", "web_fetch")
    ]  # still reported: a destination the config names gets through
    assert found[0].severity == "warn"
    assert "untrusted-data rule (tools.untrusted.mode 'deny' for agent 'search')" in (
        found[0].detail
    )
    assert "trustedDestinations" in found[0].detail


def test_untrusted_rule_ask_lowers_the_chain_and_pairing_becomes_info(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(_untrusted(_two_agents('"search"', '"web_fetch"'), "ask"))
    found = _chains(state_dir)
    assert [f.severity for f in found] == ["warn"]
    assert "'ask'" in found[0].detail and "owner's approval" in found[0].detail
    pairing = _two_agents('"search"', '"web_fetch"').replace(
        'dmPolicy: "open", allowFrom: ["*"]', ""
    )
    write_config(_untrusted(pairing, "deny"))
    assert [f.severity for f in _chains(state_dir)] == ["info"]


def test_the_sending_agents_own_mode_off_keeps_the_chain_critical(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    # The rule is on globally, but the agent that sends has it off: nothing narrows the send.
    off = ', untrusted: { mode: "off" }'
    write_config(_untrusted(_two_agents('"search"', '"web_fetch"', off), "deny"))
    found = _chains(state_dir)
    assert [f.severity for f in found] == ["critical"]
    assert "untrusted-data rule" not in found[0].detail


def test_json_carries_the_chain_as_a_list(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    config = write_config(_two_agents('"search"', '"web_fetch"'))
    result = CliRunner().invoke(
        main,
        ["security", "audit", "--json", "--config", str(config)],
        env={"HOME": str(state_dir.parent)},
    )
    report = json.loads(result.output)
    chains = [
        f["chain"] for f in report["findings"] if f["checkId"] == "security.exfiltration_path"
    ]
    assert chains == [["telegram open DM", "main", "sessions_send", "search", "read", "web_fetch"]]
    assert all(
        "chain" not in f for f in report["findings"] if f["checkId"] != "security.exfiltration_path"
    )


def test_openclaw_bindings_decide_which_agent_a_channel_reaches(state_dir: Path) -> None:
    # OpenClaw: "ops" answers telegram (exec on the host, security full); "main" has no
    # tools at all. The chain must start at the bound agent, not at the default one.
    text = """{
      gateway: { auth: { token: "9f2c4e7a1b3d5f6081a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6" } },
      tools: { agentToAgent: { enabled: false } },
      agents: { list: [
        { id: "main", default: true, tools: { allow: ["session_status"] } },
        { id: "ops", tools: { allow: ["read", "exec"], exec: { security: "full" } } },
      ] },
      bindings: [ { agentId: "ops", match: { channel: "telegram" } } ],
      channels: { telegram: { dmPolicy: "open", allowFrom: ["*"] } },
    }"""
    (state_dir / "openclaw.json").write_text(text)
    (state_dir / "openclaw.json").chmod(0o600)
    env = {"HOME": str(state_dir.parent), "OPENCLAW_STATE_DIR": str(state_dir)}
    report = run_audit(resolve_paths(env, flavor="openclaw"), env=env)
    chains = [f.chain for f in report.findings if f.check_id == "security.exfiltration_path"]
    assert chains == [("telegram open DM", "ops", "read", "exec")]
