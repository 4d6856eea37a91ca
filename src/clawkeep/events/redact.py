"""What a log line or event may show of a secret: nothing but a short, non-secret prefix.

Secrets the config holds are masked by value first, whatever their shape
(``secret_values``: see events.secret_values). ``build_redactor`` compiles every
built-in pattern and the configured ``redactPatterns`` into one alternation, so a record is
scanned once (a loop over separate patterns costs several times more). Each alternative
has a kept part (``API_KEY=``, ``Bearer ``, ``sk-``) and a secret part that is replaced
whole. The event log redacts ``json.dumps`` of a record and reads it back, so JSON text
is parsed and redacted value by value (a value under a secret key is masked whole), and
always stays valid JSON.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "MASK",
    "RedactingFilter",
    "Redactor",
    "build_redactor",
    "is_secret_key",
    "redactor_from_settings",
]

Redactor = Callable[[str], str]
MASK = "[REDACTED]"
_MAX_EXTRA = 64

# "Not inside a word", checked after the first character of a match. A JSON escape
# (\n, \t) before a secret counts as a word boundary: tool output often carries JSON
# text inside a string.
_AFTER1 = r"(?:(?<![A-Za-z0-9_\-].)|(?<=\\[nrtbf].))"

# A quoted value is replaced whole with its quotes; one cut off before its closing quote
# still loses everything up to the end of its line. A bare value runs to the next space,
# quote or shell separator; JSON escapes of its own characters (\\, \u00e4) stay inside
# it, so no tail of the secret is left behind.
_QUOTED = (
    r'"(?:[^"\\\n]|\\.)*"?'  # "double quoted"
    r'|\\"(?:[^"\\]|\\[^"])*(?:\\")?'  # \"escaped quotes\" (JSON text inside a string)
    r"|'(?:[^'\"\\\n]|\\[^\"])*'?"  # 'single quoted' (shell)
)
_BARE = r"(?:[^\s\"'\\&;]|\\\\|\\u[0-9a-fA-F]{4}|\\(?![\\\"nrtbfu/]))+"
_VALUE = f"{_QUOTED}|{_BARE}"
_IN_STRING = r"(?:[^\"\\]|\\[^\"])"  # one character that stays inside a JSON string
_AUTH_SCHEME = r"(?:(?i:bearer|basic|digest|token)\s+)?"

# Key names whose value is secret, as the last segment of a key (OPENAI_API_KEY,
# db.password, x-auth-token) or the last word of a camelCase key (clientSecret).
_KEY_WORDS = [
    "key",
    "token",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "pwd",
    "pass",
    "credential",
    "credentials",
    "auth",
    "authorization",
    "cookie",
    "apikey",
    "sessionid",
    "jwt",
]
_CAMEL_WORDS = [
    "Key",
    "Token",
    "Secret",
    "Password",
    "Passwd",
    "Credential",
    "Credentials",
    "Auth",
    "Cookie",
]
_KEY_TRAILERS = ("", '"', r"\\\"", "'", " ")  # between the key and its ':' or '='


def _by_length(words: list[str]) -> list[str]:
    lengths = sorted({len(word) for word in words})
    return ["|".join(w for w in words if len(w) == n) for n in lengths]


def _key_guard() -> str:
    """Lookbehinds (fixed width each) that hold when a secret key ends just before here."""
    checks = []
    for trailer in _KEY_TRAILERS:
        for group in _by_length(_KEY_WORDS):
            end = f"(?i:{group}){trailer}[:=]"
            checks.append(f"(?<={end})(?:(?<![A-Za-z0-9]{end})|(?<=\\\\[nrtbf]{end}))")
        checks.extend(
            f"(?<=[a-z0-9](?:{group}){trailer}[:=])" for group in _by_length(_CAMEL_WORDS)
        )
    gate = r"(?<=[A-Za-z\"' ][:=])"  # one cheap test first: what a key or its quote ends with
    return gate + "(?:" + "|".join(checks) + ")"


_FLAG = (
    rf"-{_AFTER1}-?(?:[a-z0-9]+-)*"
    r"(?i:token|password|passwd|secret|key|api-key|auth|credentials?|pass)"
)


def _ends(prefix: str) -> str:
    """Here ends ``prefix`` (fixed width), which does not start inside a word."""
    return rf"(?<={prefix})(?:(?<![A-Za-z0-9_\-]{prefix})|(?<=\\[nrtbf]{prefix}))"


def _cased(first: str, rest: str) -> list[str]:
    """One alternative per case of the first letter: each starts with a plain literal."""
    return [f"{c}{_AFTER1}(?i:{rest})" for c in (first.upper(), first.lower())]


_SCHEME_VALUE = r"[A-Za-z0-9._~+/:\-]{8,}=*"
_HAS_DIGIT = r"\s+(?=[A-Za-z._~+/\-]{0,200}[0-9])"  # prose says "basic idea", tokens have digits

# (kept part, secret part) per alternative; the kept part never holds secret material.
# Each starts with one literal character (mostly rare ones: - _ : = z K J), so the regex
# engine only stops at those characters; what comes before is checked by lookbehinds.
_BUILTIN: tuple[tuple[str, str], ...] = (
    # PEM private keys, also when the END line is missing (truncated logs)
    (
        r"-----BEGIN[A-Z ]{0,40}PRIVATE KEY-----",
        rf"(?:{_IN_STRING}*?-----END[A-Z ]{{0,40}}PRIVATE KEY-----|{_IN_STRING}*)",
    ),
    # Authorization schemes: "Bearer abc", "Basic dXNl...", "Token abc1..."
    *((f"{keep}\\s+", _SCHEME_VALUE) for keep in _cased("b", "earer")),
    *((f"{keep}{_HAS_DIGIT}", _SCHEME_VALUE) for keep in _cased("b", "asic")),
    *((f"{keep}{_HAS_DIGIT}", _SCHEME_VALUE) for keep in _cased("t", "oken")),
    # KEY=value, key: value, "password": "...", secretToken=... (checked from the '=')
    (rf":{_key_guard()}\s*", rf"{_AUTH_SCHEME}(?:{_VALUE})"),
    (rf"={_key_guard()}\s*", rf"{_AUTH_SCHEME}(?:{_VALUE})"),
    # --token value, --api-key=value, -password value, ["--token", "value"]
    (rf"{_FLAG}(?:=|\s+)", _VALUE),
    (rf"{_FLAG}\",\s*\"", rf"{_IN_STRING}+"),
    # curl -u user:password
    (rf"-{_AFTER1}(?:u|-user)(?:=|\s+)", _VALUE),
    # user:password@ in URLs and DSNs
    (r"://[^/\s:@\"'\\]{1,256}:", r"[^/\s@\"'\\]{1,256}(?=@)"),
    # well-known token formats: the prefix says which service, the rest is the secret
    ("-" + _ends("sk-"), r"[A-Za-z0-9_\-]{16,}"),
    ("_" + _ends("gh[pousr]_"), r"[A-Za-z0-9_]{20,}"),
    ("_" + _ends("github_") + "pat_", r"[A-Za-z0-9_]{20,}"),
    ("-" + _ends("xox[abposr]-"), r"[A-Za-z0-9\-]{10,}"),
    ("-" + _ends("xapp-"), r"[A-Za-z0-9\-]{10,}"),
    ("z" + _ends("AIz") + "a", r"[0-9A-Za-z_\-]{30,}"),
    ("K" + _ends("AK") + "IA", r"[0-9A-Z]{16}"),
    ("S" + _ends("AS") + "IA", r"[0-9A-Z]{16}"),
    ("_" + _ends("[srp]k_") + "(?:live|test)_", r"[A-Za-z0-9]{16,}"),
    ("_" + _ends("hf_"), r"[A-Za-z0-9_\-]{20,}"),
    ("_" + _ends("npm_"), r"[A-Za-z0-9_\-]{20,}"),
    ("-" + _ends("glpat-"), r"[A-Za-z0-9_\-]{20,}"),
    # JSON Web Tokens: header.payload.signature ("eyJ" is only base64 for '{"')
    ("J" + _ends("eyJ"), r"[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
    # Telegram bot tokens: 123456789:AA... (the bot id before ':' is public)
    (":(?<=[0-9]{6}:)", r"AA[A-Za-z0-9_\-]{30,}"),
)


def _check_extra(pattern: str) -> None:
    # the config's own regex safety check (imported here: it loads the config package)
    from clawkeep.config import regex_problem

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
    builtin = (f"{keep}(?P<s{i}>{secret})" for i, (keep, secret) in enumerate(_BUILTIN))
    # an extra pattern is masked whole; unwrapped when it can be, so a leading literal
    # keeps the engine's fast skip over characters no alternative starts with
    extra = (p if "|" not in p else f"(?:{p})" for p in extra_patterns)
    try:
        return re.compile("|".join([*builtin, *extra]))  # one scan per record, not one per pattern
    except re.error as exc:
        msg = (
            f"logging.redactPatterns cannot be combined ({exc}); write inline flags "
            "scoped, like (?i:secret), not (?i)secret"
        )
        raise ValueError(msg) from None


def _replace(match: re.Match[str]) -> str:
    name = match.lastgroup  # the secret group closes last in every built-in alternative
    if name is None or not name.startswith("s"):  # an extra pattern: all of it is secret
        return MASK
    kept = match.string[match.start() : match.start(name)]
    secret = match.group(name)
    if secret.startswith('\\"'):
        return f'{kept}\\"{MASK}\\"'
    if secret[:1] in "\"'" and secret:
        return f"{kept}{secret[0]}{MASK}{secret[0]}"
    return kept + MASK


_SENSITIVE_KEY = re.compile(
    rf"(?:[A-Za-z0-9]*[_.\-\s])*(?i:{'|'.join(_KEY_WORDS)})"
    rf"|[a-z][A-Za-z0-9]*?(?:{'|'.join(_CAMEL_WORDS)})"
)
_SENSITIVE_FLAG = re.compile(rf"{_FLAG}|-u|--user")
# Identifiers that end in "key" but are not secrets (kept readable in events).
_NOT_SECRET_KEYS = frozenset(
    {"sessionkey", "publickey", "keyid", "cachekey", "idempotencykey", "primarykey", "sortkey"}
)


def is_secret_key(key: str) -> bool:
    """True for a key whose value is a secret (apiKey, bot_token, password ...)."""
    return _secret_key(key)


def _secret_key(key: str) -> bool:
    if re.sub(r"[_.\-\s]", "", key).lower() in _NOT_SECRET_KEYS:
        return False
    return _SENSITIVE_KEY.fullmatch(key) is not None


def _walk(value: Any, redact_text: Redactor) -> Any:
    """Redact a parsed JSON document: values under secret keys whole, strings by pattern."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {
            key: _masked(item) if _secret_key(key) else _walk(item, redact_text)
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


