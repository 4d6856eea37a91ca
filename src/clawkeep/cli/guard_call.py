"""`clawkeep guard call --jsonl`: the untrusted-data rule on tool calls, one per line.

Each stdin line: ``{"context": [{"role", "content", "source"}], "tool": {"name",
"effects" | "annotations"}, "args": {...}}`` with optional ``"mode"`` (ask|deny|off),
``"ownerPresent"`` (default true) and ``"trusted"`` (extra grounded entries). Each output
line: ``{"verdict", "reason", "ungrounded"}`` from ``judge_call``, the function the agent
turn uses. A bad line gets its own ``{"line", "error"}`` record and the exit status 2.
With --config/--openclaw, `tools.untrusted` of that config (per --agent) adds its trusted
destinations and per-tool effect overrides, as in the turn.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, load_config
from clawkeep.config.schema import RootConfig
from clawkeep.policy.effects import EFFECTS, ToolEffects, resolve_effects
from clawkeep.policy.grounding import judge_call
from clawkeep.policy.provenance import SOURCES, ContextItem
from clawkeep.policy.trust import trusted_entries, untrusted_config

__all__ = ["call"]

_MODES = ("ask", "deny", "off")


class BadLineError(ValueError):
    """A record that cannot be judged; the message says what and where."""


def _field(record: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = record.get(key)
    if not isinstance(value, kind):
        raise BadLineError(f"{where}{key!r} must be a {kind.__name__}")
    return value


def _context(raw: list[Any]) -> list[ContextItem]:
    items = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise BadLineError(f"context[{i}] must be an object with role, content, source")
        content = _field(entry, "content", str, f"context[{i}].")
        source = entry.get("source")
        if source not in SOURCES:
            raise BadLineError(f"context[{i}].source must be one of {', '.join(SOURCES)}")
        role = str(entry.get("role", "user"))
        flagged, steered = bool(entry.get("flagged", False)), bool(entry.get("steered", False))
        items.append(ContextItem(role, content, source, flagged, steered=steered))
    return items


def _tool(raw: Mapping[str, Any], config: RootConfig | None, agent: str) -> ToolEffects:
    name = _field(raw, "name", str, "tool.")
    declared = None
    if "effects" in raw:
        effects = raw["effects"]
        if not isinstance(effects, list) or not effects or any(e not in EFFECTS for e in effects):
            raise BadLineError(f"tool.effects must be a non-empty list of {', '.join(EFFECTS)}")
        selectors = raw.get("selectors")
        if selectors is not None and not (
            isinstance(selectors, list) and all(isinstance(s, str) for s in selectors)
        ):
            raise BadLineError("tool.selectors must be a list of argument names")
        declared = ToolEffects(
            frozenset(effects), tuple(selectors) if selectors is not None else None
        )
    annotations = raw.get("annotations")
    if annotations is not None and not isinstance(annotations, dict):
        raise BadLineError("tool.annotations must be an object (MCP tool annotations)")
    override = None
    if config is not None:
        o = untrusted_config(config, agent).tools.get(name)
        if o is not None:
            override = ToolEffects(frozenset(o.effects), o.selectors, o.content, "config")
    return resolve_effects(declared, annotations, override)


def judge_line(line: str, config: RootConfig | None, agent: str) -> dict[str, object]:
    """One record's verdict (raises BadLineError)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLineError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise BadLineError("a record is a JSON object with context, tool and args")
    context = _context(_field(record, "context", list, ""))
    tool = _tool(_field(record, "tool", dict, ""), config, agent)
    args = _field(record, "args", dict, "")
    mode = record.get("mode", "ask")
    if mode not in _MODES:
        raise BadLineError("mode must be ask, deny or off")
    owner = record.get("ownerPresent", True)
    trusted = record.get("trusted", [])
    if not isinstance(owner, bool) or not isinstance(trusted, list):
        raise BadLineError("ownerPresent must be true/false and trusted a list of strings")
    if config is not None:
        trusted = [*trusted, *trusted_entries(config, agent)]
    verdict = judge_call(
        context, tool, args, trusted=[str(t) for t in trusted], mode=mode, owner_present=owner
    )
    return {
        "verdict": verdict.verdict,
        "reason": verdict.reason,
        "ungrounded": list(verdict.ungrounded),
    }


@click.command("call")
@click.option("--jsonl", is_flag=True, required=True, help="Read records on stdin.")
@click.option("--agent", default="main", show_default=True, help="Whose tools.untrusted to use.")
@config_options
def call(jsonl: bool, agent: str, config_path: Path | None, openclaw: bool) -> None:
    """Judge tool calls with the untrusted-data rule (exit 0; 2 if a line was bad)."""
    config = None
    if config_path is not None or openclaw:
        try:
            config = load_config(install_paths(config_path, openclaw)).config
        except ConfigError as exc:
            fail_config(exc)
    status = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            out = judge_line(line, config, agent)
        except BadLineError as exc:
            out = {"line": number, "error": str(exc)}
            status = 2
        click.echo(json.dumps(out, ensure_ascii=False))
    sys.exit(status)
