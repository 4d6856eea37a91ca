"""A ``jq`` filter that sets a package's script: ``.scripts.postinstall = "CMD"``,
``.scripts["prepare"] = $cmd`` (with ``--arg cmd CMD``), ``.scripts += {"test": "CMD"}``,
``.["scripts"]["test"] = "CMD"``, ``setpath(["scripts", "test"]; "CMD")``.
npm runs a package's scripts on its next install, test or run, so CMD is judged now as
the shell line it will be, as ``npm pkg set scripts.postinstall=CMD`` is (``_fx_runners``).
A harmless script (``.scripts.lint = "eslint src"``) stays allowed.
"""

from __future__ import annotations

import json
import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["JQ_SCRIPT_RULES"]

_STR = r"\"((?:\\.|[^\"\\])*)\""
_VALUE = rf"(?:{_STR}|\$(\w+))"
_SCRIPTS = r"(?:\.scripts|\.\s*\[\s*\"scripts\"\s*\])"
_SET = re.compile(
    rf"{_SCRIPTS}\s*(?:\.\s*\"?[\w:-]+\"?|\[\s*\"[\w:-]+\"\s*\])\s*\|?=\s*{_VALUE}"
    rf"|\"[\w:-]+\"\s*:\s*{_VALUE}"
    rf"|setpath\s*\(\s*\[\s*\"scripts\"\s*,\s*\"[\w:-]+\"\s*\]\s*;\s*{_VALUE}"
)


def _unquote(text: str) -> str:
    try:
        return str(json.loads(f'"{text}"'))
    except ValueError:
        return text


def _args(values: list[str]) -> dict[str, str]:
    """``--arg NAME VALUE`` pairs the filter reads as ``$NAME``."""
    found: dict[str, str] = {}
    for index, value in enumerate(values[:-2]):
        if value == "--arg":
            found[values[index + 1]] = values[index + 2]
    return found


def _jq(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if not any("scripts" in v for v in values):
        return
    named = _args(values)
    for value in values:
        if "scripts" not in value:
            continue
        for match in _SET.finditer(value):
            if match.group(0).startswith('"') and not re.search(_SCRIPTS, value):
                continue  # an object's pair outside a scripts assignment
            groups = match.groups()
            literal = next((g for g in groups[0::2] if g is not None), None)
            var = next((g for g in groups[1::2] if g is not None), None)
            text = _unquote(literal) if literal is not None else named.get(var or "")
            if text:
                w.script(text, "a package script jq writes")


JQ_SCRIPT_RULES: dict[str, Rule] = {"jq": _jq, "gojq": _jq, "jaq": _jq}
