"""`tools.exec.ask` for host exec: which commands wait for the owner's approval.

OpenClaw's meanings: ``always`` asks for every host command; ``on-miss`` (the default)
asks unless every program on the line is in ``tools.exec.safeBins``; ``off`` asks for
none, except unknown code. Unknown code is asked for whatever the setting: running a file
(``./x``, ``sh t.sh``, ``python3 u.py``), any interpreter (``python3 -c``, ``bash -c``,
``eval``, ``source``), because no guard can see through every indirection of a file the
session wrote or code the model composed.
"""

from __future__ import annotations

import os
import re
import shlex
from typing import Final

__all__ = ["host_exec_ask"]

_INTERPRETERS = frozenset(
    {
        "sh",
        "bash",
        "dash",
        "zsh",
        "ksh",
        "fish",
        "busybox",
        "python",
        "python2",
        "python3",
        "perl",
        "ruby",
        "node",
        "nodejs",
        "deno",
        "bun",
        "php",
        "lua",
        "tclsh",
        "rscript",
        "java",
        "osascript",
        "pwsh",
        "powershell",
        "awk",
        "gawk",
        "mawk",
        "source",
        ".",
        "eval",
        "exec",
        "env",
        "xargs",
        "nohup",
        "sudo",
        "doas",
        "su",
        "timeout",
        "nice",
        "setsid",
        "make",
        "npx",
        "pip",
        "pip3",
        "npm",
        "uv",
        # Shells and interpreters under other names.
        "ash",
        "csh",
        "tcsh",
        "mksh",
        "yash",
        "rbash",
        "pypy",
        "pypy3",
        "ipython",
        "irb",
        "julia",
        "r",
        "guile",
        "expect",
        "gdb",
        # Wrappers that run the program or shell text given as an argument.
        "command",
        "builtin",
        "trap",
        "stdbuf",
        "ionice",
        "chrt",
        "taskset",
        "numactl",
        "prlimit",
        "cpulimit",
        "flock",
        "script",
        "unshare",
        "nsenter",
        "chroot",
        "setpriv",
        "runuser",
        "sg",
        "pkexec",
        "systemd-run",
        "start-stop-daemon",
        "watch",
        "strace",
        "ltrace",
        "valgrind",
        "fakeroot",
        "unbuffer",
        "rlwrap",
        "parallel",
        "run-parts",
        "at",
        "batch",
        "ssh",
        "tmux",
        "screen",
        "vi",
        "vim",
        "nvim",
        "ex",
        "ed",
        "emacs",
        "less",
        "more",
        "man",
        "chpst",
        "envdir",
        "softlimit",
        "setuidgid",
        "firejail",
        "bwrap",
        "proot",
        "capsh",
        "cgexec",
        "dbus-run-session",
        "xvfb-run",
        "sshpass",
        "faketime",
        "torsocks",
        "proxychains",
        "daemonize",
        # Build and package tools: they run the project's own code (a Makefile, a test).
        "go",
        "cargo",
        "mvn",
        "gradle",
        "ant",
        "cmake",
        "meson",
        "ninja",
        "rake",
        "bundle",
        "yarn",
        "pnpm",
        "composer",
        "dotnet",
        "swift",
        "ts-node",
        "tsx",
        "wish",
        "jshell",
        "groovy",
        "kotlin",
        "scala",
        "clojure",
        "racket",
        "sbcl",
        "ghci",
        "runghc",
        # Builtins that change which file a plain name runs.
        "export",
        "declare",
        "typeset",
        "readonly",
        "local",
        "hash",
        "enable",
        "alias",
    }
)
# A plain tool whose option runs a command: find -exec, tar --checkpoint-action=exec=...,
# git -c alias.x=!cmd, rsync -e, zip -TT, GNU sed's e command.
_RUNS_BY_OPTION: Final[dict[str, re.Pattern[str]]] = {
    "find": re.compile(r"^-(exec|execdir|ok|okdir)$"),
    "tar": re.compile(
        r"^(--(to-command|checkpoint-action|use-compress-program|info-script|new-volume-script"
        r"|rmt-command|rsh-command)|-[A-Za-z]*[IF])"
    ),
    "git": re.compile(r"^(-c|--config-env|--exec-path)"),
    "rsync": re.compile(r"^(-[A-Za-z]*e|--rsh|--rsync-path)"),
    "zip": re.compile(r"^(-TT|--unzip-command)"),
    "scp": re.compile(r"^-[A-Za-z]*[SoF]"),
    "sed": re.compile(r"(^|[\d$/;{}!,\s])e(\s|;|$)|^s(.).*\3.*\3[gpimIM\d]*e"),
}
# VAR=value before a program, harmless ones only: PATH, ENV, BASH_ENV, LD_PRELOAD and the
# like decide which file a plain name runs or what runs first.
_SAFE_ENV = re.compile(r"^(LANG|LANGUAGE|LC_[A-Z]+|TZ|TERM|COLUMNS|LINES|NO_COLOR|FORCE_COLOR)=")
_SCRIPT_SUFFIX = re.compile(r"\.(sh|bash|zsh|py|pl|rb|js|mjs|cjs|php|lua|ts|go|r|jl|tcl|ps1)$")
_OPERATORS = frozenset({";", "&&", "||", "|", "&", "|&", ";;", ";&"})
_REDIRECTS = re.compile(r"^\d*(>|>>|<|<<<|>&|<&|&>|&>>|>\||<>)$")
# Anything past plain words, pipes, lists and redirections is not judged here: it is
# treated as unknown code (held), so no grammar trick can hide a program from this list.
_COMPLEX = re.compile(r"[`$(){}\n\r\\]|<<(?!<)")
_FD = re.compile(r"(?<![^\s;&|])\d+(?=[<>])")
_KEYWORDS = frozenset(
    {
        "if",
        "then",
        "else",
        "elif",
        "fi",
        "do",
        "done",
        "while",
        "until",
        "for",
        "case",
        "esac",
        "select",
        "function",
        "coproc",
        "time",
        "!",
        "[[",
        "]]",
        "in",
    }
)


