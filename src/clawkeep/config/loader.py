"""Load a config: JSON5 + `$include` + `${VAR}`, validated into the typed model.

Two modes. strict (the gateway): any unknown key or bad value is a ConfigError.
lenient (the audit): the file is still loaded; unknown keys and bad values are returned
as issues (and left out), so a real openclaw.json full of keys we do not model can be
audited.
"""

from __future__ import annotations

import difflib
import json
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from clawkeep.config._envsubst import Substitution, substitute_env
from clawkeep.config._include import Source, read_tree
from clawkeep.config._locate import KeyPath, locate_all
from clawkeep.config.envfile import with_env_file
from clawkeep.config.errors import ConfigError, ConfigIssue, format_path
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig

__all__ = ["LoadedConfig", "load_config"]

_SECRET_WORDS = ("token", "password", "secret", "apikey", "api_key", "key")
_MAX_SHOWN = 80  # characters of a bad value an error repeats
_MIN_SCRUBBED = 3  # shorter substituted values are too common to mask in a sentence
_HINTS: dict[str, str] = {
    "requireMention": (
        "requireMention belongs inside `groups`, not at the channel root: set "
        'channels.<channel>.groups["*"].requireMention (or a group id instead of "*").'
    ),
}


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config and what the loader learned on the way."""

    config: RootConfig
    paths: InstallPaths
    exists: bool
    source: Source = field(default_factory=Source)
    env_filled: frozenset[KeyPath] = frozenset()
    issues: tuple[ConfigIssue, ...] = ()
    env_secrets: frozenset[str] = frozenset()  # values of secret-named ${VAR}s it used

    @property
    def flavor(self) -> str:
        return self.paths.flavor


def load_config(
    paths: InstallPaths, *, strict: bool = True, env: Mapping[str, str] | None = None
) -> LoadedConfig:
    """Read ``paths.config_path`` (embedded defaults when a clawkeep config is absent)."""
    env = with_env_file(os.environ if env is None else env, paths)
    file = paths.config_path
    if not file.exists():
        if paths.flavor == "openclaw":
            raise ConfigError(
                [
                    ConfigIssue(
                        "config.missing",
                        (),
                        "no OpenClaw config here.",
                        file,
                        hint="set OPENCLAW_CONFIG_PATH or OPENCLAW_STATE_DIR, or pass --config.",
                    )
                ]
            )
        return LoadedConfig(RootConfig(), paths, exists=False)
    tree, source = read_tree(file, trusted_only=strict)
    tree, record = substitute_env(tree, env)
    issues: list[ConfigIssue] = []
    for path, name in sorted(record.missing.items(), key=lambda kv: str(kv[0])):
        issues.append(
            _issue(
                source,
                "config.env_missing",
                path,
                f"the environment variable {name} is not set (or empty).",
                f"export {name}=... before starting, or write $${{{name}}} for a literal.",
            )
        )
    if strict and issues:
        raise ConfigError(issues)
    config, schema_issues = _validate(tree, source, strict, record)
    return LoadedConfig(
        config,
        paths,
        exists=True,
        source=source,
        env_filled=frozenset(record.filled),
        issues=tuple(issues + schema_issues),
        env_secrets=frozenset(record.secrets),
    )


def _validate(
    tree: dict[str, Any], source: Source, strict: bool, record: Substitution
) -> tuple[RootConfig, list[ConfigIssue]]:
    collected: list[ConfigIssue] = []
    for _round in range(6):
        try:
            # Strict types, as the seed's Zod schema: "true", "yes" or 1 is not a boolean and
            # "8080" is not a port. JSON mode keeps arrays valid for tuple fields.
            text = json.dumps(tree, allow_nan=True)
            return RootConfig.model_validate_json(text, strict=True), collected
        except ValidationError as exc:
            round_issues = [_from_error(err, tree, source, record) for err in exc.errors()]
            if strict:
                raise ConfigError([issue for issue, _ in round_issues]) from None
            collected.extend(issue for issue, _ in round_issues)
            for _, path in round_issues:
                tree = _without(tree, path)
    collected.append(
        ConfigIssue("config.invalid", (), "too many problems; audited with defaults.", None)
    )
    return RootConfig(), collected


def _shown(value: Any, path: KeyPath, record: Substitution) -> str:
    """How an error may show a value: never one that can hold a secret.

    Error text reaches the terminal, the service journal and the audit's output, so a
    value under a secret-named key, a value filled from the environment, and any object
    or list (its members may be tokens: a whole ``accounts`` list given in the wrong
    shape) are described, not printed.
    """
    key = str(path[-1]) if path else ""
    if any(word in key.lower() for word in _SECRET_WORDS):
        return "(value hidden)"
    if _touches_env(path, record):
        return "(a value from the environment, hidden)"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= _MAX_SHOWN else shown[: _MAX_SHOWN - 3] + "..."


def _from_error(
    err: Any, tree: dict[str, Any], source: Source, record: Substitution
) -> tuple[ConfigIssue, KeyPath]:
    path = _real_path(tuple(err["loc"]), tree)
    kind, value, key = err["type"], err.get("input"), str(path[-1]) if path else ""
    shown = _shown(value, path, record)
    hint = ""
    if kind == "extra_forbidden":
        message = f"unknown key {key!r}."
        hint = _HINTS.get(key) or _did_you_mean(key, path[:-1])
        return _issue(source, "config.unknown_key", path, message, hint), path
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"{shown} is not allowed here; use one of {expected}."
    elif kind == "missing":
        message = "this key is required."
    elif kind in {"bool_type", "bool_parsing"}:
        message = f"must be true or false, not {shown}."
        if isinstance(value, str):
            hint = "write the boolean without quotes."
    elif any(path[: len(filled)] == filled for filled in record.filled):
        # A validator's sentence may quote the value (a pattern, an id): an error must
        # not read a variable back to whoever applied the config (the gateway tool).
        # Below an object with a filled member, the sentence is kept, values masked.
        message = f"a value filled from the environment is not valid here ({kind}); got {shown}."
    else:
        message = f"{err['msg'].removeprefix('Value error, ')}; got {shown}."
    return _issue(source, "config.invalid_value", path, _scrub(message, record), hint), path


def _touches_env(path: KeyPath, record: Substitution) -> bool:
    """Was ``path``, or anything above or below it, filled from the environment?"""
    return any(
        filled[: len(path)] == path or path[: len(filled)] == filled for filled in record.filled
    )


def _scrub(message: str, record: Substitution) -> str:
    """``message`` with every substituted value (and secret-named variable) masked."""
    values = {v for v in record.values | record.secrets if len(v) >= _MIN_SCRUBBED}
    for value in sorted(values, key=len, reverse=True):
        message = message.replace(value, "[from the environment]")
    return message


def _issue(source: Source, kind: str, path: KeyPath, message: str, hint: str) -> ConfigIssue:
    found = source.file_of(path)
    if found is None:
        return ConfigIssue(kind, path, message, hint=hint)
    file, inner = found
    spans = locate_all(source.texts.get(file, ""))
    for cut in range(len(inner), -1, -1):
        span = spans.get(inner[:cut])
        if span is not None:
            return ConfigIssue(kind, path, message, file, span.line, span.column, hint)
    return ConfigIssue(kind, path, message, file, hint=hint)


def _real_path(loc: KeyPath, tree: Any) -> KeyPath:
    """Drop pydantic's union tags from ``loc``: keep the parts that exist in the tree."""
    out: list[str | int] = []
    node = tree
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        if in_dict or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
            out.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and part not in node:
            if part.startswith(("function-", "literal[", "bool", "str", "int")):
                continue
            out.append(part)
            break
    return tuple(out)


