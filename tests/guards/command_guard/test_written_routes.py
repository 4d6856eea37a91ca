"""A file this line writes, then runs, is judged whatever route runs it.

The guard judges a file the line wrote with known text when a shell runs it. A red team
found routes around that: a writer the guard does not read (``sort -o``, ``shuf -o``,
``sponge``, ``uniq``) puts text it cannot know in the file, and a shell, ``source`` or an
interpreter then ran it unjudged; bash's ``--rcfile``, a ``/dev/fd/N`` opened on the file,
``awk -f`` and ``sed -f`` (GNU sed's ``e`` runs a command) read a written file no rule
judged. A file written unseen and then run is refused (``dynamic_command``); one written
with known text is judged. ``git diff --no-index`` (and a ``git diff`` of a path outside
the repository), ``git grep --no-index`` and ``git hash-object -w`` print or copy a file
as ``diff`` and ``cp`` do, so a credential path there is refused as theirs is.
"""

from __future__ import annotations

import pytest

from clawkeep.guards.command_guard import judge
from tests.guards.command_guard.test_own_corpus import CTX

_H = "/ho" + "me" + "/agent"
_RM = f"rm -rf {_H}"
_X = "/srv/ws/x"
_W = f"printf '{_RM}\\n' > {_X}; "  # the file written with known text
_AWK = f"printf 'BEGIN{{system(\"{_RM}\")}}\\n' > {_X}; "
_SED = f"printf '1e {_RM}\\n' > {_X}; "
_PY = f"python3 -c 'print(\"{_RM}\")'"  # prints text the guard does not follow
_KEY = f"{_H}/.ss" + "h/id_rsa"

REFUSED = [
    # a writer whose output the guard does not know, then a shell or interpreter runs it
    (f"sort -o {_X} <<< '{_RM}'; sh {_X}", "dynamic_command"),
    (f"sort -o x <<< '{_RM}'; source x", "dynamic_command"),
    (f"sort --output=x <<< '{_RM}'; bash ./x", "dynamic_command"),
    (f"sort -o x <<< '{_RM}'; python3 x", "dynamic_command"),
    (f"sort -o x <<< '{_RM}'; sh < x", "dynamic_command"),
    (f"sort -o x <<< '{_RM}'; bash -s < x", "dynamic_command"),
    (f"sort -o x <<< '{_RM}'; sh /srv/ws/?", "dynamic_command"),
    (f"{_PY} | cp /dev/stdin x; sh x", "dynamic_command"),
    (f"{_PY} | dd of=x; sh x", "dynamic_command"),
    (f"{_PY} | tee x > /dev/null; bash x", "dynamic_command"),
    # bash's rcfile: an interactive shell sources it
    (f"{_W}bash --rcfile {_X} -i < /dev/null", "destructive_delete"),
    (f"{_W}bash --init-file {_X} -i < /dev/null", "destructive_delete"),
    (f"{_W}bash --rcfile={_X} -i < /dev/null", "destructive_delete"),
    (f"{_W}cd /srv/ws && bash -i --rcfile ./x < /dev/null", "destructive_delete"),
    (f"sort -o x <<< '{_RM}'; bash --rcfile x -i < /dev/null", "dynamic_command"),
    # /dev/fd/N and /dev/stdin: the file the command's own redirect opens
    (f"{_W}source /dev/fd/3 3< {_X}", "destructive_delete"),
    (f"{_W}sh /dev/fd/3 3< {_X}", "destructive_delete"),
    (f"{_W}source /proc/self/fd/3 3< {_X}", "destructive_delete"),
    (f"{_W}bash /dev/fd/0 < {_X}", "destructive_delete"),
    (f"{_W}source -- {_X}", "destructive_delete"),
    (f"{_W}exec 3< {_X}; sh /dev/fd/3", "dynamic_command"),
    (f"sort -o x <<< '{_RM}'; . /dev/stdin < x", "dynamic_command"),
    (f"sort -o x <<< '{_RM}'; sh /dev/fd/3 3< x", "dynamic_command"),
    # awk's program files, and gawk's inline --source
    (f"{_AWK}awk -f {_X}", "destructive_delete"),
    (f"{_AWK}gawk -f a.awk -f {_X} data", "destructive_delete"),
    (f"{_AWK}mawk -f{_X}", "destructive_delete"),
    (f"{_AWK}busybox awk -f {_X}", "destructive_delete"),
    (f"{_AWK}gawk --file={_X}", "destructive_delete"),
    (f"{_AWK}gawk -E {_X}", "destructive_delete"),
    (f"{_AWK}mawk -W exec {_X}", "destructive_delete"),
    (f"{_AWK}awk -v a=1 -F: -f {_X} data", "destructive_delete"),
    (f"printf 'BEGIN{{system(\"{_RM}\")}}\\n' | awk -f -", "destructive_delete"),
    (f"gawk --source='BEGIN{{system(\"{_RM}\")}}'", "destructive_delete"),
    (f"sort -o x <<< 'BEGIN{{system(\"{_RM}\")}}'; awk -f x", "dynamic_command"),
    # sed's script files: GNU sed's e command runs a command
    (f"{_SED}sed -f {_X} /etc/hostname", "destructive_delete"),
    (f"{_SED}sed -f {_X} -i f.txt", "destructive_delete"),
    (f"{_SED}sed --file={_X} f.txt", "destructive_delete"),
    (f"{_SED}sed -nf {_X} f.txt", "destructive_delete"),
    (f"{_SED}sed f.txt -f {_X}", "destructive_delete"),
    (f"printf '1e {_RM}\\n' | sed -f - f.txt", "destructive_delete"),
    (f"sed -n -e p -e'1e {_RM}' f.txt", "destructive_delete"),
    (f"sort -o x <<< '1e {_RM}'; sed -f x f.txt", "dynamic_command"),
    # git printing or copying a file outside the repository
    (f"git diff --no-index {_KEY} /dev/null", "credential_read"),
    (f"git diff --no-index {_H}/.aws/credentials /dev/null", "credential_read"),
    (f"git diff {_KEY} /dev/null", "credential_read"),
    (f"git --no-pager diff --stat --no-index -- {_KEY} /dev/null", "credential_read"),
    (f"cd {_H} && git diff --no-index .ssh/id_rsa /dev/null", "credential_read"),
    (f"git -c alias.d='diff --no-index' d {_KEY} /dev/null", "credential_read"),
    (f"git diff --no-index {_H} /tmp/empty", "credential_read"),
    (f"git difftool --no-index -y -x cat {_KEY} /dev/null", "credential_read"),
    (f"git grep --no-index . {_H}/.ssh", "credential_read"),
    (f"git hash-object -w {_KEY}", "credential_read"),
]

