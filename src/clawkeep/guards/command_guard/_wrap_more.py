"""More programs that run a command they are handed: benchmark and file-watch runners
(``hyperfine 'CMD'``, ``entr -s 'CMD'``), terminal emulators whose ``-e``/``--command``
is shell text and ``-x``/``--`` an argv, ``bwrap``'s sandbox (options with two values),
``cset … --exec``, ``keyctl session NAME CMD``. What they run is judged like ``bash -c``
text or a wrapper's argv, so a wrapper the rules did not know does not hide a command.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import Arg
from clawkeep.guards.command_guard._wrap_argv import skip_options, wrapper
from clawkeep.guards.command_guard._wrap_tables import WRAP_SPEC

__all__ = ["MORE_WRAPPERS", "runs_argv"]


def _text(w: Walker, arg: Arg, what: str) -> None:
    if arg.static:
        w.script(arg.text, what)
    else:
        w.flag("dynamic_command", f"{what} is known only at run time")


# hyperfine: every operand, and the setup, prepare, cleanup and conclude options, is a
# command line it runs through a shell
_HYPERFINE_TEXT = frozenset({"-p", "--prepare", "-c", "--cleanup", "-s", "--setup"})
_HYPERFINE_TEXT |= frozenset({"--conclude", "-S", "--shell"})
_HYPERFINE_VALUES = frozenset({"-w", "--warmup", "-r", "--runs", "-m", "--min-runs", "-M"})
_HYPERFINE_VALUES |= frozenset({"--max-runs", "-n", "--command-name", "-u", "--time-unit"})
_HYPERFINE_VALUES |= frozenset({"--export-json", "--export-csv", "--export-markdown"})
_HYPERFINE_VALUES |= frozenset({"--export-asciidoc", "--export-orgmode", "--style", "-o"})
_HYPERFINE_VALUES |= frozenset({"--output", "--input", "--sort", "-L", "--parameter-list"})


def hyperfine(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    index = 0
    while index < len(args):
        text = args[index].text
        if "=" in text and text.startswith("--") and text.split("=", 1)[0] in _HYPERFINE_TEXT:
            flag, value = text.split("=", 1)
            value += " -c true" if flag == "--shell" else ""
            _text(w, Arg(value), f"hyperfine {flag} command")
        elif text in _HYPERFINE_TEXT and index + 1 < len(args):
            given = args[index + 1]
            if text in ("-S", "--shell"):  # the shell is a command line, run with -c CMD
                given = Arg(given.text + " -c true") if given.static else given
            _text(w, given, f"hyperfine {text} command")
            index += 1
        elif text in _HYPERFINE_VALUES or text == "-P" or text == "--parameter-scan":
            index += 3 if text in ("-P", "--parameter-scan") else 1
        elif not text.startswith("-"):
            _text(w, args[index], "hyperfine command")
        index += 1


def entr(cmd: Cmd, w: Walker) -> None:
    """``entr [-acdnprsz] UTILITY ARGS`` runs the argv; with ``-s`` its one word is shell text."""
    argv = skip_options(cmd.args, frozenset())
    own = [a.text for a in cmd.args[: len(cmd.args) - len(argv)]]
    if any(t.startswith("-") and not t.startswith("--") and "s" in t for t in own) and argv:
        _text(w, argv[0], "entr -s command")
    else:
        w.run_argv(argv)


# Terminals whose -e/--command names one string of shell text; -x/--execute/-- an argv.
_STRING_TERMINALS = frozenset({"gnome-terminal", "mate-terminal", "xfce4-terminal", "tilix"})
_STRING_TERMINALS |= frozenset({"terminator", "lxterminal", "sakura", "qterminal", "guake"})


def string_terminal(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    for index, arg in enumerate(args):
        text = arg.text
        if text in ("-x", "--execute", "--") and index + 1 < len(args):
            w.run_argv(list(args[index + 1 :]))
            return
        if text in ("-e", "--command") and index + 1 < len(args):
            _text(w, args[index + 1], f"{cmd.name} {text} command")
        elif text.startswith(("--command=", "-e=")):
            _text(w, Arg(text.split("=", 1)[1]), f"{cmd.name} --command")


# bwrap's options that take two values, then those that take one; the argv follows them.
_BWRAP_TWO = frozenset({"--bind", "--ro-bind", "--dev-bind", "--bind-try", "--ro-bind-try"})
_BWRAP_TWO |= frozenset({"--dev-bind-try", "--symlink", "--setenv", "--file", "--bind-data"})
_BWRAP_TWO |= frozenset({"--ro-bind-data", "--chmod", "--overlay-src"})
_BWRAP_FLAGS = frozenset({"--unshare-all", "--share-net", "--unshare-user", "--unshare-ipc"})
_BWRAP_FLAGS |= frozenset({"--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup"})
_BWRAP_FLAGS |= frozenset({"--unshare-user-try", "--unshare-cgroup-try", "--die-with-parent"})
_BWRAP_FLAGS |= frozenset({"--new-session", "--as-pid-1", "--clearenv", "--disable-userns"})
_BWRAP_FLAGS |= frozenset({"--assert-userns-disabled", "--help", "--version", "--level-prefix"})


def bwrap(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    index = 0
    while index < len(args) and args[index].text.startswith("--"):
        text = args[index].text
        if text == "--":
            index += 1
            break
        index += 3 if text in _BWRAP_TWO else 1 if text in _BWRAP_FLAGS else 2
    w.run_argv(list(args[index:]), cmd.stdin, cmd.redirects)


# Terminals whose -e (or --command, -x, --) takes the rest of the line as an argv; their
# other options are many and some take a value, so the argv is found by the marker.
_ARGV_TERMINALS = frozenset({"xterm", "uxterm", "urxvt", "rxvt", "st", "alacritty"})
_ARGV_TERMINALS |= frozenset({"konsole", "x-terminal-emulator", "lxterm", "aterm", "eterm"})


def argv_terminal(cmd: Cmd, w: Walker) -> None:
    values = [a.text for a in cmd.args]
    at = next((i for i, v in enumerate(values) if v in ("-e", "--command", "-x", "--")), None)
    if at is not None:
        w.run_argv(list(cmd.args[at + 1 :]), cmd.stdin, cmd.redirects)
    elif cmd.name in WRAP_SPEC:
        wrapper(cmd, w)


def runcon(cmd: Cmd, w: Walker) -> None:
    """``runcon CONTEXT CMD…`` or ``runcon [-u U] [-r R] [-t T] [-l L] CMD…``."""
    with_value = WRAP_SPEC["runcon"][0]
    given = bool(cmd.args) and cmd.args[0].text.startswith("-")
    argv = skip_options(cmd.args, with_value) if given else cmd.args[1:]
    w.run_argv(list(argv), cmd.stdin, cmd.redirects)


# Terminals and multiplexers driven from the command line: a verb that starts a program in
# a new window or pane (its argv), and one that types text into a window (a shell reads it
# there, as from `xdotool type`). tool -> (launch verbs, typing verbs, options with a value)
_REMOTE: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "kitty": (
        frozenset({"launch", "new-window"}),
        frozenset({"send-text"}),
        frozenset({"--type", "--cwd", "--title", "-m", "--match", "--env", "--var"}),
    ),
    "wezterm": (
        frozenset({"start", "spawn"}),
        frozenset({"send-text"}),
        frozenset({"--cwd", "--class", "--config-file", "--pane-id", "--window-id"}),
    ),
    "zellij": (
        frozenset({"run"}),
        frozenset({"write-chars"}),
        frozenset({"-n", "--name", "--cwd", "-d", "--direction", "-s", "--session"}),
    ),
}
_REMOTE["kitten"] = _REMOTE["kitty"]


def remote_terminal(cmd: Cmd, w: Walker) -> None:
    """``kitty @ launch CMD``, ``wezterm cli spawn -- CMD``, ``zellij run -- CMD`` run CMD;
    ``kitty @ send-text``, ``wezterm cli send-text``, ``zellij action write-chars`` type
    their text into a shell."""
    launch, typing, with_value = _REMOTE[cmd.name]
    args = [a for a in skip_options(cmd.args, with_value) if a.text not in ("@", "cli", "action")]
    if not args:
        return
    verb, rest = args[0].text, skip_options(args[1:], with_value)
    if verb not in launch | typing and cmd.name in WRAP_SPEC:
        wrapper(cmd, w)  # `kitty CMD`: a new terminal running CMD
    elif verb in launch:
        w.run_argv(list(rest), cmd.stdin, cmd.redirects)
    elif verb in typing and rest:
        if all(a.static for a in rest):
            text = " ".join(a.text for a in rest).replace("\\r", "\n").replace("\\n", "\n")
            w.script(text, f"text {cmd.name} {verb} types into a terminal")
        else:
            w.flag("dynamic_command", f"{cmd.name} {verb} types text known only at run time")


def abduco(cmd: Cmd, w: Walker) -> None:
    """``abduco -n|-c|-A NAME [CMD…]`` runs CMD in a detachable session."""
    values = [a.text for a in cmd.args]
    at = next((i for i, v in enumerate(values) if v in ("-n", "-c", "-A")), None)
    if at is not None and at + 2 < len(values):
        w.run_argv(list(cmd.args[at + 2 :]), cmd.stdin, cmd.redirects)


def cset(cmd: Cmd, w: Walker) -> None:
    """``cset shield|proc … --exec|-e CMD [-- ARGS]``: runs CMD in the CPU set."""
    values = [a.text for a in cmd.args]
    at = next((i for i, v in enumerate(values) if v in ("-e", "--exec")), None)
    if at is not None:
        argv = [a for a in cmd.args[at + 1 :] if a.text != "--"]
        w.run_argv(argv, cmd.stdin, cmd.redirects)


def keyctl(cmd: Cmd, w: Walker) -> None:
    """``keyctl session NAME CMD…`` runs CMD in a new keyring session."""
    values = [a.text for a in cmd.args]
    if len(values) > 2 and values[0] == "session":
        w.run_argv(list(cmd.args[2:]), cmd.stdin, cmd.redirects)


MORE_WRAPPERS: dict[str, Rule] = {"hyperfine": hyperfine, "entr": entr, "bwrap": bwrap}
MORE_WRAPPERS |= {"cset": cset, "keyctl": keyctl, "runcon": runcon}
MORE_WRAPPERS |= {name: argv_terminal for name in _ARGV_TERMINALS}
MORE_WRAPPERS |= {name: remote_terminal for name in _REMOTE}
MORE_WRAPPERS |= {"abduco": abduco}
MORE_WRAPPERS |= {name: string_terminal for name in _STRING_TERMINALS}


# Wrappers whose own output is the program's (a pipeline stage `command curl URL | sh`):
# their options that take a value, and the operands before the program.
_PASS_ON: dict[str, tuple[frozenset[str], int]] = {
    "command": (frozenset(), 0),
    "flock": (frozenset({"-w", "--wait", "--timeout", "-E", "--conflict-exit-code"}), 1),
    "coproc": (frozenset(), 0),
}


def runs_argv(name: str, values: list[str]) -> list[str] | None:
    """The argv a wrapper stage runs, whose output is the stage's, or None."""
    spec = _PASS_ON.get(name)
    if spec is None:
        return None
    rest = [a.text for a in skip_options([Arg(v) for v in values], *spec)]
    own = values[: len(values) - len(rest)]
    if name == "command" and {"-v", "-V"} & set(own):
        return None
    return rest
