"""Still more programs that run a command they are handed: moreutils' ``pee`` and
``mispipe`` (each argument through ``sh -c``), ``niceload CMD…``, the file watchers
``nodemon --exec 'CMD'`` and ``watchexec [--] CMD…``, lldb's ``-o 'platform shell CMD'``,
ansible's ad-hoc ``-m shell|command|raw -a 'CMD'``, and the Perl ``rename`` family whose
first operand is Perl code (``prename 'system(…)' f``), and ``perl6 -e`` (Raku code, though
its name makes it perl to the rules). What they run is judged like ``bash -c`` text, a
wrapper's argv or inline code; ansible's file modules on localhost write their ``dest=``.
"""

from __future__ import annotations

import re
import shlex

from clawkeep.guards.command_guard._fx_args import value_of, values_of
from clawkeep.guards.command_guard._io_args import operands_of
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker, command_name
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg, literal
from clawkeep.guards.command_guard._wrap_argv import skip_options

__all__ = ["RAKU_RULES", "RUN_WRAPPERS"]

_PLAIN = re.compile(r"[\w./=:@%+,-]+")


def _shell_text(arg: Arg, w: Walker, what: str, cmd: Cmd | None = None) -> None:
    """Text a program hands to ``sh -c``; a plain argv (`sh`, `python3 x.py`) reads the
    program's input, so it is judged as an argv fed that input."""
    if not arg.static or UNKNOWN in arg.text:
        # dynamic_command: the command is known only at run time
        w.flag("dynamic_command", f"{what} is known only at run time")
        return
    words = arg.text.split()
    plain = words and "=" not in words[0] and all(_PLAIN.fullmatch(word) for word in words)
    if cmd is not None and plain:
        w.run_argv([literal(word) for word in words], cmd.stdin, cmd.redirects)
    else:
        w.script(arg.text, what)


def pee(cmd: Cmd, w: Walker) -> None:
    """``pee 'CMD' 'CMD'…``: each argument runs through ``sh -c``, fed pee's input."""
    for arg in cmd.args:
        if not arg.text.startswith("--"):
            _shell_text(arg, w, "a pee command", cmd)


def mispipe(cmd: Cmd, w: Walker) -> None:
    """``mispipe 'CMD1' 'CMD2'``: the two run through ``sh -c`` as CMD1 | CMD2."""
    args = cmd.args
    if len(args) < 2 or not all(a.static and UNKNOWN not in a.text for a in args[:2]):
        if args:
            w.flag("dynamic_command", "mispipe runs a command known only at run time")
        return
    w.script(f"(\n{args[0].text}\n) | (\n{args[1].text}\n)", "the mispipe pipeline")


# niceload's options that take a value; the argv follows them (-p PID: no command)
_NICELOAD_VALUES = frozenset({"-f", "--factor", "-I", "--io", "-L", "--load", "-l", "-m"})
_NICELOAD_VALUES |= frozenset({"--mem", "-n", "--nice", "-p", "--pid", "-s", "--suspend"})
_NICELOAD_VALUES |= frozenset({"-t", "--recheck", "--prg", "--sensor", "--run-io", "--ri"})
_NICELOAD_VALUES |= frozenset({"--run-load", "--rl", "--run-mem", "--rm", "--start-io"})
_NICELOAD_VALUES |= frozenset({"--si", "--start-load", "--sl", "--start-mem", "--sm"})


def niceload(cmd: Cmd, w: Walker) -> None:
    """``niceload [OPTIONS] CMD…`` runs the argv; ``--sensor 'CMD'`` runs shell text."""
    for value in values_of(cmd.args, ("--sensor",)):
        _shell_text(literal(value), w, "the niceload --sensor command")
    w.run_argv(skip_options(cmd.args, _NICELOAD_VALUES), cmd.stdin, cmd.redirects)


# nodemon's options whose value is the next word; -x/--exec is shell text it runs
_NODEMON_VALUES = frozenset({"-w", "--watch", "-i", "--ignore", "-e", "--ext", "-d"})
_NODEMON_VALUES |= frozenset({"--delay", "--signal", "--config", "-C", "--cwd", "-P"})
_NODEMON_VALUES |= frozenset({"--polling-interval", "--exec", "-x"})


def nodemon(cmd: Cmd, w: Walker) -> None:
    """``nodemon --exec 'CMD'`` runs CMD through a shell; ``nodemon app.js`` runs node."""
    found = False
    for index in range(len(cmd.args)):
        for flag in ("--exec", "-x"):
            value = value_of(cmd.args, index, flag)
            if value is not None and not (flag == "-x" and cmd.args[index].text[:2] == "--"):
                found = True
                given = cmd.args[index + 1] if cmd.args[index].text == flag else literal(value)
                _shell_text(given, w, f"the nodemon {flag} command")
    rest = skip_options(cmd.args, _NODEMON_VALUES)
    if not found and rest and rest[0].text.endswith((".js", ".mjs", ".cjs")):
        w.run_argv([literal("node"), *rest], cmd.stdin)  # the script it restarts


