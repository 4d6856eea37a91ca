"""Assemble the inbound pipeline of an install from its loaded config.

The channel guard is on unless the caller says otherwise (a missing seam must not mean
an unscanned channel): ``clawkeep.guards.channel_guard.ChannelGuard`` built from
``guards.channel``, which itself decides per channel whether it is enabled.
Stores live in the state dir: ``credentials/pairing.sqlite`` (pairing, FULL sync) and
``transcripts.sqlite`` (sessions, NORMAL sync); events go to ``logs/events.jsonl``
unless an EventLog is given.
"""

from __future__ import annotations

from clawkeep.access import PairingStore
from clawkeep.config.loader import LoadedConfig
from clawkeep.config.statedir import ensure_state_dir
from clawkeep.contracts import CommandRunner, Responder
from clawkeep.events.install import install_event_log
from clawkeep.events.log import EventLog
from clawkeep.pipeline.guard import ChannelScanner
from clawkeep.pipeline.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore

__all__ = ["TRANSCRIPTS_FILE", "build_pipeline"]

TRANSCRIPTS_FILE = "transcripts.sqlite"


def build_pipeline(
    loaded: LoadedConfig,
    *,
    responder: Responder | None = None,
    events: EventLog | None = None,
    store: TranscriptStore | None = None,
    pairing: PairingStore | None = None,
    channel_guard: ChannelScanner | None = None,
    command_runner: CommandRunner | None = None,
    use_channel_guard: bool = True,
) -> InboundPipeline:
    """The real pipeline for ``loaded``'s install, its stores opened in the state dir."""
    paths = loaded.paths
    ensure_state_dir(paths)
    if channel_guard is None and use_channel_guard:
        from clawkeep.guards.channel_guard import ChannelGuard  # loads the classifier

        channel_guard = ChannelGuard(loaded.config.guards.channel)
    if events is None:
        events = install_event_log(loaded)  # redacted per logging.redactSensitive
    return InboundPipeline(
        loaded.config,
        paths,
        store=store or TranscriptStore(paths.state_dir / TRANSCRIPTS_FILE),
        pairing=pairing or PairingStore.open(paths.state_dir, events=events),
        events=events,
        responder=responder,
        channel_guard=channel_guard,
        command_runner=command_runner,
    )
