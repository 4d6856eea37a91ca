"""A build or task file the line wrote is judged command by command up to a cap; one with
more commands than that is refused, since the commands past the cap would run unjudged
(a Makefile of 70 recipes whose last deletes the home directory was allowed)."""

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
