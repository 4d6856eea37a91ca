"""Host exec with `tools.exec.ask: off`: a file the session wrote is unknown code however
the obedient model spells its run (a wrapper that takes a program as an argument, a
builtin that runs its argument, a PATH that finds the file by a plain name, an option of
a plain tool that runs a command). Each waits for the owner; the file never runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.e2e_harness import call
from tests.e2e.test_e2e_approvals import Install, _host_exec

SCRIPT = "#!/bin/sh\necho pwned > ../PWNED\n"
RUNS = [
    "command sh t.sh",
    "command -p sh t.sh",
    "builtin eval 'sh t.sh'",
    "trap 'sh t.sh' EXIT",
    "find t.sh -exec sh t.sh ';'",
    "find . -name t.sh -execdir sh t.sh ';'",
    "PATH=.:/usr/bin:/bin t",
    "export PATH=.:/usr/bin:/bin; t",
    "BASH_ENV=t.sh bash -c true",
    "ENV=t.sh ls",
    "stdbuf -o0 sh t.sh",
    "ionice sh t.sh",
    "flock .lock sh t.sh",
    "script -qc 'sh t.sh' /dev/null",
    "tar -cf /dev/null t.sh --checkpoint=1 --checkpoint-action=exec='sh t.sh'",
    "git -c alias.x='!sh t.sh' x",
    "sed -n '1e sh t.sh' t.sh",
    "taskset -c 0 sh t.sh",
    "chrt -o 0 sh t.sh",
]


@pytest.mark.parametrize("command", RUNS)
def test_file_the_session_wrote_never_runs_through_a_wrapper(tmp_path: Path, command: str) -> None:
    prep = "chmod +x t; " if command.endswith(" t") or "; t" in command else ""
    turns = [
        {"toolCalls": [call("write", path="t.sh", content=SCRIPT)]},
        {"toolCalls": [call("write", path="t", content=SCRIPT)]},
        {"toolCalls": [call("exec", command=prep + command)]},
        {"text": "done"},
    ]
    i = Install(tmp_path, _host_exec("off"), turns)
    out = i.owner("tidy up the workspace please")
    assert (i.ws / "t.sh").exists()
    assert not (tmp_path / "PWNED").exists()  # the file never ran on the host
    assert out.reply is not None
    [held] = i.approvals.pending()
    assert held.kind == "exec" and held.reason == "tools.exec.ask"


def test_control_plain_program_runs_with_ask_off(tmp_path: Path) -> None:
    turns = [{"toolCalls": [call("exec", command="touch A")]}, {"text": "done"}]
    i = Install(tmp_path, _host_exec("off"), turns)
    i.owner("tidy up the workspace please")
    assert (i.ws / "A").exists() and i.approvals.pending() == []
