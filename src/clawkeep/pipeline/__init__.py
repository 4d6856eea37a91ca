"""The inbound pipeline: channel -> access -> commands -> channel guard -> routing -> agent."""

from clawkeep.pipeline.types import InboundHandler, Outcome, Responder, TurnRequest

__all__ = ["InboundHandler", "Outcome", "Responder", "TurnRequest"]
