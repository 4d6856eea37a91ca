"""The package structure holds: imports follow the stage order, public names stay put.

The arrows below are written once, as data: a part of the package may import itself, the
leaf modules, and the parts its arrow names; nothing else. Every import counts, at module
level, inside a function or under TYPE_CHECKING, since each one is a place a later stage
could reach back into an earlier one. The drawing of the same arrows is docs/design.md.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "clawkeep"

# Leaf modules: values and helpers every stage may import. They import no stage.
LEAVES: dict[str, frozenset[str]] = {
    "contracts": frozenset(),  # the values that cross stages; imports nothing from clawkeep
    "decision": frozenset(),
    "risk": frozenset(),
    "fsutil": frozenset(),
    "sqlitedb": frozenset({"fsutil"}),
    "reasons": frozenset(),  # the reason-code registry
    "phoneids": frozenset(),  # canonical phone-number and WhatsApp ids (access and channels)
    "logfiles": frozenset({"fsutil"}),  # size-rotated log files, config backups kept to N
    "metrics": frozenset(),  # Prometheus counters fed by the event log and provider timings
    "sockowner": frozenset(),  # the uid owning a socket's far end (gateway peers, signal-cli)
}

# Stage -> the stages it may import (besides itself and the leaves), in DESIGN's order.
ARROWS: dict[str, frozenset[str]] = {
    "config": frozenset(),
    "events": frozenset({"config"}),
    "guards": frozenset({"config"}),
    "policy": frozenset({"config"}),
    "sandbox": frozenset({"config", "guards"}),
    "sessions": frozenset({"config"}),
    # plugins run as sandboxed MCP servers and offer their tools to the agents
    "plugins": frozenset({"config", "events", "guards", "policy", "sandbox", "tools"}),
    "skills": frozenset({"config", "guards"}),  # skill files are read through the file guard
    "access": frozenset({"config", "events"}),
    "approvals": frozenset({"events"}),  # calls held for the owner, and their decisions
    "commands": frozenset({"config", "access"}),
    "channels": frozenset({"config", "events", "guards", "access"}),
    # tools: the read tool reads skill files
    "tools": frozenset({"config", "events", "guards", "policy", "sandbox", "sessions", "skills"}),
    # commands: who the owner is (commands.is_owner), one home for the owner decision;
    # skills: the system prompt lists them
    "agents": frozenset(
        {
            "config",
            "events",
            "guards",
            "policy",
            "sessions",
            "tools",
            "commands",
            "approvals",
            "skills",
        }
    ),
    # approvals: the owner's /approve and /deny reach the held-call store
    "pipeline": frozenset(
        {"config", "events", "guards", "access", "commands", "sessions", "approvals"}
    ),
    # preflight refuses a dangerous container sandbox with the audit's own rule list
    "gateway": frozenset({"config", "events", "channels", "sandbox"}),
    "audit": frozenset(
        {
            "config",
            "guards",
            "policy",
            "sandbox",
            "plugins",
            "gateway",
            "channels",
            "agents",
            "tools",  # the exfiltration path asks sessions_send's own may_reach
        }
    ),
    # The operator's diagnosis: reads every stage's own checks, decides nothing for them.
    "doctor": frozenset({"config", "audit", "agents", "sandbox", "guards", "gateway", "channels"}),
    "service": frozenset(),  # the systemd unit and its install steps
    # The client API is a transport beside the WebSocket: it authenticates with the
    # gateway's authenticator and builds the web chat's owner message (channels).
    "clientapi": frozenset({"config", "channels", "gateway"}),
    # The Control UI is the gateway's page: it signs in with the gateway's authenticator,
    # builds the web chat's owner message (channels) and reads the event log (events).
    "controlui": frozenset({"config", "events", "channels", "gateway"}),
    "compose": frozenset(
        {
            "approvals",
            "config",
            "events",
            "access",
            "channels",
            "sessions",
            "tools",
            "agents",
            "pipeline",
            "gateway",
            "audit",
            "clientapi",
            "controlui",
            "plugins",  # starts the allowed plugins and hands their tools to the runtime
        }
    ),
    "cli": frozenset(
        {
            "approvals",  # `clawkeep status` counts the calls waiting for the owner
            "tools",  # `sandbox exec` runs the agent's own exec tool path
            "agents",
            "config",
            "events",
            "guards",
            "policy",
            "sandbox",
            "access",
            "channels",
            "gateway",
            "audit",
            "compose",
            "doctor",
            "service",
            "controlui",
            "plugins",  # `clawkeep plugins` / `clawkeep skills` list, check and install
            "skills",
        }
    ),
    "__main__": frozenset({"cli"}),
}

# The public names of each package and leaf module: another stage imports only these.
PUBLIC: dict[str, list[str]] = {
    "clawkeep": ["__version__"],
    "clawkeep.access": [
        "WEBCHAT",
        "AccessAction",
        "AccessControl",
        "AccessVerdict",
        "Approval",
        "ApprovedSender",
        "PairingRequest",
        "PairingStore",
        "PendingRequest",
        "channel_settings",
        "compile_patterns",
        "decide_dm",
        "decide_group",
        "dm_standing",
        "id_listed",
        "is_mentioned",
        "may_message",
    ],
    "clawkeep.approvals": [
        "ApprovalStore",
        "Decision",
        "Held",
        "Pending",
        "decision_text",
        "describe",
        "without_notice",
    ],
    "clawkeep.agents": [
        "AgentRuntime",
        "LoopOutcome",
        "TurnLimits",
        "build_runtime",
        "limits_for",
        "model_for",
        "run_loop",
        "system_prompt",
        "wrap_untrusted",
    ],
    "clawkeep.audit": ["SEVERITY_ORDER", "AuditReport", "Finding", "Severity", "run_audit"],
    "clawkeep.channels": ["ChannelMessenger", "ChannelSeams", "channel_seams", "webchat_message"],
    "clawkeep.cli": ["main"],
    "clawkeep.clientapi": ["CLIENT_API_PREFIX", "client_api_routes"],
    "clawkeep.controlui": [
        "TICKET_TTL_S",
        "UI_PREFIX",
        "ControlUi",
        "ControlUiDeps",
        "control_ui_routes",
        "make_ticket",
    ],
    "clawkeep.commands": [
        "COMMAND_NAMES",
        "ChatCommandVerdict",
        "decide_command",
        "is_owner",
        "parse_command",
    ],
    "clawkeep.compose": [
        "GatewayControl",
        "Install",
        "build_install",
        "build_services",
        "build_wiring",
    ],
    "clawkeep.config": [
        "ConfigError",
        "ConfigIssue",
        "InstallPaths",
        "KeyPath",
        "LoadedConfig",
        "RootConfig",
        "load_config",
        "locate_all",
        "read_tree",
        "regex_problem",
        "resolve_paths",
        "substitute_env",
    ],
    "clawkeep.contracts": [
        "ChatCommand",
        "ChatType",
        "CommandName",
        "CommandRunner",
        "InboundHandler",
        "InboundMessage",
        "OutboundReply",
        "Outcome",
        "OutcomeKind",
        "Responder",
        "Severity",
        "TurnRequest",
        "Verdict",
    ],
    "clawkeep.decision": ["Allow", "Decision", "Deny"],
    "clawkeep.phoneids": ["WaId", "e164", "wa_id"],
    "clawkeep.service": [
        "LEFT_OUT",
        "UNIT_NAME",
        "ServicePlan",
        "plan_install",
        "plan_uninstall",
        "render_unit",
    ],
    "clawkeep.events": ["Event", "EventLog"],
    "clawkeep.fsutil": [
        "PRIVATE_DIR_MODE",
        "PRIVATE_FILE_MODE",
        "atomic_write",
        "ensure_private_dir",
    ],
    "clawkeep.gateway": ["constant_time_equal", "generate_token", "placeholder_secret"],
    "clawkeep.guards": [
        "channel_guard",
        "command_guard",
        "content_guard",
        "file_guard",
        "injection",
        "network_guard",
    ],
    "clawkeep.pipeline": [
        "TRANSCRIPTS_FILE",
        "ChannelScanner",
        "InboundPipeline",
        "ScanVerdict",
        "build_pipeline",
    ],
    "clawkeep.plugins": ["CodeFinding", "scan_plugins", "scan_source"],
    "clawkeep.skills": [
        "BUNDLED_DIR",
        "SKILL_FILE",
        "SKILL_NAME",
        "WORKSPACE_SKILLS",
        "Skill",
        "agent_skills",
        "all_skills",
        "parse_front_matter",
        "read_skill_file",
    ],
    "clawkeep.policy": [
        "CORE_TOOLS",
        "PROFILES",
        "TOOL_GROUPS",
        "PolicyContext",
        "ToolPolicy",
        "ToolVerdict",
        "agent_entry",
        "canonical_name",
        "resolve_policy",
    ],
    "clawkeep.risk": [
        "EFFECTS",
        "Effect",
        "CONTROL_PLANE_TOOLS",
        "DANGEROUS_TOOLS",
        "FLAGGED_TURN_DENY",
        "HOST_EXEC_TOOLS",
        "IDENTITY_FILES",
        "SEED_AGENT_DENY",
    ],
    "clawkeep.sandbox": [
        "DangerousSetting",
        "ExecPlacement",
        "ExecResult",
        "ExecSecurity",
        "Limits",
        "SandboxMode",
        "SandboxSpec",
        "backend_available",
        "dangerous_settings",
        "merge_sandbox_config",
        "place_exec",
        "protected_paths_for",
        "run_sandboxed",
        "spec_from_config",
    ],
    "clawkeep.sessions": [
        "Role",
        "Route",
        "TranscriptEntry",
        "TranscriptStore",
        "canonical_peer",
        "escape_part",
        "route",
        "session_key",
    ],
    "clawkeep.reasons": ["REASONS", "Reason", "reason_codes_markdown"],
    "clawkeep.sqlitedb": ["open_db"],
    "clawkeep.sockowner": [
        "ConnectedSocket",
        "proc_socket_uid",
        "socket_uid",
        "tcp_peer_uid",
        "unix_peer_uid",
    ],
    "clawkeep.tools": [
        "ArgsModel",
        "BackgroundJobs",
        "ContentHook",
        "ControlPlane",
        "Delegate",
        "Messenger",
        "SearchBackend",
        "ToolContext",
        "ToolDef",
        "ToolResult",
        "ToolServices",
        "main_key",
        "refuse",
    ],
}


def _module_name(path: Path) -> str:
    parts = ("clawkeep", *path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, text: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module or name) for every import in ``text``, relative ones resolved."""
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def _part(module: str) -> str | None:
    """The stage or leaf a ``clawkeep...`` module belongs to; None outside the package."""
    bits = module.split(".")
    if bits[0] != "clawkeep":
        return None
    return bits[1] if len(bits) > 1 and bits[1] != "__version__" else ""


