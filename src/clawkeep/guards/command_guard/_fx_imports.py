"""Python modules this line wrote, then imported by ``python -c 'import src.util; …'`` or
run by ``python -m src.util``: importing a module runs its top level, and the code then
calls what it defines, so the module's text is judged as code run now (as a written
``conftest.py`` is when pytest starts, ``_fx_runners``).

A module is found where Python's import system finds it from the current folder:
``a/b.py`` or the package ``a/b/__init__.py`` for ``a.b``, and each parent package's
``__init__.py`` too.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_cap import judged
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["IMPORT_RULES"]

_IMPORT = re.compile(r"(?:^|[;\n])\s*import\s+([\w.]+(?:\s*,\s*[\w.]+)*)")
_FROM = re.compile(r"(?:^|[;\n])\s*from\s+([\w.]+)\s+import\b")
_DYNAMIC = re.compile(r"(?:import_module|__import__)\s*\(\s*[\"']([\w.]+)[\"']")


def _modules(values: list[str]) -> list[str]:
    """The modules ``-c CODE`` imports and the one ``-m MOD`` runs."""
    found: list[str] = []
    for index, value in enumerate(values[:-1]):
        if value == "-m":
            found.append(values[index + 1])
            break  # what follows is the module's own arguments
        if value == "-c":
            code = values[index + 1]
            for match in _IMPORT.finditer(code):
                found += [m.strip() for m in match.group(1).split(",")]
            found += _FROM.findall(code) + _DYNAMIC.findall(code)
            break
    return found


def _imports(cmd: Cmd, w: Walker) -> None:
    if not w.written:
        return
    seen: set[str] = set()
    # every module named (up to `judged`'s cap): one past a shorter cap ran unjudged
    for module in judged(_modules(cmd.values()), "the modules python imports", w):
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            stem = "/".join(parts[:depth])
            for name in (f"{stem}.py", f"{stem}/__init__.py"):
                path = w.place(name).path
                text = w.written.get(path)
                if text is not None and path not in seen:
                    seen.add(path)
                    w.code("python", text)  # the module's top level and what -c calls


_PYTHONS = ("python", "python3", *(f"python3.{n}" for n in range(6, 15)), "pypy3")
IMPORT_RULES: dict[str, Rule] = {name: _imports for name in _PYTHONS}
