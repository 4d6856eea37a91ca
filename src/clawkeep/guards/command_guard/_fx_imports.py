"""Python modules this line wrote, then imported by ``python -c 'import src.util; …'`` or
run by ``python -m src.util``: importing a module runs its top level, and the code then
calls what it defines, so the module's text is judged as code run now (as a written
``conftest.py`` is when pytest starts, ``_fx_runners``).

A module is found where Python's import system finds it: from the current folder, each
folder of a ``PYTHONPATH`` the line set, and each literal folder the code adds to
``sys.path`` (``sys.path.insert(0, "/tmp")``): ``a/b.py`` or the package
``a/b/__init__.py`` for ``a.b``, and each parent package's ``__init__.py`` too. A file
the code runs by its path (``runpy.run_path``, ``spec_from_file_location``,
``SourceFileLoader``, ``exec(open(…).read())``) or by a module name (``runpy.run_module``)
is judged the same way.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_cap import judged
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["IMPORT_RULES"]

_IMPORT = re.compile(r"(?:^|[;\n])\s*import\s+([\w.]+(?:\s*,\s*[\w.]+)*)")
_FROM = re.compile(r"(?:^|[;\n])\s*from\s+([\w.]+)\s+import\b")
_DYNAMIC = re.compile(
    r"(?:import_module|__import__|run_module)\s*\(\s*(?:mod_name\s*=\s*)?[\"']([\w.]+)[\"']"
)
_Q = r"[\"']([^\"'\n]+)[\"']"
# Folders the code puts on the import path.
_SYS_PATH = re.compile(
    r"sys\.path\s*\.\s*(?:insert\s*\(\s*[^,()]+,|append\s*\(|extend\s*\(\s*[\[(])\s*"
    + _Q
    + r"|sys\.path\s*(?:\[[^\]]*\]\s*)?[+]?=\s*[\[(]\s*"
    + _Q
    + r"|addsitedir\s*\(\s*"
    + _Q
)
# Files the code runs by their path.
_RUN_PATH = re.compile(
    r"(?:run_path|load_source|SourceFileLoader|spec_from_file_location|SourcelessFileLoader)"
    r"\s*\(\s*(?:[\"'][^\"'\n]*[\"']\s*,\s*)?(?:path_name\s*=\s*|location\s*=\s*)?"
    + _Q
    + r"|\bexec\s*\(\s*(?:compile\s*\(\s*)?open\s*\(\s*"
    + _Q
)


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


def _code(values: list[str]) -> str:
    for index, value in enumerate(values[:-1]):
        if value == "-m":
            return ""
        if value == "-c":
            return values[index + 1]
    return ""


def _folders(code: str, w: Walker) -> list[str]:
    """Where imports are looked for: here, then PYTHONPATH's and sys.path's folders."""
    folders = [""]
    # a PYTHONPATH the line set (`PYTHONPATH=/tmp python3 -m m`) is searched as `.` is
    pythonpath = w.env.values.get("PYTHONPATH") if "PYTHONPATH" in w.env.values else None
    folders += [f for f in (pythonpath or "").split(":") if f and UNKNOWN not in f]
    for match in _SYS_PATH.finditer(code):  # sys.path.insert(0, "/tmp"): a folder searched
        folders.append(next(g for g in match.groups() if g is not None))
    return [f.rstrip("/") + "/" if f else "" for f in folders[:16]]


def _imports(cmd: Cmd, w: Walker) -> None:
    if not w.written:
        return
    seen: set[str] = set()
    values = cmd.values()
    code = _code(values)
    folders = _folders(code, w)

    def run(name: str) -> None:
        path = w.place(name).path
        text = w.written.get(path)
        if text is not None and path not in seen:
            seen.add(path)
            w.code("python", text)  # the module's top level and what -c calls

    for match in _RUN_PATH.finditer(code):  # runpy.run_path("/tmp/m.py") runs that file
        run(next(g for g in match.groups() if g is not None))
    # every module named (up to `judged`'s cap): one past a shorter cap ran unjudged
    for module in judged(_modules(values), "the modules python imports", w):
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            stem = "/".join(parts[:depth])
            for folder in folders:
                for name in (f"{folder}{stem}.py", f"{folder}{stem}/__init__.py"):
                    run(name)


_PYTHONS = ("python", "python3", *(f"python3.{n}" for n in range(6, 15)), "pypy3")
IMPORT_RULES: dict[str, Rule] = {name: _imports for name in _PYTHONS}
