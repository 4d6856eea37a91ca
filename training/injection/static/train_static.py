"""Train the two heads of the static classifier and choose their thresholds on validation data.

    python train_static.py DATA_DIR VECTORS_DIR OUT_DIR

DATA_DIR: train/val/test.jsonl from ``realuse.py``. VECTORS_DIR: ``tokenizer.json`` and
``vectors.npz`` from ``build.py``. Writes OUT_DIR/static.npz (vectors + two heads, each
an MLP and n-gram weights), OUT_DIR/tokenizer.json and OUT_DIR/thresholds.json, and
prints the validation numbers that chose the thresholds. Features come from the run-time code
(``clawkeep.guards.injection``), text normalised as the guards normalise it, so training
sees exactly what the guards compute; the thresholds are chosen on scores of the written
model through the run-time ``StaticModel.score``.
A head: [mean, max] of the window's token vectors -> 512 ReLU -> 1, plus a linear term
over the window's pieces and hashed pairs and triples of adjacent pieces (``ngram_keys``;
stored as float16), trained together, numpy and Adam (lazy Adam for the sparse n-gram
weights). The ``chat`` head (messages; thresholds from validation chat, ops and
look-alike rows) is the mean of three heads (``CHAT_SEEDS``), each from two regularised
fits on the message rows: after the first, an
attack text longer than one window keeps only its most suspicious window as a positive
(the other windows are page, not payload), and the second is the head. The ``tool`` head
(tool output; thresholds from validation tool output and indirect attacks) is one fit on
every row, whole documentation pages included.
Seeded (SEED); test.jsonl is never read here.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from clawkeep.guards.injection._normalise import normalise
from clawkeep.guards.injection._static import HEADS, NGRAM_BUCKETS, SHORT_CAP, WINDOW, StaticModel

SEED = 7  # of 7, 11 and 23 the best on validation English recall (90.9%, 90.6%, 90.4%)
# The chat head is the mean of three heads fitted with these seeds, written as one MLP
# three times as wide (their hidden units side by side, the output weights divided by 3)
# with their n-gram weights averaged: on validation it caught 93.62% of English attacks at
# its flag line against 92.81-93.08% for each alone (training/injection/README.md,
# "Ensembles").
CHAT_SEEDS = (7, 11, 23)
HIDDEN = 512
EPOCHS = 10  # 20 or 30 did no better on validation English (87.1%, 87.6% against 88.1-91.7%)
LR, LR_NGRAM = 2e-3, 1e-1  # the sparse n-gram weights each see few steps: a larger rate
L2_NGRAM = 1e-6
CHAT_KINDS = ("chat", "ops", "lookalike")
FLAG_BUDGET_CHAT, FLAG_BUDGET_TOOL = 0.005, 0.01  # under the 1% / 2% goals, with a margin
# Tool output is withheld above the score that at most 1 in 500 validation documents
# reach: "above every one" let a single honest outlier (a docstring in a mail, 0.998) move
# the line to 1.0, and then no injection was ever withheld, only flagged; 1 in 3,000 did
# the same once whole pages joined the data (two changelog pages above 0.999: the line at
# the 0.999 cap withheld 77% of validation injections, against 99.8% at 1 in 500 on that run).
BLOCK_BUDGET_TOOL = 0.002
# The chat head's two fits: dropout 0.3 on the hidden units, Gaussian noise 0.5 on the
# standardised features, n-gram learning rate 3e-2. The head had learned its training
# set by heart (every English training attack caught, 7 of 9,761 English chat lines
# flagged) and missed a tenth of the validation attacks; regularised it catches more of
# them at the same budget (training/injection/README.md, "Regularising the chat head").
REG_CHAT = (0.3, 0.5, 3e-2)
WEIGHT = {"ops": 3.0, "tool": 2.0, "lookalike": 3.0}  # rare, costly benign kinds weigh more
KEYS = 3 * WINDOW - 3  # n-gram keys of a full window: its pieces, adjacent pairs and triples
Arr = np.ndarray[Any, Any]


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(x) for x in fh]


def _windows(model: StaticModel, rows: list[dict[str, Any]], pad: int) -> tuple[Arr, Arr, Arr]:
    """Every window of every row: dense features, n-gram keys (padded with ``pad``, whose
    weight stays 0) and the row it belongs to."""
    feats, keys, owner = [], [], []
    for i, r in enumerate(rows):
        ids = model.ids(normalise(r["text"]).text)
        feats.append(model.window_features(ids))
        for k in model.window_keys(ids):
            row = np.full(KEYS, pad, np.int64)
            row[: len(k)] = k
            keys.append(row)
        owner.extend([i] * len(feats[-1]))
    return np.vstack(feats).astype(np.float32), np.asarray(keys), np.asarray(owner)


def _fit(
    x_raw: Arr,
    keys: Arr,
    y: Arr,
    w: Arr,
    pad: int,
    reg: tuple[float, float, float] = (0, 0, LR_NGRAM),
    seed: int = SEED,
) -> tuple[tuple[Arr, ...], Arr]:
    """Fit on standardised features; the standardisation is folded into the first layer.
    ``reg``: dropout of the hidden units, Gaussian noise added to the standardised features
    (both during training only) and the n-gram learning rate; with (0, 0, LR_NGRAM) the
    fit draws exactly what it drew before they existed."""
    drop_h, noise, lr_ng = reg
    rng = np.random.default_rng(seed)
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
    ngram, ng_m, ng_v = (np.zeros(pad + 1, np.float32) for _ in range(3))
    norm = (1.0 / np.sqrt(np.maximum((keys != pad).sum(axis=1), 1))).astype(np.float32)
    lr, step = LR, 0
    for _epoch in range(EPOCHS):
        order = rng.permutation(len(x))
        for s in range(0, len(x), 256):
            i = order[s : s + 256]
            xb, yb, wb, kb, nb = x[i], y[i], w[i], keys[i], norm[i]
            if noise:
                xb = xb + noise * rng.standard_normal(xb.shape).astype(np.float32)
            h = np.maximum(xb @ w1 + b1, 0.0)
            keep = np.float32(1.0)
            if drop_h:  # inverted dropout: the written weights need no rescaling
                keep = (rng.random(h.shape) >= drop_h).astype(np.float32) / (1.0 - drop_h)
                h = h * keep
            z = (h @ w2 + b2)[:, 0] + ngram[kb].sum(axis=1) * nb
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))
            g = ((p - yb) * wb / wb.sum())[:, None].astype(np.float32)
            gw2 = h.T @ g
            gb2 = g.sum(axis=0)
            gh = (g @ w2.T) * (h > 0) * keep
            gw1 = xb.T @ gh + 1e-5 * w1
            gb1 = gh.sum(axis=0)
            step += 1
            c1, c2 = 1 - 0.9**step, 1 - 0.999**step
            for k, grad in enumerate((gw1, gb1, gw2, gb2)):
                m[k] = 0.9 * m[k] + 0.1 * grad
                v[k] = 0.999 * v[k] + 0.001 * grad * grad
                params[k] -= (lr * (m[k] / c1) / (np.sqrt(v[k] / c2) + 1e-8)).astype(np.float32)
            # lazy Adam on the n-gram weights this batch touched
            touched, inverse = np.unique(kb.ravel(), return_inverse=True)
            gk = np.bincount(inverse, weights=np.repeat(g[:, 0] * nb, kb.shape[1]))
            real = touched != pad
            u, gu = touched[real], gk[real].astype(np.float32) + L2_NGRAM * ngram[touched[real]]
            ng_m[u] = 0.9 * ng_m[u] + 0.1 * gu
            ng_v[u] = 0.999 * ng_v[u] + 0.001 * gu * gu
            ngram[u] -= lr_ng * (ng_m[u] / c1) / (np.sqrt(ng_v[u] / c2) + 1e-8)
        lr *= 0.85
        lr_ng *= 0.85
    w1, b1, w2, b2 = params
    head = ((w1 / sd[:, None]).astype(np.float32), (b1 - (mu / sd) @ w1).astype(np.float32), w2, b2)
    return head, ngram[:pad]


def _window_logits(head: tuple[Arr, ...], ngram: Arr, x: Arr, keys: Arr, pad: int) -> Arr:
    w1, b1, w2, b2 = head
    table = np.append(ngram, np.float32(0.0))
    n = np.maximum((keys != pad).sum(axis=1), 1)
    return (np.maximum(x @ w1 + b1, 0) @ w2 + b2)[:, 0] + table[keys].sum(axis=1) / np.sqrt(n)


def _mean_head(heads: list[tuple[tuple[Arr, ...], Arr]]) -> tuple[tuple[Arr, ...], Arr]:
    """Several heads as one: the mean of their logits is an MLP with their hidden units side
    by side and output weights divided by their number, plus their mean n-gram weights."""
    k = len(heads)
    w1 = np.concatenate([mlp[0] for mlp, _ in heads], axis=1)
    b1 = np.concatenate([mlp[1] for mlp, _ in heads])
    w2 = np.concatenate([mlp[2] for mlp, _ in heads], axis=0) / k
    b2 = sum(mlp[3] for mlp, _ in heads) / k
    ngram = sum(ng for _, ng in heads) / k
    mlp = (w1, b1, w2.astype(np.float32), np.asarray(b2, np.float32))
    return mlp, np.asarray(ngram, np.float32)


def _stack(rows: list[dict[str, Any]], owner: Arr, pick: Arr | None) -> tuple[Arr, Arr, Arr]:
    """Window indices to train on, their labels and weights (a text's weight split over its
    windows). With ``pick``: a multi-window attack keeps only its picked window."""
    label = np.asarray([int(r["label"]) for r in rows])
    base = np.asarray([WEIGHT.get(r["kind"], 1.0) for r in rows], np.float32)
    nwin = np.bincount(owner, minlength=len(rows))
    if pick is None:
        sel = np.arange(len(owner))
        count = nwin[owner]
    else:
        attack = (label[owner] == 1) & (nwin[owner] > 1)
        sel = np.flatnonzero(~attack | (pick[owner] == np.arange(len(owner))))
        count = np.where(label[owner[sel]] == 1, 1, nwin[owner[sel]])
    return sel, label[owner[sel]].astype(np.float32), base[owner[sel]] / count


def _threshold(benign: Arr, budget: float) -> float:
    """The lowest score at which at most ``budget`` of ``benign`` is at or above it."""
    ordered = np.sort(benign)[::-1]
    allowed = int(np.floor(budget * len(ordered)))
    return float(min(0.999, ordered[allowed] + 1e-4)) if len(ordered) > allowed else 0.5


def _chat_flag(s: Arr, labels: Arr, kinds: Arr, langs: Arr) -> float:
    """The chat flag line: at most FLAG_BUDGET_CHAT of every validation message flagged,
    and at most 1% of the chat of each language with 100 rows or more (the goal is per
    language; the whole set's budget alone let English, the hard negatives' language,
    reach 1.15% on validation)."""
    benign = (labels == 0) & np.isin(kinds, CHAT_KINDS)
    lines = [_threshold(s[benign], FLAG_BUDGET_CHAT)]
    for lang in sorted(set(langs[benign & (kinds == "chat")])):
        rows = s[benign & (kinds == "chat") & (langs == lang)]
        if len(rows) >= 100:
            lines.append(_threshold(rows, 0.01))
    return max(lines)


def _block(benign: Arr) -> float:
    """Above every validation benign score with a margin of 0.02, and above the cap of a
    short text's score (a text of a few pieces is never blocked by the model); 1.0 (only a
    saturated score blocks) when that reaches it."""
    return float(min(1.0, max(benign.max() + 0.02, SHORT_CAP + 1e-4)))


def _save(
    path: Path, vectors: Arr, scales: Arr, heads: dict[str, tuple[tuple[Arr, ...], Arr]]
) -> None:
    """The model file: vectors, then each head's MLP and n-gram weights (float16: 2^20
    buckets, half the bytes)."""
    arrays: dict[str, Arr] = {"vectors": vectors, "scales": scales.astype(np.float32)}
    for name, (mlp, ngram) in heads.items():
        arrays.update(
            {f"{name}_{k}": a for k, a in zip(("w1", "b1", "w2", "b2"), mlp, strict=True)}
        )
        arrays[f"{name}_ngram"] = ngram.astype(np.float16)
    np.savez(path, **arrays)  # type: ignore[arg-type]


def main() -> None:
    data, vec_dir, out = (Path(a) for a in sys.argv[1:4])
    tok_bytes = (vec_dir / "tokenizer.json").read_bytes()
    with np.load(vec_dir / "vectors.npz") as npz:
        vectors, scales = npz["vectors"], npz["scales"]
    pad = vectors.shape[0] + NGRAM_BUCKETS  # one past the last n-gram weight
    empty = (np.zeros((2 * vectors.shape[1], 1), np.float32), np.zeros(1, np.float32),
             np.zeros((1, 1), np.float32), np.zeros(1, np.float32))  # fmt: skip
    buf = io.BytesIO()
    _save(buf, vectors, scales, {h: (empty, np.zeros(pad, np.float32)) for h in HEADS})
    model = StaticModel.from_bytes(tok_bytes, buf.getvalue())
    t0 = time.time()
    train, val = _rows(data / "train.jsonl"), _rows(data / "val.jsonl")
    x, keys, owner = _windows(model, train, pad)
    print(f"features {time.time() - t0:.0f}s, {len(x)} windows", file=sys.stderr)
    # Whole documentation pages (``pkgdocs.py``) come after every other row; the chat head
    # and the fit that picks its windows are trained on the rows before them.
    pages = np.asarray([str(r["src"]).startswith("pkgdocs/") for r in train])
    n_msg = int(np.argmax(pages)) if pages.any() else len(train)
    if pages[:n_msg].any() or not pages[n_msg:].all():
        raise SystemExit("pkgdocs rows must come last in train.jsonl (realuse.py writes them so)")
    nw = int(np.searchsorted(owner, n_msg))  # windows of the rows before the pages
    msgs, xm, km, om = train[:n_msg], x[:nw], keys[:nw], owner[:nw]
    chats = []
    for seed in CHAT_SEEDS:
        sel, y, w = _stack(msgs, om, None)
        first = _fit(xm[sel], km[sel], y, w, pad, REG_CHAT, seed)
        z = _window_logits(*first, xm, km, pad)
        best = np.full(len(msgs), -np.inf)
        np.maximum.at(best, om, z)
        pick = np.full(len(msgs), -1)
        pick[om[::-1]] = np.arange(len(om))[::-1]  # default: first window
        hit = np.flatnonzero(z == best[om])
        pick[om[hit[::-1]]] = hit[::-1]  # the first most suspicious window of each text
        sel, y, w = _stack(msgs, om, pick)
        # the second fit: a long attack's worst window
        chats.append(_fit(xm[sel], km[sel], y, w, pad, REG_CHAT, seed))
    chat = _mean_head(chats)
    # The tool head: a fit on every row, pages included (every window of a benign page
    # counts), but the second table of direct attacks (``mlmore.py``: messages, for the
    # chat head); not regularised (its thresholds were chosen on it as it is).
    more = np.asarray([str(r["src"]).startswith("mlmore/") for r in train])
    sel, y, w = _stack(train, owner, None)
    keep = ~more[owner[sel]]
    tool = _fit(x[sel[keep]], keys[sel[keep]], y[keep], w[keep], pad)
    print(f"fitted {time.time() - t0:.0f}s", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    _save(out / "static.npz", vectors, scales, {"chat": chat, "tool": tool})
    shutil.copyfile(vec_dir / "tokenizer.json", out / "tokenizer.json")
    # thresholds from the written model, scored as the guards score it
    shipped = StaticModel.from_bytes(tok_bytes, (out / "static.npz").read_bytes())
    texts = [normalise(r["text"]).text for r in val]
    s = np.asarray([shipped.score(t, "chat") for t in texts])
    s_tool = np.asarray([shipped.score(t, "tool") for t in texts])
    kinds = np.asarray([r["kind"] for r in val])
    labels = np.asarray([int(r["label"]) for r in val])
    langs = np.asarray([r["lang"] for r in val])
    chat_b = s[(labels == 0) & np.isin(kinds, CHAT_KINDS)]
    tool_b = s_tool[(labels == 0) & (kinds == "tool")]
    th = {
        "chat": {"flag": _chat_flag(s, labels, kinds, langs), "block": _block(chat_b)},
        "tool": {
            "flag": _threshold(tool_b, FLAG_BUDGET_TOOL),
            "block": _threshold(tool_b, BLOCK_BUDGET_TOOL),
        },
    }
    for t in th.values():
        t["block"] = max(t["block"], t["flag"])
    direct = kinds == "attack-direct"
    indirect = s_tool[kinds == "attack-indirect"]
    report = {
        "thresholds": th,
        "val": {
            "chat+ops benign": len(chat_b),
            "chat flagged": float((chat_b >= th["chat"]["flag"]).mean()),
            "highest chat benign": float(chat_b.max()),
            "tool benign": len(tool_b),
            "tool flagged": float((tool_b >= th["tool"]["flag"]).mean()),
            "highest tool benign": float(tool_b.max()),
            "direct caught": float((s[direct] >= th["chat"]["flag"]).mean()),
            "direct caught, English": float(
                (s[direct & (langs == "en")] >= th["chat"]["flag"]).mean()
            ),
            "indirect caught": float((indirect >= th["tool"]["flag"]).mean()),
        },
    }
    print(json.dumps(report, indent=1))
    (out / "thresholds.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
