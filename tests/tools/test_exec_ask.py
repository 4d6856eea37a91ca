"""`tools.exec.ask` for host exec: unknown code is always held, whatever the grammar."""

from __future__ import annotations

import pytest

from clawkeep.tools._exec_ask import host_exec_ask

SAFE = ("ls", "cat", "grep", "touch", "echo", "git")


@pytest.mark.parametrize(
    "command",
    [
        "sh t.sh",
        "bash t.sh",
        "python3 u.py",
        "python3.12 -c 'print(1)'",
        "./t.sh",
        "/tmp/x",
        "run.sh",
        "ls; sh t.sh",
        "ls && ./t.sh",
        "ls | sh",
        "touch A\nsh t.sh",  # a newline is a command separator
        "{ sh t.sh; }",
        "if true; then sh t.sh; fi",
        "> out sh t.sh",  # a redirection before the program
        "2>/dev/null sh t.sh",
        "echo `sh t.sh`",
        "echo $(sh t.sh)",
        "cat <(sh t.sh)",
        "FOO=1 sh t.sh",
        "FOO=1 ls",  # any variable but the locale and terminal ones: it may choose what runs
        "PATH=. ls",
        "command sh t.sh",
        "find . -exec ls ;",
        "git -c core.pager=x log",
        "go run t.go",
        "cargo run",
        "ninja",
        "xvfb-run sh t.sh",
        "env sh t.sh",
        "xargs sh < list",
        "eval ls",
        "sudo ls",
        "ls 'unterminated",
        "ec\\ho hi",
        "cat <<EOF\nx\nEOF",
    ],
)
def test_unknown_code_is_held_even_with_ask_off(command: str) -> None:
    assert host_exec_ask(command, "off", SAFE) is not None


@pytest.mark.parametrize(
    "command", ["ls -la", "cat a | grep b", "touch A; echo hi > out.txt", "LANG=C LC_ALL=C ls"]
)
def test_known_programs(command: str) -> None:
    assert host_exec_ask(command, "off", SAFE) is None
    assert host_exec_ask(command, "on-miss", SAFE) is None
    assert host_exec_ask(command, None, SAFE) is None  # unset: on-miss
    assert host_exec_ask(command, "always", SAFE) is not None


def test_on_miss_holds_programs_outside_safe_bins() -> None:
    assert host_exec_ask("mkdir B", "on-miss", SAFE) is not None
    assert host_exec_ask("ls | wc -l", "on-miss", SAFE) is not None
    assert host_exec_ask("mkdir B", "off", SAFE) is None
