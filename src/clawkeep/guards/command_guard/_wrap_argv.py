"""The argv a prefix wrapper runs (sudo, env, nice, timeout, su, nsenter, command ...),
and whether it opens a shell as another user or hands a loader variable to root.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Set as AbstractSet

from clawkeep.guards.command_guard._net_tables import SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Walker, command_name
from clawkeep.guards.command_guard._walk_vars import ELEVATE, LOADER_VARS
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg, literal
from clawkeep.guards.command_guard._wrap_tables import WRAP_SPEC

__all__ = ["command", "env", "nsenter", "skip_options", "su", "wrapper"]


def skip_options(args: list[Arg], with_value: AbstractSet[str], positional: int = 0) -> list[Arg]:
    """The words from the first one that is not an option or an option's value."""
    index = 0
    while index < len(args) and args[index].text.startswith("-") and args[index].text != "-":
        flag = args[index].text
        index += 1
        if flag == "--":
            break
        if flag in with_value or _cluster_takes_next(flag, with_value):
            index += 1
    return args[index + positional :]


def _cluster_takes_next(flag: str, with_value: AbstractSet[str]) -> bool:
    """``-fo FILE``, ``-Eu USER``, ``-xw 5``: short options run together, the last of them
    taking the next word (a value-taking letter before the last takes the rest instead)."""
    if len(flag) < 3 or flag.startswith("--"):
        return False
    for index, letter in enumerate(flag[1:], start=2):
        if "-" + letter in with_value:
            return index == len(flag)
    return False


_ELEVATE = ELEVATE
_FD_NAME = re.compile(r"^\{[A-Za-z_][A-Za-z0-9_]*(\[[0-9A-Za-z_]*\])?\}$")


def wrapper(cmd: Cmd, w: Walker) -> None:
    with_value, positional = WRAP_SPEC[cmd.name]
    own = {a.text for a in cmd.args[: len(cmd.args) - len(skip_options(cmd.args, with_value))]}
    su_form = {"-c", "--command"} & set(cmd.values()) and not {"-u", "--user"} & own
    if cmd.name in ("runuser", "sg") and su_form:  # not `runuser -u U -- vim -c …`'s -c
        su(cmd, w)  # runuser USER -c SCRIPT and sg GROUP -c SCRIPT are su's form
        return
    if cmd.name in ("sudo", "doas", "runuser") and own & {"-s", "-i", "-su"}:
        w.flag("privilege", f"{cmd.name} opens a root shell")
        return
    argv = skip_options(cmd.args, with_value, positional)
    if cmd.name == "setarch":
        argv = skip_options(argv, set())  # setarch ARCH -R CMD: its flags follow the arch
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
    if cmd.name == "exec" and argv and _FD_NAME.match(argv[0].text):
        argv = argv[1:]  # `exec {fd}>&-`, `exec {UP[1]}>&-`: a descriptor named by a variable
    fed = cmd.stdin is not None or any(r.op in ("<", "<<", "<<<") for r in cmd.redirects)
    if cmd.name in _ELEVATE and argv and not fed and _bare_shell(argv):
        # privilege: an interactive shell as another user runs whatever comes next
        w.flag("privilege", f"{cmd.name} opens a shell as another user")
        return
    w.run_argv(argv, cmd.stdin, cmd.redirects)


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


def nsenter(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    into_init = any(v in ("-t", "--target") for v in values) and "1" in values
    if into_init or "--target=1" in values:
        w.flag("privilege", "nsenter enters the namespaces of init, outside the sandbox")
        return
    wrapper(cmd, w)


def command(cmd: Cmd, w: Walker) -> None:
    argv = skip_options(cmd.args, set())
    if any(a.text in ("-v", "-V") for a in cmd.args[: len(cmd.args) - len(argv)]):
        return  # command -v only looks the name up (its own option, not the program's)
    w.run_argv(argv, cmd.stdin, cmd.redirects)


def su(cmd: Cmd, w: Walker) -> None:
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


_ENV_S = re.compile(r"^-[0iv]*S(.*)$", re.DOTALL)


def env(cmd: Cmd, w: Walker) -> None:
    args = list(cmd.args)
    cluster: re.Match[str] | None = None
    chdir: Arg | None = None
    while args:
        text = args[0].text
        if text in ("-C", "--chdir") and len(args) > 1:
            chdir, args = args[1], args[2:]
        elif text.startswith("--chdir="):
            chdir, args = literal(text.split("=", 1)[1]), args[1:]
        elif text in ("-u", "--unset") and len(args) > 1:
            args = args[2:]
        elif (
            text in ("-S", "--split-string")
            or text.startswith("--split-string=")
            or (
                (cluster := _ENV_S.match(text)) is not None  # -iS 'CMD', -S'CMD': run together
            )
        ):
            if "=" in text and text.startswith("--"):
                split, rest = literal(text.split("=", 1)[1]), args[1:]
            elif cluster is not None and cluster.group(1):
                split, rest = literal(cluster.group(1)), args[1:]
            elif len(args) > 1:
                split, rest = args[1], args[2:]
            else:
                return
            if split.static and all(a.static for a in rest):
                # env -S 'python3 -u' run.py: the split words, then the arguments after them
                tail = " ".join(shlex.quote(a.text) for a in rest)
                w.script(f"{split.text} {tail}".strip(), "env -S string")
            else:
                w.flag("dynamic_command", "env -S runs a string known only at run time")
            return
        elif text.startswith("-") or re.match(r"^[^=]+=", text):  # env: any NAME=, BASH_FUNC_f%%=
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
        w.run_argv(args, cmd.stdin, cmd.redirects)
        return
    saved = w.cwd
    w.cwd = UNKNOWN if not chdir.static else w.place(chdir.text).path  # env -C: its cwd
    try:
        w.run_argv(args, cmd.stdin, cmd.redirects)
    finally:
        w.cwd = saved