def _check(path: Path, text: str) -> Iterator[str]:
    """Every import in ``text`` (the source of ``path``) that no arrow allows."""
    source = _part(_module_name(path))
    assert source is not None
    for line, target in _imports(path, text):
        part = _part(target)
        if part is None or part == source:
            continue
        where = f"{path.relative_to(SRC.parent)}:{line} imports {target}"
        if source in LEAVES:
            if part not in LEAVES[source]:
                yield f"{where}: the leaf {source!r} may import only {sorted(LEAVES[source])}"
            continue
        if any(b.startswith("_") and not b.startswith("__") for b in target.split(".")[2:]):
            yield f"{where}: a private module of another package"
        if part and part not in LEAVES and part not in ARROWS.get(source, frozenset()):
            yield f"{where}: {source} -> {part} is not an arrow of the design"


def test_every_import_follows_an_arrow_of_the_design() -> None:
    found = [v for p in sorted(SRC.rglob("*.py")) for v in _check(p, p.read_text())]
    assert found == []


@pytest.mark.parametrize(
    ("module", "line", "why"),
    [
        ("access/gate.py", "from clawkeep.pipeline import InboundPipeline", "not an arrow"),
        ("sessions/keys.py", "from clawkeep.channels import webchat_message", "not an arrow"),
        ("gateway/core.py", "from clawkeep.audit.finding import Finding", "not an arrow"),
        ("agents/limits.py", "from clawkeep.policy._sources import agent_entry", "private"),
        ("contracts.py", "from clawkeep.decision import Allow", "the leaf"),
        ("pipeline/pipeline.py", "    from clawkeep.agents import AgentRuntime", "not an arrow"),
    ],
)
def test_an_import_against_the_order_is_caught(module: str, line: str, why: str) -> None:
    path = SRC / module
    extra = f"\ndef late() -> None:\n{line}\n" if line.startswith(" ") else f"\n{line}\n"
    found = list(_check(path, path.read_text() + extra))
    assert found and all(why in v for v in found)


def test_every_part_of_the_package_has_an_arrow_or_is_a_leaf() -> None:
    parts = {p.stem for p in SRC.glob("*.py")} | {p.parent.name for p in SRC.glob("*/__init__.py")}
    parts.discard("__init__")
    assert sorted(parts - set(ARROWS) - set(LEAVES)) == []


def test_the_arrows_have_no_cycle() -> None:
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, " -> ".join((*path, node))
        if node not in done:
            for nxt in ARROWS.get(node, frozenset()):
                visit(nxt, (*path, node))
            done.add(node)

    for node in ARROWS:
        visit(node, ())


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_public_names_are_pinned(module: str) -> None:
    mod = importlib.import_module(module)
    assert sorted(mod.__all__) == sorted(PUBLIC[module])
    for name in mod.__all__:
        assert getattr(mod, name) is not None


def test_every_package_is_pinned() -> None:
    packages = {"clawkeep"} | {
        f"clawkeep.{p.name}" for p in SRC.iterdir() if (p / "__init__.py").is_file()
    }
    assert sorted(packages - set(PUBLIC)) == []
