"""Train the head of the static classifier and choose its thresholds on validation data.

    python train_static.py DATA_DIR VECTORS_DIR OUT_DIR

DATA_DIR: train/val/test.jsonl from ``realuse.py``. VECTORS_DIR: ``tokenizer.json`` and
``vectors.npz`` from ``build.py``. Writes OUT_DIR/static.npz (vectors + head), OUT_DIR/
tokenizer.json and OUT_DIR/thresholds.json, and prints the validation numbers that chose
the thresholds. Features come from the run-time code (``clawkeep.guards.injection``), text
normalised as the guards normalise it, so training sees exactly what the guards compute.
The head: [mean, max] of the window's token vectors -> 128 ReLU -> 1, numpy and Adam.
Multiple-instance step: after a first fit, an attack text longer than one window keeps
only its most suspicious window as a positive (the other windows are page, not payload).
Seeded (SEED); test.jsonl is never read here.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from clawkeep.guards.injection._normalise import normalise
from clawkeep.guards.injection._static import StaticModel

SEED = 7
HIDDEN = 512
EPOCHS = 30
CHAT_KINDS = ("chat", "ops", "lookalike")
FLAG_BUDGET_CHAT, FLAG_BUDGET_TOOL = 0.005, 0.01  # under the 1% / 2% goals, with a margin
Arr = np.ndarray[Any, Any]


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(x) for x in fh]


def _features(model: StaticModel, rows: list[dict[str, Any]]) -> list[Arr]:
    return [model.features(normalise(r["text"]).text) for r in rows]


def _fit(x_raw: Arr, y: Arr, w: Arr, rng: np.random.Generator) -> tuple[Arr, ...]:
    """Fit on standardised features; the standardisation is folded into the first layer."""
    mu = x_raw.mean(axis=0)
    sd = x_raw.std(axis=0) + 1e-6
    x = ((x_raw - mu) / sd).astype(np.float32)
    d = x.shape[1]
    w1 = (rng.standard_normal((d, HIDDEN)) * np.sqrt(2.0 / d)).astype(np.float32)
    b1 = np.zeros(HIDDEN, np.float32)
    w2 = (rng.standard_normal((HIDDEN, 1)) * np.sqrt(1.0 / HIDDEN)).astype(np.float32)
    b2 = np.zeros(1, np.float32)
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, step = 2e-3, 0
    for _epoch in range(EPOCHS):
        order = rng.permutation(len(x))
        for s in range(0, len(x), 256):
            i = order[s : s + 256]
            xb, yb, wb = x[i], y[i], w[i]
            h = np.maximum(xb @ w1 + b1, 0.0)
            z = (h @ w2 + b2)[:, 0]
            p = 1.0 / (1.0 + np.exp(-z))
            g = ((p - yb) * wb / wb.sum())[:, None].astype(np.float32)
            gw2 = h.T @ g
            gb2 = g.sum(axis=0)
            gh = (g @ w2.T) * (h > 0)
            gw1 = xb.T @ gh + 1e-5 * w1
            gb1 = gh.sum(axis=0)
            step += 1
            for k, grad in enumerate((gw1, gb1, gw2, gb2)):
                m[k] = 0.9 * m[k] + 0.1 * grad
                v[k] = 0.999 * v[k] + 0.001 * grad * grad
                mh = m[k] / (1 - 0.9**step)
                vh = v[k] / (1 - 0.999**step)
                params[k] -= (lr * mh / (np.sqrt(vh) + 1e-8)).astype(np.float32)
        lr *= 0.85
    w1, b1, w2, b2 = params
    return (w1 / sd[:, None]).astype(np.float32), (b1 - (mu / sd) @ w1).astype(np.float32), w2, b2


def _scores(head: tuple[Arr, ...], feats: list[Arr]) -> Arr:
    w1, b1, w2, b2 = head
    out = []
    for f in feats:
        z = (np.maximum(f @ w1 + b1, 0.0) @ w2 + b2)[:, 0].max()
        out.append(1.0 / (1.0 + np.exp(-z)))
    return np.asarray(out)


def _stack(
    feats: list[Arr], rows: list[dict[str, Any]], pick: list[Arr] | None
) -> tuple[Arr, Arr, Arr]:
    xs, ys, ws = [], [], []
    for k, (f, r) in enumerate(zip(feats, rows, strict=True)):
        label = int(r["label"])
        use = f if pick is None or label == 0 or len(f) == 1 else pick[k]
        xs.append(use)
        ys.append(np.full(len(use), label, np.float32))
        # per text weight split over its windows; ops and tool output weigh more (rare, costly)
        base = {"ops": 3.0, "tool": 2.0, "lookalike": 3.0}.get(r["kind"], 1.0)
        ws.append(np.full(len(use), base / len(use), np.float32))
    return np.vstack(xs).astype(np.float32), np.concatenate(ys), np.concatenate(ws)


def _threshold(benign: Arr, budget: float) -> float:
    """The lowest score at which at most ``budget`` of ``benign`` is at or above it."""
    ordered = np.sort(benign)[::-1]
    allowed = int(np.floor(budget * len(ordered)))
    return float(min(0.999, ordered[allowed] + 1e-4)) if len(ordered) > allowed else 0.5


def _block(benign: Arr) -> float:
    """Above every validation benign score with a margin of 0.02; 1.0 (only a saturated
    score blocks) when the margin reaches it."""
    return float(min(1.0, benign.max() + 0.02))


def main() -> None:
    data, vec_dir, out = (Path(a) for a in sys.argv[1:4])
    tok_bytes = (vec_dir / "tokenizer.json").read_bytes()
    with np.load(vec_dir / "vectors.npz") as npz:
        vectors, scales = npz["vectors"], npz["scales"]
    dummy = (
        np.zeros((256, 1), np.float32),
        np.zeros(1, np.float32),
        np.zeros((1, 1), np.float32),
        np.zeros(1, np.float32),
    )
    import io

    buf = io.BytesIO()
    np.savez(
        buf, vectors=vectors, scales=scales, w1=dummy[0], b1=dummy[1], w2=dummy[2], b2=dummy[3]
    )
    model = StaticModel.from_bytes(tok_bytes, buf.getvalue())
    t0 = time.time()
    train, val = _rows(data / "train.jsonl"), _rows(data / "val.jsonl")
    ftrain, fval = _features(model, train), _features(model, val)
    print(f"features {time.time() - t0:.0f}s", file=sys.stderr)
    rng = np.random.default_rng(SEED)
    x, y, w = _stack(ftrain, train, None)
    head = _fit(x, y, w, rng)
    w1, b1, w2, b2 = head
    pick = [f[[int(np.argmax((np.maximum(f @ w1 + b1, 0) @ w2 + b2)[:, 0]))]] for f in ftrain]
    x, y, w = _stack(ftrain, train, pick)
    head = _fit(x, y, w, np.random.default_rng(SEED))
    s = _scores(head, fval)
    kinds = np.asarray([r["kind"] for r in val])
    labels = np.asarray([int(r["label"]) for r in val])
    chat_b = s[(labels == 0) & np.isin(kinds, CHAT_KINDS)]
    tool_b = s[(labels == 0) & (kinds == "tool")]
    th = {
        "chat": {
            "flag": _threshold(chat_b, FLAG_BUDGET_CHAT),
            "block": _block(chat_b),
        },
        "tool": {
            "flag": _threshold(tool_b, FLAG_BUDGET_TOOL),
            "block": _block(tool_b),
        },
    }
    for _name, t in th.items():
        t["block"] = max(t["block"], t["flag"])
    direct = s[kinds == "attack-direct"]
    indirect = s[kinds == "attack-indirect"]
    report = {
        "thresholds": th,
        "val": {
            "chat+ops benign": len(chat_b),
            "chat flagged": float((chat_b >= th["chat"]["flag"]).mean()),
            "tool benign": len(tool_b),
            "tool flagged": float((tool_b >= th["tool"]["flag"]).mean()),
            "direct caught": float((direct >= th["chat"]["flag"]).mean()),
            "indirect caught": float((indirect >= th["tool"]["flag"]).mean()),
        },
    }
    print(json.dumps(report, indent=1))
    out.mkdir(parents=True, exist_ok=True)
    np.savez(
        out / "static.npz",
        vectors=vectors,
        scales=scales.astype(np.float32),
        w1=head[0],
        b1=head[1],
        w2=head[2],
        b2=head[3],
    )
    shutil.copyfile(vec_dir / "tokenizer.json", out / "tokenizer.json")
    (out / "thresholds.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
