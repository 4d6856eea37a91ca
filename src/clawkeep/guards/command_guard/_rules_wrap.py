"""Wrappers: commands that run another command given in their arguments or options.

sudo, env, nice, timeout, xargs, parallel, find -exec, watch, trap, alias, and options
such as tar --checkpoint-action=exec= or ssh -o ProxyCommand= are unwrapped to the
argv or shell text they will run, which is judged like any other command.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._paths import credential_name
from clawkeep.guards.command_guard._rules_net import SHELLS
from clawkeep.guards.command_guard._walk import (
    ELEVATE,
    LOADER_VARS,
    Cmd,
    Rule,
    Stdin,
    Walker,
    command_name,
)
from clawkeep.guards.command_guard._words import UNKNOWN, Arg, literal

__all__ = ["WRAPPERS"]


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
    "xvfb-run": ({"-n", "-s", "-e", "-f", "-p", "-w", "--server-num", "--server-args"}, 0),
    "pkexec": ({"--user"}, 0),
    "cpulimit": ({"-l", "--limit", "-p", "--pid", "-e", "--exe", "-c", "--cpu"}, 0),
    "rlwrap": ({"-f", "-H", "-l", "-p", "-S", "-P", "-s", "-w", "-z", "-t", "-e", "-O"}, 0),
    "systemd-run": ({"-u", "--unit", "-p", "--property", "-E", "--setenv", "-M", "-H"}, 0),
    "ts": (set(), 0),
    "setarch": (set(), 1),
    "linux32": (set(), 0),
    "linux64": (set(), 0),
    "logsave": (set(), 1),
    "dtach": ({"-c", "-n", "-A", "-a", "-e", "-r", "-z"}, 0),
    "multitime": ({"-n", "-s"}, 0),
    "cgexec": ({"-g"}, 0),
    "valgrind": (set(), 0),
    "torify": (set(), 0),
    "tsocks": (set(), 0),
    "pexec": (set(), 0),
    "sem": ({"-j", "--id"}, 0),
    "chpst": ({"-u", "-U", "-e", "-/", "-n", "-l", "-L", "-m", "-d", "-o", "-p", "-f", "-c"}, 0),
    "setpriv": ({"--reuid", "--regid", "--groups", "--inh-caps", "--bounding-set"}, 0),
    "prlimit": ({"-p", "--pid"}, 0),
    "numactl": ({"-C", "-N", "-m", "-i", "-p", "--physcpubind", "--cpunodebind"}, 0),
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


_ELEVATE = ELEVATE


def _wrapper(cmd: Cmd, w: Walker) -> None:
    with_value, positional = _WRAP_SPEC[cmd.name]
    if cmd.name == "runuser" and {"-c", "--command"} & set(cmd.values()):
        _su(cmd, w)  # runuser USER -c SCRIPT is su's form
        return
    if cmd.name in ("sudo", "doas", "runuser") and any(
        a.text in ("-s", "-i", "-su") for a in cmd.args
    ):
        w.flag("privilege", f"{cmd.name} opens a root shell")
        return
    argv = _skip(cmd.args, with_value, positional)
    if cmd.name in _ELEVATE:
        # sudo VAR=value cmd: the assignments go into cmd's environment, cmd is the program
        assigned = [a.text.split("=", 1)[0] for a in _assignments(argv)]
        for arg in _assignments(argv):
            name, value = arg.text.split("=", 1)
            w.command_var(name, Arg(value))  # sudo EDITOR=… cmd
        kept = [a.text.split("=", 1)[1] for a in cmd.args if a.text.startswith("--preserve-env=")]
        _loader_to_root(cmd.name, [n for k in kept for n in k.split(",")], w)
        argv = argv[len(assigned) :]
        _loader_to_root(cmd.name, assigned, w)
    fed = cmd.stdin is not None or any(r.op in ("<", "<<", "<<<") for r in cmd.redirects)
    if cmd.name in _ELEVATE and argv and not fed and _bare_shell(argv):
        # privilege: an interactive shell as another user runs whatever comes next
        w.flag("privilege", f"{cmd.name} opens a shell as another user")
        return
    w.run_argv(argv, cmd.stdin)


_NAME_IS = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def _assignments(argv: list[Arg]) -> list[Arg]:
    """The leading ``NAME=value`` words of an argv (sudo and env put them in the environment)."""
    out: list[Arg] = []
    for arg in argv:
        if not _NAME_IS.match(arg.text):
            break
        out.append(arg)
    return out


def _loader_to_root(via: str, assigned: list[str], w: Walker) -> None:
    """A loader variable set on the line (or on the wrapper's own argv) reaching a program
    another user runs: ``sudo LD_PRELOAD=/tmp/x.so find``, ``LD_PRELOAD=… sudo …``."""
    names = set(assigned) | {n for n in w.env.values if n in LOADER_VARS}
    found = sorted(names & LOADER_VARS)
    if found:
        # privilege: the library or start-up code runs inside a program run as another user
        w.flag("privilege", f"{via} hands {found[0]} to a program it runs as another user")


def _bare_shell(argv: list[Arg]) -> bool:
    """A shell started with no command and no script: it reads the terminal."""
    if command_name(argv[0].text) not in SHELLS:
        return False
    rest = [a.text for a in argv[1:]]
    return not any(
        t.startswith("-") and "c" in t[1:] and not t.startswith("--") for t in rest
    ) and (not [t for t in rest if not t.startswith("-")])


def _flock(cmd: Cmd, w: Walker) -> None:
    """``flock [opts] FILE CMD…`` or ``flock [opts] FILE -c SCRIPT``."""
    args = _skip(cmd.args, {"-w", "--wait", "--timeout", "-E", "--conflict-exit-code"})
    rest = args[1:]
    rest_opts = _skip(rest, {"-w", "--wait", "--timeout", "-E", "--conflict-exit-code"})
    for index, arg in enumerate(rest):
        if arg.text in ("-c", "--command") and index + 1 < len(rest):
            _script_arg(w, rest[index + 1], "flock -c script")
            return
    w.run_argv(rest_opts if rest and rest[0].text.startswith("-") else rest, cmd.stdin)


def _script_arg(w: Walker, arg: Arg, what: str) -> None:
    if arg.static:
        w.script(arg.text, what)
    else:
        w.flag("dynamic_command", f"{what} is known only at run time")


def _capsh(cmd: Cmd, w: Walker) -> None:
    """``capsh [opts] -- ARGS``: ARGS are handed to /bin/bash."""
    values = cmd.values()
    if "--" in values:
        w.run_argv([literal("bash"), *cmd.args[values.index("--") + 1 :]], cmd.stdin)
    elif "--shell" in values or any(v.startswith("--shell=") for v in values):
        w.flag("dynamic_command", "capsh starts a shell")


def _perf(cmd: Cmd, w: Walker) -> None:
    """``perf stat|record|trace [opts] CMD…`` runs CMD."""
    if not cmd.args or cmd.args[0].text not in ("stat", "record", "trace", "sched", "mem"):
        return
    w.run_argv(_skip(cmd.args[1:], {"-e", "-o", "-p", "-r", "-x", "-I", "-t", "-C", "-G"}))


def _script_cmd(cmd: Cmd, w: Walker) -> None:
    """``script -c CMD [file]``: runs CMD under a pseudo-terminal."""
    args = cmd.args
    if not any(
        a.text.startswith(("-c", "--command")) or (a.text[:1] == "-" and a.text.endswith("c"))
        for a in args
    ) and not ({"-V", "--version", "-h", "--help", "-r"} & set(cmd.values())):
        # dynamic_command: without -c, script starts an interactive $SHELL
        w.flag("dynamic_command", "script starts an interactive shell")
        return
    for index, arg in enumerate(args):
        text = arg.text
        if text.startswith("--command="):
            _script_arg(w, literal(text.split("=", 1)[1]), "script -c command")
            return
        short = text.startswith("-") and not text.startswith("--") and text.endswith("c")
        if (text == "--command" or short) and index + 1 < len(args):
            _script_arg(w, args[index + 1], "script -c command")
            return


_TMUX_RUNS = {"new", "new-session", "new-window", "neww", "split-window", "splitw"}
_TMUX_RUNS |= {"respawn-pane", "respawnp", "respawn-window", "respawnw", "run-shell", "run"}
_TMUX_RUNS |= {"send-keys", "send", "display-popup", "popup", "pipe-pane", "pipep"}
_TMUX_VALUE = {"-s", "-n", "-t", "-c", "-F", "-x", "-y", "-e", "-l", "-L", "-S", "-f", "-T"}


def _tmux(cmd: Cmd, w: Walker) -> None:
    args = _skip(cmd.args, {"-L", "-S", "-f", "-T"})
    if not args or args[0].text not in _TMUX_RUNS:
        return
    words = _skip(args[1:], _TMUX_VALUE)
    texts = [a for a in words if a.text not in ("Enter", "C-m", "KPEnter")]
    if not texts:
        return
    if not all(a.static for a in texts):
        w.flag("dynamic_command", f"tmux {args[0].text} runs a command known only at run time")
        return
    w.script(" ".join(a.text for a in texts), f"tmux {args[0].text} command")


def _screen(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    index = 0
    while index < len(args) and args[index].text.startswith("-"):
        text = args[index].text
        index += 1
        if text in ("-X", "-Q"):
            rest = args[index:]
            if rest and rest[0].text in ("stuff", "exec", "screen"):
                _script_arg(w, Arg(" ".join(a.text for a in rest[1:])), "screen -X command")
            return
        if text[-1:] in "SchpteT" and not text.startswith("--") and len(text) >= 2:
            index += 1  # the option's value (-S name, -c file, -dmS name)
    w.run_argv(args[index:], cmd.stdin)


def _start_stop(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    program: Arg | None = None
    for index, text in enumerate(values):
        if text in ("-x", "--exec", "-a", "--startas") and index + 1 < len(values):
            program = cmd.args[index + 1]
        elif text.startswith(("--exec=", "--startas=")):
            program = literal(text.split("=", 1)[1])
    if program is None or not ({"-S", "--start"} & set(values)):
        return
    rest = cmd.args[values.index("--") + 1 :] if "--" in values else []
    w.run_argv([program, *rest], cmd.stdin)


def _gdb(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    for index, text in enumerate(values):
        command: str | None = None
        if text in ("-ex", "--ex", "-iex", "--eval-command", "-eval-command"):
            command = values[index + 1] if index + 1 < len(values) else None
        elif text.startswith(("--eval-command=", "-eval-command=")):
            command = text.split("=", 1)[1]
        if command is None:
            continue
        if UNKNOWN in command:
            w.flag("dynamic_command", "gdb runs a command known only at run time")
            return
        match = re.match(r"^\s*(shell\s|!|pipe\s|\|)(.*)$", command, re.DOTALL)
        if match:
            w.script(match.group(2), "gdb shell command")
        match = re.match(r"^\s*(python|pi|py)\s+(.*)$", command, re.DOTALL)
        if match:
            w.code("python", match.group(2))


_MAKE_STDIN = frozenset({"-f-", "-f/dev/stdin", "--file=-", "--file=/dev/stdin", "--makefile=-"})


def _make(cmd: Cmd, w: Walker) -> None:
    """``make --eval=TEXT`` and ``make -f - <<< TEXT``: the text is makefile; its recipe
    lines run in a shell."""
    values = cmd.values()
    bodies: list[str] = []
    for index, text in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else None
        if text.startswith("--eval="):
            bodies.append(text.split("=", 1)[1])
        elif text in ("--eval", "-E") and following is not None:
            bodies.append(following)
        elif text in _MAKE_STDIN or (
            text in ("-f", "--file", "--makefile") and following in ("-", "/dev/stdin")
        ):
            given = [r.body for r in cmd.redirects if r.op in ("<<<", "<<") and r.body is not None]
            fed = cmd.stdin.text if cmd.stdin is not None else None
            bodies.append(given[-1] if given else fed if fed is not None else UNKNOWN)
        elif re.match(r"^SHELL=", text):
            shell = text.split("=", 1)[1]
            if command_name(shell) not in SHELLS:
                w.flag("dynamic_command", f"make runs its recipes with {shell}")
    for body in bodies:
        if UNKNOWN in body:
            w.flag("dynamic_command", "make runs a makefile known only at run time")
            return
        for line in body.splitlines():
            inline = re.match(r"^[^\t#=:]+::?[^=;]*;(.*)$", line)  # `target: ; recipe`
            if line.startswith("\t"):
                w.script(line.lstrip("\t").lstrip("-@+"), "make recipe")
            elif inline is not None:
                w.script(inline.group(1).lstrip().lstrip("-@+"), "make recipe")
            elif "$(shell" in line:
                w.script(line.split("$(shell", 1)[1].rsplit(")", 1)[0], "make $(shell …)")


def _npx(cmd: Cmd, w: Walker) -> None:
    """npx / bunx / pnpm dlx run a package's program with the given arguments."""
    args = list(cmd.args)
    if cmd.name in ("pnpm", "yarn"):
        if not args or args[0].text not in ("dlx", "exec"):
            return
        args = args[1:]
    for index, arg in enumerate(args):
        if arg.text in ("-c", "--call") and index + 1 < len(args):
            _script_arg(w, args[index + 1], f"{cmd.name} -c command")
            return
    argv = _skip(args, {"-p", "--package", "--node-options"})
    if argv:
        package = argv[0].text.rsplit("@", 1)[0] if argv[0].text.count("@") else argv[0].text
        w.run_argv([literal(package.rsplit("/", 1)[-1] or package), *argv[1:]], cmd.stdin)


def _nsenter(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    into_init = any(v in ("-t", "--target") for v in values) and "1" in values
    if into_init or "--target=1" in values:
        w.flag("privilege", "nsenter enters the namespaces of init, outside the sandbox")
        return
    _wrapper(cmd, w)


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
                return
            w.via.append(cmd.name)  # the script runs as the other user
            try:
                w.script(script.text, "su -c script")
            finally:
                w.via.pop()
            return
    w.flag("privilege", "su opens a shell as another user")


def _env(cmd: Cmd, w: Walker) -> None:
    args = list(cmd.args)
    chdir: Arg | None = None
    while args:
        text = args[0].text
        if text in ("-C", "--chdir") and len(args) > 1:
            chdir, args = args[1], args[2:]
        elif text.startswith("--chdir="):
            chdir, args = literal(text.split("=", 1)[1]), args[1:]
        elif text in ("-u", "--unset") and len(args) > 1:
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
                w.command_var(name, Arg(value))  # env GIT_SSH_COMMAND=… git fetch
                if name in LOADER_VARS and w.elevated():
                    _loader_to_root("env", [name], w)  # sudo env LD_PRELOAD=… cmd
            args = args[1:]
        else:
            break
    if not args:
        # `env`, `env | sort`: exec starts every command with an environment built for it
        # (the sandbox clears the gateway's; see docs/command-guard.md), and `echo $VAR`
        # prints any one variable anyway: listing them reads no secret the agent lacks
        return
    if chdir is None:
        w.run_argv(args, cmd.stdin)
        return
    saved = w.cwd
    w.cwd = UNKNOWN if not chdir.static else w.place(chdir.text).path  # env -C: its cwd
    try:
        w.run_argv(args, cmd.stdin)
    finally:
        w.cwd = saved


def _stdin_items(cmd: Cmd, inner_is_shell: bool) -> list[str] | None:
    if cmd.stdin is not None and cmd.stdin.text is None and cmd.stdin.kinds == {"digits"}:
        return ["4242"]  # seq, nproc: numbers only, whatever they are
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
    inner = list(args[index:]) or [literal("echo")]
    is_shell = command_name(inner[0].text) in SHELLS or bool(
        re.match(r"python|perl|ruby|node", inner[0].text)
    )
    if is_shell and cmd.stdin is not None and cmd.stdin.kinds & {"download", "decode", "cipher"}:
        w.flag("download_exec", "xargs hands downloaded or decoded text to an interpreter")
    items = None if from_file else _stdin_items(cmd, is_shell)
    value = " ".join(items) if items is not None else UNKNOWN
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
            for line in lines.splitlines()[:16]:
                w.script(line, "parallel job")
        return
    if not seps:
        items = _stdin_items(cmd, False) if not from_file else None
        supplied = [literal(i) for i in items] if items else [_INPUT]
        for item in supplied[:16]:
            if any("{}" in a.text for a in inner):
                w.run_argv([inner[0]] + [_filled(a, "{}", item) for a in inner[1:]])
            else:
                w.run_argv([*inner, item], Stdin())
        return
    if len(inner) == 1 and " " in inner[0].text:
        # parallel 'rm -rf {}' ::: …: a command line of one word is run by a shell
        for item in inputs[:16] or [Arg(UNKNOWN)]:
            text = inner[0].text.replace("{}", item.text)
            if UNKNOWN in text:
                w.flag("dynamic_command", "parallel runs a command line known only at run time")
            else:
                w.script(text, "parallel job")
        return
    for item in inputs[:16]:
        if not inner:
            if item.static:
                w.script(item.text, "parallel job")
            else:
                w.flag("dynamic_command", "parallel runs a job known only at run time")
        elif any("{}" in a.text for a in inner):
            w.run_argv([inner[0]] + [_filled(a, "{}", item) for a in inner[1:]])
        else:
            w.run_argv([*inner, item])


_FIND_VALUE = {"-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex"}
_FIND_VALUE |= {"-iregex", "-lname", "-ilname"}
_SETID = re.compile(r"[-/+]?[2467][0-7]{3}$|[ug]=s|u\+s")
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
        setid = index + 1 < len(args) and _SETID.search(args[index + 1].text)
        if text == "-perm" and outside and setid:
            w.flag("privilege", "find -perm hunts for set-id programs to escalate with")
        if text in ("-fprint", "-fprint0", "-fls", "-fprintf") and index + 1 < len(args):
            from clawkeep.guards.command_guard._rules_io import write_target

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
            for root in roots[:4]:
                found = root.rstrip("/") + "/found"
                w.run_argv([Arg(a.text.replace("{}", found)) for a in inner])
            index = end
        index += 1


def _coproc(cmd: Cmd, w: Walker) -> None:
    args = cmd.args[2:] if len(cmd.args) > 1 and cmd.args[1].text == "{" else cmd.args
    if args and all(a.static for a in args):
        w.script(" ".join(a.text for a in args).rstrip("}"), "coproc command")
    elif args:
        w.flag("dynamic_command", "coproc runs a command known only at run time")


def _alias(cmd: Cmd, w: Walker) -> None:
    for arg in cmd.args:
        if "=" in arg.text and arg.static:
            w.script(arg.text.split("=", 1)[1], "alias body", scope="maybe")


def _trap(cmd: Cmd, w: Walker) -> None:
    operands = [a for a in cmd.args if not a.text.startswith("-")]
    if len(operands) >= 2:
        if not operands[0].static:
            w.flag("dynamic_command", "trap runs a handler known only at run time")
        else:
            w.script(operands[0].text, "trap handler", scope="maybe")


def _watch(cmd: Cmd, w: Walker) -> None:
    rest = _skip(cmd.args, {"-n", "--interval", "-d", "-q", "--equexit", "-s"})
    if any(a.text in ("-x", "--exec") for a in cmd.args):
        w.run_argv(rest)
    elif rest and all(a.static for a in rest):
        w.script(" ".join(a.text for a in rest), "watch command")
    elif rest:
        w.flag("dynamic_command", "watch runs a command known only at run time")


# Options whose value is a command the tool will run (tar, rsync, ssh, git, zip, vim ...).
_CARRIED = re.compile(
    r"^(--checkpoint-action=exec=|--to-command=|--use-compress-program=|--rsh-command="
    r"|--info-script=|--new-volume-script=|--rsh=|--rsync-path=|--upload-pack=|--receive-pack="
    r"|--exec=|-o\s*(ProxyCommand|LocalCommand|KnownHostsCommand)=|(ProxyCommand|LocalCommand)="
    r"|(core\.(sshCommand|pager|editor|fsmonitor|askPass|hooksPath)|sequence\.editor"
    r"|credential\.helper|diff\.external|gpg\.program|alias\.[\w-]+|init\.templateDir"
    r"|include\.path|includeIf\..+\.path|filter\.[\w-]+\.(clean|smudge|process)"
    r"|merge\.[\w-]+\.driver|diff\.[\w-]+\.textconv|core\.gitProxy"
    r"|uploadpack\.packObjectsHook)=!?"
    r"|:?!|ext::)",
    re.I,
)
_CARRIED_NEXT = {"-e", "-I", "-F", "-TT", "--unzip-command", "-c", "+", "-u", "-o"}


def _carried(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    for index, arg in enumerate(args):
        value: Arg | None = None
        if arg.text in _CARRIED_NEXT and index + 1 < len(args):
            nxt = args[index + 1]
            if (arg.text == "-c" and cmd.name == "git") or arg.text == "-o":
                value = nxt if _CARRIED.match(nxt.text) else None
            elif arg.text in ("-c", "+"):
                value = nxt if nxt.text.startswith((":!", "!")) else None
            elif not (arg.text == "-e" and cmd.name not in ("rsync",)):
                value = nxt if cmd.name in ("rsync", "tar", "zip", "git") else None
        elif _CARRIED.match(arg.text) and arg.text.startswith("-"):
            value = arg
        elif arg.text.startswith(("+!", "+:!")):
            value = Arg(arg.text[1:])  # less +!cmd, vim +:!cmd: a shell escape at start-up
        elif cmd.name == "man" and (arg.text in ("-P", "--pager") or arg.text.startswith("-P")):
            given = arg.text[2:] if len(arg.text) > 2 and arg.text != "--pager" else None
            value = Arg(given) if given else (args[index + 1] if index + 1 < len(args) else None)
        elif cmd.name == "man" and arg.text.startswith("--pager="):
            value = Arg(arg.text.split("=", 1)[1])  # man runs its pager through a shell
        if value is None:
            continue
        match = _CARRIED.match(value.text)
        text = value.text[match.end() :] if match else value.text
        if re.match(r"(?i)^(include|includeIf\..+)\.path=|^init\.templateDir=", value.text):
            # dynamic_command: a settings file (or hook templates) whose commands git runs
            w.flag("dynamic_command", f"{cmd.name} -c reads settings that may run commands")
            continue
        if not value.static:
            w.flag("dynamic_command", f"{cmd.name} runs a command known only at run time")
        elif text.strip():
            w.script(text, f"a command run by {cmd.name}")
    if cmd.name == "git" and args and args[0].text == "config":
        words = _config_words(args[1:])
        keys = [a.text for a in words]
        reads = any(a.text.startswith(("--get", "--unset", "--list", "-l")) for a in args)
        sets = len(keys) >= 2 and not reads and args[1].text not in ("get", "unset", "list")
        if sets and _CARRIED.match(keys[0] + "=") and not _plain_tool(keys[0], words[1:]):
            w.flag("persistence", f"git config {keys[0]} makes git run a command later")


_CONFIG_VALUE_OPTIONS = frozenset({"-f", "--file", "--blob", "--type", "--default", "--comment"})
_CONFIG_VERBS = frozenset({"set", "unset", "get", "list", "edit", "rename-section"})


def _config_words(args: list[Arg]) -> list[Arg]:
    """The key and value words of `git config` (options and their values left out)."""
    words: list[Arg] = []
    skip = dashdash = False
    for arg in args:
        if skip:
            skip = False
        elif dashdash:
            words.append(arg)  # after `--` a value may start with `-`
        elif arg.text == "--":
            dashdash = True
        elif arg.text in _CONFIG_VALUE_OPTIONS:
            skip = True
        elif not arg.text.startswith("-"):
            words.append(arg)
    if words and words[0].text in _CONFIG_VERBS:  # `git config set core.editor vim` (2.46+)
        words = words[1:]
    return words


# Editors and pagers git may be told to start: a bare name (with options) runs nothing more.
_EDITORS = frozenset({"vim", "vi", "nvim", "nano", "emacs", "emacsclient", "micro", "hx"})
_EDITORS |= frozenset({"kak", "code", "code-insiders", "subl", "mate", "gedit", "kate", "zed"})
_EDITORS |= frozenset({"joe", "mcedit", "helix", "notepad", "cursor", "windsurf"})
_PAGERS = frozenset({"less", "more", "cat", "delta", "diff-so-fancy", "bat", "most", "moar"})
_TOOL_KEYS = {"core.editor": _EDITORS, "sequence.editor": _EDITORS, "core.pager": _PAGERS}


def _plain_tool(key: str, values: list[Arg]) -> bool:
    """``git config core.editor "code --wait"``: a known editor or pager and its options."""
    if len(values) != 1 or not values[0].static:
        return False
    words = values[0].text.split()
    if key.lower().startswith("alias."):
        # an alias without `!` is git's own sub-command and its arguments; a leading option
        # (`-c core.pager=…`) or a value with `=` could hand git a command to run
        plain = all(re.fullmatch(r"[\w.:/@%^~{}-]+", word) for word in words)
        return bool(words) and plain and not words[0].startswith("-")
    allowed = _TOOL_KEYS.get(key.lower())
    # every option a plain word: no `+!cmd`, `-c ':!sh'`, `--cmd`, `$(…)` or `;` rides along
    options_plain = all(re.fullmatch(r"--?[A-Za-z][\w-]*", o) for o in words[1:])
    return (
        allowed is not None
        and bool(words)
        and words[0] in allowed
        and options_plain
        and not _RUN_OPTIONS & set(words)
    )


_RUN_OPTIONS = frozenset({"-c", "--cmd", "-S", "--eval", "-e", "-x", "--command", "+"})


WRAPPERS: dict[str, Rule] = {name: _wrapper for name in _WRAP_SPEC}
WRAPPERS["nsenter"] = _nsenter
WRAPPERS |= {"command": _command, "su": _su, "env": _env, "xargs": _xargs}
WRAPPERS |= {"parallel": _parallel, "find": _find, "alias": _alias, "trap": _trap}
WRAPPERS |= {"watch": _watch, "coproc": _coproc, "flock": _flock, "script": _script_cmd}
WRAPPERS |= {"tmux": _tmux, "screen": _screen, "start-stop-daemon": _start_stop, "gdb": _gdb}
WRAPPERS |= {"make": _make, "gmake": _make, "npx": _npx, "bunx": _npx, "pnpm": _npx}
WRAPPERS |= {"yarn": _npx, "capsh": _capsh, "perf": _perf}
WRAPPERS |= {n: _carried for n in ("tar", "rsync", "ssh", "scp", "sftp", "git", "zip", "vim")}
WRAPPERS |= {n: _carried for n in ("vi", "nvim", "ex", "view", "less", "man")}
