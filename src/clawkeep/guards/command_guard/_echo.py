"""What ``echo`` and ``printf`` print when every argument is known before the line runs."""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["echo_text"]


def echo_text(name: str, args: list[Arg]) -> str | None:
    if name not in ("echo", "printf") or not all(a.static for a in args):
        return None
    words = [a.text for a in args]
    while name == "echo" and words and re.fullmatch(r"-[neE]+", words[0]):
        words = words[1:]
    if name == "printf" and words:
        words[0] = words[0].replace("\\\\", "\x00")  # printf's format prints `\\` as `\`
    if name == "printf" and words and "%" in words[0]:
        text = _printf(words[0], words[1:]).replace("\\n", "\n").replace("\\t", "\t")
        return text.replace("\x00", "\\")
    # \n and \t as echo -e and printf print them (a Makefile's recipe starts with a tab)
    return " ".join(words).replace("\\n", "\n").replace("\\t", "\t").replace("\x00", "\\")


_PRINTF_SPEC = re.compile(r"%%|%[-+ #0-9.*]*[a-zA-Z]")


def _printf(fmt: str, args: list[str]) -> str:
    """What ``printf FORMAT ARGS`` prints: the format applied until the arguments run out."""
    out: list[str] = []
    rest = list(args)
    for _ in range(64):  # printf reuses the format while arguments remain

        def one(match: re.Match[str]) -> str:
            return "%" if match.group(0) == "%%" else (rest.pop(0) if rest else "")

        out.append(_PRINTF_SPEC.sub(one, fmt))
        if not rest:
            break
    return "".join(out)