# Refused only once the writers table names these writers' outputs (_fx_tables WRITES and
# _fx_outputs, changed beside this fix): until then the file is not known to be written.
# Unseen text is refused as run-time text; text a writer passes on as given is judged.
REFUSED_WITH_WRITERS = [
    f"shuf -e '{_RM}' -o {_X}; sh {_X}",
    f'echo "$CMD" > {_X}; sh {_X}',
    f"sort -o {_X} <<< '{_RM}'; sh {_X}",
    f"printf '{_RM}\\n' | sponge {_X}; sh {_X}",
    f"printf '{_RM}\\n' | uniq - {_X}; sh {_X}",
]

ALLOWED = [
    "./configure && make",
    "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt",
    "python3 -m venv venv && . venv/bin/activate && pip install -r requirements.txt",
    "cc -o app app.c && ./app",
    "git clone https://github.com/psf/requests && sh requests/install.sh",
    "sort -o out.txt in.txt",
    "sort -o out.txt in.txt && sh build.sh",
    "bash --rcfile ./.bashrc_project -i",
    "bash <(echo 'echo hello')",
    "sh /dev/stdin <<< 'echo hi'",
    "awk -f script.awk data.txt",
    "gawk -v x=1 -f lib.awk -f main.awk input.txt",
    "awk -F, '{print $1}' data.csv",
    "printf 'BEGIN{print 1}\\n' > p.awk; awk -f p.awk",
    "sed -f fix.sed -i file",
    "sed -n -e p -e 's/a/b/' f.txt",
    "printf 's/a/b/\\n' > fix.sed; sed -f fix.sed -i f.txt",
    "git diff --no-index a.txt b.txt",
    "git diff HEAD~1 -- src/app.py",
    "git diff main..feature",
    "git hash-object README.md",
    f"git hash-object {_KEY}",
    "git hash-object -w README.md",
    "git grep --no-index TODO src",
    # a copy of a project file or a program's output, then run: judged as running the
    # file or piping the program into a shell would be (only text the line spells, laundered
    # through a writer the walk does not model, is refused)
    "cp scripts/deploy.sh /tmp/d.sh && bash /tmp/d.sh",
    "cat a.sh b.sh > all.sh && sh all.sh",
    "python3 gen.py > out.sh && sh out.sh",
    "envsubst < tmpl.sh > run.sh && bash run.sh",
    "ssh-agent -s > agent.env; . agent.env",
    "sort -o x.sh list.txt && sh x.sh",
]


@pytest.mark.parametrize(("line", "effect"), REFUSED)
def test_a_written_file_run_by_any_route_is_judged(line: str, effect: str) -> None:
    verdict = judge(line, CTX)
    assert verdict.reason == f"command_guard.{effect}", (line, verdict.findings)


@pytest.mark.parametrize("line", REFUSED_WITH_WRITERS)
def test_a_file_an_output_option_wrote_is_judged_when_run(line: str) -> None:
    verdict = judge(line, CTX)
    effects = ("command_guard.dynamic_command", "command_guard.destructive_delete")
    assert verdict.reason in effects, (line, verdict.findings)


@pytest.mark.parametrize("line", ALLOWED)
def test_everyday_lines_stay_allowed(line: str) -> None:
    verdict = judge(line, CTX)
    assert verdict.allowed, (line, verdict.findings)
