"""What a loop reads from a pipe, what printf and echo print, and how xargs and parallel
cut their input are judged as the shell and those programs do it; and nested loops are
refused before they multiply the guard's work.

Each refused line here was allowed before: a pipe-fed `while read` loop was judged with
its first line only, printf's octal, hex and unicode escapes were read as written,
xargs and parallel cut their input at blanks whatever `-d`/`-0`/`--colsep` said, and
parallel judged its first 16 jobs. Loops nested five deep in 300 characters kept the
guard busy for minutes."""

from __future__ import annotations

import pytest

from clawkeep.guards.command_guard import judge
from tests.guards.command_guard.test_own_corpus import CTX

_H = "/ho" + "me"
_ITEMS = " ".join(f"a{i}" for i in range(17))
_JOBS = "\\n".join(f"echo {i}" for i in range(17))
_EIGHT = " ".join(f"v{i}" for i in range(8))
_SIXTY = "\\n".join(f"x{i}" for i in range(60))


def _nested_for(depth: int) -> str:
    line = "echo x"
    for level in range(depth):
        line = f"for v{level} in {_EIGHT}; do {line}; done"
    return line


def _nested_read(depth: int) -> str:
    line = "echo x"
    for level in range(depth):
        line = f'printf "{_SIXTY}\\n" | while read v{level}; do {line}; done'
    return line


REFUSED = [
    # a loop fed by a pipe reads every line
    (f'printf "a\\n{_H}\\n" | while read f; do rm -rf "$f"; done', "destructive_delete"),
    (f'printf "a\\n{_H}\\n" | while IFS= read -r f; do rm -rf -- "$f"; done', "destructive_delete"),
    (f"printf '%s\\n' a {_H} | while read f; do rm -rf \"$f\"; done", "destructive_delete"),
    (f'printf "a\\n{_H}\\n" | until ! read f; do rm -rf "$f"; done', "destructive_delete"),
    (
        f'printf "a\\n{_H}\\n" | while read f; do rm -rf "$f"; done 2>/dev/null',
        "destructive_delete",
    ),
    (f'cat <<EOF | while read f; do rm -rf "$f"; done\na\n{_H}\nEOF', "destructive_delete"),
    (f'printf "a\\nrm -rf {_H}\\n" | while read c; do eval "$c"; done', "destructive_delete"),
    # printf and echo -e print their escapes decoded; sh's echo decodes \0NNN
    ("printf '\\057home\\n' | xargs rm -rf", "destructive_delete"),
    ("printf '\\x2fhome\\n' | xargs rm -rf", "destructive_delete"),
    ("printf '%b\\n' '\\x2fhome' | xargs rm -rf", "destructive_delete"),
    ("echo -e '\\x2fhome' | xargs rm -rf", "destructive_delete"),
    ("echo '\\0057home' | xargs rm -rf", "destructive_delete"),
    ("printf '\\057home\\n' | while read f; do rm -rf \"$f\"; done", "destructive_delete"),
    ("printf 'rm -rf \\u002fhome\\n' | bash", "destructive_delete"),
    ("printf 'rm -rf \\x2fhome\\n' > /tmp/x.sh; sh /tmp/x.sh", "destructive_delete"),
    # xargs and parallel cut where -d, -0 and --colsep say
    (f"printf 'a,{_H}' | xargs -d , rm -rf", "destructive_delete"),
    (f"printf 'a:{_H}' | xargs -d: rm -rf", "destructive_delete"),
    (f"printf 'a,{_H}' | xargs --delimiter=, rm -rf", "destructive_delete"),
    (f"printf 'a\\0{_H}\\0' | xargs -0 rm -rf", "destructive_delete"),
    (f"printf 'a\\0{_H}\\0' | xargs --null rm -rf", "destructive_delete"),
    (f"printf 'a\\0{_H}\\0' | xargs -0 -I{{}} rm -rf {{}}", "destructive_delete"),
    (f"printf 'a,{_H}' | parallel -d , rm -rf", "destructive_delete"),
    (f"printf 'a\\0{_H}\\0' | parallel -0 rm -rf", "destructive_delete"),
    (f"parallel --colsep , rm -rf {{2}} ::: a,{_H}", "destructive_delete"),
    (f"parallel -C , rm -rf {{2}} ::: a,{_H}", "destructive_delete"),
    (f"printf 'a,{_H}\\n' | parallel --colsep , rm -rf {{2}}", "destructive_delete"),
    # parallel's jobs past the sixteenth, and items read from a file at run time
    (f"parallel rm -rf {{}} ::: {_ITEMS} {_H}", "destructive_delete"),
    (f"parallel 'rm -rf {{}}' ::: {_ITEMS} {_H}", "destructive_delete"),
    (f'printf "{_JOBS}\\nrm -rf {_H}\\n" | parallel', "destructive_delete"),
    (
        f'printf "{_ITEMS.replace(" ", chr(92) + "n")}\\n{_H}\\n" | parallel rm -rf',
        "destructive_delete",
    ),
    ("parallel rm -rf :::: list.txt", "destructive_delete"),
    (f"printf '{_H}\\n' > l; parallel rm -rf :::: l", "destructive_delete"),
    # loops inside loops: refused before their walks multiply
    (_nested_for(5), "too_many_paths"),
    (_nested_for(8), "too_many_paths"),
    (_nested_read(3), "too_many_paths"),
    (_nested_read(4), "too_many_paths"),
]

ALLOWED = [
    'printf "a\\nb\\n" | while read f; do echo "$f"; done',
    "printf '%s\\n' one two three | while read -r name; do mkdir -p \"out/$name\"; done",
    'git ls-files | while read f; do wc -l "$f"; done',
    # %s prints its argument as written: `\x2fhome` is a name in this folder
    "printf '%s\\n' '\\x2fhome' | xargs rm -rf",
    # printf 'a%s\0' /home prints a/home: a path in this folder
    f"printf 'a%s\\0' {_H} | xargs -0 rm -rf",
    "printf 'a\\0b\\0' | xargs -0 ls -l",
    "printf 'a.log,b.log' | xargs -d , gzip",
    "parallel gzip {} ::: a.log b.log",
    "parallel -C , echo {2} ::: a,b",
    _nested_for(3),
    _nested_read(2),
]


@pytest.mark.parametrize(("command", "effect"), REFUSED)
def test_refused(command: str, effect: str) -> None:
    verdict = judge(command, CTX)
    assert not verdict.allowed, command
    assert verdict.reason == f"command_guard.{effect}", (command, verdict)


@pytest.mark.parametrize("command", ALLOWED)
def test_allowed(command: str) -> None:
    verdict = judge(command, CTX)
    assert verdict.allowed, (command, verdict)


def test_each_line_is_judged_where_the_first_alone_was() -> None:
    # the same loop with the home directory first was refused before; now in any place
    for lines in (f"{_H}\\na\\nb", f"a\\n{_H}\\nb", f"a\\nb\\n{_H}"):
        line = f'printf "{lines}\\n" | while read f; do rm -rf "$f"; done'
        assert judge(line, CTX).reason == "command_guard.destructive_delete", line
