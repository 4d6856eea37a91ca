"""A process started from a string the code builds at run time, in the languages whose
table row names its process calls (``LangRules.computed``): refused, as the generic
patterns refuse ``os.system(cmd)``; what such a string will hold cannot be judged here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._langs_base import LangRules

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["computed_spawn"]


def computed_spawn(lang: str, code: str, rules: LangRules, w: Walker) -> None:
    """Flag a process call of ``lang`` whose argument is not a string literal."""
    if rules.computed is not None and rules.computed.search(code):
        # dynamic_command: `(process (string-append "rm -rf " home))` runs what it builds
        w.flag("dynamic_command", f"{lang} code starts a process from a computed string")