def _without(tree: Any, path: KeyPath) -> Any:
    if not path:
        return {}
    head, rest = path[0], path[1:]
    if isinstance(tree, dict) and head in tree:
        copy = dict(tree)
        if rest:
            copy[head] = _without(tree[head], rest)
        else:
            del copy[head]
        return copy
    if isinstance(tree, list) and isinstance(head, int) and head < len(tree):
        items = list(tree)
        if rest:
            items[head] = _without(items[head], rest)
        else:
            del items[head]
        return items
    return tree


def _did_you_mean(key: str, parent: KeyPath) -> str:
    known = _known_keys(parent)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    if close:
        return f"did you mean {close[0]!r}?"
    if known:
        return f"keys allowed in {format_path(parent)}: {', '.join(sorted(known))}."
    return ""


def _known_keys(path: KeyPath) -> list[str]:
    annotation: Any = RootConfig
    for part in path:
        model = _model_in(annotation)
        if model is not None:
            field_info = next(
                (f for name, f in model.model_fields.items() if (f.alias or name) == part), None
            )
            if field_info is None:
                return []
            annotation = field_info.annotation
            continue
        inner = _container_item(annotation)
        if inner is None:
            return []
        annotation = inner
    model = _model_in(annotation)
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in {typing.Union, types.UnionType}:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _container_item(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in {typing.Union, types.UnionType}:
        for arg in typing.get_args(annotation):
            item = _container_item(arg)
            if item is not None:
                return item
        return None
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin in {tuple, list} and args:
        return args[0]
    return None