def _values_redactor(secret_values: Sequence[str]) -> Redactor:
    from clawkeep.events.secret_values import LONG_SECRET_CHARS, spellings

    known = spellings(secret_values)
    if not known:
        return _identity
    # Longest first, so a secret that contains another is masked whole. A short secret
    # (under LONG_SECRET_CHARS) is masked only as a whole token: "2026" inside a phone
    # number or a message id is not it, and masking it there would wreck every line.
    long = [re.escape(v) for v in known if len(v) >= LONG_SECRET_CHARS]
    short = [re.escape(v) for v in known if len(v) < LONG_SECRET_CHARS]
    parts = [*long]
    if short:
        parts.append(r"(?<![A-Za-z0-9])(?:" + "|".join(short) + r")(?![A-Za-z0-9])")
    pattern = re.compile("|".join(parts))

    def redact_values(text: str) -> str:
        return pattern.sub(MASK, text)

    return redact_values


def build_redactor(
    extra_patterns: Sequence[str] = (), secret_values: Sequence[str] = ()
) -> Redactor:
    """A function that masks secrets in text; ``extra_patterns`` extend the built-ins.

    Each of ``secret_values`` (the config's own secrets) is masked wherever it appears,
    whatever its shape, before the patterns run. A JSON object or array (what the event
    log passes for structured fields) is parsed and each string redacted on its own, so
    the result is always valid JSON. Raises ValueError with a sentence for an invalid or
    catastrophic extra pattern.
    """
    compiled = _compile(tuple(extra_patterns))
    by_value = _values_redactor(secret_values)

    def redact_text(text: str) -> str:
        return compiled.sub(_replace, by_value(text))

    def redact(text: str) -> str:
        if text.lstrip()[:1] in ("{", "[", '"'):
            try:
                document = json.loads(by_value(text))
            except ValueError:
                return redact_text(text)
            return json.dumps(_walk(document, redact_text), ensure_ascii=False)
        return redact_text(text)

    return redact


def _identity(text: str) -> str:
    return text


def redactor_from_settings(
    redact_sensitive: str, redact_patterns: Sequence[str], secret_values: Sequence[str] = ()
) -> Redactor:
    """The redactor for ``logging.redactSensitive`` ("tools" or "off") and its patterns.

    The config's own ``secret_values`` are masked even with "off": that setting shows tool
    arguments and results, never the credentials the config holds.
    """
    if redact_sensitive == "off":  # spelled out in the config; the audit names it
        return _values_redactor(secret_values)
    return build_redactor(redact_patterns, secret_values)


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
