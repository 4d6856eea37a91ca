"""What the checks every argv gets (``judge_args``, ``named_programs``, the gateway's
steering files) could find in one word, decided once per word and kept as bits.

Each bit is the exact answer of the test the check makes on the word, or a condition that
test cannot pass without (an option starts with a dash). A command whose words set no bit
skips those tests: it is judged as before, only without scans that could find nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from clawkeep.guards.command_guard._cmd import Cmd
from clawkeep.guards.command_guard._inline import SHELL_CODE, SOCKET_CODE
from clawkeep.guards.command_guard._io_tables import names_pool

__all__ = ["DISPLAY", "DOUBLE_DASH", "POOL", "SHELL", "STEER", "SUBSTS", "TARGET_SUBSTS"]
__all__ += ["may_steer", "word_bits", "word_has"]

SHELL = 1  # reverse-shell code: a socket and a shell in one word (judge_args)
POOL = 2  # a mining pool's address (judge_args)
DISPLAY = 4  # `-d…`/`--d…`: how every spelling of X's display option starts (named_programs)
DOUBLE_DASH = 8  # a long option: `--…-program=CMD` starts with two (named_programs)
STEER = 16  # a hint of a file that steers an agent (the gateway's steering-file check)
SUBSTS = 32  # an argument holds a `$(…)`, backticks, `<(…)` or `$((…))` (not from the text)
TARGET_SUBSTS = 64  # a redirect's target does (`>> "$(python -m certifi)"`)

_STEER_HINT = re.compile(r"\.md|rules|mcp|claude|settings", re.I)
_STEER_WORDS = (".md", "rules", "mcp", "claude", "settings")  # _STEER_HINT's, in lower case


def may_steer(text: str) -> bool:
    """``_STEER_HINT.search``; ASCII text is tested by substring, which finds the same
    (re.I folds an ASCII letter only to ASCII letters) without scanning the regex."""
    if text.isascii():
        low = text.lower()
        return any(word in low for word in _STEER_WORDS)
    return _STEER_HINT.search(text) is not None


def _bits(text: str) -> int:
    return _short_bits(text) if len(text) <= _SHORT else _word_bits(text)


_SHORT = 256  # longer words (inline programs, here-strings) are rare: tested each time


@lru_cache(maxsize=16384)  # pure in the word; a line and the lines after it repeat words
def _short_bits(text: str) -> int:
    return _word_bits(text)


def _word_bits(text: str) -> int:
    bits = 0
    if len(text) > 12 and SOCKET_CODE.search(text) and SHELL_CODE.search(text):
        bits |= SHELL
    if names_pool(text):
        bits |= POOL
    if text.startswith(("-d", "--d")):
        bits |= DISPLAY  # -display, --display=, a prefix a terminal takes (`xterm -d h:0`)
    if text.startswith("--"):
        bits |= DOUBLE_DASH
    if may_steer(text):
        bits |= STEER
    return bits


def word_bits(cmd: Cmd) -> int:
    """The bits of every argument of ``cmd``, or-ed, with ``SUBSTS`` and ``TARGET_SUBSTS``
    (computed once per command)."""
    found = cmd.bits
    if found is None:
        found = 0
        for arg in cmd.args:
            text = arg.text
            found |= _short_bits(text) if len(text) <= _SHORT else _word_bits(text)
            if arg.substs:
                found |= SUBSTS
        for red in cmd.redirects:
            if red.target is not None and red.target.substs:
                found |= TARGET_SUBSTS
        cmd.bits = found
    return found


def word_has(text: str, bit: int) -> bool:
    """Whether one word (a redirect's target) sets ``bit``."""
    return bool(_bits(text) & bit)
