"""What a literal word, a double-quoted string and an ANSI-C ``$'…'`` string say after
quote removal, and whether escapes spelled printable text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from clawkeep.guards.command_guard._parse import Node
from clawkeep.guards.command_guard._word_types import Acc, Arg, literal

__all__ = ["ansi_c", "literal_word", "plain_text", "plain_word", "unescape_dq", "unescape_word"]

GLOB = re.compile(r"[*?\[]")
_ANSI = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|[0-7]{1,3}|c.|.)")
_SIMPLE_ESC = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b"}
_SIMPLE_ESC |= {"f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}


_PLAIN = re.compile(r"[^\\*?\[`]*")
_ESCAPED = re.compile(r"\\.")
_ALNUM_ESC = re.compile(r"\\[A-Za-z0-9]")
_UNESC_WORD = re.compile(r"\\(.)", re.DOTALL)
_UNESC_DQ = re.compile(r'\\([$`"\\])')


def literal_word(raw: str, acc: Acc) -> None:
    if _PLAIN.fullmatch(raw):
        acc.parts.append(raw)  # fast path: nothing to unescape, no glob, no backticks
        return
    if "``" in raw:
        acc.tricks.append("empty command substitution inside a word")
        raw = raw.replace("``", "")
    if GLOB.search(_ESCAPED.sub("", raw)):
        acc.glob = True
    # A backslash before the first letter only skips aliases (``\\ls``); one inside a name
    # has no use but hiding it from a reader.
    if _ALNUM_ESC.search(raw[2:] if raw.startswith("\\") else raw):
        acc.tricks.append("backslash inside a word")
    acc.parts.append(unescape_word(raw))


def plain_word(node: Node, src: bytes) -> Arg | None:
    """A word (or a command name that is one word) that is its own value: nothing to
    unescape or expand, no glob, no backticks, no ``~``; None for any other."""
    kind = node.type
    if kind == "command_name" and node.named_child_count == 1:
        word = node.named_child(0)
        if word is None or word.start_byte != node.start_byte or word.end_byte != node.end_byte:
            return None
        node, kind = word, word.type
    if kind != "word" or node.named_child_count:
        return None
    return plain_text(src[node.start_byte : node.end_byte])


@lru_cache(maxsize=16384)  # pure in the word's bytes; a line spells the same words again and again
def plain_text(spelled: bytes) -> Arg | None:
    """The Arg of a word spelled ``spelled`` that is its own value; None for any other."""
    raw = spelled.decode("utf-8", "surrogateescape")
    return literal(raw) if _PLAIN.fullmatch(raw) and not raw.startswith("~") else None


def unescape_word(raw: str) -> str:
    return _UNESC_WORD.sub(r"\1", raw.replace("\\\n", ""))


def unescape_dq(raw: str) -> str:
    if "\\" not in raw:
        return raw
    return _UNESC_DQ.sub(r"\1", raw.replace("\\\n", ""))


def ansi_c(body: str, acc: Acc) -> str:
    def one(match: re.Match[str]) -> str:
        esc = match.group(1)
        if (esc[0] in "xuU" and len(esc) > 1) or esc[0] in "01234567":
            code = int(esc[1:], 16) if esc[0] in "xuU" else int(esc, 8)
            char = chr(code) if code < 0x110000 else "?"
            if 0x21 <= code <= 0x7E:
                acc.tricks.append(r"\x escapes spelling printable text")
            return char
        if esc.startswith("c"):
            return chr(ord(esc[1]) & 0x1F)
        return _SIMPLE_ESC.get(esc, "\\" + esc)

    return _ANSI.sub(one, body)
