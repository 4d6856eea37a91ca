"""Append-only structured event log: every decision that refuses or admits leaves a record."""

from clawkeep.events.log import Event, EventLog

__all__ = ["Event", "EventLog"]
