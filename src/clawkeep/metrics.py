"""Prometheus metrics, derived from the event log and provider timings.

Every decision is already an event with its reason code, so the counters are fed by one
event-log subscriber: messages in by channel and what access did, channel-guard
verdicts, tool calls made and refused by reason, and every event by kind and reason.
A tool name the model invented is counted as ``(unknown)``, never as its own label.
Provider latency is observed around each model call. Labels are bounded sets (channels,
reason codes, tool names): never a sender id or message text. `GET /metrics` on the
gateway serves them behind the gateway's own auth.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE", "REGISTRY", "exposition", "observe_event", "observe_provider"]

CONTENT_TYPE = CONTENT_TYPE_LATEST
REGISTRY = CollectorRegistry(auto_describe=True)

EVENTS = Counter(
    "clawkeep_events_total",
    "Every event, by kind and reason code.",
    ["kind", "reason"],
    registry=REGISTRY,
)
MESSAGES = Counter(
    "clawkeep_messages_total",
    "Inbound messages by channel and what access did (admit, pair, drop).",
    ["channel", "action", "reason"],
    registry=REGISTRY,
)
GUARD = Counter(
    "clawkeep_guard_verdicts_total",
    "Channel-guard verdicts that were not allow (flag, block), by reason.",
    ["verdict", "reason"],
    registry=REGISTRY,
)
TOOL_CALLS = Counter(
    "clawkeep_tool_calls_total", "Tool calls that ran, by tool.", ["tool"], registry=REGISTRY
)
TOOLS_REFUSED = Counter(
    "clawkeep_tool_calls_refused_total",
    "Tool calls refused before the tool ran, by tool and reason.",
    ["tool", "reason"],
    registry=REGISTRY,
)
PROVIDER = Histogram(
    "clawkeep_provider_seconds",
    "Model provider call latency, by agent and outcome (ok or the error code).",
    ["agent", "outcome"],
    registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80),
)

_MAX_LABEL = 80
_MAX_TOOL_LABELS = 256
_tool_labels: set[str] = set()


class EventLike(Protocol):
    """What the event log hands its subscribers (``clawkeep.events.log.Event``)."""

    @property
    def kind(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def fields(self) -> Mapping[str, Any]: ...


def _label(value: object) -> str:
    return str(value if value is not None else "")[:_MAX_LABEL]


def _tool(name: object, reason: str) -> str:
    """A tool label from a bounded set: a name the model made up is not a label."""
    if reason == "policy.unknown_tool":
        return "(unknown)"  # the model's invented name: attacker text, unbounded in number
    label = _label(name)
    if label not in _tool_labels:
        if len(_tool_labels) >= _MAX_TOOL_LABELS:
            return "(other)"  # bounded cardinality whatever the catalog holds
        _tool_labels.add(label)
    return label


def observe_event(event: EventLike) -> None:
    """The event-log subscriber: count ``event`` where it belongs."""
    f = event.fields
    EVENTS.labels(_label(event.kind), _label(event.reason)).inc()
    if event.kind == "inbound.access":
        MESSAGES.labels(
            _label(f.get("channel")), _label(f.get("action")), _label(event.reason)
        ).inc()
    elif event.kind == "inbound.channel_guard":
        GUARD.labels(_label(f.get("verdict")), _label(event.reason)).inc()
    elif event.kind == "tool.call":
        TOOL_CALLS.labels(_tool(f.get("tool"), event.reason)).inc()
    elif event.kind == "tool.denied":
        TOOLS_REFUSED.labels(_tool(f.get("tool"), event.reason), _label(event.reason)).inc()


def observe_provider(agent: str, outcome: str, seconds: float) -> None:
    PROVIDER.labels(_label(agent), _label(outcome)).observe(seconds)


def exposition() -> bytes:
    """The metrics in Prometheus' text format."""
    return generate_latest(REGISTRY)
