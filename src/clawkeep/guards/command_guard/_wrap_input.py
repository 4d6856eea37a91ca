"""The commands xargs, parallel and find -exec run, filled with the worst case of what
their input or the file system supplies.
"""

from __future__ import annotations

import re
import shlex

from clawkeep.guards.command_guard._fx_cap import judged, walks
from clawkeep.guards.command_guard._net_tables import SHELLS
from clawkeep.guards.command_guard._path_secrets import credential_name, worst_entry
from clawkeep.guards.command_guard._walk import Cmd, Stdin, Walker, command_name
from clawkeep.guards.command_guard._walk_procin import written_under
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg, literal
from clawkeep.guards.command_guard._wrap_argv import skip_options

__all__ = ["fd", "find", "parallel", "xargs"]


def _stdin_items(cmd: Cmd, inner_is_shell: bool, values: list[str]) -> list[str] | None:
    if cmd.stdin is not None and cmd.stdin.text is None and cmd.stdin.kinds == {"digits"}:
        return ["4242"]  # seq, nproc: numbers only, whatever they are
    kinds = cmd.stdin.kinds if cmd.stdin is not None else frozenset()
    worst = [k.split("=", 1)[1] for k in kinds if k.startswith("key_names=")]
    if worst and not inner_is_shell:
        return worst[:1]  # `find ~ -type f | xargs CMD`: a key among the names, at worst
    if cmd.stdin is None or cmd.stdin.text is None or inner_is_shell:
        return None
    return _pieces(cmd.stdin.text, values, r"\s")


def _pieces(text: str, values: list[str], always: str) -> list[str] | None:
    """The items of ``text`` cut at ``always`` (a character class), at NUL and at the
    delimiter ``-d``/``--delimiter`` names: every way xargs or parallel may cut it, so
    ``printf 'a,/home' | xargs -d , rm -rf`` is judged with ``/home`` as an item. None
    when the delimiter is not readable here (judged as input known only at run time)."""
    cut = always + r"\x00"
    for i, value in enumerate(values):
        given = values[i + 1] if value in ("-d", "--delimiter") and i + 1 < len(values) else None
        given = value[2:] if given is None and value.startswith("-d") and len(value) > 2 else given
        given = value.split("=", 1)[1] if value.startswith("--delimiter=") else given
        if given is None:
            continue
        try:  # `-d '\n'`, `-d '\x2c'`: the escapes both programs read
            char = given.encode("latin-1").decode("unicode_escape") if "\\" in given else given
        except (UnicodeError, ValueError):
            return None
        if len(char) != 1:
            return None
        cut += re.escape(char)
    return [piece for piece in re.split(f"[{cut}]+", text) if piece]


# xargs's own options that `_known_groups` reads (or that change no grouping), and nothing else
_OWN_KNOWN = re.compile(
    r"(?:(?:-[rtp]+|--no-run-if-empty|--verbose|--interactive|-[nLP]\s*\d+"
    r"|--(?:max-args|max-lines|max-procs)(?:=|\s+)\d+)(?:\s+|$))*"
)


_MAX_RUNS = 16  # interpreter runs judged one by one from input the line spells out


def _known_groups(cmd: Cmd, own: list[str]) -> list[list[str]] | None:
    """The argument lists xargs hands an interpreter from input the line spells out, split as
    xargs splits them (quotes and backslashes kept, as the shell's words are) and grouped
    by ``-n N`` or ``-L N``; None where that is not known (a delimiter option, an
    unreadable count, input known only at run time)."""
    text = cmd.stdin.text if cmd.stdin is not None else None
    # Only the options whose grouping is read here; any other (-0, -d, -E, -l, -s: a
    # delimiter, an end marker, a size that cuts the line where the input chooses) is
    # judged at its worst. So is a backslash: xargs and the shell read it differently
    # inside quotes, and the words must be the ones xargs makes.
    if text is None or len(text) > 4096 or "\\" in text or not _OWN_KNOWN.fullmatch(" ".join(own)):
        return None
    count = {"-n": 0, "-L": 0}
    for i, t in enumerate(own):
        for flag, long in (("-n", "--max-args"), ("-L", "--max-lines")):
            given = own[i + 1] if t in (flag, long) and i + 1 < len(own) else None
            given = t[2:] if given is None and t.startswith(flag) and len(t) > 2 else given
            given = t.split("=", 1)[1] if t.startswith(long + "=") else given
            if given is not None and not given.isdigit():
                return None
            count[flag] = int(given) if given else count[flag]
    if count["-n"] and count["-L"]:
        return None
    # a line ending in a blank goes on into the next: one logical line for -L (POSIX)
    text = re.sub(r"[ \t]+\n", " ", text)
    try:
        lines = [shlex.split(line) for line in text.splitlines()]
    except ValueError:
        return None  # an unclosed quote: xargs stops there; judged at its worst
    if count["-L"]:
        n = count["-L"]
        return [[w for line in lines[i : i + n] for w in line] for i in range(0, len(lines), n)]
    items = [word for line in lines for word in line]
    n = count["-n"] or len(items) or 1
    return [items[i : i + n] for i in range(0, len(items), n)] or [[]]