def _programs(command: str) -> list[str] | None:
    """The program word of each simple command on the line; None when the line uses
    shell syntax beyond words, pipes, lists and redirections (or does not parse), sets an
    environment variable that changes what runs, or gives a plain tool an option that
    runs a command."""
    found = _commands(command)
    if found is None:
        return None
    for program, args in found:
        option = _RUNS_BY_OPTION.get(os.path.basename(program))
        if option is not None and any(option.search(a) for a in args):
            return None  # find -exec, tar --checkpoint-action=exec=...: a command inside
    return [program for program, _ in found]


def _commands(command: str) -> list[tuple[str, list[str]]] | None:
    """(program, arguments) of each simple command on the line, or None (see above)."""
    if _COMPLEX.search(command):
        return None
    # "2>file": the descriptor number belongs to the redirection, not a program.
    lexer = shlex.shlex(_FD.sub("", command), posix=True, punctuation_chars=";&|<>")
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        words = list(lexer)
    except ValueError:
        return None
    programs: list[tuple[str, list[str]]] = []
    start, skip = True, False
    for word in words:
        if skip:
            skip = False  # the file of a redirection
            continue
        if word in _OPERATORS:
            start = True
            continue
        if _REDIRECTS.match(word) or (set(word) <= set("<>&|;") and word):
            skip = True
            continue
        if start:
            if "=" in word and not word.startswith("="):
                if not _SAFE_ENV.match(word):
                    return None  # PATH=. t, ENV=t.sh ls: the variable chooses what runs
                continue  # LANG=C before the program
            if word in _KEYWORDS:
                return None
            programs.append((word, []))
            start = False
        else:
            programs[-1][1].append(word)
    return programs


def _unknown_code(program: str) -> bool:
    name = os.path.basename(program).lower()
    if name in _INTERPRETERS or re.match(r"^python\d", name):
        return True  # an interpreter runs whatever it is given
    return "/" in program or bool(_SCRIPT_SUFFIX.search(name)) or "$" in program or "`" in program


def host_exec_ask(command: str, ask: str | None, safe_bins: tuple[str, ...]) -> str | None:
    """Why this host command needs the owner's approval, or None."""
    programs = _programs(command)
    if programs is None or any(_unknown_code(p) for p in programs):
        return "runs unknown code on the host (a file, an interpreter or a substitution)"
    if ask == "always":
        return "tools.exec.ask is always: every host command waits for the owner"
    if ask == "off":
        return None
    if not programs or not all(p in safe_bins for p in programs):
        return "a program on this line is not in tools.exec.safeBins (tools.exec.ask on-miss)"
    return None
