"""A build or task file the line wrote, and the lines a read loop is fed, are judged one by
one up to a cap; more than that is refused, since the ones past the cap would run unjudged
(a Makefile of 70 recipes whose last deletes the home directory was allowed, and so was a
`while read` loop whose ninth line was the home directory). xargs -I runs once a line,
the whole line in the placeholder (it was judged as every line joined in one word)."""

from __future__ import annotations

import pytest

from clawkeep.guards.command_guard import judge
from tests.guards.command_guard.test_own_corpus import CTX

_H = "/ho" + "me"
_RECIPES = "".join(f"t{i}:\n\techo {i}\n" for i in range(70))
_TOX = "[testenv]\ncommands =\n" + "".join(f"    echo {i}\n" for i in range(70))


@pytest.mark.parametrize(
    "line",
    [
        f"cat > Makefile <<'EOF'\n{_RECIPES}all:\n\trm -rf {_H}\nEOF\nmake all",
        f"cat > tox.ini <<'EOF'\n{_TOX}    rm -rf {_H}\nEOF\ntox",
    ],
)
def test_a_file_with_more_commands_than_judged_is_refused(line: str) -> None:
    verdict = judge(line, CTX)
    assert not verdict.allowed
    assert verdict.reason in ("command_guard.dynamic_command", "command_guard.destructive_delete")


def test_a_file_under_the_cap_is_judged_command_by_command() -> None:
    recipes = "".join(f"t{i}:\n\techo {i}\n" for i in range(20))
    assert judge(f"cat > Makefile <<'EOF'\n{recipes}EOF\nmake t3", CTX).allowed
    harmful = f"cat > Makefile <<'EOF'\n{recipes}all:\n\trm -rf {_H}\nEOF\nmake all"
    assert judge(harmful, CTX).reason == "command_guard.destructive_delete"


_LINES = "a\n" * 10


@pytest.mark.parametrize(
    "line",
    [
        f"while read f; do rm -rf \"$f\"; done <<'EOF'\n{_LINES}{_H}\nEOF",
        f"while read f; do rm -rf \"$f\"; done <<'EOF'\n{_LINES * 7}{_H}\nEOF",
        f'printf "a\\na\\n{_H}\\n" | xargs -I{{}} rm -rf {{}}',
    ],
)
def test_every_line_fed_to_a_loop_or_xargs_is_judged(line: str) -> None:
    verdict = judge(line, CTX)
    assert not verdict.allowed, line
    assert verdict.reason in ("command_guard.dynamic_command", "command_guard.destructive_delete")


def test_harmless_lines_fed_to_a_loop_or_xargs_are_allowed() -> None:
    assert judge(f"while read f; do echo \"$f\"; done <<'EOF'\n{_LINES}EOF", CTX).allowed
    assert judge('printf "a.txt\\nb.txt\\n" | xargs -I{} cp {} /tmp/', CTX).allowed
