"""`${VAR}` substitution on string values after parsing (never on the raw text).

Substituting after parsing means an environment value can never inject JSON syntax.
`$${VAR}` is a literal `${VAR}`. A missing (or empty) variable is an error naming the key
path: an empty secret must not quietly become the gateway token. The value of every
variable whose name says it is a secret (``*_API_KEY``, ``*_TOKEN``, ``*_SECRET``,
``*_PASSWORD`` ...) is recorded, so it is masked in logs and output by value even when a
config pulls it into a key that is not secret-sounding (a ``baseUrl`` query, a header).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from clawkeep.config._locate import KeyPath

__all__ = ["Substitution", "substitute_env"]

_REF = re.compile(r"\$(\$?)\{([A-Z_][A-Z0-9_]*)\}")
_SECRET_NAME = re.compile(
    r"(?:^|.*_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PASSPHRASE|CREDENTIALS?)"
    r"(?:_.*|$)"
)


@dataclass
class Substitution:
    """What substitution did: the paths it filled, and the references it could not."""

    filled: set[KeyPath] = field(default_factory=set)
    missing: dict[KeyPath, str] = field(default_factory=dict)
    secrets: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)  # every value put in: never echoed in errors


def substitute_env(tree: Any, env: Mapping[str, str]) -> tuple[Any, Substitution]:
    """Return a copy of ``tree`` with references replaced, and a record of what happened."""
    record = Substitution()
    return _walk(tree, (), env, record), record


def _walk(node: Any, path: KeyPath, env: Mapping[str, str], record: Substitution) -> Any:
    if isinstance(node, dict):
        return {k: _walk(v, (*path, k), env, record) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v, (*path, i), env, record) for i, v in enumerate(node)]
    if isinstance(node, str) and "${" in node:
        return _substitute(node, path, env, record)
    return node


def _substitute(value: str, path: KeyPath, env: Mapping[str, str], record: Substitution) -> str:
    def replace(match: re.Match[str]) -> str:
        escaped, name = match.group(1), match.group(2)
        if escaped:
            return "${" + name + "}"
        found = env.get(name)
        if not found:
            record.missing.setdefault(path, name)
            return match.group(0)
        record.filled.add(path)
        record.values.add(found)
        if _SECRET_NAME.fullmatch(name):  # masked by value wherever the config puts it
            record.secrets.add(found)
        return found

    return _REF.sub(replace, value)
