"""Where an exec call runs, from `agents.*.sandbox.mode`, `tools.exec.security` and
`tools.elevated`, with OpenClaw's meanings and safe defaults:

- `tools.exec.security`: deny (default: no exec at all) | allowlist (only commands the
  command guard's allowlist admits; checked by the caller) | full.
- `sandbox.mode`: all (default here; OpenClaw's default is off) | non-main (the agent's
  main session on the host, every other session sandboxed) | off (host, guarded; the
  audit reports it).
- `tools.elevated`: an elevated request runs on the host only when `tools.elevated.enabled`
  is true; it is the one way out of a sandbox that applies, and the audit reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clawkeep.decision import Deny

__all__ = ["ExecPlacement", "ExecSecurity", "SandboxMode", "place_exec"]

SandboxMode = Literal["off", "non-main", "all"]
ExecSecurity = Literal["deny", "allowlist", "full"]


@dataclass(frozen=True, slots=True)
class ExecPlacement:
    """``where`` the command runs and the reason code that put it there."""

    where: Literal["sandbox", "host"]
    reason: str
    security: ExecSecurity


def place_exec(
    *,
    mode: SandboxMode | None,
    security: ExecSecurity | None,
    session_is_main: bool,
    elevated_requested: bool = False,
    elevated_enabled: bool | None = None,
) -> ExecPlacement | Deny:
    """Decide sandbox or host for one exec call; None settings take the safe default."""
    sec: ExecSecurity = security or "deny"  # a missing setting means no exec
    if sec == "deny":
        return Deny("exec.security_deny", "tools.exec.security is deny (the default)")
    if elevated_requested:
        if elevated_enabled:  # None (unset) is off
            return ExecPlacement("host", "sandbox.elevated", sec)
        return Deny("sandbox.elevated_disabled", "elevated exec needs tools.elevated.enabled")
    effective: SandboxMode = mode or "all"
    if effective == "off":
        return ExecPlacement("host", "sandbox.mode_off", sec)
    if effective == "non-main" and session_is_main:
        return ExecPlacement("host", "sandbox.main_session", sec)
    if effective == "non-main":
        return ExecPlacement("sandbox", "sandbox.mode_non_main", sec)
    return ExecPlacement("sandbox", "sandbox.mode_all", sec)
