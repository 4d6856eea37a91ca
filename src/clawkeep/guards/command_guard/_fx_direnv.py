"""direnv: ``direnv allow`` lets every later shell in a folder run its ``.envrc`` (bash
text, with direnv's stdlib), and ``direnv exec DIR CMD`` runs that text, then CMD.

An ``.envrc`` this line wrote is judged as the shell script it is, when the line allows or
runs it; one it downloaded is a download run. ``source_url URL`` (direnv's stdlib) fetches
a script and sources it: from a host nobody vouches for, it is code from a download. The
command ``direnv exec`` runs is judged like any wrapper's argv.
"""

from __future__ import annotations

import posixpath

from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["DIRENV_RULES", "direnv"]

_ALLOWS = frozenset({"allow", "permit", "grant", "reload"})


def _envrc(target: str, w: Walker) -> None:
    """Judge the ``.envrc`` direnv would load for ``target`` (a folder or the file)."""
    found = w.place(target or ".")
    base = found.path.rstrip("/")
    path = base if posixpath.basename(base) == ".envrc" else base + "/.envrc"
    if w.fetched(path):
        # download_exec: every shell in the folder runs the downloaded text
        w.flag("download_exec", f"direnv loads {path}, downloaded by this command line")
    elif (text := w.written.get(path)) is not None:
        w.via.append(".envrc")  # start-up files it names are judged as persistent
        try:
            w.script(text, f"{path}, written by this line and loaded by direnv")
        finally:
            w.via.pop()


def direnv(cmd: Cmd, w: Walker) -> None:
    """A wrapper: the allow list does not lift what ``direnv exec`` runs."""
    args = [a for a in cmd.args if a.text not in ("--",)]
    if not args:
        return
    verb = args[0].text
    if verb in _ALLOWS:
        _envrc(args[1].text if len(args) > 1 else ".", w)
    elif verb == "exec" and len(args) >= 2:
        _envrc(args[1].text, w)
        w.run_argv(args[2:], cmd.stdin, cmd.redirects)


def _source_url(cmd: Cmd, w: Walker) -> None:
    """``source_url URL HASH`` (direnv's stdlib): the script at URL is sourced."""
    url = cmd.args[0].text if cmd.args else ""
    if unvetted_source(url):
        # download_exec: the .envrc sources a script from a host nobody vouches for
        w.flag("download_exec", f"source_url sources {url}")


def _source_env(cmd: Cmd, w: Walker) -> None:
    """``source_env FILE`` (direnv's stdlib): FILE is sourced, as by ``source``."""
    from clawkeep.guards.command_guard._shell_lang import startup_file

    for arg in cmd.args[:1]:
        startup_file(arg.text, cmd.name, w)


DIRENV_RULES: dict[str, Rule] = {"source_url": _source_url}
DIRENV_RULES |= {"source_env": _source_env, "source_env_if_exists": _source_env}