def xargs(cmd: Cmd, w: Walker) -> None:
    # -l (like -e and -i) takes its value only attached (`-l2`): `xargs -l rm` runs rm
    with_value = {"-a", "--arg-file", "-d", "--delimiter", "-E", "-I", "-L", "-n", "-P"}
    with_value |= {"--max-args", "--max-procs", "-s", "--max-chars", "-J", "--process-slot-var"}
    replace: str | None = None
    from_file = False
    index = 0
    args = cmd.args
    while index < len(args) and args[index].text.startswith("-"):
        text = args[index].text
        if text in ("-I", "-J") and index + 1 < len(args):
            replace = args[index + 1].text
        elif text.startswith(("-I", "-J")):
            replace = text[2:]
        elif text.startswith("--replace"):
            replace = text.split("=", 1)[1] or "{}" if "=" in text else "{}"
        elif text.startswith("-i"):
            replace = text[2:] or "{}"
        from_file |= text in ("-a", "--arg-file") or text.startswith("--arg-file=")
        index += 2 if text in with_value else 1
        if text == "--":
            break
    own = [a.text for a in args[:index]]
    inner = list(args[index:]) or [literal("echo")]
    is_shell = command_name(inner[0].text) in SHELLS or bool(
        re.match(r"python|perl|ruby|node", inner[0].text)
    )
    if is_shell and cmd.stdin is not None and cmd.stdin.kinds & {"download", "decode", "cipher"}:
        w.flag("download_exec", "xargs hands downloaded or decoded text to an interpreter")
    kinds = cmd.stdin.kinds if cmd.stdin is not None and not from_file else frozenset()
    for kind in kinds:
        if kind.startswith("tree_names="):  # `find ROOT -type f | xargs grep PATTERN`
            from clawkeep.guards.command_guard._io_read import tree_hunt

            tree_hunt(inner[0].text, [a.text for a in inner[1:]], kind[11:], w)
    # an interpreter given words the line spells out runs them as its options and script;
    # a shell's `-c` given them stays judged at its worst (`echo 'rm -rf /' | xargs bash -c`
    # runs only `rm`, but says what it means)
    direct = is_shell and command_name(inner[0].text) not in SHELLS
    groups = _known_groups(cmd, own) if direct and not (from_file or replace) else None
    # more runs than are judged one by one: every run unjudged could be the one that
    # deletes, so the input is judged at its worst below, as input known only at run time
    if groups is not None and len(groups) <= _MAX_RUNS:
        for group in groups:  # `echo '-m pytest' | xargs python3`: the words it spells
            w.run_argv(inner + [literal(word) for word in group], Stdin())
        return
    items = None if from_file else _stdin_items(cmd, is_shell, own)
    value = " ".join(items) if items is not None else UNKNOWN
    fed = cmd.stdin.text if cmd.stdin is not None and not from_file else None
    lines = _pieces(fed, own, r"\n") if replace and items is not None and fed is not None else None
    if lines is not None:
        # -I: one run a line (or a piece between delimiters), the whole of it (leading
        # blanks dropped) in each placeholder
        runs = judged([x.lstrip() for x in lines if x.strip()], "xargs -I", w)
        with walks(w, runs, _size(inner), "xargs -I") as each:
            for line in each:
                w.run_argv(
                    [inner[0]] + [_filled(a, replace or "", literal(line)) for a in inner[1:]]
                )
        return
    if replace:
        inner = [inner[0]] + [_filled(a, replace, Arg(value)) for a in inner[1:]]
    else:
        inner += [literal(i) for i in items] if items is not None else [_INPUT]
    w.run_argv(inner, Stdin())


# An argument xargs or parallel fills from input known only at run time: that input's data.
_INPUT = Arg(UNKNOWN, computed=True)


def _filled(arg: Arg, placeholder: str, item: Arg) -> Arg:
    """``arg`` with ``placeholder`` replaced by an input item; run-time input is data."""
    if placeholder not in arg.text:
        return arg
    data = arg.computed or not item.static or item.computed
    return Arg(arg.text.replace(placeholder, item.text), computed=data)


def _inputs(args: list[Arg], values: list[str]) -> list[Arg]:
    """The items ``::: A B`` and ``:::: FILE`` give parallel's jobs: the words, and for a
    file its lines, known only at run time; with ``--colsep`` each column of an item too
    (``{2}`` is the second), the item whole beside them."""
    items: list[Arg] = []
    from_files = False
    for arg in args:
        if arg.text in (":::", ":::+", "::::", "::::+"):
            from_files = arg.text.startswith("::::")
            continue
        items.append(_INPUT if from_files else arg)
    columns = _colsep(values)
    if columns is None:
        return items
    cut = [literal(c) for a in items if a.static for c in re.split(columns, a.text) if c]
    return items + cut


