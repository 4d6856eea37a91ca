"""What a log line or event may show of a secret: nothing but a short, non-secret prefix.

``build_redactor`` compiles every built-in pattern and the configured ``redactPatterns``
into one alternation, so a record is scanned once (a loop over separate patterns costs
several times more). Each alternative has a kept part (``API_KEY=``, ``Bearer ``,
``sk-``) and a secret part that is replaced whole. The event log redacts
``json.dumps`` of a record and reads it back, so JSON text is parsed and redacted value
by value (a value under a secret key is masked whole), and always stays valid JSON.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from clawkeep.config.schema._regex import regex_problem

__all__ = [
    "MASK",
    "RedactingFilter",
    "Redactor",
    "build_redactor",
    "redactor_from_settings",
]

Redactor = Callable[[str], str]
MASK = "[REDACTED]"
_MAX_EXTRA = 64

# Where a secret may start: not inside a word, or right after a JSON escape (\n, \t)
# because the event log redacts json.dumps() text, where a newline is the two chars "\n".
_START = r"(?:(?<![A-Za-z0-9_\-])|(?<=\\[nrtbf]))"
_KEY_START = r"(?:(?<![A-Za-z0-9_.\-])|(?<=\\[nrtbf]))"

# A quoted value is replaced whole with its quotes (JSON stays valid); one cut off
# before its closing quote still loses everything up to the end of its string. A bare
# value runs to the next space, quote or shell separator; JSON escapes of its own
# characters (\\, \u00e4) stay inside it, so no tail of the secret is left behind.
_QUOTED = (
    r'"(?:[^"\\\n]|\\.)*"?'  # "double quoted" (a JSON string)
    r'|\\"(?:[^"\\]|\\[^"])*(?:\\")?'  # \"escaped quotes\" (inside a JSON string)
    r"|'(?:[^'\"\\\n]|\\[^\"])*'?"  # 'single quoted' (shell)
)
_BARE = r"(?![{\[])(?:[^\s\"'\\&;]|\\\\|\\u[0-9a-fA-F]{4}|\\(?![\\\"nrtbfu/]))+"
_VALUE = f"{_QUOTED}|{_BARE}"
_JSON_VALUE = rf"{_QUOTED}|[^\s,{{}}\[\]\"]+"  # after "key": a string, number or literal
_IN_STRING = r"(?:[^\"\\]|\\[^\"])"  # one character that stays inside a JSON string

_SENSITIVE_NAME = (
    r"(?i:key|token|secret|passw(?:or)?d|passphrase|pwd|pass|credentials?|auth"
    r"|authorization|cookie|apikey|sessionid|jwt)"
)
_CAMEL_WORD = (
    r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*?"
    r"(?:Key|Token|Secret|Password|Passwd|Credentials?|Auth|Cookie)"
)
_KEY = rf"(?:[A-Za-z0-9]+[_.\-])*(?:{_SENSITIVE_NAME}|{_CAMEL_WORD})"
_FLAG = r"--?(?:[a-z0-9]+-)*(?i:token|password|passwd|secret|key|api-key|auth|credentials?|pass)"
_AUTH_SCHEME = r"(?:(?i:bearer|basic|digest|token)\s+)?"

# (kept part, secret part) per alternative; the kept part never holds secret material.
_BUILTIN: tuple[tuple[str, str], ...] = (
    # PEM private keys, also when the END line is missing (truncated logs)
    (
        r"-----BEGIN[A-Z ]{0,40}PRIVATE KEY-----",
        rf"(?:{_IN_STRING}*?-----END[A-Z ]{{0,40}}PRIVATE KEY-----|{_IN_STRING}*)",
    ),
    # Authorization schemes: "Bearer abc", "Basic dXNl..." (these two need a digit: prose)
    (rf"{_START}(?i:bearer\s+)", r"[A-Za-z0-9._~+/:\-]{8,}=*"),
    (
        rf"{_START}(?i:(?:basic|token)\s+)(?=[A-Za-z._~+/\-]{{0,200}}[0-9])",
        r"[A-Za-z0-9._~+/:\-]{8,}=*",
    ),
    # "password": "..." / "pin_secret": 1234 in JSON
    (rf'(?<="){_KEY}"\s*:\s*', rf"{_AUTH_SCHEME}(?:{_JSON_VALUE})"),
    # KEY=value, key: value, secretToken=..., \"password\": \"...\"
    (rf"{_KEY_START}{_KEY}\\?[\"']?\s*[:=]\s*", rf"{_AUTH_SCHEME}(?:{_VALUE})"),
    # ["--token", "value"] argv lists in JSON
    (rf"(?<=\"){_FLAG}\",\s*\"", rf"{_IN_STRING}+"),
    # --token value, --api-key=value, -password value; curl -u user:password
    (rf"{_START}{_FLAG}(?:=|\s+)", _VALUE),
    (rf"{_START}(?:-u|--user)(?:=|\s+)", _VALUE),
    # user:password@ in URLs and DSNs
    (r"(?<=://)[^/\s:@\"'\\]{1,256}:", r"[^/\s@\"'\\]{1,256}(?=@)"),
    # well-known token formats: the prefix says which service, the rest is the secret
    (rf"{_START}sk-", r"[A-Za-z0-9_\-]{16,}"),
    (rf"{_START}(?:gh[pousr]_|github_pat_)", r"[A-Za-z0-9_]{20,}"),
    (rf"{_START}xox[abposr]-", r"[A-Za-z0-9\-]{10,}"),
    (rf"{_START}xapp-", r"[A-Za-z0-9\-]{10,}"),
    (rf"{_START}AIza", r"[0-9A-Za-z_\-]{30,}"),
    (rf"{_START}(?:AKIA|ASIA)", r"[0-9A-Z]{16}"),
    (rf"{_START}(?:sk|rk|pk)_(?:live|test)_", r"[A-Za-z0-9]{16,}"),
    (rf"{_START}(?:hf_|glpat-|npm_)", r"[A-Za-z0-9_\-]{20,}"),
    # JSON Web Tokens: header.payload.signature
    (_START, r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
    # Telegram bot tokens: 123456789:AA...
    (rf"{_START}(?<!:)", r"[0-9]{6,12}:AA[A-Za-z0-9_\-]{30,}"),
)

_BARE_JSON_VALUE = re.compile(r'(?<!\\)"\s*:\s*$')


def _check_extra(pattern: str) -> None:
    problem = regex_problem(pattern)
    if problem is None and re.compile(pattern).fullmatch(""):
        problem = "it matches empty text, so it would match everywhere"
    if problem is None and re.search(r"\(\?P<", pattern):
        problem = "named groups are reserved for the built-in patterns"
    if problem is not None:
        raise ValueError(f"logging.redactPatterns entry {pattern!r} is unsafe: {problem}")


def _compile(extra_patterns: Sequence[str]) -> re.Pattern[str]:
    if len(extra_patterns) > _MAX_EXTRA:
        raise ValueError(f"logging.redactPatterns has more than {_MAX_EXTRA} entries")
    for pattern in extra_patterns:
        _check_extra(pattern)
    pairs = list(_BUILTIN) + [("", f"(?:{p})") for p in extra_patterns]
    alternatives = (f"(?P<k{i}>{keep})(?P<s{i}>{secret})" for i, (keep, secret) in enumerate(pairs))
    return re.compile("|".join(alternatives))  # one scan per record, not one per pattern


def _replace(match: re.Match[str]) -> str:
    name = match.lastgroup  # the secret group closes last in every alternative
    assert name is not None and name.startswith("s"), name
    kept = match.group("k" + name[1:])
    secret = match.group(name)
    if secret.startswith('\\"'):
        return f'{kept}\\"{MASK}\\"'
    if secret[:1] in "\"'" and secret:
        return f"{kept}{secret[0]}{MASK}{secret[0]}"
    if _BARE_JSON_VALUE.search(kept):  # a JSON number or literal: keep the document valid
        return f'{kept}"{MASK}"'
    return kept + MASK


_SENSITIVE_KEY = re.compile(_KEY)
_SENSITIVE_FLAG = re.compile(rf"{_FLAG}|-u|--user")


def _walk(value: Any, redact_text: Redactor) -> Any:
    """Redact a parsed JSON document: values under secret keys whole, strings by pattern."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {
            key: _masked(item) if _SENSITIVE_KEY.fullmatch(key) else _walk(item, redact_text)
            for key, item in value.items()
        }
    if isinstance(value, list):
        out: list[Any] = []
        for index, item in enumerate(value):
            previous = value[index - 1] if index else None
            flagged = isinstance(previous, str) and _SENSITIVE_FLAG.fullmatch(previous)
            out.append(_masked(item) if flagged else _walk(item, redact_text))  # argv lists
        return out
    return value


