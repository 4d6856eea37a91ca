"""Whether a pipeline stage prints a registry token straight into that registry's login.

``aws ecr get-login-password | docker login --username AWS --password-stdin
ACCOUNT.dkr.ecr.REGION.amazonaws.com`` is how the cloud's own guide signs the container
engine in: the token goes from the CLI to the engine and is never shown. It is allowed only
when the next stage is a registry client's ``login`` that reads the password from stdin and
the registry is the token's own service (an ECR token to ECR, a Google token to gcr.io or
Artifact Registry, a GitHub token to ghcr.io); the same token anywhere else (``| curl -d
@-``, ``| tee f``, ``> f``, printed, or a login to another registry) stays a credential read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import command_name
from clawkeep.guards.command_guard._io_args import operands_of
from clawkeep.guards.command_guard._parse import Node

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["login_feed"]

_PART = r"[\w\x00-]+"  # a label, with parts known only at run time ($ACCOUNT, $REGION)
_ECR = rf"{_PART}\.dkr\.ecr\.{_PART}\.amazonaws\.com(?:\.cn)?"
_GOOGLE = rf"(?:{_PART}\.)?gcr\.io|{_PART}-docker\.pkg\.dev"
# (program, sub-command words) that print a registry token -> the registries it is for.
_TOKENS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("aws", ("ecr", "get-login-password"), _ECR),
    ("aws", ("ecr-public", "get-login-password"), r"public\.ecr\.aws"),
    ("gcloud", ("auth", "print-access-token"), _GOOGLE),
    ("az", ("acr", "login", "--expose-token"), rf"{_PART}\.azurecr\.io"),
    ("az", ("account", "get-access-token"), rf"{_PART}\.azurecr\.io"),
    ("gh", ("auth", "token"), r"ghcr\.io|docker\.pkg\.github\.com"),
)
_CLIENTS = frozenset({"docker", "podman", "nerdctl", "buildah", "skopeo", "helm", "oras"})
_CLIENTS |= frozenset({"crane", "finch", "regctl"})
_VALUED = frozenset({"-u", "--username", "-p", "--password", "--authfile", "--config"})


def login_feed(w: Walker, stages: list[Node], index: int) -> tuple[str, ...]:
    """The argv of stage ``index`` when it prints a registry token that the next stage,
    a registry login reading its password from stdin, sends to the token's own registry;
    ``()`` otherwise."""
    if index + 1 >= len(stages) or stages[index].type != "command":
        return ()
    if stages[index + 1].type != "command" or _no_login(w, stages[index], stages[index + 1]):
        return ()
    printer = [a.text for a in w.argv_of(stages[index])]
    login = [a.text for a in w.argv_of(stages[index + 1])]
    while login and command_name(login[0]) in ("sudo", "doas"):
        login = login[1:]
    if not login or command_name(login[0]) not in _CLIENTS or "login" not in login:
        return ()
    if "--password-stdin" not in login:
        return ()
    host = _registry(login[login.index("login") + 1 :])
    for program, words, registries in _TOKENS:
        if command_name(printer[0]) != program or not all(v in printer for v in words):
            continue
        if host is not None and re.fullmatch(rf"(?:https?://)?(?:{registries})(?:/\S*)?", host):
            return tuple(printer)
    return ()


# A command name spelled as itself: no quote, escape, expansion, glob or brace in it.
_PLAIN_NAME = re.compile(rb"[\w./+-]+")


def _no_login(w: Walker, printer: Node, login: Node) -> bool:
    """The next stage is no registry login, seen without expanding either stage's words:
    its name is plain and names another program, and no word of either stage can assign a
    variable as it expands (only ``${NAME:=default}`` and ``${NAME=default}`` do)."""
    name = login.child_by_field_name("name")
    src = w.src
    if name is None or b"${" in src[printer.start_byte : printer.end_byte]:
        return False
    if b"${" in src[login.start_byte : login.end_byte]:
        return False
    spelled = src[name.start_byte : name.end_byte]
    if _PLAIN_NAME.fullmatch(spelled) is None:
        return False
    program = command_name(spelled.decode("ascii"))
    return program not in _CLIENTS and program not in ("sudo", "doas")


def _registry(args: list[str]) -> str | None:
    """The registry a login names: its one operand (options and their values skipped)."""
    operands = operands_of(args, _VALUED)
    return operands[0] if len(operands) == 1 else None