def _colsep(values: list[str]) -> str | None:
    """The pattern ``--colsep``/``-C`` cuts an item's columns at, or None without one."""
    for i, value in enumerate(values):
        given = values[i + 1] if value in ("-C", "--colsep") and i + 1 < len(values) else None
        given = value.split("=", 1)[1] if value.startswith("--colsep=") else given
        given = value[2:] if given is None and value.startswith("-C") and len(value) > 2 else given
        if given:
            try:  # a regular expression to parallel; not one here: cut at its characters
                return re.compile(given).pattern
            except re.error:
                return re.escape(given)
    return None


def parallel(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    seps = [i for i, v in enumerate(values) if v in (":::", "::::", ":::+", "::::+")]
    head = cmd.args[: seps[0]] if seps else cmd.args
    inputs = _inputs(cmd.args[seps[0] :], values) if seps else []
    if any(v in ("-S", "--sshlogin") or v.startswith("--sshlogin=") for v in values):
        w.flag("exfiltration", "parallel runs jobs on remote hosts")
    inner = skip_options(
        head, {"-j", "-P", "-n", "-N", "-L", "-a", "-d", "-E", "-I", "-C", "--colsep", "--tmpdir"}
    )
    pipe = bool({"--pipe", "--pipepart"} & set(values))
    from_file = any(v in ("-a", "--arg-file") or v.startswith("--arg-file=") for v in values)
    if pipe and inner and command_name(inner[0].text) in SHELLS | {"python", "perl", "ruby"}:
        # the job's stdin is a block of the input: a shell there runs the input as commands
        w.flag("dynamic_command", "parallel --pipe feeds its input to an interpreter")
        return
    if not seps and not inner:
        # no command: every input line is a command line
        lines = cmd.stdin.text if cmd.stdin is not None and not from_file else None
        if lines is None:
            w.flag("dynamic_command", "parallel runs command lines read at run time")
        else:
            read = judged(_pieces(lines, values, r"\n") or [UNKNOWN], "parallel", w)
            with walks(w, read, max(map(len, read)), "parallel's jobs") as each_line:
                for line in each_line:
                    w.script(line, "parallel job")
        return
    if not seps:
        items = _stdin_items(cmd, False, values) if not from_file else None
        supplied = _inputs([literal(i) for i in items], values) if items else [_INPUT]
        # every job is judged (up to `judged`'s cap: past it the line is refused)
        jobs = judged(supplied, "parallel's jobs", w)
        with walks(w, jobs, _size(inner), "parallel's jobs") as each:
            for item in each:
                if any("{}" in a.text for a in inner):
                    w.run_argv([inner[0]] + [_filled(a, "{}", item) for a in inner[1:]])
                else:
                    w.run_argv([*inner, item], Stdin())
        return
    if len(inner) == 1 and " " in inner[0].text:
        # parallel 'rm -rf {}' ::: …: a command line of one word is run by a shell
        jobs = judged(inputs, "parallel's jobs", w) or [Arg(UNKNOWN)]
        with walks(w, jobs, _size(inner), "parallel's jobs") as each:
            for item in each:
                text = inner[0].text.replace("{}", item.text)
                if UNKNOWN in text:
                    w.flag("dynamic_command", "parallel runs a command line known only at run time")
                else:
                    w.script(text, "parallel job")
        return
    jobs = judged(inputs, "parallel's jobs", w)
    with walks(
        w, jobs, _size(inner) + max((len(a.text) for a in jobs), default=0), "parallel"
    ) as each:
        for item in each:
            _job(w, inner, item)


def _job(w: Walker, inner: list[Arg], item: Arg) -> None:
    """One job of ``parallel CMD ::: ITEMS``: the item filled in, or run as a command line."""
    if not inner:
        if item.static:
            w.script(item.text, "parallel job")
        else:
            w.flag("dynamic_command", "parallel runs a job known only at run time")
    elif any("{}" in a.text for a in inner):
        w.run_argv([inner[0]] + [_filled(a, "{}", item) for a in inner[1:]])
    else:
        w.run_argv([*inner, item])


def _size(argv: list[Arg]) -> int:
    return sum(len(a.text) + 1 for a in argv)


_FIND_VALUE = {"-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex"}
_FIND_VALUE |= {"-iregex", "-lname", "-ilname"}
_SETID = re.compile(r"[-/+]?[2467][0-7]{3}$|[ug]=s|u\+s")
_FIND_EXEC = {"-exec", "-execdir", "-ok", "-okdir"}


def find(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    roots: list[str] = []
    index = 0
    while index < len(args) and not args[index].text.startswith(("-", "(", "!")):
        roots.append(args[index].text)
        index += 1
    roots = roots or ["."]
    outside = any(w.place(r).kind not in ("workspace", "workspace_root", "temp") for r in roots)
    while index < len(args):
        text = args[index].text
        if text in _FIND_VALUE and index + 1 < len(args):
            why = credential_name(args[index + 1].text, outside)
            if why is not None:
                w.flag("credential_read", f"find {text} {args[index + 1].text}: {why}")
            index += 2
            continue
        setid = index + 1 < len(args) and _SETID.search(args[index + 1].text)
        if text == "-perm" and outside and setid:
            w.flag("privilege", "find -perm hunts for set-id programs to escalate with")
        if text in ("-fprint", "-fprint0", "-fls", "-fprintf") and index + 1 < len(args):
            from clawkeep.guards.command_guard._io_write import write_target

            write_target(w.place(args[index + 1].text), w, f"find {text}")
        if text == "-delete":
            for root in roots:
                where = w.place(root)
                cache = where.kind == "home" and "/.cache/" in where.path + "/"
                # ~/.cache is disposable by definition (as for rm)
                if where.kind not in ("workspace", "workspace_root", "temp") and not cache:
                    w.flag("destructive_delete", f"find -delete under {where.path} ({where.kind})")
        if text in _FIND_EXEC:
            end = index + 1
            while end < len(args) and args[end].text not in (";", "+"):
                end += 1
            inner = args[index + 1 : end]
            narrowed = any(a.text in _FIND_VALUE for a in args[:index])
            for root in judged(roots, "the folders find searches", w):
                where = w.place(root)
                # any file under the root, at its worst, unless a name test picks them
                found = root.rstrip("/") + "/found" if narrowed else worst_entry(where, w.ctx)
                w.run_argv([Arg(a.text.replace("{}", found)) for a in inner])
                # and each file the line wrote under the root (`echo … > /tmp/x; find /tmp
                # -exec sh {} \;` runs /tmp/x): judged as the file it is
                for path in judged(written_under(w, where.path), "the written files find runs", w):
                    w.run_argv([Arg(a.text.replace("{}", path)) for a in inner])
                if inner:
                    from clawkeep.guards.command_guard._io_read import tree_hunt

                    tree_hunt(inner[0].text, [a.text for a in inner[1:]], root, w)
            index = end
        index += 1


_FD_VALUE = {"-e", "--extension", "-t", "--type", "-d", "--max-depth", "--min-depth", "-E"}
_FD_VALUE |= {"--exclude", "-S", "--size", "-j", "--threads", "-c", "--color", "-o", "--owner"}
_FD_VALUE |= {"--changed-within", "--changed-before", "--base-directory", "--max-results"}
_FD_EXEC = {"-x", "--exec", "-X", "--exec-batch"}
_FD_HOLDERS = ("{}", "{/}", "{//}", "{.}", "{/.}")


def fd(cmd: Cmd, w: Walker) -> None:
    """fd PATTERN PATH… -x CMD: CMD runs on every match; a pattern naming a key hunts."""
    args, index = cmd.args, 0
    positional: list[str] = []
    narrowed = False
    while index < len(args) and args[index].text not in _FD_EXEC:
        text = args[index].text
        if text in _FD_VALUE:
            narrowed |= text in ("-e", "--extension")
            index += 2
            continue
        if not text.startswith("-"):
            positional.append(text)
        index += 1
    pattern, roots = (positional[0], positional[1:]) if positional else ("", [])
    roots = roots or ["."]
    outside = any(w.place(r).kind not in ("workspace", "workspace_root", "temp") for r in roots)
    why = credential_name(pattern, outside) if pattern not in ("", ".", "^") else None
    if why is not None:
        w.flag("credential_read", f"fd {pattern}: {why}")
    narrowed |= pattern not in ("", ".", "^")
    inner = args[index + 1 :]
    if index >= len(args) or not inner:
        return
    for root in judged(roots, "the folders fd searches", w):
        where = w.place(root)
        found = root.rstrip("/") + "/found" if narrowed else worst_entry(where, w.ctx)
        filled = [Arg(_fill_fd(a.text, found)) for a in inner]
        if not narrowed:
            from clawkeep.guards.command_guard._io_read import tree_hunt

            tree_hunt(inner[0].text, [a.text for a in inner[1:]], root, w)
        if not any(h in a.text for a in inner for h in _FD_HOLDERS):
            filled.append(Arg(found))  # without a placeholder fd appends the path
        w.run_argv(filled)


def _fill_fd(text: str, found: str) -> str:
    for holder in _FD_HOLDERS:
        text = text.replace(holder, found)
    return text
