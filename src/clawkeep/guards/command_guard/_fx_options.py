"""Options and sub-commands of everyday tools that name a command to run, a file to write or
a file to read, and code written in a tool's own language: git's ``--output=``, ``-F`` and
``grep -O``, hg's ``--config`` aliases and hooks, ``psql -o '|cmd'``, busctl's
``unixexec:`` address, browsers' launcher prefixes, ``go test -exec``, ``rg --pre``,
``tcpdump -z``, ``split --filter``, TeX's ``\\write18``, ``cowsay -f``, ``ip netns exec``,
rake/knife/octave/slsh/gimp/puppet/rpm code, ``pic`` shell lines, and an editor's or
agent's settings written with a command it will start (an MCP server entry, a hook).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator

from clawkeep.guards.command_guard._fx_args import value_of
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg, literal

__all__ = ["OPTION_RULES", "settings_commands"]

_BROWSERS: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome", "chrome")
_BROWSERS += ("google-chrome-stable", "brave-browser", "microsoft-edge", "msedge", "electron")
_LAUNCHERS = ("--gpu-launcher", "--renderer-cmd-prefix", "--utility-cmd-prefix")
# program -> options whose value is a command line the program starts (through a shell or
# split into words); the value is judged as that command.
_RUNS: dict[str, tuple[str, ...]] = {
    "rg": ("--pre",),
    "tmate": ("-c",),
    "scrot": ("-e", "--exec"),
    "split": ("--filter",),
    "tcpdump": ("-z",),
    "go": ("-exec", "-toolexec"),
    "psql": ("-o", "--output"),
    **dict.fromkeys(_BROWSERS, _LAUNCHERS),
}
# Options whose value is inline code in the tool's language (or one it embeds).
_CODE: dict[str, tuple[str, tuple[str, ...]]] = {
    "rake": ("ruby", ("-e", "--execute", "-p", "--execute-print", "-E", "--execute-continue")),
    "knife": ("ruby", ("-E", "--exec")),
    "octave": ("octave", ("--eval",)),
    "octave-cli": ("octave", ("--eval",)),
    "slsh": ("slsh", ("-e",)),
}


def _value(args: list[Arg], index: int, flag: str) -> str | None:
    """An option's value as the tools parse it: getopt's unambiguous abbreviations of a
    long option (`--outp=` for `--output=`), and Go's `--exec` for `-exec`."""
    text = args[index].text
    if text[:1] != "-" and text[:1] != flag[:1]:
        return None  # a long option, Go's `--exec` and each short spelling start so
    name, eq, given = text.partition("=")
    long = flag.startswith("--") and len(name) >= 5 and flag.startswith(name)
    go_style = len(flag) > 2 and not flag.startswith("--") and name == "-" + flag
    if (long or go_style) and name != flag:
        if eq:
            return given
        return args[index + 1].text if index + 1 < len(args) else None
    return value_of(args, index, flag)


def _judge_command(text: str, what: str, w: Walker) -> None:
    if UNKNOWN in text:
        w.flag("dynamic_command", f"{what} runs a command known only at run time")
    elif text.strip():
        w.script(text, what)


_GOFLAGS_RUN = re.compile(r"(?:^|\s)-(?:exec|toolexec|vettool)=(\S+)")


def _go_flags(cmd: Cmd, w: Walker) -> None:
    """GOFLAGS=-toolexec=PROG (set for this command, or by `go env -w` for every later
    one): go starts PROG around each compiler or test binary."""
    values = cmd.values()
    if values[:2] == ["env", "-w"]:
        for value in values[2:]:
            if value.startswith("GOFLAGS=") and _GOFLAGS_RUN.search(value[8:]):
                # persistence: every later go build or test runs the program it names
                w.flag("persistence", "go env -w GOFLAGS makes every later build run a program")
        return
    flags = w.env.values.get("GOFLAGS") if "GOFLAGS" in w.env.values else ""
    for match in _GOFLAGS_RUN.finditer(flags or ""):
        _judge_command(match.group(1), "GOFLAGS", w)


