"""Options whose value is a program a tool starts or a library it loads: ``wget
--use-askpass PROG``, ``gcc -wrapper PROG,ARGS``, ``ssh-keygen -D LIB``, ``ssh -I LIB``;
and tools that run a file this line wrote as code: ``nmap --script F`` (Lua), ``pip install
DIR`` (DIR/setup.py, Python), ``ansible-playbook F`` (its shell and command tasks).

The program is judged as the argv it becomes (a bare shell, a file this line wrote, a
download); a library downloaded by this line and then loaded runs the download's code.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._bsd import rc_script
from clawkeep.guards.command_guard._defenses import uninstalls_watcher
from clawkeep.guards.command_guard._fx_args import value_of
from clawkeep.guards.command_guard._fx_inject import injected_app
from clawkeep.guards.command_guard._gateway import turns_on_gateway
from clawkeep.guards.command_guard._net_redirect import redirected
from clawkeep.guards.command_guard._net_trust_path import writes_trust_store
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_facts import (
    DISPLAY,
    DOUBLE_DASH,
    SUBSTS,
    TARGET_SUBSTS,
    word_bits,
)
from clawkeep.guards.command_guard._word_types import UNKNOWN, literal

__all__ = ["PROGRAM_RULES", "loads_download", "named_programs"]

# program -> (options naming a program it runs, options naming a library it loads);
# a program option's value may carry arguments after commas (gcc -wrapper sh,-s).
_PROGRAM_OPTIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "wget": (frozenset({"--use-askpass"}), frozenset()),
    "ssh-keygen": (frozenset(), frozenset({"-D"})),
    "ssh": (frozenset(), frozenset({"-I"})),
    "ssh-add": (frozenset(), frozenset({"-s", "-S"})),
    # sort pipes its temporary files through the program: `sh` runs their lines
    "sort": (frozenset({"--compress-program"}), frozenset()),
}
for _cc in ("gcc", "g++", "cc", "c++", "c89", "c99", "gfortran", "gccgo", "x86_64-linux-gnu-gcc"):
    _PROGRAM_OPTIONS[_cc] = (frozenset({"-wrapper"}), frozenset())


def loads_download(path: str, what: str, w: Walker) -> None:
    """A library this line downloaded, now loaded into a program: its code runs."""
    if posixpath.basename(path) in w.downloaded:
        # download_exec: loading a shared object runs its constructors
        w.flag("download_exec", f"{what} loads {path}, downloaded by this command line")


def _program_options(cmd: Cmd, w: Walker) -> None:
    programs, libraries = _PROGRAM_OPTIONS[cmd.name]
    for index in range(len(cmd.args)):
        for flag in programs:
            value = value_of(cmd.args, index, flag)
            if value is None or not value:
                continue
            if UNKNOWN in value:
                w.flag("dynamic_command", f"{cmd.name} {flag} runs a program known at run time")
                continue
            words = value.split(",") if flag == "-wrapper" else [value]
            w.run_argv([literal(word) for word in words if word])
        for flag in libraries:
            value = value_of(cmd.args, index, flag)
            if value:
                loads_download(value, f"{cmd.name} {flag}", w)


# Any tool's long option whose name says its value is a program or command line it runs
# (`--compress-program=`, `--exec=`, `--rsh=`, `--askpass=`, `--extcmd=`, `--pager=`),
# given as `--name=value`: the value is judged as the command it will be.
_NAMED_PROGRAM = re.compile(
    r"^--(?:[\w-]*-)?(?:program|command|cmd|exec|extcmd|wrapper|askpass|rsh|pager|editor"
    r"|helper)=(?P<v>.+)$",
    re.S,
)


# An X display on another machine (`-display 203.0.113.7:1`, `DISPLAY=host:0`): the
# client's windows, and a terminal's shell with them, are driven from there.
# The shells `uninstalls_watcher` reads a script operand of (its own list).
_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "busybox"})
_REMOTE_DISPLAY = re.compile(
    r"^(?!localhost:|127\.|unix:|\[?::1\]?:)[\w.:\[\]-]*[\w\]]:\d+(\.\d+)?$"
)
_TERMINALS = frozenset(
    [
        "xterm",
        "uxterm",
        "rxvt",
        "urxvt",
        "lxterm",
        "konsole",
        "gnome-terminal",
        "xfce4-terminal",
        "st",
        "kitty",
        "alacritty",
    ]
)


def remote_display(value: str, program: str, w: Walker) -> None:
    """Flag an X client (or every later one, for ``DISPLAY=``) shown on another host."""
    if not _REMOTE_DISPLAY.match(value):
        return
    if program in _TERMINALS:
        # reverse_shell: a terminal on a remote display hands its shell to that display
        w.flag("reverse_shell", f"{program} opens a terminal on the display {value}")
    else:
        # raw_socket: an X connection to another host, which can read and send keystrokes
        w.flag("raw_socket", f"{program} connects to the X display {value}")


def named_programs(cmd: Cmd, w: Walker) -> None:
    """The program an option of any tool names: run as the argv or script it becomes.

    Each check below first tests what it needs (a path as the command word, a shell, a
    substitution); that test is asked here, so a command without it skips the call."""
    by_path = "/" in cmd.word
    if by_path or cmd.name in _SHELLS:
        uninstalls_watcher(cmd, w)  # a host watcher's uninstaller, run by its path
    if by_path:
        injected_app(cmd, w)  # DYLD_INSERT_LIBRARIES into an installed macOS application
        rc_script(cmd, w)  # /etc/rc.d/pf stop: a service's script stopping a host defence
    redirected(cmd, w)  # a proxy, endpoint or pinned address elsewhere, checks off
    bits = word_bits(cmd)
    if bits & (SUBSTS | TARGET_SUBSTS):
        writes_trust_store(cmd, w)  # >> $(python -m certifi)
    turns_on_gateway(cmd, w)  # kill $(pgrep -f clawkeep), curl URL >> AGENTS.md
    values = cmd.values() if bits & DISPLAY else []  # every spelling starts `-d` or `--d`
    for i, value in enumerate(values):
        if not value.startswith("-"):
            continue  # every spelling of the display option starts with a dash
        if value.startswith(("-display=", "--display=")):
            remote_display(value.split("=", 1)[1], cmd.name, w)
        elif i + 1 < len(values) and (
            value in ("-display", "--display")
            # the X toolkit takes any unambiguous prefix: `xterm -d host:0`, `-disp`
            or (cmd.name in _TERMINALS and len(value) > 1 and "-display".startswith(value))
        ):
            remote_display(values[i + 1], cmd.name, w)
    for arg in cmd.args if bits & DOUBLE_DASH else ():  # `--…-program=CMD` is a long option
        found = _NAMED_PROGRAM.match(arg.text)
        if found is None:
            continue
        if UNKNOWN in arg.text:
            w.flag("dynamic_command", f"{cmd.name} runs a program named only at run time")
        else:
            w.script(found.group("v"), f"the program {arg.text.split('=', 1)[0]} names")


def _written(path: str, w: Walker) -> str | None:
    return w.written.get(w.place(path).path) if UNKNOWN not in path else None


def _nmap(cmd: Cmd, w: Walker) -> None:
    for index in range(len(cmd.args)):
        value = value_of(cmd.args, index, "--script")
        for item in (value or "").split(","):
            if (text := _written(item, w)) is not None:
                w.code("lua", text)  # an NSE script is Lua; os.execute and io.popen run commands
            elif "/" in item:
                loads_download(item, "nmap --script", w)


def _pip(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if cmd.name == "uv" and verbs[:1] == ["pip"]:
        verbs = verbs[1:]
    if verbs[:1] != ["install"]:
        return
    for operand in verbs[1:]:
        if (text := _written(operand.rstrip("/") + "/setup.py", w)) is not None:
            w.code("python", text)  # installing a source tree runs its setup.py


_PLAYBOOK_TASK = re.compile(
    r"\b(?:ansible\.builtin\.)?(?:shell|command|raw)\s*:\s*(?:\{\s*cmd\s*:\s*)?"
    r"(?P<q>[\"']?)(?P<s>[^\n]+?)(?P=q)\s*(?=[,}\]]|$)",
    re.M,
)


def _playbook(cmd: Cmd, w: Walker) -> None:
    for operand in (v for v in cmd.values() if not v.startswith("-")):
        text = _written(operand, w)
        for match in _PLAYBOOK_TASK.finditer(text or ""):
            w.script(match.group("s"), f"a task of {operand}")


PROGRAM_RULES: dict[str, Rule] = {name: _program_options for name in _PROGRAM_OPTIONS}
PROGRAM_RULES |= {"nmap": _nmap, "ansible-playbook": _playbook}
PROGRAM_RULES |= {name: _pip for name in ("pip", "pip3", "uv")}
