"""Inline code that evaluates code it gets at run time: ``eval(File.read(…))``,
``eval(file_get_contents("https://…"))``, ``loadstring(io.read())()``,
``instance_eval(gets)``, ``include("https://…")``. The text run is known only when the
line runs (a download when it names a URL): the same as ``eval "$(…)"`` in the shell.
Effects that pass through a name the code gave a literal are judged from here
(``_inline_through``).
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._inline_through import through_names
from clawkeep.guards.command_guard._langs import Gated
from clawkeep.guards.command_guard._walk import Walker

__all__ = ["evaluates"]

_EVAL = Gated(
    "eval loadstring load( create_function",
    r"(?<![\w.$])(?:eval|instance_eval|class_eval|module_eval|loadstring|create_function)"
    r"\s*\(|(?<![\w.$])load\s*\(",
)
# An argument that is one string literal (or nothing): text the line shows.
_LITERAL = re.compile(r"""\s*(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')?\s*\)""")
_INCLUDES_URL = re.compile(
    r"\b(?:include|require|include_once|require_once|import\s*\(|load|dofile|source)\s*\(?\s*"
    r"[\"'](?:https?|ftp)://",
    re.I,
)


def evaluates(lang: str, code: str, w: Walker) -> None:
    """Refuse code that evaluates text known only at run time, or includes a URL."""
    through_names(lang, code, w)
    if _INCLUDES_URL.search(code):
        # download_exec: the code fetches more code and runs it
        w.flag("download_exec", f"{lang} code includes code from a URL")
        return
    for match in _EVAL.finditer(code):
        if not _LITERAL.match(code[match.end() :]):
            # dynamic_command: the text evaluated is read, fetched or built at run time
            w.flag("dynamic_command", f"{lang} code evaluates text known only at run time")
            return