def runs_option(cmd: Cmd, w: Walker) -> None:
    if cmd.name == "go":
        _go_flags(cmd, w)
    for index in range(len(cmd.args)):
        for flag in _RUNS[cmd.name]:
            value = _value(cmd.args, index, flag)
            if value is None or (len(flag) == 2 and cmd.args[index].text.startswith("--")):
                continue
            if cmd.name == "psql":
                if not value.lstrip().startswith("|"):
                    continue  # psql -o FILE writes a file; `-o '|cmd'` pipes to a command
                value = value.lstrip()[1:]
            # the program starts this command (with a file or its output as arguments)
            _judge_command(value, f"{cmd.name} {flag}", w)


# psql's `\o |cmd` and SQL's `COPY … TO/FROM PROGRAM 'cmd'` hand a command to a shell.
_SQL_PROGRAM = re.compile(r"\\o\s*\|([^\n]*)|\bprogram\s+'((?:''|[^'])*)'", re.I)


def psql(cmd: Cmd, w: Walker) -> None:
    runs_option(cmd, w)
    texts = [v for i in range(len(cmd.args)) for v in [_value(cmd.args, i, "-c")] if v]
    texts += [v for i in range(len(cmd.args)) for v in [_value(cmd.args, i, "--command")] if v]
    for text in texts + cmd.fed_texts():
        for match in _SQL_PROGRAM.finditer(text):
            command = match.group(1) if match.group(1) is not None else match.group(2)
            _judge_command(command.replace("''", "'"), "psql's program", w)


def inline_code(cmd: Cmd, w: Walker) -> None:
    lang, flags = _CODE[cmd.name]
    for index in range(len(cmd.args)):
        for flag in flags:
            value = _value(cmd.args, index, flag)
            if value is None or (len(flag) == 2 and cmd.args[index].text.startswith("--")):
                continue
            if UNKNOWN in value:
                w.flag("dynamic_command", f"{cmd.name} {flag} runs code known only at run time")
            else:
                w.code(lang, value)


_GIT_GLOBAL = frozenset({"-c", "-C", "--git-dir", "--work-tree", "--namespace"})
_MESSAGE_FILE = frozenset({"tag", "commit", "notes", "merge"})


def git(cmd: Cmd, w: Walker) -> None:
    """``--output=`` writes where it says (into ``.git/`` it plants what git runs next);
    ``tag/commit -F FILE`` reads the file into a message; ``grep -O CMD`` runs CMD."""
    values = cmd.values()
    index = 0
    while index < len(values) and values[index].startswith("-"):
        index += 2 if values[index] in _GIT_GLOBAL else 1
    verb = values[index] if index < len(values) else ""
    for i in range(index + 1, len(cmd.args)):
        if not values[i].startswith("-"):
            continue  # an operand: each option below starts with a dash
        written = _value(cmd.args, i, "--output")
        if written:
            found = w.place(written)
            write_target(found, w, f"git {verb} --output")
            if found.kind in ("workspace", "workspace_root") and "/.git/" in found.path + "/":
                # persistence: git reads its config and runs its hooks from there
                w.flag("persistence", f"git {verb} --output writes {found.path}, which git runs")
        read = _value(cmd.args, i, "--file") or (
            _value(cmd.args, i, "-F") if not values[i].startswith("--") else None
        )
        if verb in _MESSAGE_FILE and read and (why := credential(w.place(read), w.ctx)):
            # credential_read: the file becomes a tag or commit message anyone can read
            w.flag("credential_read", f"git {verb} reads {read} into a message: {why}")
        pager = _value(cmd.args, i, "--open-files-in-pager")
        if pager is None and values[i].startswith("-O") and not values[i].startswith("--"):
            pager = values[i][2:]
        if verb == "grep" and pager:
            _judge_command(pager, "git grep -O", w)


_HG_COMMAND_KEY = re.compile(r"^(alias\.[\w-]+|hooks\.[\w.-]+|ui\.(editor|merge)|pager\.pager)=")


def hg(cmd: Cmd, w: Walker) -> None:
    """``hg --config alias.log=!cmd`` / ``hooks.pre-x=cmd``: a command hg runs."""
    for index in range(len(cmd.args)):
        value = _value(cmd.args, index, "--config")
        key = _HG_COMMAND_KEY.match(value or "")
        if value is None or key is None:
            continue
        text = value[key.end() :].strip().strip("\"'")
        if key.group(1).startswith("alias.") and not text.startswith("!"):
            continue  # an alias of hg's own sub-commands
        _judge_command(text.removeprefix("!"), f"hg --config {key.group(1)}", w)


