"""The config's JSON Schema (from the pydantic models) and the key reference made from it.

`clawkeep config schema` prints the schema (editors use it for completion and checks);
`docs/config.md` is `clawkeep config docs`' output, kept current by a test.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["config_docs", "config_schema"]


def config_schema() -> dict[str, Any]:
    """The JSON Schema of the config file, camelCase keys as written on disk."""
    from clawkeep.config.schema import RootConfig

    schema = RootConfig.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "clawkeep config"
    return schema


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        found: dict[str, Any] = defs[ref.split("/")[-1]]
        return found
    return node


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in node:
        return "object"
    if "enum" in node:
        return " \\| ".join(json.dumps(v) for v in node["enum"])
    if "const" in node:
        return json.dumps(node["const"])
    if "anyOf" in node:
        parts = [_type(n, defs) for n in node["anyOf"]]
        return " \\| ".join(dict.fromkeys(p for p in parts if p != "null")) or "null"
    kind = node.get("type", "any")
    if kind == "array":
        return f"list of {_type(node.get('items', {}), defs)}"
    if (
        kind == "object"
        and "additionalProperties" in node
        and isinstance(node["additionalProperties"], dict)
    ):
        return f"map of {_type(node['additionalProperties'], defs)}"
    return str(kind)


def _default(node: dict[str, Any]) -> str:
    if "default" not in node:
        return ""
    value = json.dumps(node["default"], ensure_ascii=False)
    return f"`{value}`" if len(value) <= 40 else "(see schema)"


def _object_of(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    for candidate in [node, *node.get("anyOf", [])]:
        target = _resolve(candidate, defs)
        if "properties" in target:
            return target
        extra = target.get("additionalProperties")
        if isinstance(extra, dict) and "properties" in _resolve(extra, defs):
            return {"__map__": _resolve(extra, defs)}
    return None


def _walk(
    prefix: str, node: dict[str, Any], defs: dict[str, Any], rows: list[str], depth: int
) -> None:
    for key, child in sorted(node.get("properties", {}).items()):
        path = f"{prefix}.{key}" if prefix else key
        desc = str(child.get("description") or _resolve(child, defs).get("description") or "")
        desc = " ".join(desc.split()).replace("|", "\\|")
        rows.append(f"| `{path}` | {_type(child, defs)} | {_default(child)} | {desc} |")
        sub = _object_of(child, defs)
        if sub is None or depth > 6:
            continue
        if "__map__" in sub:
            _walk(f"{path}.<id>", sub["__map__"], defs, rows, depth + 1)
        else:
            _walk(path, sub, defs, rows, depth + 1)


def config_docs() -> str:
    """Markdown: every key with its type, default and description."""
    schema = config_schema()
    defs = schema.get("$defs", {})
    rows: list[str] = []
    _walk("", schema, defs, rows, 0)
    head = [
        "# Config keys",
        "",
        "Generated from the schema by `clawkeep config docs > docs/config.md`; a test keeps",
        "it current. `clawkeep config schema > clawkeep.schema.json` gives editors the JSON",
        "Schema. A missing key means its default, which is always the safe choice.",
        "",
        "| key | type | default | what it does |",
        "| --- | --- | --- | --- |",
    ]
    return "\n".join(head + rows) + "\n"
