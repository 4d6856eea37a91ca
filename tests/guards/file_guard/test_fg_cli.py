"""`clawkeep guard path`, run as a real subprocess: verdict lines, exit codes, --jsonl."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from clawkeep.guards.file_guard.scenario import OUTSIDE_SECRET, Scenario


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clawkeep", "guard", "path", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_traversal_is_blocked_with_exit_1_and_a_reason(tmp_path: Path) -> None:
    done = _run("--root", str(tmp_path), "../../etc/passwd")
    assert done.returncode == 1
    assert done.stdout.startswith("block file_guard.outside_root")


def test_plain_write_is_allowed_with_exit_0(tmp_path: Path) -> None:
    done = _run("--root", str(tmp_path), "notes/today.md", "--op", "write")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("allow")


def test_identity_file_write_is_blocked_unless_unlocked(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text("soul\n")
    locked = _run("--root", str(tmp_path), "SOUL.md", "--op", "write")
    assert locked.returncode == 1 and "protected.read_only" in locked.stdout
    unlocked = _run("--root", str(tmp_path), "SOUL.md", "--op", "write", "--unlock-identity-files")
    assert unlocked.returncode == 0


def test_jsonl_builds_scenarios_and_answers_each_line() -> None:
    lines = [
        {"input": "../secret.txt", "expect": "block"},
        {"input": "$ROOT/notes.txt", "expect": "allow"},
        {"input": {"path": "out", "fs": ["out => $OUTSIDE/secret.txt"], "op": "write"}},
        {"input": {"path": "link", "fs": ["link => target"], "op": "read"}},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines) + "\nnot json\n"
    done = _run("--jsonl", stdin=stdin)
    assert done.returncode == 2  # the bad line is reported, the others answered
    assert "stdin line 6" in done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["verdict"] for a in answers] == ["block", "allow", "block", "allow", "error"]
    assert answers[2]["reason"] == "file_guard.symlink_escape"
    assert answers[0]["input"] == "../secret.txt"


def test_jsonl_with_a_root_checks_strings_there() -> None:
    with Scenario.create(["a/b.txt"]) as sc:
        stdin = json.dumps({"input": "$ROOT/a/b.txt"}) + "\n" + json.dumps({"input": "a/../../x"})
        done = _run("--jsonl", "--root", str(sc.root), "--op", "delete", stdin=stdin + "\n")
        answers = [json.loads(line)["verdict"] for line in done.stdout.splitlines()]
        assert answers == ["allow", "block"]
        assert (sc.root / "a" / "b.txt").exists()  # check only: nothing deleted
        assert (sc.outside / "secret.txt").read_bytes() == OUTSIDE_SECRET


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _run("x").returncode == 2  # no --root
    assert _run("--root", str(tmp_path)).returncode == 2  # neither PATH nor --jsonl


def test_jsonl_scenario_cannot_write_or_link_outside_its_temp_dir(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite\n")
    planted = tmp_path / "shadow-link"
    escapes = [
        str(victim),  # absolute: overwrite a file outside
        f"../../../../../../../../..{victim}",  # .. climbing out of ROOT
        f"$ROOT/../../../../../../..{victim}",
        f"{planted} => /etc/shadow",  # a symlink placed outside
        "shadow => /etc/shadow",  # a symlink inside, pointing at /etc/shadow
        "up => ../../../../../../..",
        f"esc => {tmp_path}",  # a link to a directory outside (then a file through it, below)
        f"hard == {victim}",  # a hard link to a file outside
    ]
    lines = [{"input": {"path": "x", "fs": [fs], "op": "read"}} for fs in escapes]
    lines.append(
        {"input": {"path": "esc/victim.txt", "fs": [f"esc => {tmp_path}", "esc/victim.txt"]}}
    )
    lines.append({"input": {"path": "ok", "fs": ["ok => $OUTSIDE/secret.txt"]}})  # still built
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    done = _run("--jsonl", stdin=stdin)
    assert done.returncode == 2
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == len(lines)  # one record per line, errors included
    errors = [a for a in answers[:-1] if a["verdict"] == "error"]
    assert len(errors) == len(lines) - 1, answers
    assert {a["reason"] for a in errors} <= {
        "guard.scenario.outside",
        "guard.scenario.link_outside",
    }
    assert answers[-1]["verdict"] == "block"  # the guard still judges an inside link
    assert victim.read_text() == "do not overwrite\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim.txt"]
    assert "Traceback" not in done.stderr
