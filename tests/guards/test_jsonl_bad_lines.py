"""`guard url|path|command|text --jsonl`: a bad line gets its own error record; the batch goes on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

DEEP = "[" * 100_000 + "]" * 100_000  # json.loads recurses per level: RecursionError
GOOD = {
    "url": {"input": "http://127.0.0.1/"},
    "path": {"input": "$ROOT/notes.txt"},
    "command": {"input": "ls -la"},
    "text": {"text": "what time is it in Tokyo?"},
}


def _cli(kind: str, stdin: str) -> subprocess.CompletedProcess[str]:
    extra = ["--no-dns"] if kind == "url" else []
    return subprocess.run(
        [sys.executable, "-m", "clawkeep", "guard", kind, "--jsonl", *extra],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.mark.parametrize("kind", ["url", "path", "command", "text"])
def test_bad_lines_get_error_records_and_the_batch_goes_on(kind: str) -> None:
    good = json.dumps(GOOD[kind])
    bad_lines = [DEEP, "{not json", '{"input": 5}', "[]"]
    stdin = "\n".join([good, *bad_lines, good]) + "\n"
    done = _cli(kind, stdin)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == 6, done.stdout
    assert records[0]["verdict"] != "error"
    assert records[-1]["verdict"] != "error"  # the line after the bad ones was still judged
    assert [r["verdict"] for r in records[1:5]] == ["error"] * 4
    assert "nests too deeply" in done.stderr
    assert done.returncode == 2
