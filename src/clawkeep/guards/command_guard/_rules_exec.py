"""Commands that run other commands: shells, interpreters, eval, source, and wrappers.

Each one is unwrapped to the argv or text it will execute, which is judged again
(``bash -c`` / ``eval`` text is re-parsed one level deeper). Code whose text is only
known at run time is refused; stdin fed from a download or a decoder is refused.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._paths import credential_name
from clawkeep.guards.command_guard._rules_net import SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Rule, Stdin, Walker, command_name
from clawkeep.guards.command_guard._words import UNKNOWN, Arg, literal

__all__ = ["EXEC_RULES", "WRAPPERS"]

# Interpreter -> the flags whose next argument (or attached rest) is inline code.
_CODE_FLAGS = {
    "python": ("-c",),
    "node": ("-e", "--eval", "-p", "--print"),
    "perl": ("-e", "-E"),
    "ruby": ("-e",),
    "php": ("-r",),
    "lua": ("-e",),
    "julia": ("-e", "--eval"),
    "Rscript": ("-e",),
    "osascript": ("-e",),
    "pwsh": ("-c", "-Command", "-command"),
    "deno": ("eval",),
    "bun": ("-e", "--eval"),
}
_ENV_SETUP = {"ssh-agent", "pyenv", "rbenv", "nodenv", "goenv", "direnv", "opam", "brew"}
_ENV_SETUP |= {"conda", "starship", "zoxide", "fnm", "dircolors", "keychain", "mise", "rtx"}


def _stdin_consumer(cmd: Cmd, w: Walker, lang: str) -> None:
    sources: list[str] = []
    if cmd.stdin is not None:
        if cmd.stdin.kinds & {"download", "decode"}:
            kind = "downloaded" if "download" in cmd.stdin.kinds else "decoded"
            w.flag("download_exec", f"{cmd.name} runs {kind} text piped into it")
            return
        if cmd.stdin.text is not None:
            sources.append(cmd.stdin.text)
    sources += [r.body for r in cmd.redirects if r.body is not None]
    for text in sources:
        if lang == "sh":
            w.script(text, f"text piped into {cmd.name}")
        else:
            w.code(lang, text)


def _script_file(cmd: Cmd, w: Walker, arg: Arg) -> None:
    if arg.substs and w.subst_kinds(arg) & {"download", "decode"}:
        w.flag("download_exec", f"{cmd.name} runs the output of a download")
    elif arg.static and posixpath.basename(arg.text) in w.downloaded:
        w.flag("download_exec", f"{cmd.name} runs {arg.text}, downloaded by this command line")


def _shell(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    index, c_mode, stdin_mode = 0, False, False
    while index < len(args) and args[index].text[:1] in ("-", "+") and args[index].text != "-":
        flag = args[index].text
        index += 1
        if flag == "--":
            break
        if flag in ("-o", "+o", "-O", "+O", "--rcfile", "--init-file"):
            index += 1
        elif not flag.startswith("--") and "c" in flag[1:]:
            c_mode = True
        elif not flag.startswith("--") and "s" in flag[1:]:
            stdin_mode = True
    rest = args[index:]
    if c_mode:
        if not rest:
            if cmd.stdin is not None and cmd.stdin.text is None:
                w.flag("dynamic_command", f"{cmd.name} -c runs a script read at run time")
            return
        if not rest[0].static:
            w.flag("dynamic_command", f"{cmd.name} -c runs a script known only at run time")
            return
        w.script(rest[0].text, f"{cmd.name} -c script")
    elif rest and not stdin_mode and rest[0].text not in ("-", "/dev/stdin"):
        _script_file(cmd, w, rest[0])
    else:
        _stdin_consumer(cmd, w, "sh")


def _interpreter(cmd: Cmd, w: Walker) -> None:
    flags = _CODE_FLAGS.get(cmd.name, ())
    values = cmd.args
    lang = cmd.name
    for index, arg in enumerate(values):
        text = arg.text
        code: Arg | None = None
        if text in flags or (
            re.fullmatch(r"-[a-zA-Z]*[eEcr]", text) and text[-1:] in "".join(flags)
        ):
            code = values[index + 1] if index + 1 < len(values) else None
        elif any(
            text.startswith(f) and len(text) > len(f) and f.startswith("-") and len(f) == 2
            for f in flags
        ):
            code = Arg(text[2:], arg.tricks, arg.glob, arg.substs)
        if code is None:
            continue
        if not code.static:
            w.flag("dynamic_command", f"{cmd.name} runs inline code known only at run time")
        else:
            w.code(lang, code.text)
        return
    operands = [a for a in values if not a.text.startswith("-")]
    if cmd.name == "python" and any(a.text == "-m" for a in values):
        return
    if operands and operands[0].text not in ("-", "/dev/stdin"):
        _script_file(cmd, w, operands[0])
    elif not any(a.text in ("-v", "--version", "-V", "-h", "--help") for a in values):
        _stdin_consumer(cmd, w, lang)


def _awk(cmd: Cmd, w: Walker) -> None:
    index = 0
    args = cmd.args
    while index < len(args) and args[index].text.startswith("-"):
        if args[index].text == "-f":
            return
        index += 2 if args[index].text in ("-F", "-v") else 1
    if index < len(args):
        if not args[index].static:
            w.flag("dynamic_command", "awk runs a program known only at run time")
        else:
            w.code("awk", args[index].text)


def _eval(cmd: Cmd, w: Walker) -> None:
    if all(a.static for a in cmd.args):
        if cmd.args:
            w.script(" ".join(a.text for a in cmd.args), "eval text")
        return
    if len(cmd.args) == 1 and len(cmd.args[0].substs) == 1:
        match = re.match(r"^\$\(\s*(?:command\s+)?([\w./-]+)", w.text(cmd.args[0].substs[0]))
        if match and command_name(match.group(1)) in _ENV_SETUP:
            return  # the shell set-up hook of a known tool; that tool was judged itself
    w.flag("dynamic_command", "eval runs text known only at run time")


def _source(cmd: Cmd, w: Walker) -> None:
    if cmd.args:
        target = cmd.args[0]
        if target.text in ("/dev/stdin", "-"):
            _stdin_consumer(cmd, w, "sh")
        else:
            _script_file(cmd, w, target)


def _skip(args: list[Arg], with_value: set[str], positional: int = 0) -> list[Arg]:
    index = 0
    while index < len(args) and args[index].text.startswith("-") and args[index].text != "-":
        flag = args[index].text
        index += 1
        if flag == "--":
            break
        if flag in with_value:
            index += 1
    return args[index + positional :]


_WRAP_SPEC: dict[str, tuple[set[str], int]] = {
    "sudo": ({"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "-a", "--user"}, 0),
    "doas": ({"-u", "-C"}, 0),
    "nice": ({"-n", "--adjustment"}, 0),
    "nohup": (set(), 0),
    "timeout": ({"-s", "--signal", "-k", "--kill-after"}, 1),
    "stdbuf": ({"-i", "-o", "-e"}, 0),
    "ionice": ({"-c", "-n", "-t", "-p"}, 0),
    "chrt": (set(), 1),
    "taskset": (set(), 1),
    "time": ({"-f", "-o", "--format", "--output"}, 0),
    "exec": ({"-a"}, 0),
    "builtin": (set(), 0),
    "busybox": (set(), 0),
    "setsid": (set(), 0),
    "unbuffer": (set(), 0),
    "strace": ({"-o", "-e", "-p", "-s", "-u", "-E", "-P"}, 0),
    "ltrace": ({"-o", "-e", "-p", "-s", "-u"}, 0),
    "chroot": (set(), 1),
    "nsenter": ({"-t", "--target"}, 0),
    "unshare": (set(), 0),
    "firejail": (set(), 0),
    "xvfb-run": ({"-a", "-n", "-s"}, 0),
    "dbus-run-session": (set(), 0),
    "catchsegv": (set(), 0),
    "caffeinate": (set(), 0),
    "proxychains": ({"-f"}, 0),
    "proxychains4": ({"-f"}, 0),
    "torsocks": (set(), 0),
    "faketime": (set(), 1),
    "runuser": ({"-u", "-g"}, 0),
    "sg": (set(), 1),
}


def _wrapper(cmd: Cmd, w: Walker) -> None:
    with_value, positional = _WRAP_SPEC[cmd.name]
    if cmd.name in ("sudo", "doas", "runuser") and any(
        a.text in ("-s", "-i", "-su") for a in cmd.args
    ):
        w.flag("privilege", f"{cmd.name} opens a root shell")
        return
    w.run_argv(_skip(cmd.args, with_value, positional), cmd.stdin)


def _command(cmd: Cmd, w: Walker) -> None:
    if any(a.text in ("-v", "-V") for a in cmd.args):
        return  # command -v only looks the name up
    w.run_argv(_skip(cmd.args, set()), cmd.stdin)


def _su(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    for flag in ("-c", "--command", "--session-command"):
        if flag in values and values.index(flag) + 1 < len(values):
            script = cmd.args[values.index(flag) + 1]
            if not script.static:
                w.flag("dynamic_command", "su -c runs a script known only at run time")
            else:
                w.script(script.text, "su -c script")
            return
    w.flag("privilege", "su opens a shell as another user")


def _env(cmd: Cmd, w: Walker) -> None:
    args = list(cmd.args)
    while args:
        text = args[0].text
        if text in ("-u", "--unset", "-C", "--chdir") and len(args) > 1:
            args = args[2:]
        elif text in ("-S", "--split-string") or text.startswith("--split-string="):
            if "=" in text:
                split = literal(text.split("=", 1)[1])
            elif len(args) > 1:
                split = args[1]
            else:
                return
            if split.static:
                w.script(split.text, "env -S string")
            else:
                w.flag("dynamic_command", "env -S runs a string known only at run time")
            return
        elif text.startswith("-") or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", text):
            if "=" in text and not text.startswith("-"):
                name, value = text.split("=", 1)
                w.env.values[name] = value if UNKNOWN not in value else None
            args = args[1:]
        else:
            break
    if not args:
        w.flag("credential_read", "env without a command prints the environment and its secrets")
        return
    w.run_argv(args, cmd.stdin)


def _stdin_items(cmd: Cmd, inner_is_shell: bool) -> list[str] | None:
    if cmd.stdin is None or cmd.stdin.text is None or inner_is_shell:
        return None
    return cmd.stdin.text.split()


def _xargs(cmd: Cmd, w: Walker) -> None:
    with_value = {"-a", "--arg-file", "-d", "--delimiter", "-E", "-I", "-L", "-l", "-n", "-P"}
    with_value |= {"--max-args", "--max-procs", "-s", "--max-chars", "-J", "--process-slot-var"}
    replace: str | None = None
    from_file = False
    index = 0
    args = cmd.args
    while index < len(args) and args[index].text.startswith("-"):
        text = args[index].text
        if text in ("-I", "-J") and index + 1 < len(args):
            replace = args[index + 1].text
        elif text.startswith("--replace"):
            replace = text.split("=", 1)[1] or "{}" if "=" in text else "{}"
        elif text.startswith("-i"):
            replace = text[2:] or "{}"
        from_file |= text in ("-a", "--arg-file") or text.startswith("--arg-file=")
        index += 2 if text in with_value else 1
        if text == "--":
            break
    inner = list(args[index:]) or [literal("echo")]
    is_shell = command_name(inner[0].text) in SHELLS or bool(
        re.match(r"python|perl|ruby|node", inner[0].text)
    )
    items = None if from_file else _stdin_items(cmd, is_shell)
    value = " ".join(items) if items is not None else UNKNOWN
    if replace:
        inner = [inner[0]] + [Arg(a.text.replace(replace, value)) for a in inner[1:]]
    else:
        inner += [literal(i) for i in items] if items is not None else [Arg(UNKNOWN)]
    w.run_argv(inner, Stdin())


def _parallel(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    seps = [i for i, v in enumerate(values) if v in (":::", "::::", ":::+", "::::+")]
    head = cmd.args[: seps[0]] if seps else cmd.args
    inputs = [a for a in cmd.args[seps[0] + 1 :] if a.text not in (":::", ":::+")] if seps else []
    if any(v in ("-S", "--sshlogin") or v.startswith("--sshlogin=") for v in values):
        w.flag("exfiltration", "parallel runs jobs on remote hosts")
    inner = _skip(
        head, {"-j", "-P", "-n", "-N", "-L", "-a", "-d", "-E", "-I", "--colsep", "--tmpdir"}
    )
    if not seps:
        inner = inner or [literal("echo")]
        w.run_argv([*inner, Arg(UNKNOWN)], Stdin())
        return
    for item in inputs[:16]:
        if not inner:
            if item.static:
                w.script(item.text, "parallel job")
            else:
                w.flag("dynamic_command", "parallel runs a job known only at run time")
        elif any("{}" in a.text for a in inner):
            w.run_argv([inner[0]] + [Arg(a.text.replace("{}", item.text)) for a in inner[1:]])
        else:
            w.run_argv([*inner, item])


_FIND_VALUE = {"-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex"}
_FIND_VALUE |= {"-iregex", "-lname", "-ilname"}
_FIND_EXEC = {"-exec", "-execdir", "-ok", "-okdir"}


def _find(cmd: Cmd, w: Walker) -> None:
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
        if text == "-delete":
            for root in roots:
                where = w.place(root)
                if where.kind not in ("workspace", "workspace_root", "temp"):
                    w.flag("destructive_delete", f"find -delete under {where.path} ({where.kind})")
        if text in _FIND_EXEC:
            end = index + 1
            while end < len(args) and args[end].text not in (";", "+"):
                end += 1
            inner = args[index + 1 : end]
            for root in roots[:4]:
                found = root.rstrip("/") + "/found"
                w.run_argv([Arg(a.text.replace("{}", found)) for a in inner])
            index = end
        index += 1


_INTERPRETER_NAMES = set(_CODE_FLAGS) - {"deno", "pwsh", "osascript"}
EXEC_RULES: dict[str, Rule] = {name: _shell for name in SHELLS}
EXEC_RULES |= {name: _interpreter for name in _INTERPRETER_NAMES | {"deno", "pwsh", "osascript"}}
EXEC_RULES |= {n: _awk for n in ("awk", "gawk", "mawk", "nawk")}
EXEC_RULES |= {"eval": _eval, "source": _source, ".": _source}
WRAPPERS: dict[str, Rule] = {name: _wrapper for name in _WRAP_SPEC}
WRAPPERS |= {"command": _command, "su": _su, "env": _env, "xargs": _xargs}
WRAPPERS |= {"parallel": _parallel, "find": _find}
