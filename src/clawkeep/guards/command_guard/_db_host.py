"""Database clients that make the server act on the machine it runs on: write a file where
the statement says (``COPY … TO '/path'``, ``INTO OUTFILE``, Redis ``CONFIG SET dir`` and
``dbfilename`` then ``SAVE``: a crontab or ``authorized_keys`` written by the server), run a
program (``COPY … TO PROGRAM``, ``sys_exec``), load code (Redis ``MODULE LOAD``, replication
from another host), read any file it can (``pg_read_file``, ``LOAD_FILE``) or open itself
to the network (``protected-mode no``). A client of a port on this machine is allowed; what
it tells the server to do is judged as if the line did it.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._destroy_data import STATEMENT_CLIENTS, statements
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["DB_HOST_RULES"]

_RUNS = re.compile(
    r"\b(?:TO|FROM)\s+PROGRAM\b|\bsys_(?:exec|eval)\s*\(|\bxp_cmdshell\b"
    r"|\bLANGUAGE\s+(?:plpython\w*u|plperlu|c)\b",
    re.I,
)
_WRITES = re.compile(
    r"\bINTO\s+(?:OUTFILE|DUMPFILE)\b|(?<!\\)\bCOPY\b[^;]*\bTO\s+E?'"
    r"|\blo_export\s*\(|\bCONFIG\s+SET\s+(?:dir|dbfilename|logfile|aclfile)\b",
    re.I,
)
_READS = re.compile(
    r"\b(?:pg_read_(?:binary_)?file|lo_import|LOAD_FILE)\s*\(|\bLOAD\s+DATA\s+INFILE\b",
    re.I,
)
_LOADS = re.compile(r"\bMODULE\s+LOAD(?:EX)?\s+(\S+)", re.I)
_FOLLOWS = re.compile(r"\b(?:SLAVEOF|REPLICAOF)\s+(?!no\s+one\b)(\S+)", re.I)
_OPENS = re.compile(
    r"\bCONFIG\s+SET\s+(?:protected-mode\s+no|bind\s+\S*0\.0\.0\.0|enable-(?:debug|module)-command)",
    re.I,
)


_COMMENTS = re.compile(r"/\*.*?\*/|--[^\n]*|#[^\n]*", re.S)
# psql's own \copy: the client writes the file, judged as the line's write
_CLIENT_COPY = re.compile(r"\\copy\b[^;]*?\bTO\s+'([^']+)'", re.I)


# Databases inside the client's own process: what they write is the line's own write.
_EMBEDDED = frozenset({"sqlite3", "duckdb"})
_EMBEDDED_WRITE = re.compile(r"\b(?:COPY\b[^;]*?\bTO|ATTACH(?:\s+DATABASE)?)\s+'([^']+)'", re.I)
# Raw clients of a local port: the text they are fed is the server's protocol
_RAW_CLIENTS = frozenset({"nc", "ncat", "netcat", "socat", "telnet"})


def _acts_on_host(cmd: Cmd, w: Walker) -> None:
    given = cmd.fed_texts() if cmd.name in _RAW_CLIENTS else statements(cmd)
    for text in given:
        statement = _COMMENTS.sub(" ", text)  # `COPY t TO/**/PROGRAM`: a comment is a space
        for path in _CLIENT_COPY.findall(statement):
            write_target(w.place(path), w, f"{cmd.name} \\copy")
        if cmd.name in _EMBEDDED:
            for path in _EMBEDDED_WRITE.findall(statement):
                write_target(w.place(path), w, cmd.name)
            continue
        if _RUNS.search(statement):
            # dynamic_command: the server runs a shell command, or code, the statement carries
            w.flag("dynamic_command", f"{cmd.name} has the server run a program or code")
            return
        if _WRITES.search(statement):
            # persistence: the server writes a file where the statement says (a crontab,
            # authorized_keys, a web shell), beyond the rules that judge the line's own writes
            w.flag("persistence", f"{cmd.name} has the server write a file it names")
            return
        if _READS.search(statement):
            # credential_read: the server reads any file it can open and hands it back
            w.flag("credential_read", f"{cmd.name} has the server read a file of the machine")
            return
        if (loaded := _LOADS.search(statement)) is not None:
            downloaded = w.fetched(loaded.group(1))
            # privilege: code loaded into the server runs with the server's rights
            w.flag(
                "download_exec" if downloaded else "privilege",
                f"{cmd.name} has the server load {loaded.group(1)} as code",
            )
            return
        if (followed := _FOLLOWS.search(statement)) is not None:
            # download_exec: the server copies (and may load) what another host sends it
            w.flag("download_exec", f"{cmd.name} has the server replicate {followed.group(1)}")
            return
        if _OPENS.search(statement):
            # tunnel: the server drops its guard and answers whoever reaches it
            w.flag("tunnel", f"{cmd.name} opens the server to the network")
            return


DB_HOST_RULES: dict[str, Rule] = {name: _acts_on_host for name in STATEMENT_CLIENTS}
DB_HOST_RULES |= {name: _acts_on_host for name in _RAW_CLIENTS}
