"""zsh text read as bash: what a ``zsh -c`` script does, in the bash grammar the guard parses.

zsh forms that change nothing the guard judges are dropped (parameter flags ``${(U)x}``,
glob qualifiers ``*.py(.)``, math functions ``$(( sqrt(16) ))``, a closing brace with no
``;`` before it). Forms that read, write or run are rewritten to the bash form with that
effect: ``=(cmd)`` to ``<(cmd)``, a word ``=cmd`` to ``cmd`` (zsh runs that program's
path), ``${(e)x}`` (the value expanded again, substitutions and all) to ``$(eval "echo
$x")``, ``${(P)x}`` to ``${!x}``, zsh/mapfile's ``${mapfile[F]}`` to ``$(cat F)`` and
``mapfile[F]=v`` to a write of F, and the precommand modifiers ``noglob``/``nocorrect``
dropped. A glob qualifier or flag that runs code (``(e:…:)``, ``(+fn)``) has no bash form:
``None``, and the script is refused as one the guard cannot read.
"""

from __future__ import annotations

import re

__all__ = ["as_bash"]

_FLAGS = re.compile(r"\$\{\(([^)]*)\)")
_EVAL_FLAG = re.compile(r"\$\{\(([^)]*)\)([A-Za-z_][A-Za-z0-9_]*)\}")
_QUALIFIER = re.compile(r"((?:^|(?<=[\s;|&]))[^\s;|&()'\"]*[*?][^\s;|&()'\"]*)\(([^()\s]*)\)")
_PROC_FILE = re.compile(r"(?<![\w$<>=\]])=\(")
_PATH_OF = re.compile(r"(^|[\s;|&(`])=([A-Za-z_][\w.+-]*)")
_MODIFIER = re.compile(r"(^|[;|&({\n]\s*)(?:noglob|nocorrect)\s+")
_MAP_READ = re.compile(r"\$\{mapfile\[([^\]]+)\]\}")
_MAP_BARE = re.compile(r"\$mapfile\[([^\]]+)\]")
_MAP_WRITE = re.compile(r"(?<![\w$])mapfile\[([^\]]+)\](\+?)=")
_MATH_CALL = re.compile(r"\b[A-Za-z_]\w*\(")
_ARITH = re.compile(r"\$\(\((.*?)\)\)")
_SHORT_FOR = re.compile(r"^(\s*for \w+ in [^;\n]*;)\s*(?!do\b)([^;\n]+)$")
_BARE_CLOSE = re.compile(r"([^\s;&{])([ \t]+)\}(?=\s*(?:;|$|\n|&&|\|\|))")


def as_bash(text: str) -> str | None:
    """The bash text that does what the zsh text does (for judging), or None if unknown."""
    if (rewritten := _flags(text)) is None:
        return None
    text = rewritten
    for match in _QUALIFIER.finditer(text):
        if re.search(r"e|\+[A-Za-z_]", match.group(2)):  # e: a code qualifier, any delimiter
            return None  # a qualifier that runs code for every name the glob matches
    text = _QUALIFIER.sub(r"\1", text)
    text = _PROC_FILE.sub("<(", text)
    text = _PATH_OF.sub(r"\1\2", text)
    text = _MODIFIER.sub(r"\1", text)
    if "zsh/mapfile" in text:
        text = _MAP_READ.sub(r"$(cat \1)", text)
        text = _MAP_BARE.sub(r"$(cat \1)", text)  # zsh subscripts $mapfile[F] unbraced
        text = _MAP_WRITE.sub(_map_write, text)
    text = _ARITH.sub(lambda m: "$((" + _MATH_CALL.sub("(", m.group(1)) + "))", text)
    text = _SHORT_FOR.sub(r"\1 do \2; done", text)  # zsh's `for f in *; cmd`
    return _BARE_CLOSE.sub(r"\1;\2}", text)


def _map_write(match: re.Match[str]) -> str:
    """``mapfile[F]=v`` writes F (``+=`` appends): a redirect of a printf of the value."""
    return f"{'>>' if match.group(2) else '>'}{match.group(1)} printf %s "


def _flags(text: str) -> str | None:
    def evaluated(match: re.Match[str]) -> str:
        flags, name = match.group(1), match.group(2)
        if "e" in flags:
            return f'$(eval "echo ${{{name}}}")'  # the value is expanded again: code runs
        if "P" in flags:
            return f"${{!{name}}}"  # the value names the parameter read
        return f"${{{name}}}"

    text = _EVAL_FLAG.sub(evaluated, text)
    if any("e" in m.group(1) or "P" in m.group(1) for m in _FLAGS.finditer(text)):
        return None  # (e) or (P) on a nested expansion: what it runs is not known
    return _FLAGS.sub("${", text)
