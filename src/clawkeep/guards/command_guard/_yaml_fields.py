"""The few YAML fields a dev tool runs, read without a YAML library: a Taskfile's ``cmds``,
a pre-commit config's ``entry`` and ``repo``. Block and flow style, plain, quoted and
block scalars (``|``, ``>``); fields this reader does not find run nothing it judges, so
it reads generously: every field of that name, at any depth.
"""

from __future__ import annotations

import json
import re

__all__ = ["items_under", "values_of"]

_SCALAR = r"(\"(?:\\.|[^\"\\])*\"|'(?:''|[^'])*'|[^\n]*)"
_FLOW_SCALAR = r"(\"(?:\\.|[^\"\\])*\"|'(?:''|[^'])*'|[^,}\]\n]*)"
_MAX = 64  # fields judged per file: a tool's config, not a corpus


def _unquote(raw: str) -> str:
    """The value of one scalar: quotes and escapes undone, a trailing comment dropped."""
    raw = raw.strip()
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        try:
            return str(json.loads(raw))
        except ValueError:
            return raw[1:-1]
    if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
        return raw[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", raw)


def _block(lines: list[str], at: int, indent: int, folded: bool) -> str:
    """A ``|`` or ``>`` scalar: the lines after ``at`` indented deeper than ``indent``."""
    body: list[str] = []
    for line in lines[at + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        body.append(line.strip())
    return (" " if folded else "\n").join(body).strip()


def values_of(text: str, key: str) -> list[str]:
    """Every scalar value of ``key:`` in the text (``key: v``, ``- key: v``, ``{key: v}``)."""
    block = re.compile(rf"^(\s*)(?:-\s+)?{re.escape(key)}\s*:[ \t]*{_SCALAR}$")
    flow = re.compile(rf"[{{,]\s*{re.escape(key)}\s*:\s*{_FLOW_SCALAR}")
    lines = text.splitlines()
    found: list[str] = []
    for index, line in enumerate(lines):
        match = block.match(line)
        if match is not None and not match.group(2).lstrip().startswith("{"):
            raw = match.group(2).strip()
            if re.fullmatch(r"[|>][-+0-9]*", raw):
                found.append(_block(lines, index, len(match.group(1)), raw.startswith(">")))
            else:
                found.append(_unquote(raw))
            continue
        found += [_unquote(m.group(1)) for m in flow.finditer(line)]
    return [v for v in found if v][:_MAX]


def items_under(text: str, key: str) -> list[str]:
    """The plain items of the list ``key:`` holds (``key: [a, b]`` or ``- a`` lines below
    it); an item that is a mapping (``- cmd: x``, ``- task: y``) is left to ``values_of``.
    One pass over the lines: the list ends at the first line not indented under its key."""
    head = re.compile(rf"^(\s*)(?:-\s+)?{re.escape(key)}\s*:\s*(.*)$")
    found: list[str] = []
    owner: int | None = None  # the indent of the key whose list is being read
    for line in text.splitlines():
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        if owner is not None and (depth < owner or (depth == owner and stripped[0] != "-")):
            owner = None
        match = head.match(line)
        if match is not None:
            rest = match.group(2).strip()
            flow = re.finditer(r"[\[,]\s*" + _FLOW_SCALAR, rest) if rest.startswith("[") else ()
            found += [_unquote(m.group(1)) for m in flow]
            owner = len(match.group(1)) if not rest else None
            continue
        plain = re.match(r"^-\s+" + _SCALAR + "$", stripped) if owner is not None else None
        if plain is not None and not re.match(r"^[\w.-]+\s*:(\s|$)", plain.group(1)):
            found.append(_unquote(plain.group(1)))
        if len(found) >= _MAX:
            break
    return [v for v in found if v.strip("[] ")][:_MAX]
