"""Directories a line reaches without naming them: `~+`/`~-`/`~N` (bash's $PWD, $OLDPWD and
the directory stack), a CDPATH the line set, a symbolic link it made, and a folder known
only at run time in front of a key file's name. Each refused line was allowed: the tilde
forms were read as names in the workspace, `cd` ignored CDPATH, paths through a link were
judged where the link lies, and `cat "$D/.ssh/id_rsa"` passed for any unknown $D."""

from __future__ import annotations

import pytest

from clawkeep.guards.command_guard import judge
from tests.guards.command_guard.test_own_corpus import CTX, HOME

_H = str(HOME)

REFUSED = [
    (f"cd {_H}; cd /srv/ws; cat ~-/.ssh/id_rsa", "credential_read"),
    (f"cd {_H}; cd /srv/ws; cat ~-/.aws/credentials", "credential_read"),
    (f'cd {_H}; cd /srv/ws; cat "$OLDPWD"/.ssh/id_rsa', "credential_read"),
    (f"OLDPWD={_H}/.ssh; cat ~-/id_rsa", "credential_read"),
    (f"PWD={_H}; cat ~+/.ssh/id_rsa", "credential_read"),
    (f"pushd {_H}; pushd /srv/ws; rm -rf ~1/*", "destructive_delete"),
    ("rm -rf ~-1/*", "destructive_delete"),
    (
        f"CDPATH={_H.rsplit('/', 1)[0]} cd {_H.rsplit('/', 1)[1]} && rm -rf ./*",
        "destructive_delete",
    ),
    (
        f"CDPATH={_H.rsplit('/', 1)[0]}; cd {_H.rsplit('/', 1)[1]} && rm -rf ./*",
        "destructive_delete",
    ),
    (f"export CDPATH={_H}; cd .ssh && cat id_rsa", "credential_read"),
    (f"ln -s {_H} /srv/ws/h; rm -rf /srv/ws/h/*", "outside_write"),
    (f"ln -s {_H} h; cat h/.ssh/id_rsa", "outside_write"),
    ("ln -s / /srv/ws/r", "outside_write"),
    (f"ln -s ../../{_H.lstrip('/')} /srv/ws/h", "outside_write"),
    ("ln -s /etc e; echo x >> e/profile", "persistence"),
    ("ln -s /usr/bin b; rm -rf b/", "destructive_delete"),
    (f"ln -s {_H}/datasets data; rm -rf data/", "destructive_delete"),
    (f"ln -s {_H}/.ssh k", "credential_read"),
    ('cat "$D/.ssh/id_rsa"', "credential_read"),
    ('cat "$D/.aws/credentials"', "credential_read"),
    ('cp "$SRC/.npmrc" .', "credential_read"),
]

ALLOWED = [
    "cd build && rm -rf ./*",
    "cd /srv/ws/build && cd - && ls",
    "CDPATH= cd src && ls",
    "cat ~+/README.md",
    "ln -s build/app app",
    f"ln -s {_H}/datasets data",
    "ln -s ../shared/data data",
    "ln -s /usr/lib/x86_64-linux-gnu/libz.so.1 libz.so",
    "ln -sf /usr/bin/python3 py && ./py -V",
    'mkdir -p out && ln -s "$PWD/src" out/src',
    'cat "$D/README.md"',
    'cat "$D/.ssh/id_rsa.pub"',
]


@pytest.mark.parametrize(("command", "effect"), REFUSED)
def test_refused(command: str, effect: str) -> None:
    verdict = judge(command, CTX)
    assert verdict.reason == f"command_guard.{effect}", (command, verdict)


@pytest.mark.parametrize("command", ALLOWED)
def test_allowed(command: str) -> None:
    verdict = judge(command, CTX)
    assert verdict.allowed, (command, verdict)
