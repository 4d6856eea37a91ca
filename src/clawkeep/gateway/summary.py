"""The gateway's start summary: what it serves, in a few lines a person reads at start.

Agents with their model, the sandbox backend, the guards, and the most important audit
finding (with the key sources the audit found). Every line comes from the stages' own
decisions; nothing here decides anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny

__all__ = ["start_summary"]

_RANK = {"critical": 0, "warn": 1, "info": 2}


def _agents(config: RootConfig) -> str:
    default = config.agents.defaults.model
    parts = [
        f"{entry.id} ({_model(entry.model if entry.model is not None else default)})"
        for entry in config.agents.list_
    ]
    return ", ".join(parts) or f"main ({_model(default)})"


def _model(model: Any) -> str:
    if model is None:
        return "no model: set agents.defaults.model"
    return str(model if isinstance(model, str) else model.primary)


def start_summary(config: RootConfig, audit: Callable[[], Sequence[Any]] | None) -> list[str]:
    """The lines to print once the gateway is about to serve."""
    from clawkeep.sandbox import backend_available

    lines = [f"agents: {_agents(config)}"]
    sandbox = backend_available("auto")
    lines.append(
        "sandbox: bubblewrap"
        if not isinstance(sandbox, Deny)
        else f"sandbox: NOT AVAILABLE ({sandbox.detail}): sandboxed exec is refused"
    )
    guards = config.guards
    lines.append(
        "guards: channel "
        + ("on" if guards.channel.enabled else "OFF")
        + ", content "
        + ("on" if guards.content.enabled else "OFF")
        + ", file, network and command on"
    )
    if audit is not None:
        findings = sorted(audit(), key=lambda f: _RANK.get(str(f.severity), 3))
        keys = [f for f in findings if f.check_id == "models.key_source"]
        if keys:
            missing = ": none" in keys[0].detail
            hint = " (a provider without a key cannot answer: clawkeep doctor)" if missing else ""
            lines.append(f"provider keys: {keys[0].detail}{hint}")
        top = [f for f in findings if str(f.severity) in ("critical", "warn")]
        if top:
            first = top[0]
            more = f" (+{len(top) - 1} more: clawkeep security audit)" if len(top) > 1 else ""
            lines.append(
                f"audit: {str(first.severity).upper()} {first.check_id}: {first.title}{more}"
            )
        else:
            lines.append("audit: no critical or warn finding")
    return lines
