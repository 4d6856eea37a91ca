"""`clawkeep guard path`: ask the file-guard whether a file tool may act on a path.

Exit 0 allowed, 1 blocked, 2 bad usage or unreadable input lines (``--jsonl``). With
``--jsonl``, a string input is checked under ``--root`` (or an empty temporary root) and
an object input ``{"path", "fs", "op"}`` is built as a real tree under a fresh temporary
directory. An ``fs`` entry that reaches outside that directory (an absolute path or ``..``
elsewhere, a link target outside, a name through a link) is not built: that line gets an
error record ``{"input", "verdict": "error", "reason", "detail"}`` and the exit status is 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from clawkeep.cli._jsonl import BadLineError, emit_bad_line, parse_line
from clawkeep.decision import Allow, Deny
from clawkeep.guards.file_guard import Backend, FileOp, FilePolicy, check
from clawkeep.guards.file_guard.scenario import Scenario, ScenarioError

__all__ = ["path"]

_OPS = [op.value for op in FileOp]


def _verdict(decision: Allow | Deny) -> str:
    return "allow" if decision.allowed else "block"


def _policy(root: Path, backend: Backend, unlock: bool, state_dir: Path | None) -> FilePolicy:
    return FilePolicy(root=root, unlock_identity_files=unlock, state_dir=state_dir, backend=backend)


def _decide_record(
    target: Any, default_op: FileOp, make_policy: Any, fixed_root: Path | None
) -> Allow | Deny:
    if isinstance(target, str):
        if fixed_root is not None:
            text = target.replace("$ROOT", str(fixed_root))
            return check(make_policy(fixed_root), text, default_op)
        with Scenario.create() as scenario:
            return check(make_policy(scenario.root), scenario.expand(target), default_op)
    if not isinstance(target, dict) or not isinstance(target.get("path"), str):
        raise TypeError("'input' is neither a path string nor a {path, fs, op} scenario")
    fs = target.get("fs", [])
    if not isinstance(fs, list) or not all(isinstance(entry, str) for entry in fs):
        raise TypeError("'fs' must be a list of strings")
    op = FileOp(target.get("op", default_op.value))
    # The record is untrusted input: its links must point inside the scenario too.
    with Scenario.create(fs, links_inside=True) as scenario:
        return check(make_policy(scenario.root), scenario.expand(target["path"]), op)


def _run_jsonl(default_op: FileOp, make_policy: Any, root: Path | None) -> int:
    status = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            target = parse_line(line)["input"]
            decision = _decide_record(target, default_op, make_policy, root)
        except ScenarioError as exc:
            # Refused before anything was built outside the scenario's temporary directory.
            click.echo(f"stdin line {number}: scenario refused ({exc})", err=True)
            err = {"input": target, "verdict": "error", "reason": exc.reason, "detail": str(exc)}
            click.echo(json.dumps(err, ensure_ascii=False))
            status = 2
            continue
        except BadLineError as exc:
            emit_bad_line(number, str(exc))
            status = 2
            continue
        except (ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
            emit_bad_line(number, f"not a usable corpus record ({exc})")
            status = 2
            continue
        out = {"input": target, "verdict": _verdict(decision), "reason": decision.reason}
        click.echo(json.dumps(out, ensure_ascii=False))
    return status


@click.command("path")
@click.argument("target", metavar="PATH", required=False)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The workspace root (required unless --jsonl).",
)
@click.option("--op", type=click.Choice(_OPS), default="read", show_default=True)
@click.option("--jsonl", is_flag=True, help="Read corpus-format JSON lines on stdin.")
@click.option("--unlock-identity-files", is_flag=True, help="Let SOUL.md/AGENTS.md be written.")
@click.option("--state-dir", type=click.Path(path_type=Path), help="Never opened, even inside.")
@click.option(
    "--backend",
    type=click.Choice(["auto", "openat2", "walk"]),
    default="auto",
    help="Force a resolver (walk: the fallback for kernels without openat2).",
)
def path(
    target: str | None,
    root: Path | None,
    op: str,
    jsonl: bool,
    unlock_identity_files: bool,
    state_dir: Path | None,
    backend: Backend,
) -> None:
    """Say whether a file tool may OP on PATH beneath --root, with the reason code."""
    if jsonl == (target is not None):
        raise click.UsageError("give either a PATH or --jsonl (records on stdin)")

    def make_policy(at: Path) -> FilePolicy:
        return _policy(at, backend, unlock_identity_files, state_dir)

    if jsonl:
        sys.exit(_run_jsonl(FileOp(op), make_policy, root.resolve() if root else None))
    if root is None:
        raise click.UsageError("--root is required with a PATH")
    assert target is not None
    decision = check(make_policy(root), target, FileOp(op))
    detail = f" ({decision.detail})" if decision.detail else ""
    click.echo(f"{_verdict(decision)} {decision.reason}{detail}")
    sys.exit(0 if decision.allowed else 1)
