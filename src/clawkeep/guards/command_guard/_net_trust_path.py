"""Writes into a certificate bundle whose path a program prints at run time: ``>>
$(python -m certifi)``, ``| tee -a "$(python -c 'import certifi; print(certifi.where())')"``,
``cp x.pem $(python3 -m certifi)``, ``> "$(curl-config --ca)"``. Whatever is appended there
is trusted by every later TLS check of the programs that use the bundle, as a certificate
added with ``update-ca-certificates`` is. Reading the bundle (``cat $(python -m certifi)``)
is not judged here.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._cmd import command_name
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._walk_tree import commands_in
from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["writes_trust_store"]

_WRITE_OPS = frozenset({">", ">>", ">|", "&>", "&>>"})
_COPIES = frozenset({"cp", "mv", "install", "ln", "rsync"})


def _locates_bundle(name: str, values: list[str]) -> bool:
    """A program that prints where a CA bundle is."""
    text = " ".join(values)
    if name.startswith("python"):
        return "certifi" in text or "get_default_verify_paths" in text
    if name == "openssl":
        return values[:2] == ["version", "-d"]
    return name == "curl-config" and "--ca" in values


def _bundle_target(arg: Arg, w: Walker) -> bool:
    for node in arg.substs:
        for inner in commands_in(node):
            argv = w.argv_of(inner)
            if argv and _locates_bundle(command_name(argv[0].text), [a.text for a in argv[1:]]):
                return True
    return False


def writes_trust_store(cmd: Cmd, w: Walker) -> None:
    """Any command: a write whose destination is a CA bundle located at run time."""
    if not any(a.substs for a in cmd.args) and not any(
        r.target is not None and r.target.substs for r in cmd.redirects
    ):
        return  # no $(…) where a destination could be
    targets = [r.target for r in cmd.redirects if r.op in _WRITE_OPS and r.target is not None]
    operands = [a for a in cmd.args if not a.text.startswith("-")]
    if cmd.name == "tee":
        targets += operands
    elif cmd.name in _COPIES and len(operands) >= 2:
        targets.append(operands[-1])
    for target in targets:
        if target.substs and _bundle_target(target, w):
            # persistence: later TLS checks trust whatever the line appended to the bundle
            w.flag("persistence", f"{cmd.name} writes into the CA bundle a program locates")
            return
