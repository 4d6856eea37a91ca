"""Database clients told to destroy a database's data: ``psql -c 'DROP DATABASE prod'``,
``mysql -e 'TRUNCATE users'``, ``redis-cli FLUSHALL``, ``mongosh --eval
'db.dropDatabase()'``, and ``sqlite3``/``duckdb`` on a database file beyond the workspace.
The same effect as ``dropdb``: data beyond the workspace, deleted with no local undo.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["DATA_RULES", "STATEMENT_CLIENTS", "statements"]

_DESTROYS = re.compile(
    r"\b(?:DROP\s+(?:DATABASE|SCHEMA|TABLE|KEYSPACE|COLLECTION)|TRUNCATE(?:\s+TABLE)?\s+\w+"
    r"|DELETE\s+FROM\s+[\w.\"`]+\s*(?:;|$)|FLUSHALL|FLUSHDB)\b"
    r"|\bdropDatabase\s*\(|\.drop\s*\(\s*\)|\.deleteMany\s*\(\s*\{\s*\}\s*\)",
    re.I,
)
# client -> options whose value is the statement it runs
_STATEMENT_OPTIONS: dict[str, frozenset[str]] = {
    "psql": frozenset({"-c", "--command"}),
    "mysql": frozenset({"-e", "--execute", "--init-command"}),
    "mariadb": frozenset({"-e", "--execute", "--init-command"}),
    "sqlcmd": frozenset({"-Q", "-q"}),
    "mongo": frozenset({"--eval"}),
    "mongosh": frozenset({"--eval"}),
    "cqlsh": frozenset({"-e", "--execute"}),
    "clickhouse-client": frozenset({"-q", "--query"}),
    "redis-cli": frozenset(),
    "valkey-cli": frozenset(),
    "keydb-cli": frozenset(),
    "sqlite3": frozenset(),
    "duckdb": frozenset({"-c"}),
}
_FILE_DATABASES = frozenset({"sqlite3", "duckdb"})
STATEMENT_CLIENTS = frozenset(_STATEMENT_OPTIONS)


def statements(cmd: Cmd) -> list[str]:
    """The statements a database client is given: options, operands, input it reads."""
    values = cmd.values()
    options = _STATEMENT_OPTIONS[cmd.name]
    found = [b for a, b in itertools.pairwise(values) if a in options]
    found += [v.split("=", 1)[1] for v in values if v.split("=", 1)[0] in options and "=" in v]
    if cmd.name in ("redis-cli", "valkey-cli", "keydb-cli"):
        found.append(" ".join(v for v in values if not v.startswith("-")))
    if cmd.name in _FILE_DATABASES:
        found += [v for v in values[1:] if not v.startswith("-")]
    found += [r.body for r in cmd.redirects if r.body]
    if cmd.stdin is not None and cmd.stdin.text:
        found.append(cmd.stdin.text)
    return found


def _destroys_data(cmd: Cmd, w: Walker) -> None:
    if cmd.name in _FILE_DATABASES:
        files = [v for v in cmd.values() if not v.startswith("-")][:1]
        inside = ("workspace", "workspace_root", "temp", "stream")
        if not files or files[0] == ":memory:" or w.place(files[0]).kind in inside:
            return  # the agent's own database, or none
    for statement in statements(cmd):
        hit = _DESTROYS.search(statement)
        if hit is not None:
            # destructive_delete: a database's data beyond the workspace, deleted
            w.flag("destructive_delete", f"{cmd.name} runs {hit.group(0)!r}")
            return


DATA_RULES: dict[str, Rule] = {name: _destroys_data for name in _STATEMENT_OPTIONS}
