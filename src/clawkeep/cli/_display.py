"""What the operator's terminal is shown of text strangers wrote: never a control sequence.

Event records and stores hold sender ids, names and tool names that strangers (or a
steered model) chose. Printed raw, an ``ESC ]`` (OSC) or ``ESC [`` (CSI) sequence in
them would retitle the terminal, write the clipboard, hide lines or fake output. Every
character that is not printable (C0 and C1 controls, DEL, bidi overrides and other
format characters, line separators) is shown as its escape (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import json

__all__ = ["json_line", "printable"]


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: object) -> str:
    """``text`` with every non-printable character written as its escape."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(c if c.isprintable() else _escape(c) for c in value)


def json_line(obj: object) -> str:
    """``obj`` as one JSON line, readable (non-ASCII kept) but with no raw control char."""
    text = json.dumps(obj, ensure_ascii=False)
    if text.isprintable():
        return text
    # Outside strings JSON has only printable characters: every hit is inside a string,
    # where a \u escape means the same character.
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in text)
