"""Turn distilled e5 piece vectors into the shipped static vocabulary and token vectors.

    python build.py BIN DISTILLED.npy OUTDIR [--base 40000] [--dim 128]

Keeps the ``--base`` most frequent pieces and every single-character piece (so no script
falls to <unk>), builds a SentencePiece-unigram ``tokenizer.json`` over them (``tokenizers``),
reduces the vectors to ``--dim`` by PCA, weights each by SIF (a / (a + p(piece)), from the
unigram log-probabilities: frequent pieces count less), and stores int8 rows with a
float32 scale each in ``vectors.npz``. Pieces past the distilled range get the input
embedding mapped into the distilled space by least squares.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from e5bin import dequantised_word_embeddings, read_e5
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

SIF_A = 1e-4


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("distilled")
    ap.add_argument("out", type=Path)
    ap.add_argument("--base", type=int, default=40000)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--with-input", action="store_true", help="append the input embedding")
    args = ap.parse_args()
    m = read_e5(args.bin)
    pieces, scores = m["pieces"], m["scores"]
    keep = [i for i in range(m["n"]) if i < args.base or len(pieces[i].lstrip("\u2581")) == 1]
    distilled = np.load(args.distilled)
    nd = distilled.shape[0]
    word = dequantised_word_embeddings(m)
    # least squares map input embedding -> distilled vector, fitted on the distilled range
    fit = np.arange(4, nd)
    x = np.hstack([word[fit], np.ones((len(fit), 1), np.float32)])
    coef, *_ = np.linalg.lstsq(x, distilled[fit], rcond=None)
    vec = np.zeros((len(keep), distilled.shape[1]), np.float32)
    for row, i in enumerate(keep):
        vec[row] = distilled[i] if i < nd else np.append(word[i], 1.0) @ coef
    if args.with_input:  # contextual (distilled) and lexical (input table) views side by side
        lex = word[np.asarray(keep)]
        unit = np.linalg.norm(vec[4:], axis=1).mean() / np.linalg.norm(lex[4:], axis=1).mean()
        vec = np.hstack([vec, lex * unit])
    mean = vec[4:].mean(axis=0)
    _u, _s, vt = np.linalg.svd(vec[4:] - mean, full_matrices=False)
    red = (vec - mean) @ vt[: args.dim].T
    prob = np.exp(np.asarray([scores[i] for i in keep], np.float64))
    prob[:4] = 0.0
    red *= (SIF_A / (SIF_A + prob / prob.sum()))[:, None].astype(np.float32)
    red[:4] = 0.0  # <s> <pad> </s> <unk> carry nothing
    scale = np.abs(red).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(red / scale[:, None]), -127, 127).astype(np.int8)
    vocab = [(pieces[i], float(scores[i])) for i in keep]
    tok = Tokenizer(models.Unigram(vocab, unk_id=m["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(" {2,}", " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    args.out.mkdir(parents=True, exist_ok=True)
    tok.save(str(args.out / "tokenizer.json"))
    np.savez(args.out / "vectors.npz", vectors=q, scales=scale.astype(np.float32))
    print(f"{len(keep)} pieces x {args.dim} dims")


if __name__ == "__main__":
    main()
