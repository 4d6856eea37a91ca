"""Paths through a symbolic link the line made, read where they land: ``ln -s /home/u h;
rm -rf h/*`` deletes in /home/u. ``_io_links`` fills the walker's link table; every argv
the walk judges while it holds one is rewritten here first."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Redirect
from clawkeep.guards.command_guard._word_types import Arg

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["through_links"]


def through_links(
    w: Walker, word: Arg, args: list[Arg], redirects: list[Redirect]
) -> tuple[Arg, list[Arg], list[Redirect]]:
    """The command word, arguments and redirect targets with each link replaced by where
    it points (paths through no link are returned as they are)."""
    return (
        _through(w, word),
        [_through(w, a) for a in args],
        [replace(r, target=_through(w, r.target)) if r.target else r for r in redirects],
    )


def _through(w: Walker, arg: Arg) -> Arg:
    if not arg.static or arg.text.startswith("-") or not arg.text:
        return arg
    path = w.place(arg.text).path
    for link, target in w.links.items():
        if path == link or path.startswith(link + "/"):
            return replace(arg, text=target + path[len(link) :])
    return arg
