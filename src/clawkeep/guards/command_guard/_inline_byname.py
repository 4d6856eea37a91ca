"""A process call reached by its name instead of spelled: ``getattr(os, "system")(…)``,
``vars(os)["system"](…)``, ``os.__dict__["system"](…)``, ``require("child_process")
["execSync"](…)``, ``Kernel.send(:system, …)``, ``call_user_func("system", …)``,
``$f = "system"; $f(…)``, Lua's ``os["execute"](…)``, ``globalThis["eval"](…)``.

The name is read after ``normalise`` joined its pieces (``"sys" + "tem"``), and a variable
the code gave a literal (or such a lookup) is read as that literal where it is used. The
string literals such a call is given are judged as the shell text (or the argv, or for
``eval`` the code) they are; a call whose name or arguments are known only at run time,
on an object that holds process calls, is refused: what it runs cannot be read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._word_types import literal

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = [
    "bound_names",
    "call_args",
    "python_aliases",
    "reached_by_name",
    "unquoted",
]

# The names of calls that start a process or evaluate code, however they are reached.
_PROC_NAMES = frozenset(
    {"system", "popen", "popen2", "popen3", "Popen", "exec", "execSync", "execFile"}
    | {"execFileSync", "spawn", "spawnSync", "fork", "execute", "shell_exec", "passthru"}
    | {"proc_open", "pcntl_exec", "run", "call", "check_output", "check_call", "getoutput"}
    | {"getstatusoutput", "capture2", "capture2e", "capture3", "pipeline", "readpipe"}
    | {"posix_spawn", "posix_spawnp", "eval", "instance_eval", "class_eval", "Function"}
    | {"assert", "create_function"}
    | {f"exec{s}" for s in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")}
    | {f"spawn{s}" for s in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")}
)
# Names common enough as ordinary keys (`d["run"]`) to count only where the object is one
# that holds process calls.
_WEAK = frozenset({"run", "call", "fork", "pipeline", "exec", "spawn", "eval", "execute"})
_EVALS = frozenset({"eval", "instance_eval", "class_eval", "Function"})
# C-style exec family: after the program's path comes the name it runs under (arg0).
_ARG0 = re.compile(r"^(?:(?:exec|spawn)[lv]|posix_spawn)")
# Objects whose members start processes: a computed member of one is a computed call.
_PROC_OBJ = re.compile(
    r"(?:.*\[\s*[\"'](?:os|io|subprocess|child_process|posix)[\"']\s*\]|os|posix|nt|subprocess|pty|commands|popen2|builtins|__builtins__|child_process"
    r"|globalThis|global|window|self|this|process|Kernel|Open3|IO|Process|Object|_G|_ENV"
    r"|io|sys\.modules\s*\[.*\]|(?:vars|globals|locals|__import__|require|import_module"
    r"|importlib\.import_module)\s*\(.*\)|.*\.__dict__)"
)

_LIT = r"(?:\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*')"
_NAME = _LIT + r"(?:\s*\.\s*(?:to_sym|intern)\b)?|:\w+"
_LITS = re.compile(_LIT)
# A variable given a literal, a module or a member reached by name: `m = "child_process"`,
# `cp = require("child_process")`, `f = getattr(os, "system")`, `$f = "system"`.
_ASSIGN = re.compile(
    r"(?:\b(?:const|let|var|my|local)\s+)?(?<![\w$.])(?P<var>\$?[A-Za-z_]\w*)\s*=\s*"
    r"(?P<val>(?:" + _NAME + r")|(?:os|subprocess|posix|pty|commands|Open3|Kernel)\.\w+"
    r"|(?:getattr|require|__import__|import_module|method)\s*\("
    r"[^()\n]*(?:\([^()\n]*\)[^()\n]*)?\)|[\w.$]+(?:\s*\([^()\n]*\))?\s*\[\s*" + _LIT + r"\s*\])"
    r"\s*(?=[;\n]|$)"
)
# Where a name reaches a member: getattr(OBJ, NAME), OBJ[NAME], send(NAME, …),
# call_user_func(NAME, …), method(NAME), and a literal called as a function ("system")(…).
_SITES = (
    re.compile(
        r"\bgetattr\s*\(\s*(?P<obj>(?:[^,()]|\([^()]*\))+?)\s*,\s*(?P<name>[^,()]+?)\s*"
        r"(?:,[^()]*)?\)"  # getattr(os, "system", None)
        r"|(?P<obj2>[\w.]+)\s*\.\s*__getattribute__\s*\(\s*(?P<name2>[^,()]+?)\s*\)"
    ),
    re.compile(
        r"(?P<obj>[\w.$]+(?:\s*\((?:[^()]|\([^()]*\))*\))?(?:\s*\[[^\[\]]*\])*)"
        r"\s*\[\s*(?P<name>[^\[\]]+?)\s*\]"
    ),
    re.compile(
        r"(?:(?P<obj>[\w.:]+)\s*\.\s*)?\b(?P<fn>send|public_send|__send__|methodcaller|method"
        r"|call_user_func(?:_array)?|forward_static_call(?:_array)?)\b\s*(?P<open>\()?\s*"
        r"(?P<name>(?:" + _NAME + r")|[^,()\s;]+)"
    ),
    # "system"(…), ("sys"."tem")(…) and Perl's &{"system"}(…): a string called
    re.compile(
        r"(?:(?<![\w$\])])|(?<![\w$\])])\(\s*|&\{\s*)(?P<name>" + _LIT + r")\s*[)}]?\s*(?=\()"
    ),
)
# What an argument list may hold besides literals and still be read: lists, an empty
# hash, flags like shell=True, the environment passed along.
_READABLE = re.compile(
    r"[\[\]{}(),\s]|\b\w+\s*[=:]\s*(?:True|False|None|true|false|nil|\d+)\b|os\.environ"
    r"|os\.P_\w+|\bENV\b|process\.env|\{\s*\}|\bstdio\s*:\s*[\"']\w+[\"']|\bnil\b|\bNone\b"
)


_IMPORT_AS = re.compile(r"\bimport\s+([\w.]+)\s+as\s+(\w+)")
_FROM_AS = re.compile(r"\bfrom\s+([\w.]+)\s+import\s+\(?\s*((?:\w+(?:\s+as\s+\w+)?\s*,?\s*)+)")


def python_aliases(code: str) -> str:
    """Python ``code`` with each alias read as what it names: ``import os as o`` makes
    ``o.system`` ``os.system``; ``from os import system as s`` makes ``s(`` ``os.system(``."""
    names: list[tuple[str, str]] = []
    for match in _IMPORT_AS.finditer(code):
        names.append((match.group(2), match.group(1)))
    for match in _FROM_AS.finditer(code):
        for part in match.group(2).split(","):
            words = part.split()
            if len(words) == 3 and words[1] == "as":
                names.append((words[2], f"{match.group(1)}.{words[0]}"))
    for alias, full in names[:16]:
        if alias != full:
            code = re.sub(rf"(?<![\w.]){re.escape(alias)}(?=\s*[.(])", full, code)
    return code


_BOUND = re.compile(
    r"(?<![\w$.])(\w+)\s*=\s*((?:os|subprocess|posix|pty|commands|Open3|Kernel|child_process)"
    r"\.\w+)\s*(?=[;\n]|$)"
)
_DESTRUCTURED = re.compile(
    r"\b(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*require\s*\(\s*([\"'][\w/:]+[\"'])\s*\)"
)


def _const(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that inserts ``text`` as it is (no backslash escapes)."""
    return lambda _match: text


def bound_names(code: str) -> str:
    """``code`` with a process call bound to another name called by its own:
    ``s = os.system; s(…)`` and ``const {execSync: e} = require("child_process"); e(…)``."""
    pairs = [(m.group(1), m.group(2)) for m in _BOUND.finditer(code)]
    for match in _DESTRUCTURED.finditer(code):
        for part in match.group(1).split(","):
            name, _, alias = (p.strip() for p in part.partition(":"))
            if re.fullmatch(r"\w+", name) and re.fullmatch(r"\w*", alias):
                pairs.append((alias or name, f"require({match.group(2)}).{name}"))
    for alias, full in pairs[:16]:
        code = re.sub(rf"(?<![\w.$]){re.escape(alias)}(?=\s*\()", _const(full), code)
    return code


def unquoted(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each character of ``text`` from ``start`` outside quotes (a backslash escapes the
    next one inside), with the bracket depth once it is read."""
    depth, quote, index = 0, "", start
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        else:
            depth += (char in "([{") - (char in ")]}")
            yield index, char, depth
        index += 1


def call_args(code: str, start: int) -> str | None:
    """The text inside the parentheses that open at ``code[start]`` (quote-aware)."""
    for index, char, depth in unquoted(code, start):
        if depth == 0 and char in ")]}":
            return code[start + 1 : index]
    return None


def _propagate(code: str) -> str:
    """``code`` with each variable given a literal or a lookup read as that value."""
    for _ in range(16):
        changed = False
        for match in _ASSIGN.finditer(code):
            var, val = match.group("var"), match.group("val")
            if val.startswith(":"):
                val = '"' + val[1:] + '"'
            token = re.compile(
                r"(?<![\w$.])" + re.escape(var) + r"(?![\w])(?!\s*=[^=>])(?!\s*\.\s*\w+\s*=)"
            )
            head, tail = code[: match.end()], code[match.end() :]
            new_tail = token.sub(_const(val), tail)
            if new_tail != tail:
                code, changed = head + new_tail, True
                break
        if not changed:
            return code
    return code


def _name(text: str) -> str | None:
    """The member name a literal or a symbol spells; None when computed."""
    text = re.sub(r"\s*\.\s*(?:to_sym|intern)\b$", "", text.strip())
    if text.startswith(":") and re.fullmatch(r":\w+", text):
        return text[1:]
    if len(text) >= 2 and text[0] in "\"'" and text[-1] == text[0] and _LITS.fullmatch(text):
        return text[1:-1]
    return None


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _judge_call(lang: str, name: str, args: str | None, w: Walker) -> None:
    """Judge a process call ``name`` given ``args`` (None: its arguments were not found)."""
    what = f"{lang} code calls {name} by name"
    if args is None or _READABLE.sub("", _LITS.sub("", args)).strip():
        # dynamic_command: a process call reached by name whose argument is computed
        w.flag("dynamic_command", f"{what} with a string known only at run time")
        return
    words = [_unescape(m.group(0)[1:-1]) for m in _LITS.finditer(args)]
    if not words:
        return
    if name in _EVALS or (name == "exec" and lang == "python"):
        for word in words:
            w.code(lang, word)  # the code a by-name eval runs is judged as code
        return
    if len(words) == 1:
        w.script(words[0], what)  # the literal is the shell command it runs
        return
    if _ARG0.match(name) and len(words) > 1:
        words = words[:1] + words[2:]  # execv("/bin/sh", ["sh", "-c", …]): drop arg0
    w.run_argv([literal(word) for word in words])


def _follow(code: str, end: int) -> str | None:
    """The arguments of the call that follows ``code[end:]``, or None."""
    rest = code[end:]
    opened = re.match(r"\s*(?:\.\s*(?:call|\(\s*\)\s*\.\s*call)\s*)?(?=\()|\s*\.\s*(?=\()", rest)
    if opened is None:
        return None
    return call_args(code, end + opened.end())


def _sent_args(code: str, match: re.Match[str]) -> str | None:
    """The arguments after the name of send(NAME, …) / call_user_func(NAME, …)."""
    if match.group("fn") == "method":  # method(:system).call(…)
        inner = call_args(code, match.start("open")) if match.group("open") else None
        if inner is None:
            return None
        return _follow(code, match.start("open") + len(inner) + 2)
    if match.group("open"):
        inner = call_args(code, match.start("open"))
        if inner is None:
            return None
        rest = inner[match.end("name") - match.start("open") - 1 :]
    else:
        rest = re.split(r"[;\n]", code[match.end("name") :], maxsplit=1)[0]  # send :system, "…"
    rest = rest.strip()
    return rest[1:] if rest.startswith(",") else ("" if not rest else None)


def _computed(lang: str, index: int, match: re.Match[str], code: str, on_proc: bool) -> bool:
    """A member picked by a name known only at run time, of an object of process calls."""
    if index == 0 or index == 1:
        return on_proc and _follow(code, match.end()) is not None
    if index == 2 and match.group("fn").startswith(("call_user", "forward")):
        # a closure or an [object, method] pair is not a name
        return lang == "php" and not re.match(r"(?:function|fn|static|array|\[)", match["name"])
    if index == 2 and match.group("fn") != "method":
        return lang == "ruby" and (match.group("obj") or "") in _SEND_ON
    return False


_SEND_ON = frozenset({"", "Kernel", "Object", "self", "Open3", "IO", "Process"})


# PHP's `$f(…)` and Perl's `&$f(…)`: a function named by a variable's value.
_VAR_CALL = re.compile(r"(?<![\w$>:\\])(?:&\s*\{?\s*)?\$(\w+)\s*\}?\s*\(")


def _variable_calls(lang: str, code: str, w: Walker) -> None:
    if lang not in ("php", "perl"):
        return
    for match in _VAR_CALL.finditer(code):
        if lang == "perl" and not match.group(0).startswith("&"):
            continue  # `$x (…)` is not a call in Perl
        closure = rf"\${match.group(1)}\s*=\s*(?:function|fn|static|sub|\\&|\[)"
        if not re.search(closure, code):
            # dynamic_command: the function called is a name computed at run time
            w.flag("dynamic_command", f"{lang} code calls a function named at run time")
            return


def reached_by_name(lang: str, code: str, w: Walker) -> None:
    """Judge process calls ``code`` reaches by a name it gives as a string."""
    code = _propagate(code)
    _variable_calls(lang, code, w)
    for index, site in enumerate(_SITES):
        for match in site.finditer(code):
            found = match.groupdict()
            name = _name(found.get("name") or found.get("name2") or "")
            obj = (found.get("obj") or found.get("obj2") or "").strip()
            on_proc = bool(_PROC_OBJ.fullmatch(obj))
            if name is None:
                if index != 3 and _computed(lang, index, match, code, on_proc):
                    # dynamic_command: a member of a process module picked at run time
                    w.flag("dynamic_command", f"{lang} code calls a member named at run time")
                    return
                continue
            if name not in _PROC_NAMES or (name in _WEAK and index < 2 and not on_proc):
                continue
            args = _sent_args(code, match) if index == 2 else _follow(code, match.end())
            if args is None and index != 2:
                continue  # a lookup not called here: `d["system"]`, getattr(os, "system")
            _judge_call(lang, name, args, w)
