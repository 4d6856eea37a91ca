"""The command a tool runs when its arguments say so: flock, script -c, capsh, perf,
tmux, screen, start-stop-daemon, gdb -ex, make --eval, npx, watch, coproc, alias, trap.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._net_tables import SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Walker, command_name
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg, literal
from clawkeep.guards.command_guard._wrap_argv import skip_options

__all__ = [
    "alias",
    "capsh",
    "coproc",
    "flock",
    "gdb",
    "make",
    "npx",
    "perf",
    "screen",
    "script_cmd",
    "start_stop",
    "tmux",
    "trap",
    "watch",
]


def flock(cmd: Cmd, w: Walker) -> None:
    """``flock [opts] FILE CMD…`` or ``flock [opts] FILE -c SCRIPT``."""
    args = skip_options(cmd.args, {"-w", "--wait", "--timeout", "-E", "--conflict-exit-code"})
    rest = args[1:]
    rest_opts = skip_options(rest, {"-w", "--wait", "--timeout", "-E", "--conflict-exit-code"})
    # only flock's own options, before the program: `flock F psql -c …` is psql's -c
    for index, arg in enumerate(rest[: len(rest) - len(rest_opts)]):
        if arg.text in ("-c", "--command") and index + 1 < len(rest):
            _script_arg(w, rest[index + 1], "flock -c script")
            return
    w.run_argv(rest_opts if rest and rest[0].text.startswith("-") else rest, cmd.stdin)


def _script_arg(w: Walker, arg: Arg, what: str) -> None:
    if arg.static:
        w.script(arg.text, what)
    else:
        w.flag("dynamic_command", f"{what} is known only at run time")


def capsh(cmd: Cmd, w: Walker) -> None:
    """``capsh [opts] -- ARGS``: ARGS are handed to /bin/bash."""
    values = cmd.values()
    if "--" in values:
        w.run_argv([literal("bash"), *cmd.args[values.index("--") + 1 :]], cmd.stdin)
    elif "--shell" in values or any(v.startswith("--shell=") for v in values):
        w.flag("dynamic_command", "capsh starts a shell")


def perf(cmd: Cmd, w: Walker) -> None:
    """``perf stat|record|trace [opts] CMD…`` runs CMD."""
    if not cmd.args or cmd.args[0].text not in ("stat", "record", "trace", "sched", "mem"):
        return
    w.run_argv(skip_options(cmd.args[1:], {"-e", "-o", "-p", "-r", "-x", "-I", "-t", "-C", "-G"}))


def script_cmd(cmd: Cmd, w: Walker) -> None:
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


def tmux(cmd: Cmd, w: Walker) -> None:
    args = skip_options(cmd.args, {"-L", "-S", "-f", "-T"})
    if not args or args[0].text not in _TMUX_RUNS:
        return
    words = skip_options(args[1:], _TMUX_VALUE)
    texts = [a for a in words if a.text not in ("Enter", "C-m", "KPEnter")]
    if not texts:
        return
    if not all(a.static for a in texts):
        w.flag("dynamic_command", f"tmux {args[0].text} runs a command known only at run time")
        return
    w.script(" ".join(a.text for a in texts), f"tmux {args[0].text} command")


def screen(cmd: Cmd, w: Walker) -> None:
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


def start_stop(cmd: Cmd, w: Walker) -> None:
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


_CORE_DUMP = re.compile(r"^\s*(generate-core-file|gcore|dump\s+(binary\s+)?(memory|value))\b")


def gdb(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "--args" in values:  # `gdb -batch -ex run --args PROG …`: the debugger runs PROG
        w.run_argv(cmd.args[values.index("--args") + 1 :], cmd.stdin)
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
        if _CORE_DUMP.match(command):
            # credential_read: the core file is the attached process's memory, secrets in it
            w.flag("credential_read", "gdb writes a process's memory to a file")


_MAKE_STDIN = frozenset({"-f-", "-f/dev/stdin", "--file=-", "--file=/dev/stdin", "--makefile=-"})


def make(cmd: Cmd, w: Walker) -> None:
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


def npx(cmd: Cmd, w: Walker) -> None:
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
    argv = skip_options(args, {"-p", "--package", "--node-options"})
    if argv:
        package = argv[0].text.rsplit("@", 1)[0] if argv[0].text.count("@") else argv[0].text
        w.run_argv([literal(package.rsplit("/", 1)[-1] or package), *argv[1:]], cmd.stdin)


def coproc(cmd: Cmd, w: Walker) -> None:
    args = cmd.args[2:] if len(cmd.args) > 1 and cmd.args[1].text == "{" else cmd.args
    if args and args is cmd.args and args[0].text != "{":
        w.run_argv(args, cmd.stdin, cmd.redirects)  # `coproc prog 'a | b'`: its words, quoted
    elif args and all(a.static for a in args):
        text = " ".join(a.text for a in args).rstrip("}").strip()
        w.script(text[1:] if text.startswith("{") else text, "coproc command")  # { …; }
    elif args:
        w.flag("dynamic_command", "coproc runs a command known only at run time")


def alias(cmd: Cmd, w: Walker) -> None:
    from clawkeep.guards.command_guard._walk_calls import alias_call, define_alias

    for arg in cmd.args:
        if "=" in arg.text and arg.static:
            name, body = arg.text.split("=", 1)
            if not alias_call(w, body):
                w.script(body, "alias body", scope="maybe")
            define_alias(w, name, body)  # a later call runs the body with its arguments


def trap(cmd: Cmd, w: Walker) -> None:
    operands = [a for a in cmd.args if not a.text.startswith("-")]
    if len(operands) >= 2:
        if not operands[0].static:
            w.flag("dynamic_command", "trap runs a handler known only at run time")
        else:
            w.script(operands[0].text, "trap handler", scope="maybe")


def watch(cmd: Cmd, w: Walker) -> None:
    rest = skip_options(cmd.args, {"-n", "--interval", "-d", "-q", "--equexit", "-s"})
    own = cmd.args[: len(cmd.args) - len(rest)]  # `watch echo -x \; rm …` joins the words
    if any(a.text in ("-x", "--exec") or re.match(r"^-[a-wyz]*x", a.text) for a in own):
        w.run_argv(rest)
    elif rest and all(a.static for a in rest):
        w.script(" ".join(a.text for a in rest), "watch command")
    elif rest:
        w.flag("dynamic_command", "watch runs a command known only at run time")
