"""Assembling the real gateway of an install: its pipeline, pairing store, history, audit.

This is the seam between the gateway and the other stages. Tests build `GatewayServices`
from small real implementations instead; `clawkeep gateway run` builds them here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from clawkeep.audit.finding import Finding
from clawkeep.config.loader import LoadedConfig
from clawkeep.events.log import EventLog
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.services import JsonlChatHistory

__all__ = ["WEBCHAT_HISTORY", "build_services"]

WEBCHAT_HISTORY = ("webchat", "history.jsonl")


def build_services(loaded: LoadedConfig, env: Mapping[str, str]) -> GatewayServices:
    """The inbound pipeline of ``loaded``'s install behind the web chat, and its stores."""
    from clawkeep.pipeline import build_pipeline

    paths = loaded.paths
    events = EventLog(paths.logs_dir / "events.jsonl")
    pipeline = build_pipeline(loaded, events=events)
    history = JsonlChatHistory(paths.state_dir.joinpath(*WEBCHAT_HISTORY))
    frozen_env = dict(env)

    def audit() -> Sequence[Finding]:
        from clawkeep.audit.run import run_audit

        return run_audit(paths, env=frozen_env).findings

    return GatewayServices(
        handler=pipeline, pairing=pipeline.pairing, history=history, audit=audit, events=events
    )
