"""The inbound pipeline: channel -> access -> commands -> channel guard -> routing -> agent."""

from __future__ import annotations

from clawkeep.pipeline.build import TRANSCRIPTS_FILE, build_pipeline
from clawkeep.pipeline.guard import ChannelScanner, ScanVerdict
from clawkeep.pipeline.pipeline import InboundPipeline

__all__ = [
    "TRANSCRIPTS_FILE",
    "ChannelScanner",
    "InboundPipeline",
    "ScanVerdict",
    "build_pipeline",
]