def _masked(value: Any) -> Any:
    return value if value is None or isinstance(value, bool) else MASK


def build_redactor(extra_patterns: Sequence[str] = ()) -> Redactor:
    """A function that masks secrets in text; ``extra_patterns`` extend the built-ins.

    A JSON object or array (what the event log passes for structured fields) is parsed
    and each string redacted on its own, so the result is always valid JSON. Raises
    ValueError with a sentence for an invalid or catastrophic extra pattern.
    """
    compiled = _compile(tuple(extra_patterns))

    def redact_text(text: str) -> str:
        return compiled.sub(_replace, text)

    def redact(text: str) -> str:
        if text.lstrip()[:1] in ("{", "[", '"'):
            try:
                document = json.loads(text)
            except ValueError:
                return redact_text(text)
            return json.dumps(_walk(document, redact_text), ensure_ascii=False)
        return redact_text(text)

    return redact


def _identity(text: str) -> str:
    return text


def redactor_from_settings(redact_sensitive: str, redact_patterns: Sequence[str]) -> Redactor:
    """The redactor for ``logging.redactSensitive`` ("tools" or "off") and its patterns."""
    if redact_sensitive == "off":  # spelled out in the config; the audit names it
        return _identity
    return build_redactor(redact_patterns)


class RedactingFilter(logging.Filter):
    """A logging filter that masks secrets in the message and exception text of a record."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._redactor(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redactor(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redactor(record.stack_info)
        return True