# watchexec's options whose value is the next word (a long one may take it after `=`)
_WATCHEXEC_VALUES = frozenset({"-e", "--exts", "-f", "--filter", "-i", "--ignore", "-w"})
_WATCHEXEC_VALUES |= frozenset({"--watch", "-W", "--watch-non-recursive", "-d", "--debounce"})
_WATCHEXEC_VALUES |= frozenset({"-s", "--signal", "--shell", "-E", "--env", "--stop-signal"})
_WATCHEXEC_VALUES |= frozenset({"--stop-timeout", "--delay-run", "--poll", "--workdir", "-F"})
_WATCHEXEC_VALUES |= frozenset({"--project-origin", "--filter-file", "--ignore-file", "-j"})
_WATCHEXEC_VALUES |= frozenset({"--emit-events-to", "--on-busy-update", "-o", "--color"})
_WATCHEXEC_VALUES |= frozenset({"--filter-prog", "--fs-events", "--socket", "--wrap-process"})
_WATCHEXEC_VALUES |= frozenset({"--timeout", "--log-file", "--completions", "--manual"})


def watchexec(cmd: Cmd, w: Walker) -> None:
    """``watchexec [OPTIONS] [--] CMD…``: the words, joined, run through a shell (its
    ``--shell=none``/``-n``: exec'd as an argv)."""
    values = cmd.values()
    argv = list(skip_options(cmd.args, _WATCHEXEC_VALUES))
    if "--" in values:
        argv = list(cmd.args[values.index("--") + 1 :])
    if not argv:
        return
    own = values[: len(values) - len(argv)]
    shell = values_of(cmd.args, ("--shell",))
    if "-n" in own or "none" in shell:
        w.run_argv(argv, cmd.stdin, cmd.redirects)
        return
    if not all(a.static and UNKNOWN not in a.text for a in argv):
        w.flag("dynamic_command", "watchexec runs a command known only at run time")
        return
    for name in shell:  # the shell is a command line, run with -c CMD
        _shell_text(literal(name + " -c true"), w, "the watchexec --shell")
    w.script(" ".join(a.text for a in argv), "the watchexec command")


# lldb's options whose value is one lldb command, and those naming a file of commands
_LLDB_COMMANDS: tuple[str, ...] = ("-o", "--one-line", "-O", "--one-line-before-file", "-k")
_LLDB_COMMANDS += ("--one-line-on-crash",)
_LLDB_SHELL = re.compile(r"^\s*(?:platform\s+shell|shell|_regexp-shell|!)\s*(?:-\S+\s+)*(.*)$")
_LLDB_SCRIPT = re.compile(r"^\s*(?:script|scr)\b\s*(?:-l\s+python\s+|--language\s+python\s+)?(.*)$")
_LLDB_RUN = re.compile(r"^\s*(?:r|run|process\s+launch)\b")


_LLDB_VALUES = frozenset({"-a", "--arch", "-c", "--core", "-p", "--attach-pid", "-n", "-l"})
_LLDB_VALUES |= frozenset({"--attach-name", "-f", "--file", "--script-language", "-s", "-S"})
_LLDB_VALUES |= frozenset({"--source", "--source-before-file", "-K", "--source-on-crash"})
_LLDB_VALUES |= frozenset(_LLDB_COMMANDS)


def lldb(cmd: Cmd, w: Walker) -> None:
    """``lldb -o 'platform shell CMD'`` runs CMD in a shell, ``-o 'script CODE'`` runs
    Python, a ``-s FILE`` the line wrote holds such commands; the target program (``-f``
    or the first operand, its arguments after ``--``) is started by ``run``."""
    values = cmd.values()
    commands = values_of(cmd.args, _LLDB_COMMANDS)
    for path in values_of(cmd.args, ("-s", "--source", "-S", "--source-before-file")):
        commands += w.written.get(w.place(path).path, "").split("\n")
    for text in commands:
        if UNKNOWN in text:
            w.flag("dynamic_command", "lldb runs a command known only at run time")
            continue
        if (match := _LLDB_SHELL.match(text)) is not None and match.group(1).strip():
            w.script(match.group(1), "an lldb shell command")
        elif (match := _LLDB_SCRIPT.match(text)) is not None and match.group(1).strip():
            w.code("python", match.group(1))
    end = values.index("--") if "--" in values else len(values)
    target = values_of(cmd.args[:end], ("-f", "--file")) or operands_of(values[:end], _LLDB_VALUES)
    after = list(cmd.args[end + 1 :])
    argv = [literal(target[0]), *after] if target else after
    if argv:  # `lldb -b -o run -- PROG ARGS`: the debugger starts PROG
        w.run_argv(argv, cmd.stdin)


