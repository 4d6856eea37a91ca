"""What ``echo`` and ``printf`` print when every argument is known before the line runs:
their escapes decoded as the programs decode them (``\\057``, ``\\x2f`` and ``\\u002f`` all
print ``/``), so text they pipe or write is judged as the bytes a reader gets."""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["echo_text"]

_NAMED = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r"}
_NAMED |= {"t": "\t", "v": "\v", "\\": "\\", '"': '"', "'": "'", "?": "?"}
# printf (bash and dash) and bash's `echo -e`: named escapes, octal, \xHH, \uHHHH, \UHHHHHHHH
_FULL = re.compile(
    r"\\(?:([abeEfnrtv\\\"'?])|0?([0-7]{1,3})|x([0-9A-Fa-f]{1,2})"
    r"|u([0-9A-Fa-f]{1,4})|U([0-9A-Fa-f]{1,8})|(c))",
    re.DOTALL,
)
_EXTRA = frozenset("\"'?")  # named escapes `echo -e` does not read
# echo in sh (dash, /bin/sh here): it decodes without -e, and knows fewer escapes
_DASH = re.compile(r"\\(?:([abfnrtv\\])|0([0-7]{0,3})|()()()(c))", re.DOTALL)


def echo_text(name: str, args: list[Arg]) -> str | None:
    if name not in ("echo", "printf") or not all(a.static for a in args):
        return None
    words = [a.text for a in args]
    full = name == "printf"
    while name == "echo" and words and re.fullmatch(r"-[neE]+", words[0]):
        full |= "e" in words[0]
        words = words[1:]
    if name == "printf" and words[:1] == ["--"]:
        words = words[1:]  # the end of printf's options: the format is the next word
    if name == "printf" and words:
        return _unescape(_printf(words[0], words[1:]), _FULL, stop=True)
    if full:  # bash's echo -e: every escape, and \c ends the output
        return _unescape(" ".join(words), _FULL, stop=True, named=_EXTRA)
    # plain echo prints escapes as written in bash and decodes them in sh, which runs the
    # agent's commands: decoded as sh does, but read past a \c, which would hide the text
    # bash prints after it
    return _unescape(" ".join(words), _DASH, stop=False)


def _unescape(
    text: str, escape: re.Pattern[str], *, stop: bool, named: frozenset[str] = frozenset()
) -> str:
    """``text`` with its backslash escapes decoded (but the ``named`` ones); with ``stop``,
    cut at ``\\c``."""
    out: list[str] = []
    at = 0
    for match in escape.finditer(text):
        out.append(text[at : match.start()])
        at = match.end()
        letter, octal, hexa, short, wide, cut = match.groups()
        if cut is not None and stop:
            return "".join(out)
        if cut is not None or letter in named:
            out.append(match.group(0))
        elif letter is not None:
            out.append(_NAMED[letter])
        else:
            digits = hexa or short or wide
            code = int(digits, 16) if digits else int(octal or "0", 8)
            out.append(chr(min(code, 0x10FFFF)) if not 0xD800 <= code <= 0xDFFF else "?")
    out.append(text[at:])
    return "".join(out)


_PRINTF_SPEC = re.compile(r"%%|%[-+ #0-9.*]*[a-zA-Z]")


def _printf(fmt: str, args: list[str]) -> str:
    """What ``printf FORMAT ARGS`` prints before its escapes are decoded: the format applied
    until the arguments run out (``%b`` decodes its argument's escapes too: kept in)."""
    out: list[str] = []
    rest = list(args)
    for _ in range(64):  # printf reuses the format while arguments remain

        def one(match: re.Match[str]) -> str:
            if match.group(0) == "%%":
                return "%"
            value = rest.pop(0) if rest else ""
            # %s prints its argument as it is: a backslash there is not an escape
            return value if match.group(0).endswith("b") else value.replace("\\", "\\\\")

        out.append(_PRINTF_SPEC.sub(one, fmt))
        if not rest:
            break
    return "".join(out)
