"""Perl's switches that carry code: ``-MMOD``/``-mMOD`` become ``use MOD;`` before the
program, so ``-M'Foo;system("…")'`` runs what follows the ``;``; ``-d:MOD`` is ``use
Devel::MOD;`` the same way. On the command line, in ``PERL5OPT`` (which perl reads as
switches on every start) and in ``PERL5DB`` (the debugger's code, run under ``-d``), the
text is judged as the Perl code it becomes, and a module file this line wrote is judged
as the code it holds.

Arguments after ``=`` (``-MFoo=a,b``) are quoted by perl (``q\\0…\\0``) and run nothing.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["PERL_RULES", "perl_env", "perl_switches"]

# A switch cluster ending in -M, -m or -d: (the letters before take no value, or a digit).
_MODULE = re.compile(r"^-[acnpstTuUvwWXlC0-9]*(M|m|d:)(.+)$", re.S)
_TAKES_NEXT = re.compile(r"-[acnpstTuUvwWXlC0-9]*[eE]")


def _module_code(kind: str, text: str) -> str:
    name = text.split("=", 1)[0]  # `-MFoo=a,b`: the list after = is quoted by perl
    if kind == "d:":
        return f"use Devel::{name};"
    return f"no {name[1:]};" if name.startswith("-") else f"use {name};"


def perl_switches(words: list[str], what: str, w: Walker) -> None:
    """Judge the code the -M/-m/-d: switches among ``words`` make perl run first."""
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word == "--" or not word.startswith("-"):
            return  # the program (or its arguments) follow
        # -e CODE, -wle CODE, -I DIR: the value is the next word
        skip = bool(_TAKES_NEXT.fullmatch(word)) or word in ("-I", "-x")
        found = _MODULE.match(word)
        if found is None:
            continue
        code = _module_code(found.group(1), found.group(2))
        w.code("perl", code)
        _module_file(found.group(2).split("=", 1)[0].split(";", 1)[0], what, w)


def _module_file(name: str, what: str, w: Walker) -> None:
    """``-I. -MEvil`` with ``Evil.pm`` written by this line: the file's code runs."""
    relative = name.strip().lstrip("-").replace("::", "/") + ".pm"
    for path, text in list(w.written.items()):
        if path.endswith("/" + relative):
            w.code("perl", text)
    if relative.rsplit("/", 1)[-1] in w.downloaded:
        # download_exec: perl loads a module this line downloaded before the program
        w.flag("download_exec", f"{what} loads {relative}, downloaded by this line")


def perl_env(name: str, text: str, w: Walker) -> None:
    """``PERL5OPT`` (switches perl reads at every start), ``PERL5DB`` (debugger code)."""
    if name == "PERL5OPT":
        perl_switches(text.split(), name, w)
    elif name == "PERL5DB" and text.strip():
        w.code("perl", text)


def _perl(cmd: Cmd, w: Walker) -> None:
    perl_switches(cmd.values(), f"{cmd.name} -M", w)


PERL_RULES: dict[str, Rule] = {"perl": _perl}
