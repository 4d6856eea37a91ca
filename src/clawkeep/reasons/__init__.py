"""The reason-code registry: every stable code a runtime decision can carry, written once.

A decision writes its code as a string literal on the line that decides
(``Deny("file_guard.outside_root", ...)``); this registry lists the same literals with
what each means, and, where the audit reports the same concept, the audit check id
(``access.dm.open`` at run time is ``channels.<ch>.dm.open`` in the audit). So a person
can grep one word from the event log to the code that decided and to the audit.
docs/reason-codes.md is generated from here (``reason_codes_markdown``); a test keeps it,
and this registry, current with the source. Audit check ids are catalogued in
docs/audit-checks.md. The command guard's codes are listed here too (its own table is
``command_guard.REASONS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from clawkeep.reasons._admission import ADMISSION
from clawkeep.reasons._gateway import GATEWAY
from clawkeep.reasons._guards import GUARDS
from clawkeep.reasons._reason import Reason

__all__ = ["REASONS", "Reason", "reason_codes_markdown"]


def _registry() -> dict[str, Reason]:
    """The three tables as one; a code written in two of them is a mistake, refused here."""
    merged: dict[str, Reason] = {}
    for table in (ADMISSION, GATEWAY, GUARDS):
        twice = merged.keys() & table.keys()
        if twice:
            raise RuntimeError(f"reason codes registered twice: {sorted(twice)}")
        merged.update(table)
    return merged


REASONS: Final[Mapping[str, Reason]] = MappingProxyType(_registry())


def reason_codes_markdown() -> str:
    """docs/reason-codes.md: the registry as one table per stage."""
    lines = [
        "# Reason codes",
        "",
        "Generated from `src/clawkeep/reasons/`; do not edit by hand (a test keeps it current).",
        "Every runtime decision carries one of these codes, written as a literal where it is",
        "decided; the event log and the CLI print it unchanged. Audit check ids are in",
        "[audit-checks.md](audit-checks.md); `<ch>` there is a channel.",
    ]
    stage = ""
    for code in sorted(REASONS):
        entry = REASONS[code]
        here = code.split(".", 1)[0]
        if here != stage:
            stage = here
            lines += ["", f"## {stage}", "", "| code | meaning | audit |", "| --- | --- | --- |"]
        audit = f"`{entry.audit}`" if entry.audit else ""
        meaning = entry.meaning.replace("|", "\\|")
        lines.append(f"| `{code}` | {meaning} | {audit} |")
    return "\n".join(lines) + "\n"
