"""The values the command-guard answers with: context in, findings and a verdict out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CODES", "REASONS", "CommandContext", "CommandVerdict", "Finding"]

# The reason codes this guard answers, by the effect a rule found (the audit and the event
# log use the values). One table of literals: a rule names its effect, never builds a code.
CODES: dict[str, str] = {
    "parse_error": "command_guard.parse_error",
    "not_allowlisted": "command_guard.not_allowlisted",
    "too_deep": "command_guard.too_deep",
    "too_many_paths": "command_guard.too_many_paths",
    "destructive_delete": "command_guard.destructive_delete",
    "disk_write": "command_guard.disk_write",
    "fork_bomb": "command_guard.fork_bomb",
    "system_perms": "command_guard.system_perms",
    "system_write": "command_guard.system_write",
    "system_impact": "command_guard.system_impact",
    "download_exec": "command_guard.download_exec",
    "reverse_shell": "command_guard.reverse_shell",
    "exfiltration": "command_guard.exfiltration",
    "credential_read": "command_guard.credential_read",
    "persistence": "command_guard.persistence",
    "network_no_egress": "command_guard.network_no_egress",
    "obfuscation": "command_guard.obfuscation",
    "dynamic_command": "command_guard.dynamic_command",
    "privilege": "command_guard.privilege",
    "outside_write": "command_guard.outside_write",
    "tunnel": "command_guard.tunnel",
    "anti_forensics": "command_guard.anti_forensics",
    "raw_socket": "command_guard.raw_socket",
    "denied_command": "command_guard.denied_command",
    "file_server": "command_guard.file_server",
}
REASONS: frozenset[str] = frozenset(CODES.values())


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
    # The pure lookups cached per context (place, credential paths) hash it on every call:
    # the hash of its fields, three paths among them, is computed once.
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)

    def __hash__(self) -> int:
        if self._hash is None:
            found = hash(
                (
                    self.egress,
                    self.workspace,
                    self.home,
                    self.state_dir,
                    self.deny_commands,
                    self.allow_commands,
                    self.max_depth,
                    self.only_commands,
                )
            )
            object.__setattr__(self, "_hash", found)
            return found
        return self._hash


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
