"""The values the command-guard answers with: context in, findings and a verdict out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["REASONS", "CommandContext", "CommandVerdict", "Finding"]

# The registry of reason codes this guard can answer (the audit and event log use them).
REASONS: frozenset[str] = frozenset(
    "command_guard." + name
    for name in (
        "parse_error",
        "not_allowlisted",
        "too_deep",
        "destructive_delete",
        "disk_write",
        "fork_bomb",
        "system_perms",
        "system_write",
        "system_impact",
        "download_exec",
        "reverse_shell",
        "exfiltration",
        "credential_read",
        "persistence",
        "network_no_egress",
        "obfuscation",
        "dynamic_command",
        "privilege",
        "outside_write",
        "tunnel",
        "anti_forensics",
        "raw_socket",
        "denied_command",
    )
)


@dataclass(frozen=True, slots=True)
class CommandContext:
    """What the guard knows about the agent that wants to run the command.

    ``egress``: the agent may reach the network. Without it, commands whose purpose is
    network I/O are refused (curl, wget, ssh, scp, rsync to a host, git clone/fetch/pull/
    push, package installs that download). Raw-socket tools, exfiltration (uploads, posts)
    and reverse shells are refused either way.
    ``workspace``: the agent's root; relative paths resolve against it. ``home`` and
    ``state_dir``: where credentials and clawkeep's own secrets live.
    ``allow_commands`` lift the name-based rules of those commands, never the path rules.
    ``only_commands``: `tools.exec.security: allowlist` — every command in the line, wrapped
    or nested ones included, must be one of these (or a harmless builtin); None: no limit.
    """

    egress: bool = False
    workspace: Path | None = None
    home: Path | None = None
    state_dir: Path | None = None
    deny_commands: frozenset[str] = frozenset()
    allow_commands: frozenset[str] = frozenset()
    max_depth: int = 6
    only_commands: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One blocking observation: a reason code and a sentence saying what was seen."""

    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class CommandVerdict:
    """The guard's answer: ``reason`` is the first blocking finding, ``findings`` all of them."""

    allowed: bool
    reason: str = "allowed"
    detail: str = ""
    findings: tuple[Finding, ...] = field(default=())