def busctl(cmd: Cmd, w: Walker) -> None:
    """``--address=unixexec:path=/bin/sh,argv1=-c,argv2=…``: D-Bus starts that program."""
    for index in range(len(cmd.args)):
        value = _value(cmd.args, index, "--address") or ""
        if not value.startswith("unixexec:"):
            continue
        fields = dict(f.split("=", 1) for f in value[9:].split(",") if "=" in f)
        argv = [fields.get("path", "")]
        argv += [
            fields[k] for k in sorted(fields, key=_argv_number) if re.fullmatch(r"argv[1-9]\d*", k)
        ]
        w.run_argv([literal(re.sub(r"%([0-9A-Fa-f]{2})", _unhex, a)) for a in argv])


def _argv_number(key: str) -> int:
    return int(key[4:]) if re.fullmatch(r"argv\d+", key) else -1


def _unhex(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


_WRITE18 = re.compile(r"\\(?:immediate\s*\\)?write18\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


def tex(cmd: Cmd, w: Walker) -> None:
    """``pdflatex --shell-escape '…\\write18{cmd}…'``: TeX runs cmd through a shell."""
    values = cmd.values()
    if not any(v.lstrip("-") in ("shell-escape", "enable-write18") for v in values):
        return
    texts = values + cmd.fed_texts()
    texts += [t for v in values if (t := w.written.get(w.place(v).path)) is not None]
    for text in texts:
        for match in _WRITE18.finditer(text):
            _judge_command(match.group(1), f"{cmd.name} \\write18", w)


def cowsay(cmd: Cmd, w: Walker) -> None:
    """``cowsay -f FILE``: a cow file is perl code; one this line wrote is judged as such."""
    for index in range(len(cmd.args)):
        value = _value(cmd.args, index, "-f")
        if value and (text := w.written.get(w.place(value).path)) is not None:
            w.code("perl", text)


def ip(cmd: Cmd, w: Walker) -> None:
    """``ip netns exec NAME CMD`` / ``ip vrf exec NAME CMD``: ip runs CMD."""
    values = cmd.values()
    for index, value in enumerate(values[:-1]):
        if value in ("netns", "vrf") and "exec" in values[index + 1 : index + 3]:
            start = values.index("exec", index + 1) + 1
            every = "-all" in values[:index] or "-a" in values[:index]
            w.run_argv(cmd.args[start if every else start + 1 :], cmd.stdin, cmd.redirects)
            return


def csvtool(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "call" in values and values.index("call") + 1 < len(values):
        _judge_command(values[values.index("call") + 1], "csvtool call", w)


_PUPPET_EXEC = re.compile(
    r"""exec\s*\{\s*(["'])((?:\\.|(?!\1).)*)\1|command\s*=>\s*(["'])((?:\\.|(?!\3).)*)\3"""
)


def puppet(cmd: Cmd, w: Walker) -> None:
    """``puppet apply -e "exec { 'cmd': }"``: an exec resource runs its command."""
    for index in range(len(cmd.args)):
        value = _value(cmd.args, index, "-e") or _value(cmd.args, index, "--execute")
        for match in _PUPPET_EXEC.finditer(value or ""):
            text = match.group(2) if match.group(2) is not None else match.group(4)
            _judge_command(re.sub(r"\\(.)", r"\1", text), "a puppet exec resource", w)


_RPM_LUA = re.compile(r"%\{lua:(.*)\}", re.S)
_RPM_SHELL = re.compile(r"%\((.*)\)", re.S)


def rpm(cmd: Cmd, w: Walker) -> None:
    """``rpm --eval '%{lua:…}'`` runs lua, ``%(cmd)`` runs a shell command."""
    for index in range(len(cmd.args)):
        value = _value(cmd.args, index, "--eval") or _value(cmd.args, index, "-E") or ""
        if (lua := _RPM_LUA.search(value)) is not None:
            w.code("lua", lua.group(1))
        if (shell := _RPM_SHELL.search(value)) is not None:
            _judge_command(shell.group(1), "an rpm %(…) macro", w)


def gimp(cmd: Cmd, w: Walker) -> None:
    """``gimp --batch-interpreter=python-fu-eval -b CODE``: CODE is python."""
    values = cmd.values()
    if not any("python-fu-eval" in v for v in values):
        return
    for index in range(len(cmd.args)):
        value = _value(cmd.args, index, "-b") or _value(cmd.args, index, "--batch")
        if value and value != "-":
            w.code("python", value)


_PIC_SH = re.compile(r"^\s*sh\s+(\S)(.*?)\1", re.M | re.S)


def pic(cmd: Cmd, w: Walker) -> None:
    """``pic -U`` (unsafe mode) runs ``sh X cmd X`` lines of its input."""
    if "-U" not in cmd.values():
        return
    for text in cmd.fed_texts():
        for match in _PIC_SH.finditer(text):
            _judge_command(match.group(2), "a pic sh line", w)


# Settings files an editor or agent reads at start-up whose entries start a program.
_SETTINGS_DIRS = (".cursor", ".vscode", ".claude", ".gemini", ".continue", ".windsurf", ".amp")
_SETTINGS_NAMES: tuple[str, ...] = (
    "mcp.json",
    ".mcp.json",
    "mcp_config.json",
    "claude_desktop_config.json",
)
_SETTINGS_NAMES += ("cline_mcp_settings.json", "settings.json", "settings.local.json", "tasks.json")


def settings_commands(path: str, text: str, w: Walker) -> None:
    """An MCP server entry, hook or task written into an editor's or agent's settings runs
    its command when that program next starts: judge it now, as it will run."""
    parts = path.split("/")
    name = posixpath.basename(path)
    if name not in _SETTINGS_NAMES or (
        name in ("settings.json", "settings.local.json", "tasks.json")
        and not any(d in parts for d in _SETTINGS_DIRS)
    ):
        return
    for command, args in _commands(_jsonc(text)):
        if args is None:
            _judge_command(command, f"a command in {path}", w)
        else:
            w.run_argv([literal(word) for word in [command, *args]])


_LINE_COMMENT = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_COMMAND_ENTRY = re.compile(
    r'"command"\s*:\s*("(?:\\.|[^"\\])*")(?:\s*,\s*"args"\s*:\s*(\[[^\]]*\]))?'
)


def _jsonc(text: str) -> object:
    """The settings as JSON, comments and trailing commas allowed (VS Code's JSONC); text
    that still does not parse is read for its `"command": …, "args": […]` entries."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    cleaned = _TRAILING_COMMA.sub(r"\1", _LINE_COMMENT.sub(lambda m: m.group(1) or "", text))
    try:
        return json.loads(cleaned)
    except ValueError:
        entries: list[object] = []
        for match in _COMMAND_ENTRY.finditer(cleaned):
            try:
                entry = {"command": json.loads(match.group(1))}
                if match.group(2):
                    entry["args"] = json.loads(match.group(2))
            except ValueError:
                continue
            entries.append(entry)
        return entries


def _commands(data: object) -> Iterator[tuple[str, list[str] | None]]:
    if isinstance(data, dict):
        command = data.get("command")
        args = data.get("args")
        if isinstance(command, str):
            if isinstance(args, list) and all(isinstance(a, str) for a in args):
                yield command, [str(a) for a in args]
            else:
                yield command, None
        for value in data.values():
            yield from _commands(value)
    elif isinstance(data, list):
        for item in data:
            yield from _commands(item)


OPTION_RULES: dict[str, Rule] = {name: runs_option for name in _RUNS}
OPTION_RULES |= {name: inline_code for name in _CODE}
OPTION_RULES |= {"git": git, "hg": hg, "busctl": busctl, "cowsay": cowsay, "cowthink": cowsay}
OPTION_RULES |= {"ip": ip, "csvtool": csvtool, "puppet": puppet, "rpm": rpm, "gimp": gimp}
OPTION_RULES |= {"pic": pic, "psql": psql}
OPTION_RULES |= {n: tex for n in ("tex", "etex", "pdftex", "latex", "pdflatex", "xelatex")}
OPTION_RULES |= {n: tex for n in ("lualatex", "luatex", "latexmk")}
