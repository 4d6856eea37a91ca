"""What a database client's own commands make this machine do, beyond the server: output
piped to a command (sqlite3/duckdb ``.output |cmd``, ``.once |cmd``, psql ``\\o |cmd``), a
shell escape in a script the line wrote (``-init FILE``, ``psql -f FILE``), an extension
the line downloaded loaded as code (``.load``, ``load_extension()``, DuckDB ``LOAD``), files
an in-process engine reads (DuckDB ``read_text()``, ClickHouse ``file()``, sqlite
``readfile()``), and the JavaScript shells' code (``mongosh --eval``, ``--file``).
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_args import values_of
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["DBCLIENT_RULES"]

# `.output |cmd`, `.once '|cmd'`, psql's `\o |cmd` and `\g |cmd`: the rows go to a command;
# sqlite3's `.read '|cmd'` and `.import '|cmd' t` read a command's output
_PIPED = re.compile(
    r"^\s*(?:\.(?:output|once|read)|\\[og])\s+(['\"]?)\|(.+?)\1\s*$"
    r"|^\s*\.import\s+(?:--?\w+\s+)*(['\"])\|(.+?)\3"
)
# dot and backslash commands that hand the rest of the line to a shell; psql's `\setenv`
# of a pager or editor, mysql's `pager CMD`/`\P CMD`: a command the client starts later
_ESCAPE = re.compile(
    r"^\s*(?:\.(?:shell|system)\s|\\!|\\setenv\s+(?:(?:PSQL_)?(?:PAGER|EDITOR)|VISUAL)\s"
    r"|pager\s|\\P\s)(.*)$",
    re.I,
)
# What every form `_ESCAPE` matches holds, in lower case (`_PIPED`'s forms hold a `|`).
_ESCAPE_MARKS = (".shell", ".system", "\\!", "\\setenv", "pager", "\\p")
# a script the client reads in: psql's `\i`, sqlite3's and duckdb's `.read`, mysql's `source`
_INCLUDE = re.compile(
    r"^\s*(?:\\i[r]?|\\include(?:_relative)?|\.read|source|\\\.)\s+['\"]?([^'\"|\s;]+)", re.M
)
# a client-side COPY/\copy to or from a program (psql's `\copy … to program 'cmd'`)
_PROGRAM = re.compile(r"\bprogram\s+'((?:''|[^'])*)'", re.I)
# an extension loaded into the client's own process
_LOADS = re.compile(
    r"^\s*\.load\s+['\"]?([^'\"\s]+)|\bload_extension\s*\(\s*'([^']+)'|\bLOAD\s+'([^']+)'",
    re.I | re.M,
)
# files an in-process engine opens for the statement (DuckDB, sqlite's fileio, ClickHouse)
_READS = re.compile(
    r"\b(?:read_(?:text|blob|csv(?:_auto)?|json(?:_auto|_objects)?|parquet|ndjson)|readfile"
    r"|file|sniff_csv)\s*\(\s*'([^']+)'",
    re.I,
)
# the legacy mongo shell's functions that start a program on this machine
_MONGO_RUN = re.compile(r"\b(?:_?run(?:Mongo)?Program|run)\s*\(\s*['\"]")
_OPTIONS = {
    "sqlite3": ("-cmd", "--cmd"),
    "duckdb": ("-c", "-cmd", "-s"),
    "psql": ("-c", "--command"),
    "mysql": ("-e", "--execute"),
    "mariadb": ("-e", "--execute"),
    "clickhouse-local": ("-q", "--query"),
    "clickhouse-client": ("-q", "--query"),
    "clickhouse": ("-q", "--query"),
}
_SCRIPTS = {"sqlite3": ("-init",), "duckdb": ("-init",), "psql": ("-f", "--file")}


def _texts(cmd: Cmd, w: Walker) -> list[str]:
    """Everything the client reads as its commands: options, operands, input, scripts."""
    texts = values_of(cmd.args, _OPTIONS.get(cmd.name, ()))
    if cmd.name in ("sqlite3", "duckdb"):
        texts += [a.text for a in cmd.args if not a.text.startswith("-")]
    texts += cmd.fed_texts()
    paths = values_of(cmd.args, _SCRIPTS.get(cmd.name, ()))
    paths += [p for t in texts for p in _INCLUDE.findall(t)]
    for path in paths:
        written = w.written.get(w.place(path).path) if UNKNOWN not in path else None
        if written is not None:
            texts.append(written)  # a script the line wrote: its commands run now
    return texts


def _judge_line(line: str, cmd: Cmd, w: Walker) -> None:
    piped = _PIPED.match(line)
    escape = _ESCAPE.match(line)
    command = (piped.group(2) or piped.group(4)) if piped else escape.group(1) if escape else None
    head = line.lstrip().lower()
    if command is not None and escape is not None and head.startswith(("pager", "\\p ")):
        command = command.split(";", 1)[0]  # mysql's `pager CMD;` ends at the semicolon
    elif command is not None and escape is not None and head[:1] == "\\":
        command = command.strip().strip("'")  # `\setenv PAGER 'cmd'`: psql's quoting
    if command is not None and piped is not None and head.startswith(".read"):
        command += " | sh"  # `.read '|cmd'`: cmd's output runs as the client's commands
    if command is not None and command.strip():
        # the client hands this text to a shell (a pipe for its output, or an escape)
        w.script(command, f"a command {cmd.name} runs")


def _loads(text: str, cmd: Cmd, w: Walker) -> None:
    if text.isascii() and "load" not in text.lower():
        return  # every form `_LOADS` matches spells "load" (in any case)
    for match in _LOADS.finditer(text):
        path = next(g for g in match.groups() if g)
        if UNKNOWN in path:
            continue
        if any(w.fetched(path + end) for end in ("", ".so", ".dylib", ".dll")):
            # download_exec: an extension is native code run inside the client
            w.flag("download_exec", f"{cmd.name} loads {path}, downloaded by this line")


def _reads(text: str, cmd: Cmd, w: Walker) -> None:
    low = text.lower()
    if text.isascii() and "read" not in low and "file" not in low and "sniff_csv" not in low:
        return  # every function `_READS` matches spells one of these (in any case)
    for path in _READS.findall(text):
        if UNKNOWN in path or "://" in path:
            continue
        why = credential(w.place(path), w.ctx)
        if why is not None:
            # credential_read: the engine opens the file for the statement and returns it
            w.flag("credential_read", f"{cmd.name} reads {path}: {why}")


def _client(cmd: Cmd, w: Walker) -> None:
    for text in _texts(cmd, w):
        low = text.lower() if text.isascii() else None
        if low is None or "|" in text or any(mark in low for mark in _ESCAPE_MARKS):
            for line in text.split("\n"):  # a pipe or an escape may start a line here
                _judge_line(line, cmd, w)
        if cmd.name == "psql":
            for program in _PROGRAM.findall(text):
                w.script(program.replace("''", "'"), "a program psql's \\copy runs")
        _loads(text, cmd, w)
        _reads(text, cmd, w)


def _mongo(cmd: Cmd, w: Walker) -> None:
    codes = values_of(cmd.args, ("--eval",))
    paths = values_of(cmd.args, ("--file", "-f"))
    paths += [a.text for a in cmd.args if a.text.endswith((".js", ".mjs", ".cjs"))]
    codes += [t for p in paths if (t := w.written.get(w.place(p).path)) is not None]
    codes += cmd.fed_texts()
    for code in codes:
        if UNKNOWN in code:
            w.flag("dynamic_command", f"{cmd.name} runs JavaScript known only at run time")
        elif _MONGO_RUN.search(code):
            # dynamic_command: the shell's run()/runProgram() start a program here
            w.flag("dynamic_command", f"{cmd.name} starts a program from its script")
        else:
            w.code("node", code)  # mongosh is Node.js: require('child_process') and all
    if any(w.fetched(p) for p in paths):
        w.flag("download_exec", f"{cmd.name} runs a script downloaded by this line")


DBCLIENT_RULES: dict[str, Rule] = {name: _client for name in _OPTIONS}
DBCLIENT_RULES |= {"mongosh": _mongo, "mongo": _mongo}
