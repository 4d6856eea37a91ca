"""Choose the block and flag thresholds on the held-out dev scores (out/dev_scores.jsonl).

Block: the lowest threshold at which no ordinary-text group has more than 0.25% of its
benign rows at or above it. Flag: the same with 1.5%. Ordinary text = chat in any language,
code-bearing chat, clean tool output, look-alike traps; the corpora's own "benign" rows
(questions about prompt injection) are reported but do not set the thresholds.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ORDINARY = ("chitchat", "chatterbot", "django-po", "synth/code", "synth/tool", "synth/hard")
BLOCK_BUDGET, FLAG_BUDGET = 0.0025, 0.015
GRID = [round(0.5 + i * 0.005, 3) for i in range(100)] + [0.9975, 0.999, 0.9995]


def _group(src: str) -> str:
    head, _, tail = src.partition("/")
    return f"{head}/{tail[:4]}" if head == "synth" else head


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "out/dev_scores.jsonl")
    rows = [json.loads(x) for x in path.open()]
    groups: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if not r["label"] and r["src"].startswith(ORDINARY):
            groups[
                r["src"].split("/")[0]
                + ("/" + r["src"].split("/")[1][:4] if r["src"].startswith("synth") else "")
            ].append(r["score"])
    attacks = [r["score"] for r in rows if r["label"]]

    def worst(t: float) -> float:
        return max(sum(s >= t for s in v) / len(v) for v in groups.values())

    block = next(t for t in GRID if worst(t) <= BLOCK_BUDGET)
    flag = next(t for t in GRID if worst(t) <= FLAG_BUDGET)
    for name, t in (("flag", flag), ("block", block)):
        caught = sum(s >= t for s in attacks) / len(attacks)
        print(
            f"{name} threshold {t}: worst ordinary group {100 * worst(t):.2f}%, "
            f"attacks >= t {100 * caught:.1f}%"
        )
    for name, v in sorted(groups.items()):
        print(
            f"  {name:22} n={len(v):5d} >=flag {100 * sum(s >= flag for s in v) / len(v):5.2f}%"
            f" >=block {100 * sum(s >= block for s in v) / len(v):5.2f}%"
        )


if __name__ == "__main__":
    main()
