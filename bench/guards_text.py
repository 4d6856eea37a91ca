"""Benchmark of the channel-guard: catch rate, flag/block rates per dev set, latency, cold start.

Run: .venv/bin/python bench/guards_text.py [--full | --limit N] [--sweep]
Dev data: training/injection/data/dev.jsonl (held out of training by prepare.py) and the
jbmini fixtures. Prints one line per group: rows, attacks caught (block or flag), precision,
and on the benign side the blocked and flagged rates. ``--sweep`` prints the rates over a
range of thresholds (how the shipped thresholds were chosen).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from clawkeep.config.schema.guard_text import ChannelGuardConfig
from clawkeep.guards.channel_guard import ChannelGuard
from clawkeep.guards.injection import TextVerdict, default_classifier, normalise

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "training/injection/data/dev.jsonl"
JBMINI = REPO.parent / "shared/corpora/injection/jbmini.jsonl"

# Language groups for the benign non-English check (chatterbot / django-po language codes).
_CJK = {"chinese", "traditionalchinese", "japanese", "korean", "ja", "ko", "zh_Hans", "zh_Hant"}
_EURO = {
    "german", "french", "spanish", "italian", "portuguese", "dutch", "swedish", "russian",
    "ukrainian", "turkish", "indonesian", "de", "fr", "es", "it", "pt", "pt_BR", "nl", "sv",
    "ru", "uk", "tr", "id", "pl", "cs", "da", "fi", "nb", "ro", "hu", "el", "ca", "sk", "sl",
}  # fmt: skip


def _group(src: str) -> str:
    head, _, tail = src.partition("/")
    if head in {"chatterbot", "django-po"}:
        if tail in {"english", "hinglish"}:
            return f"{head}:english"
        if tail in _CJK:
            return f"{head}:cjk"
        return f"{head}:european" if tail in _EURO else f"{head}:other-scripts"
    if head == "synth":
        return f"synth:{tail.split('-')[0]}"
    return head


def _load(limit: int | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in (DEV, JBMINI):
        with path.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows[:: -(-len(rows) // limit)] if limit else rows  # an even sample


def _report(rows: list[dict[str, object]], verdicts: list[TextVerdict]) -> None:
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for row, v in zip(rows, verdicts, strict=True):
        s = stats[_group(str(row["src"]))]
        if row["label"]:
            s[0] += 1
            s[1] += v.verdict != "allow"
        else:
            s[2] += 1
            s[3] += v.verdict == "block"
            s[4] += v.verdict == "flag"
        s[5] += v.verdict != "allow"
    print(
        f"{'group':28} {'rows':>6} {'attacks':>7} {'caught':>7} {'benign':>6} "
        f"{'blocked':>8} {'flagged':>8} {'precision':>9}"
    )
    for name in sorted(stats):
        att, caught, ben, blk, flg, pos = stats[name]
        recall = f"{100 * caught / att:6.1f}%" if att else "      -"
        blocked = f"{100 * blk / ben:7.2f}%" if ben else "       -"
        flagged = f"{100 * flg / ben:7.2f}%" if ben else "       -"
        prec = f"{100 * caught / pos:8.1f}%" if pos and att else "        -"
        print(f"{name:28} {att + ben:6d} {att:7d} {recall} {ben:6d} {blocked} {flagged} {prec}")


def _sweep(rows: list[dict[str, object]], guard: ChannelGuard) -> None:
    clf = default_classifier()
    texts = [normalise(str(r["text"])).text for r in rows]
    scores = clf.score_many(texts)
    chat = [
        s
        for s, r in zip(scores, rows, strict=True)
        if not r["label"]
        and _group(str(r["src"])).split(":")[0] in {"chitchat", "chatterbot", "django-po"}
    ]
    code = [
        s
        for s, r in zip(scores, rows, strict=True)
        if not r["label"] and str(r["src"]).startswith("synth/code")
    ]
    attacks = [s for s, r in zip(scores, rows, strict=True) if r["label"]]
    print("threshold  chat>=t   code>=t  attacks>=t   (model score only, before rules)")
    for t in (0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999):

        def rate(xs: list[float], t: float = t) -> float:
            return 100 * sum(x >= t for x in xs) / max(1, len(xs))

        print(f"{t:9.3f} {rate(chat):7.2f}% {rate(code):7.2f}% {rate(attacks):9.2f}%")


def _latency(guard: ChannelGuard, rows: list[dict[str, object]]) -> None:
    chat = [str(r["text"]) for r in rows if str(r["src"]) == "chitchat"][:300]
    guard.scan("warm up")
    times = []
    for text in chat:
        start = time.perf_counter()
        guard.scan(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(
        f"latency per chat message (n={len(times)}, 2 threads, batch 1): "
        f"p50 {q[49]:.2f} ms  p95 {q[94]:.2f} ms  p99 {q[98]:.2f} ms"
    )
    long_text = " ".join(chat)[:6000]
    start = time.perf_counter()
    guard.scan(long_text)
    print(
        f"one 6,000-character message (overlapping windows): "
        f"{(time.perf_counter() - start) * 1000:.1f} ms"
    )


def _cold_start() -> None:
    code = (
        "import time; t=time.perf_counter();"
        "from clawkeep.config.schema.guard_text import ChannelGuardConfig;"
        "from clawkeep.guards.channel_guard import ChannelGuard;"
        "g=ChannelGuard(ChannelGuardConfig()); g.scan('hello there');"
        "print(f'{time.perf_counter()-t:.3f}')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    print(f"cold start (import, verify sha256, load, first verdict): {out.stdout.strip()} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--limit", type=int, default=4200, help="even sample of the dev rows")
    ap.add_argument("--full", action="store_true", help="every dev row (~80 s on 2 cores)")
    args = ap.parse_args()
    guard = ChannelGuard(ChannelGuardConfig())
    if guard.model_unavailable():
        print("model unavailable: numbers are for rules only")
    rows = _load(None if args.full else args.limit)
    chat_rows = [r for r in _load(None) if r["src"] == "chitchat"]
    if args.sweep:
        _sweep(rows, guard)
        return
    start = time.perf_counter()
    verdicts: list[TextVerdict] = []
    for i in range(0, len(rows), 64):
        verdicts += guard.scan_many([str(r["text"]) for r in rows[i : i + 64]])
    took = time.perf_counter() - start
    print(f"dev rows: {len(rows)} in {took:.1f} s ({len(rows) / took:.0f} messages/s batched, CPU)")
    _report(rows, verdicts)
    _latency(guard, chat_rows)
    _cold_start()


if __name__ == "__main__":
    main()
