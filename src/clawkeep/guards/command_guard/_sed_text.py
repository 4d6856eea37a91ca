"""What a simple ``sed`` substitution prints from input the line gives it.

``sed 's/^/cat /' <<< /etc/shadow | sh`` runs ``cat /etc/shadow``: where the input is known
(a here-string, or what an earlier stage printed) and the script is one or more plain ``s``
commands, the output is computed so that a shell the next stage starts is judged on it.
Anything else (an address, another command, ``-n``, a script file, a pattern this module
cannot translate) leaves the output known only at run time, as it was.
"""

from __future__ import annotations

import re

__all__ = ["sed_output"]

_SUBST = re.compile(r"^s(.)((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1([gI]*)$", re.S)
_BRE_SPECIAL = {"(": r"\(", ")": r"\)", "{": r"\{", "}": r"\}", "+": r"\+", "?": r"\?"}
_BRE_SPECIAL["|"] = r"\|"
_BRE_ESCAPED = {"(": "(", ")": ")", "{": "{", "}": "}", "+": "+", "?": "?", "|": "|"}


def sed_output(values: list[str], text: str | None) -> str | None:
    """The text ``sed VALUES`` prints when fed ``text``, or None where it is not known."""
    if text is None:
        return None
    scripts: list[str] = []
    extended = False
    rest = list(values)
    while rest:
        value = rest.pop(0)
        if value in ("-e", "--expression") and rest:
            scripts.append(rest.pop(0))
        elif value in ("-E", "-r", "--regexp-extended"):
            extended = True
        elif value.startswith("-") or scripts or rest:
            return None  # -n, -i, -f, a file operand: not computed here
        else:
            scripts.append(value)
    subs = [_substitution(s.strip(), extended) for s in scripts]
    if not subs or any(s is None for s in subs):
        return None
    lines = text.split("\n")
    ended = text.endswith("\n")
    out: list[str] = []
    for line in lines[:-1] if ended else lines:
        for sub in subs:
            assert sub is not None
            pattern, replacement, count = sub
            try:
                line = pattern.sub(replacement, line, count=count)
            except (re.error, IndexError):
                return None
        out.append(line)
    return "\n".join(out) + ("\n" if ended else "")


def _substitution(script: str, extended: bool) -> tuple[re.Pattern[str], str, int] | None:
    match = _SUBST.match(script)
    if match is None:
        return None
    delim, pattern, replacement, flags = match.groups()
    regex = _translate(pattern.replace("\\" + delim, delim), extended)
    if regex is None:
        return None
    try:
        compiled = re.compile(regex, re.I if "I" in flags else 0)
    except re.error:
        return None
    return (
        compiled,
        _replacement(replacement.replace("\\" + delim, delim)),
        0 if "g" in flags else 1,
    )


def _translate(pattern: str, extended: bool) -> str | None:
    """A POSIX basic or extended pattern as a Python one (classes kept as they are)."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            nxt = pattern[index + 1]
            if not extended and nxt in _BRE_ESCAPED:
                out.append(_BRE_ESCAPED[nxt])
            elif nxt.isdigit() or nxt in ".*[]^$\\/&":
                out.append("\\" + nxt)
            elif nxt == "n":
                out.append("\n")
            else:
                return None  # \w, \s, \< …: GNU extensions not translated
            index += 2
            continue
        if char == "[":
            end = pattern.find("]", index + 2)
            if end < 0 or "[:" in pattern[index:end]:
                return None
            out.append(pattern[index : end + 1])
            index = end + 1
            continue
        out.append(_BRE_SPECIAL[char] if not extended and char in _BRE_SPECIAL else char)
        index += 1
    return "".join(out)


def _replacement(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            nxt = text[index + 1]
            out.append(rf"\g<{nxt}>" if nxt.isdigit() else "\n" if nxt == "n" else nxt)
            index += 2
            continue
        out.append(r"\g<0>" if char == "&" else char.replace("\\", "\\\\"))
        index += 1
    return "".join(out)
