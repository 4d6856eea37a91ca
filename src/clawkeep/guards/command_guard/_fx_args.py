"""How the effect rules read options: an option's value, and the words that only ask for help."""

from __future__ import annotations

from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["HELP", "value_of", "values_of"]
HELP = frozenset({"-h", "--help", "-V", "--version", "version", "help"})


def value_of(args: list[Arg], index: int, flag: str) -> str | None:
    text = args[index].text
    if flag and text[:1] != flag[0]:
        return None  # each spelling below starts as the flag does (most words: no dash)
    if text == flag:
        return args[index + 1].text if index + 1 < len(args) else None
    if text.startswith(flag + "="):
        return text.split("=", 1)[1]
    if len(flag) == 2 and text.startswith(flag) and not text.startswith("--"):
        return text[2:]
    return None


def values_of(args: list[Arg], flags: tuple[str, ...]) -> list[str]:
    """Every value any of ``flags`` is given, in order (a short flag's value joined to it,
    ``-fFILE``, is read only from a word that is not a long option)."""
    found: list[str] = []
    firsts = {flag[:1] for flag in flags}  # `value_of` reads a word starting as a flag does
    for index, arg in enumerate(args):
        if arg.text[:1] not in firsts and "" not in firsts:
            continue
        for flag in flags:
            value = value_of(args, index, flag)
            if value is not None and not (len(flag) == 2 and arg.text.startswith("--")):
                found.append(value)
    return found
