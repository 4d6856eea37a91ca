"""What a shell word means after quote removal, and whether it can be known statically.

A word resolves to an ``Arg``: its best-effort text (``UNKNOWN`` stands for any part
that only exists at run time: ``$(…)``, unset variables), plus the tricks seen in it
(empty quotes inside a word, ``\\x`` escapes spelling printable text, ``$IFS``,
``${!x}`` indirection, substring surgery) so that the command word can be refused.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._parse import Node
from clawkeep.guards.command_guard._word_date import date_output
from clawkeep.guards.command_guard._word_escapes import (
    ansi_c,
    literal_word,
    plain_text,
    plain_word,
    unescape_dq,
    unescape_word,
)
from clawkeep.guards.command_guard._word_fields import SEPARATORS, brace_range, fields
from clawkeep.guards.command_guard._word_fixed import FIXED, remember
from clawkeep.guards.command_guard._word_mktemp import mktemp_path
from clawkeep.guards.command_guard._word_parts import ELEMENT, array, substring
from clawkeep.guards.command_guard._word_types import SECRET_VAR, UNKNOWN, Acc, Arg, Env

__all__ = ["expand_words", "resolve"]

# A word that is one variable and nothing else, quoted (a string) or not (an expansion).
_LONE_NAME = re.compile(rb'(")?\$([A-Za-z_][A-Za-z0-9_]*)(?(1)")')
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_NAMED_EXPANSION = re.compile(r"^\$\{[#!]?([A-Za-z_][A-Za-z0-9_]*)")
_PWD = re.compile(r"\$\(\s*pwd\s*\)|`\s*pwd\s*`")
_QUOTES = {"string", "raw_string", "ansi_c_string"}
_SUBST = {"command_substitution", "process_substitution"}
# Leaves whose text, when nothing in it needs unescaping, is their value: a plain number
# (`8000`) resolves to the same text the full walk gives it, never starting with `~`.
_LEAVES = frozenset({"word", "number"})
_BRACED_NAME = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")
_SIMPLE_BRACE = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$|^\$\{[0-9@*#?$!-]\}$")


def resolve(node: Node, src: bytes, env: Env) -> Arg:
    """The value of one word node (word, string, concatenation, expansion ...)."""
    spelled, kind = src[node.start_byte : node.end_byte], node.type
    if kind in _LEAVES and not node.named_child_count and (plain := plain_text(spelled)):
        return plain  # a word or number spelled as its value (``plain_word``'s test)
    if b"$" in spelled:
        return _resolve(node, src, env)  # an expansion: the line's state decides it
    if (known := FIXED.get((kind, spelled))) is not None:
        return known  # resolved before, and nothing but its spelling decides it
    found = _resolve(node, src, env)
    remember(kind, spelled, found)
    return found


def expand_words(nodes: list[Node], src: bytes, env: Env, ifs: str | None) -> list[Arg]:
    """The words bash passes for ``nodes``: each resolved, field-split and brace-expanded
    (``fields``; a word with nothing to split or expand is passed as it is, without the call)."""
    out: list[Arg] = []
    for node in nodes:
        arg = resolve(node, src, env)
        if not arg.split and not arg.elements and (arg.quoted or "{" not in arg.text):
            out.append(arg)  # `fields`' own first test: the word itself
        else:
            out += fields(arg, ifs)
    return out


def _resolve(node: Node, src: bytes, env: Env) -> Arg:
    if node.type in _LEAVES and not node.named_child_count:
        # a word or number spelled as its value (``plain_word``'s test, asked directly)
        if (plain := plain_text(src[node.start_byte : node.end_byte])) is not None:
            return plain
    elif (plain := plain_word(node, src)) is not None:
        return plain  # the common word: nothing to unescape, expand or flag
    acc = Acc()
    if (lone := _LONE_NAME.fullmatch(src, node.start_byte, node.end_byte)) is not None and (
        node.type == ("string" if lone.group(1) else "simple_expansion")
    ):
        # `"$NAME"`, `$NAME`: what `_walk` does for the one expansion, without the tree
        acc.quoted = bool(lone.group(1))
        _variable(lone.group(2).decode("ascii"), env, acc)
        acc.split = not acc.quoted and any(SEPARATORS.search(p) for p in acc.parts)
    else:
        _walk(node, src, env, acc, top=True)
    text = "".join(acc.parts)
    # `~/.ssh/$K`, `~/"x"`: a concatenation starting with an unquoted `~` expands it too
    tilde = node.type == "word" or (
        node.type == "concatenation"
        and node.named_child_count > 0
        and node.named_children[0].type == "word"
        and _text(node.named_children[0], src).startswith("~")
    )
    if tilde and text.startswith("~") and (len(text) == 1 or text[1] == "/"):
        text = env.home + text[1:]  # tilde expansion only at the start of an unquoted word
    elif tilde and text.startswith("~") and (user := re.match(r"^~([a-z_][\w-]*)(?=/|$)", text)):
        home = "/root" if user.group(1) == "root" else "/home/" + user.group(1)
        text = home + text[user.end() :]  # ~user is that user's home
    elif tilde and (dirs := re.match(r"^~([+-]?)(\d*)(?=/|$)", text)) and any(dirs.groups()):
        # `~+` is $PWD, `~-` is $OLDPWD, `~N`/`~+N`/`~-N` the directory stack: bash expands
        # them (`cd ~; cd /srv/ws; cat ~-/.ssh/id_rsa` reads the key); unknown unless known
        sign, number = dirs.groups()
        name = "PWD" if sign == "+" else "OLDPWD"
        known = env.values.get(name) if name in env.values else None
        base = env.workspace if sign == "+" and name not in env.values else known
        text = (UNKNOWN if number or base is None else base) + text[dirs.end() :]
    return Arg(
        text,
        tuple(acc.tricks),
        acc.glob,
        tuple(acc.substs),
        acc.quoted,
        acc.split,
        acc.computed,
        tuple(acc.secrets),
        acc.elements,
        tuple(acc.names),
    )


def _text(node: Node, src: bytes) -> str:
    return src[node.start_byte : node.end_byte].decode("utf-8", "surrogateescape")


def _walk(node: Node, src: bytes, env: Env, acc: Acc, top: bool = False) -> None:
    kind = node.type
    if kind in ("word", "number", "command_name", "concatenation"):
        if kind == "concatenation" and any(c.type in _QUOTES for c in node.named_children):
            acc.tricks.append("quotes inside a word")
        if node.named_child_count:
            _splice(node, src, env, acc, unescape_word)
        else:
            literal_word(_text(node, src), acc)
    elif kind == "raw_string":
        acc.quoted = True
        inner = _text(node, src)[1:-1]
        if not inner and not top:
            acc.tricks.append("empty quotes inside a word")
        acc.parts.append(inner)
    elif kind in ("string", "translated_string"):
        acc.quoted = True
        if node.named_child_count == 0 and not top:
            acc.tricks.append("empty quotes inside a word")
        acc.in_string += 1
        _splice(node, src, env, acc, unescape_dq, strip=1 if kind == "string" else 2)
        acc.in_string -= 1
    elif kind == "ansi_c_string":
        acc.quoted = True
        acc.parts.append(ansi_c(_text(node, src)[2:-1], acc))
    elif kind == "string_content":
        acc.parts.append(unescape_dq(_text(node, src)))
    elif kind in ("simple_expansion", "expansion"):
        text = _text(node, src)
        if text[:1].isspace():  # the grammar puts "$a $b"'s space into the second node
            acc.parts.append(text[: len(text) - len(text.lstrip())])
        before = len(acc.parts)
        if kind == "simple_expansion":
            _variable(text.lstrip()[1:], env, acc)
        else:
            _expansion(node, src, env, acc)
        if not acc.in_string and any(SEPARATORS.search(p) for p in acc.parts[before:]):
            acc.split = True  # bash splits an unquoted expansion into several words
    elif kind == "command_substitution" and _PWD.fullmatch(_text(node, src)):
        acc.parts.append(env.workspace)  # $(pwd) is the current directory
    elif kind == "command_substitution" and (out := _static_output(node, src, env)) is not None:
        acc.parts.append(out)  # $(echo rm), $(basename a/b): output known without running
        if not acc.in_string and SEPARATORS.search(out):
            acc.split = True
    elif kind in _SUBST or kind == "command_substitution":
        acc.substs.append(node)
        for name in _NAMED.findall(_text(node, src)):  # $(echo $GITHUB_TOKEN | base64)
            if name not in env.values and SECRET_VAR.search(name):
                acc.secrets.append(name)
            acc.secrets.extend(env.secrets.get(name, ()))
        if node.named_child_count == 0:
            acc.tricks.append("empty command substitution inside a word")
        acc.parts.append(UNKNOWN)
    elif kind == "arithmetic_expansion":
        acc.substs.append(node)
        acc.parts.append(UNKNOWN)
    elif kind == "brace_expression":
        expanded = brace_range(_text(node, src))
        if expanded is None:
            acc.tricks.append("brace expansion")
            acc.parts.append(UNKNOWN)
        else:  # {1..5}, {a..e}: the comma list it stands for (expanded by `fields`)
            acc.parts.append(expanded)
    else:
        acc.parts.append(UNKNOWN)


_PURE = frozenset({"echo", "printf", "basename", "dirname", "mktemp", "date"})
_NAMED = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def _static_output(node: Node, src: bytes, env: Env) -> str | None:
    """The output of ``$(echo …)``, ``$(printf …)``, ``$(basename …)``, ``$(dirname …)``
    when every word is static; None for anything else (it runs at run time)."""
    inner = [c for c in node.named_children if c.type != "comment"]
    if len(inner) != 1 or inner[0].type != "command":
        return None
    cmd = inner[0]
    name_node = cmd.child_by_field_name("name")
    if name_node is None or any(c.type.endswith("redirect") for c in cmd.named_children):
        return None
    name = resolve(name_node, src, env)
    if name.text not in _PURE:
        return None
    args = [resolve(a, src, env) for a in cmd.children_by_field_name("argument")]
    if not all(a.static for a in args) or any(a.substs for a in args):
        return None
    words = [a.text for a in args]
    if name.text == "echo":
        while words and re.fullmatch(r"-[neE]+", words[0]):
            words = words[1:]
        return " ".join(words).rstrip("\n")
    if name.text == "printf":
        if not words or "%" in words[0].replace("%s", "") or "\\" in words[0]:
            return None
        fmt, rest = words[0], words[1:]
        if "%s" not in fmt:
            return fmt.rstrip("\n")
        if fmt.count("%s") != len(rest):
            return None
        return (fmt % tuple(rest)).rstrip("\n")
    if name.text == "mktemp":
        return mktemp_path(words, env.workspace)
    if name.text == "date":
        return date_output(words)  # a time stamp: digits, letters, '-' and ':'
    operands = [w for w in words if not w.startswith("-")]
    if not operands:
        return None
    if name.text == "basename":
        base = operands[0].rstrip("/").rsplit("/", 1)[-1]
        suffix = operands[1] if len(operands) > 1 else ""
        return base[: -len(suffix)] if suffix and base.endswith(suffix) and base != suffix else base
    head = operands[0].rstrip("/")
    return head.rsplit("/", 1)[0] or "/" if "/" in head else "."


def _splice(node: Node, src: bytes, env: Env, acc: Acc, unescape: object, strip: int = 0) -> None:
    start, end = node.start_byte + strip, node.end_byte - (1 if strip else 0)
    assert callable(unescape)
    for child in node.children:
        if not child.is_named or child.type == "string_content":
            continue
        if child.start_byte > start:
            gap = src[start : child.start_byte].decode("utf-8", "surrogateescape")
            _literal_gap(gap, unescape, acc, node.type)
        _walk(child, src, env, acc)
        start = child.end_byte
    if end > start:
        gap = src[start:end].decode("utf-8", "surrogateescape")
        _literal_gap(gap, unescape, acc, node.type)


def _literal_gap(gap: str, unescape: object, acc: Acc, kind: str) -> None:
    if kind in ("word", "concatenation", "command_name", "number"):
        literal_word(gap, acc)
    else:
        assert callable(unescape)
        acc.parts.append(unescape(gap))


def _variable(name: str, env: Env, acc: Acc) -> None:
    if name == "IFS":
        acc.tricks.append("$IFS used as a separator")
    if name in env.computed:
        acc.computed = True
    if name not in env.values:
        acc.names.append(name)  # `>> "$GITHUB_PATH"`: which run-time file a redirect names
    acc.names.extend(env.names.get(name, ()))
    if name not in env.values and SECRET_VAR.search(name):
        acc.secrets.append(name)  # the environment's secret, wherever this word sends it
    acc.secrets.extend(env.secrets.get(name, ()))  # T=$GITHUB_TOKEN; … $T
    for _ in range(8):  # declare -n r=t: $r reads t (and a reference to a reference)
        target = env.values.get("&" + name)
        if target is None or target == name or not _IDENTIFIER.fullmatch(target):
            break
        name = target
    if name in env.values:
        value = env.values[name]
        acc.parts.append(UNKNOWN if value is None else value)
    elif name == "HOME":
        acc.parts.append(env.home)
    elif name == "PWD":
        acc.parts.append(env.workspace)
    elif name == "TMPDIR":
        acc.parts.append("/tmp")  # noqa: S108 - the usual value, for judging paths only
    elif name in _DIGITS:
        acc.parts.append("4242")  # always digits: no slash, no dot can come from these
    else:
        acc.parts.append(UNKNOWN)


# Special parameters whose value is always a number.
_DIGITS = frozenset({"$", "!", "#", "?", "RANDOM", "PPID", "BASHPID", "SECONDS", "EPOCHSECONDS"})
# Variables the process environment may set; a default given for them is not assumed.
_ENVIRONMENT = frozenset({"USER", "LOGNAME", "SHELL", "PATH", "LANG", "TERM", "HOSTNAME"})
_ENVIRONMENT |= frozenset({"OLDPWD", "IFS", "BASH_ENV", "ENV", "CDPATH", "GLOBIGNORE"})
_DEFAULT_OPS = frozenset({":-", "-", ":=", "="})


def _expansion(node: Node, src: bytes, env: Env, acc: Acc) -> None:
    text = _text(node, src)
    if _BRACED_NAME.fullmatch(text):  # `${NAME}` alone: no default, check, index or surgery
        if text[2:-1] in env.computed:
            acc.computed = True
        _variable(text[2:-1], env, acc)
        return
    ops = [c for c in node.children if not c.is_named and c.type in _DEFAULT_OPS]
    names = [c for c in node.named_children if c.type == "variable_name"]
    if ops and names and text.startswith("${") and names[0].start_byte == node.start_byte + 2:
        _defaulted(node, _text(names[0], src), ops[0], src, env, acc)
        return
    checks = [c for c in node.children if not c.is_named and c.type in (":?", "?")]
    if checks and names and text.startswith("${") and names[0].start_byte == node.start_byte + 2:
        # ${NAME:?message}: NAME's value, or no command at all (bash stops with the message)
        _variable(_text(names[0], src), env, acc)
        return
    _expansion_text(text, env, acc)


def _defaulted(node: Node, name: str, op: Node, src: bytes, env: Env, acc: Acc) -> None:
    """``${NAME:-default}``: the variable's value when the script set it, else the default.

    A variable the script never assigned and the environment does not provide is unset
    when the command runs, so the default is the value (``rm -rf "${OUT:-build}"``).
    """
    if name in env.values or name in ("HOME", "PWD", "TMPDIR") or name in _DIGITS:
        _variable(name, env, acc)
        return
    if name in _ENVIRONMENT:
        acc.parts.append(UNKNOWN)
        return
    inner = Acc()
    for child in node.named_children:
        if child.start_byte >= op.end_byte:
            _walk(child, src, env, inner)
            if child.type == "word" and child.start_byte == op.end_byte:
                first = inner.parts[0] if inner.parts else ""
                if first == "~" or first.startswith("~/"):
                    inner.parts[0] = env.home + first[1:]  # tilde expands in a default too
    value = "".join(inner.parts)
    acc.tricks.extend(inner.tricks)
    acc.substs.extend(inner.substs)
    acc.glob |= inner.glob
    if op.type in (":=", "="):
        env.values[name] = value if UNKNOWN not in value else None
    acc.parts.append(value)


# ${X:3:1}: one character of a variable — spelling a word letter by letter, never an idiom.
_ONE_CHAR = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*:\s*-?\s*\d+\s*:\s*1\}$")


def _expansion_text(text: str, env: Env, acc: Acc) -> None:
    named = _NAMED_EXPANSION.match(text)
    if named is not None and named.group(1) in env.computed:
        acc.computed = True  # ${L[0]}, ${#V}, ${V/x/y}: still the data the line read
    if (element := ELEMENT.match(text)) is not None:
        array(element.group(1), element.group(2), env, acc)
    elif text.startswith("${!"):
        acc.tricks.append("variable indirection ${!…}")
        target = env.values.get(text[3:-1]) if _SIMPLE_BRACE.match("${" + text[3:]) else None
        if target is not None and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", target):
            _variable(target, env, acc)  # p=c; c=/etc/shadow; "${!p}" is "$c"
        else:
            acc.parts.append(UNKNOWN)
    elif _SIMPLE_BRACE.match(text):
        _variable(text[2:-1], env, acc)
    elif (cut := _PATTERN_CUT.match(text)) is not None and env.values.get(cut.group(1)):
        acc.tricks.append("substring or pattern surgery on a variable")
        value, op, pattern = env.values[cut.group(1)] or "", cut.group(2), cut.group(3)
        cut_off = value.removesuffix if op.startswith("%") else value.removeprefix
        acc.parts.append(cut_off(pattern))  # x=/etc/shadowfoo; ${x%foo}: a literal pattern
    elif text.endswith("@P}") and "$(" in (env.values.get(text[2:-3]) or "`"):
        # obfuscation: prompt expansion of a value runs the substitution it holds
        acc.tricks.append("a prompt expansion of a value that holds a command")
        acc.parts.append(UNKNOWN)
    elif (sliced := substring(text, env)) is not None:
        acc.tricks.append("substring or pattern surgery on a variable")
        acc.parts.append(sliced)
        if _ONE_CHAR.match(text):
            acc.tricks.append("single characters cut out of a variable")
    elif re.match(r"^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[0-9]|:\s*-[0-9]|/|\^|,|:\s*\()", text):
        acc.tricks.append("substring or pattern surgery on a variable")
        acc.parts.append(UNKNOWN)
        if _ONE_CHAR.match(text):
            acc.tricks.append("single characters cut out of a variable")
    else:
        acc.parts.append(UNKNOWN)


# ${x%suffix}, ${x#prefix} with a literal pattern (no glob character, nothing expanded)
_PATTERN_CUT = re.compile(r"^\$\{([A-Za-z_]\w*)(%%?|##?)([^*?\[\]{}$`'\"\\]+)\}$")
