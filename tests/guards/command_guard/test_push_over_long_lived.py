"""A remote's long-lived branch (main, master, release…) rewritten or deleted by name, and
every other remote branch deleted by --mirror or --prune: destruction beyond this machine,
refused whatever the pushed commit is (the guard cannot see the remote's history). A
forced push of a feature branch, or of the current branch with no refspec after a
rebase, and ordinary pushes stay allowed."""

from __future__ import annotations

import pytest

from clawkeep.guards.command_guard import judge
from tests.guards.command_guard.test_own_corpus import CTX

REFUSED = [
    "git push --force origin main",
    "git push -f origin master",
    "git push origin +main",
    "git push origin +HEAD:main",
    "git push --force-with-lease origin main",
    "git push --force-with-lease=main:abc123 origin main",
    "git push -fu origin release/2.1",
    "git push origin --delete main",
    "git push origin :master",
    "git push -d origin production",
    "git push --mirror origin",
    "git push --prune origin 'refs/heads/*:refs/heads/*'",
    'git push -f origin "$(git commit-tree HEAD^{tree} -p HEAD -m squash)":main',
    "git push --force origin HEAD:refs/heads/main",
]
ALLOWED = [
    "git push origin main",
    "git push -u origin main",
    "git push --force origin feature/x",
    "git push --force-with-lease origin fix-123",
    "git push -f",
    "git push --force",
    "git push -f origin HEAD",
    "git push origin --delete feature/old",
    "git push origin :old-branch",
    "git push --tags origin",
    'git push -f origin "$(git rev-parse HEAD):refs/heads/deploy"',
]


@pytest.mark.parametrize("command", REFUSED)
def test_a_long_lived_remote_branch_rewritten_or_deleted_is_refused(command: str) -> None:
    verdict = judge(command, CTX)
    assert not verdict.allowed
    assert verdict.reason == "command_guard.destructive_delete"


@pytest.mark.parametrize("command", ALLOWED)
def test_feature_branches_and_ordinary_pushes_are_allowed(command: str) -> None:
    assert judge(command, CTX).allowed