# ansible's ad-hoc modules whose arguments are a command line (free form, or cmd=…)
_ANSIBLE_COMMANDS = frozenset({"shell", "command", "raw", "script", "expect"})
# modules that write the file their dest=/path= names, and those that start a program later
_ANSIBLE_WRITES = frozenset({"copy", "template", "lineinfile", "blockinfile", "replace"})
_ANSIBLE_WRITES |= frozenset({"file", "get_url", "unarchive", "assemble", "fetch", "uri"})
_ANSIBLE_VALUES = frozenset({"-m", "--module-name", "-a", "--args", "-i", "--inventory", "-u"})
_ANSIBLE_VALUES |= frozenset({"-c", "--connection", "-e", "--extra-vars", "-f", "--forks"})
_ANSIBLE_VALUES |= frozenset({"-l", "--limit", "-B", "-P", "-t", "--tree", "-T", "--timeout"})
_ANSIBLE_VALUES |= frozenset({"--become-user", "--become-method", "--user", "--private-key"})
_ANSIBLE_VALUES |= frozenset({"--vault-password-file", "-M", "--module-path", "--key-file"})
_ANSIBLE_LATER = frozenset({"cron", "authorized_key", "systemd", "systemd_service", "service"})


def _key_values(text: str) -> dict[str, str]:
    try:
        words = shlex.split(text)
    except ValueError:
        return {}
    return dict(word.split("=", 1) for word in words if re.match(r"^\w+=", word))


def ansible(cmd: Cmd, w: Walker) -> None:
    """``ansible HOSTS -m shell -a 'CMD'``: the module runs CMD (command is the default
    module; ``script`` runs a local script there); ``-m copy -a 'dest=…'`` writes there."""
    modules = values_of(cmd.args, ("-m", "--module-name"))
    given = values_of(cmd.args, ("-a", "--args"))
    module = modules[-1].rsplit(".", 1)[-1] if modules else "command"
    values = cmd.values()
    if {"-C", "--check"} & set(values):
        return  # a dry run: the module reports what it would change
    hosts = operands_of(values, _ANSIBLE_VALUES)[:1]
    connection = values_of(cmd.args, ("-c", "--connection"))
    # a file module's path is on the machines of the inventory: here only for localhost
    here = "local" in connection or hosts in (["localhost"], ["127.0.0.1"])
    for text in given:
        if UNKNOWN in text:
            w.flag("dynamic_command", f"ansible's {module} module is given text known at run time")
            continue
        keys = _key_values(text)
        if module in _ANSIBLE_COMMANDS:
            line = ("sh " if module == "script" else "") + text  # a local script, run there
            w.script(line, f"ansible's {module} module")
            if "cmd" in keys:
                w.script(keys["cmd"], f"ansible's {module} module")
        elif module in _ANSIBLE_WRITES and here:
            for key in ("dest", "path", "name"):
                if key in keys and module == "file" and keys.get("state") == "absent":
                    w.run_argv([literal("rm"), literal("-rf"), literal(keys[key])])
                elif key in keys:
                    write_target(w.place(keys[key]), w, f"ansible's {module} module")
        elif module in _ANSIBLE_LATER and here:
            # persistence: a cron job, an authorized key or a service runs or logs in later
            w.flag("persistence", f"ansible's {module} module sets up what runs later")


# Perl rename (prename, file-rename, perl-rename; Debian's `rename`): its first operand is
# Perl code run on each name (util-linux rename's FROM TO are literal text, harmless as code)
_RENAME_VALUES = frozenset({"-e", "-E", "-u", "--unicode"})


def rename(cmd: Cmd, w: Walker) -> None:
    """The Perl code rename runs (``-e CODE``, else the first operand); each file it
    renames is moved, a write where it lies."""
    values = cmd.values()
    codes = [values[i + 1] for i, v in enumerate(values[:-1]) if v in ("-e", "-E")]
    operands = operands_of(values, _RENAME_VALUES)
    if not codes and operands:
        codes, operands = [operands[0]], operands[1:]
    if not all(UNKNOWN not in code for code in codes):
        w.flag("dynamic_command", f"{cmd.name} runs Perl code known only at run time")
    elif codes:
        w.code("perl", "\n".join(codes))  # s/…/system(…)/e, or any expression, runs
    if {"-n", "--nono", "--dry-run", "--no-act", "--just-print"} & set(values):
        return
    for path in operands:
        if UNKNOWN not in path:
            write_target(w.place(path), w, f"{cmd.name} renames")


def perl6(cmd: Cmd, w: Walker) -> None:
    """``perl6 -e CODE`` is Raku, though its name makes it ``perl`` to the rules: the code
    is judged in Raku too (``shell "…"``, ``run <…>``, ``qx{…}``)."""
    if not command_name(cmd.word).startswith("perl6"):
        return
    codes = [v for v in values_of(cmd.args, ("-e",)) if not v.startswith("-")]
    if any(UNKNOWN in code for code in codes):
        w.flag("dynamic_command", "perl6 runs code known only at run time")
    elif codes:
        w.code("raku", "\n".join(codes))


# perl6's rule: its cmd.name is perl (a rule, not a wrapper: perl keeps its own rules)
RAKU_RULES: dict[str, Rule] = {"perl": perl6}
RUN_WRAPPERS: dict[str, Rule] = {"pee": pee, "mispipe": mispipe, "niceload": niceload}
RUN_WRAPPERS |= {"nodemon": nodemon, "watchexec": watchexec, "lldb": lldb, "ansible": ansible}
RUN_WRAPPERS |= {name: rename for name in ("rename", "prename", "file-rename", "perl-rename")}
