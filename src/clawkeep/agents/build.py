"""Assemble an install's agent runtime (the pipeline's Responder) from its loaded config.

The pipeline owns the transcript store and the event log; the runtime reads from the
same store and keeps held calls in the install's approval store. ``models`` defaults to
the config's root `models` section once it is mounted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.agents.runtime import AgentRuntime
from clawkeep.approvals import ApprovalStore
from clawkeep.config.loader import LoadedConfig
from clawkeep.config.schema.models import ModelsConfig
from clawkeep.events.log import EventLog
from clawkeep.tools.base import ToolServices

if TYPE_CHECKING:
    from clawkeep.sessions import TranscriptStore

__all__ = ["build_runtime"]


def build_runtime(
    loaded: LoadedConfig,
    *,
    store: TranscriptStore | None,
    events: EventLog | None,
    models: ModelsConfig | None = None,
    services: ToolServices | None = None,
) -> AgentRuntime:
    """The agent turn for ``loaded``'s install, sharing the pipeline's store and events;
    held calls wait in the install's approval store (``<state>/approvals.sqlite``)."""
    approvals = (
        ApprovalStore.open(loaded.paths.state_dir, events=events) if store is not None else None
    )
    return AgentRuntime(
        loaded.config,
        loaded.paths,
        models=models or loaded.config.models,
        store=store,
        events=events,
        services=services,
        approvals=approvals,
    )
