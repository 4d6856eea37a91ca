"""Paths inline code builds from literal pieces, read as the one literal they make:
pathlib's ``"~" / ".ssh" / "id_rsa"`` and ``.joinpath(…)``, ``os.path.join(…)``,
node's ``path.join(…)``, Ruby's ``File.join(…)``, R's ``file.path(…)``, Perl's
``join("/", …)`` and awk's juxtaposed strings (``"/home/u/.ss" "h/id_rsa"``). Home
expressions are already ``"~"`` (``_inline.normalise``); the joined path is judged by the
same patterns as a path spelled in one piece (``open("~/.ssh/id_rsa")``).
"""

from __future__ import annotations

import posixpath
import re

__all__ = ["join_paths"]

_LIT = r"\"[^\"\\\n]*\"|'[^'\\\n]*'"
_LITS = rf"(?:{_LIT})(?:\s*,\s*(?:{_LIT}))*"
_LITS2 = rf"(?:{_LIT})(?:\s*,\s*(?:{_LIT}))+"  # two or more: a join of one changes nothing
# pathlib: Path("a") / "b" and "~" / "b" (the home expression became a literal)
_SLASH = re.compile(rf"(?P<a>{_LIT})(?P<close>\s*\))?\s*/\s*(?P<b>{_LIT})")
_JOINPATH = re.compile(
    rf"(?P<a>{_LIT})(?P<close>\s*\))?\s*\.\s*joinpath\s*\(\s*(?P<l>{_LITS})\s*,?\s*\)"
)
# A call that joins its literal arguments into one path (any X.join/X.resolve given two or
# more strings: the string and array joins take one argument).
_JOIN_CALL = re.compile(
    r"(?:\b[A-Za-z_$][\w$]*(?:\s*\.\s*[\w$]+)*\s*\.\s*(?:join|resolve|Join)|\bfile\.path"
    r"|\bjoin_paths|require\s*\(\s*[\"']path[\"']\s*\)\s*\.\s*(?:join|resolve)"
    rf"|(?P<path>\b(?:Pure)?(?:Posix)?Path))\s*\(\s*(?P<l>{_LITS2})\s*,?\s*\)"
)
_PERL_JOIN = re.compile(rf"\bjoin\s*\(?\s*[\"']/[\"']\s*,\s*(?P<l>{_LITS})\s*\)?")
_AWK_JUXTAPOSED = re.compile(r"\"([^\"\\\n]*)\"[ \t]+\"([^\"\\\n]*)\"")
# "~" put in a template or an interpolated string: `${"~"}/.ssh`, f"{"~"}/.ssh", "#{"~"}/.ssh";
# Path("~/x").expanduser() and str("~") are the literal itself.
_HOME_INTERP = re.compile(r"(?:\bf)?([\"'`])(?:\$|#)?\{\s*\"~\"\s*\}([^\"'`\n$#{]*)\1")
_UNWRAP = re.compile(
    r"(?:\bpathlib\.)?Path\s*\(\s*(\"~[^\"\n]*\")\s*\)\s*\.\s*expanduser\s*\(\s*\)"
    r"|\b(?:str|String|os\.fspath)\s*\(\s*(\"~[^\"\n]*\")\s*\)"
)
_AWKS = frozenset({"awk", "gawk", "mawk", "nawk", "busybox-awk"})


def _strings(listed: str) -> list[str]:
    return [m.group(0)[1:-1] for m in re.finditer(_LIT, listed)]


def _join(parts: list[str]) -> str:
    return '"' + posixpath.join(*parts).replace('"', "") + '"' if parts else '""'


def _joined_call(match: re.Match[str]) -> str:
    joined = _join(_strings(match.group("l")))
    return f"{match.group('path')}({joined})" if match.group("path") else joined


def join_paths(code: str, lang: str) -> str:
    """``code`` with each path built from literal pieces written as one literal."""
    for _ in range(8):
        before = code
        code = _HOME_INTERP.sub(lambda m: '"~' + m.group(2) + '"', code)
        code = _UNWRAP.sub(lambda m: m.group(1) or m.group(2), code)
        code = _JOIN_CALL.sub(_joined_call, code)
        code = _JOINPATH.sub(
            lambda m: (
                _join(_strings(m.group("a")) + _strings(m.group("l"))) + (m.group("close") or "")
            ),
            code,
        )
        if lang == "python":  # `/` joins paths only where strings cannot be divided
            code = _SLASH.sub(
                lambda m: (
                    _join(_strings(m.group("a")) + _strings(m.group("b")))
                    + (m.group("close") or "")
                ),
                code,
            )
        if lang == "perl":
            code = _PERL_JOIN.sub(lambda m: _join(_strings(m.group("l"))), code)
        if lang in _AWKS:  # awk concatenates strings written side by side
            code = _AWK_JUXTAPOSED.sub(lambda m: '"' + m.group(1) + m.group(2) + '"', code)
        if code == before:
            break
    return code
