"""Reason codes are greppable end to end: literals where decided, one registry, one doc.

- every code-shaped literal in a reason namespace is registered, and every registered
  code is written somewhere in the source (no stale entry);
- no code is built at run time (no f-string or ``+`` that ends a code prefix);
- docs/reason-codes.md is the registry's rendering;
- an audit counterpart a code names is a real audit check id.
The audit's own ids live in docs/audit-checks.md.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from clawkeep.audit.deep import DEEP_SPECS
from clawkeep.audit.registry import registered_specs
from clawkeep.reasons import REASONS, reason_codes_markdown

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "clawkeep"
# catalogued on their own (the code scanner builds the audit's plugins.code_safety.* ids)
SKIP = ("audit/", "reasons/", "plugins/code_safety.py")
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
NAMESPACES = frozenset(code.split(".", 1)[0] for code in REASONS)

# Literals in a reason namespace that are not reason codes: config keys, RPC method
# names, event kinds, file names.
NOT_REASONS = frozenset(
    {
        "agents.defaults",
        "agents.defaults.tools",
        "audit.run",
        "channels.signal",
        "channels.telegram",
        "channels.webhook",
        "channels.whatsapp",
        "chat.history",
        "chat.message",
        "chat.send",
        "approvals.sqlite",
        "config.apply",
        "config.json",
        "gateway.auth.password",
        "gateway.json",
        "gateway.auth.token",
        "pairing.approve",
        "pairing.key",
        "pairing.list",
        "pairing.notify",
        "pairing.revoke",
        "pairing.sqlite",
        "sandbox.docker",
        "tools.elevated",
        "tools.profile",
        "tools.sandbox.tools",
    }
)


def _sources() -> Iterator[tuple[str, ast.AST]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if not rel.startswith(SKIP):
            yield rel, ast.parse(path.read_text(), rel)


def _literals() -> dict[str, str]:
    found: dict[str, str] = {}
    for rel, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if CODE.match(text) and text.split(".", 1)[0] in NAMESPACES:
                    found.setdefault(text, rel)
    return found


def _prefix_of_a_code(text: object) -> bool:
    """``"file_guard."`` or ``"commands.x_"``: a literal that a built code continues."""
    return (
        isinstance(text, str)
        and re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]*)*[._]", text) is not None
        and text.split(".", 1)[0] in NAMESPACES | {"command_guard"}
    )


def built_codes(tree: ast.AST) -> list[str]:
    """Every place ``tree`` builds a reason code from pieces."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            pieces = [v.value for v in node.values if isinstance(v, ast.Constant)]
            shaped = all(re.fullmatch(r"[a-z0-9_.]*", str(p)) for p in pieces)
            if shaped and isinstance(first, ast.Constant) and _prefix_of_a_code(first.value):
                found.append(ast.unparse(node))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = node.left
            if isinstance(left, ast.Constant) and _prefix_of_a_code(left.value):
                found.append(ast.unparse(node))
    return found


def test_every_reason_literal_is_registered() -> None:
    unregistered = {c: where for c, where in _literals().items() if c not in NOT_REASONS}
    assert sorted(set(unregistered) - set(REASONS)) == []


def test_every_registered_code_is_written_where_it_is_decided() -> None:
    assert sorted(set(REASONS) - set(_literals())) == []


def test_no_reason_code_is_built_at_run_time() -> None:
    assert [(rel, code) for rel, tree in _sources() for code in built_codes(tree)] == []


@pytest.mark.parametrize(
    "source",
    [
        'Deny("command_guard." + name, "x")',
        'Deny(f"file_guard.{code}", detail)',
        'refuse(f"tools.{tool.name}.failed", "x")',
        '_refuse(cmd, f"commands.{cmd.name}_disabled", "off")',
    ],
)
def test_a_built_code_is_caught(source: str) -> None:
    assert built_codes(ast.parse(source)) != []


def test_sentences_that_name_config_keys_are_not_codes() -> None:
    source = 'Deny("gateway.config.weak_token", f"gateway.auth.token is {n} long")'
    assert built_codes(ast.parse(source)) == []


def test_the_doc_is_generated_from_the_registry() -> None:
    doc = ROOT / "docs" / "reason-codes.md"
    assert doc.read_text() == reason_codes_markdown(), (
        "regenerate: python -c 'from clawkeep.reasons import reason_codes_markdown as r; "
        'open("docs/reason-codes.md", "w").write(r())\''
    )


def test_audit_counterparts_are_real_audit_checks() -> None:
    ids = {s.check_id for s in [*registered_specs(), *DEEP_SPECS]}
    named = {r.audit for r in REASONS.values() if r.audit}
    assert named and sorted(named - ids) == []
