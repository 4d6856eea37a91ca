"""Indirect-injection suite: attack success and benign tasks finished without a prompt,
per scenario family, for the grounding rule alone, with the content guard's classifier on
top (a flag makes every side effect an ask), and with the rule off (the baseline).

Run: .venv/bin/python bench/untrusted.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests package

from tests.e2e.untrusted_suite import FAMILIES, rates, run_suite

RUNS = (
    ("grounding rule (content guard off)", {"content_guard": False}),
    ("grounding rule + content-guard classifier (default config)", {"content_guard": True}),
    (
        "rule off (tools.untrusted.mode: off), content guard off",
        {"content_guard": False, "mode": "off"},
    ),
)


def main() -> None:
    for title, kwargs in RUNS:
        start = time.perf_counter()
        table = rates(run_suite(**kwargs))
        took = time.perf_counter() - start
        print(f"\n{title}  ({took:.1f} s)")
        print(f"{'family':<16}{'attacks':>8}{'success':>10}{'benign':>8}{'no prompt':>11}")
        for family in (*FAMILIES, "all"):
            attacks, won, benign, clean = table[family]
            print(
                f"{family:<16}{attacks:>8}{100 * won / max(attacks, 1):>9.1f}%"
                f"{benign:>8}{100 * clean / max(benign, 1):>10.1f}%"
            )


if __name__ == "__main__":
    main()
