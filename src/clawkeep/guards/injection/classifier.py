"""The ONNX injection classifier: verified weights, one session per process, windowed scores.

The shipped model (``model/``) is a MiniLM-L6 fine-tuned by ``training/injection/``. Its
files are pinned by sha256 and verified on load; a missing or altered file makes the
classifier unavailable (the guards then run on rules only and say so loudly) instead of
running weights nobody reviewed. Inference is onnxruntime on 2 CPU threads; the CUDA
provider is used only when asked for and installed.

A verdict is a function of its text alone: every window runs through the model on its own
(batch of one, no padding), so dynamic quantisation cannot take its scale from other texts
in the same batch and the traffic around a message cannot change its score.

Nothing leaves the machine: onnxruntime's telemetry (a device id under ~/.cache and an
upload to Microsoft) and the Hugging Face hub client are switched off in the environment
before either library is imported. This is the only module that imports them.
"""

from __future__ import annotations

import os

# Privacy: set before onnxruntime/tokenizers load; onnxruntime reads it once, at import.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"  # tokenizers ships the hub client: no download, ever
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_IMPLICIT_TOKEN"] = "1"  # noqa: S105 (a switch, not a secret)

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from clawkeep.guards.injection._pins import MODEL_SHA256, TOKENIZER_SHA256
from clawkeep.guards.injection._windows import windows
from clawkeep.guards.injection.model_files import (
    MODEL_DIR,
    ModelFileError,
    read_verified,
)

__all__ = [
    "MODEL_DIR",
    "ClassifierError",
    "InjectionClassifier",
    "default_classifier",
    "model_status",
]

log = logging.getLogger("clawkeep.guards.injection")

_WINDOW = 128  # tokens per window, [CLS] and [SEP] included: the length the model was trained on
_OVERLAP = 32


class ClassifierError(Exception):
    """The classifier could not score (I/O, checksum, or inference failure)."""


@dataclass(frozen=True, slots=True)
class _Loaded:
    session: Any  # onnxruntime.InferenceSession (untyped library)
    tokenizer: Tokenizer
    cls_id: int
    sep_id: int


def _read_verified(path: Path, expected: str | None) -> bytes:
    try:
        return read_verified(path, expected)
    except ModelFileError as exc:
        raise ClassifierError(str(exc)) from exc


class InjectionClassifier:
    """Scores text 0..1 for prompt injection; loads lazily, verifies, then stays loaded."""

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        model_sha256: str | None = MODEL_SHA256,
        tokenizer_sha256: str | None = TOKENIZER_SHA256,
        threads: int = 2,
        use_gpu: bool = False,
    ) -> None:
        self._model_path = model_path or MODEL_DIR / "model.int8.onnx"
        self._tokenizer_path = tokenizer_path or MODEL_DIR / "tokenizer.json"
        self._pins = (model_sha256, tokenizer_sha256)
        self._threads = threads
        self._use_gpu = use_gpu
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._error: str | None = None

    def _load(self) -> _Loaded:
        import onnxruntime as ort  # deferred: importing it costs ~0.1 s

        ort.disable_telemetry_events()  # second lock on the door: the env var is the first

        model = _read_verified(self._model_path, self._pins[0])
        tok_bytes = _read_verified(self._tokenizer_path, self._pins[1])
        tokenizer = Tokenizer.from_str(tok_bytes.decode("utf-8"))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self._threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        providers = ["CPUExecutionProvider"]
        if self._use_gpu and "CUDAExecutionProvider" in ort.get_available_providers():
            providers.insert(0, "CUDAExecutionProvider")
        try:
            session = ort.InferenceSession(model, sess_options=opts, providers=providers)
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ClassifierError(f"onnxruntime cannot load the model: {exc}") from exc
        cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        if cls_id is None or sep_id is None:
            raise ClassifierError("tokenizer has no [CLS]/[SEP] tokens")
        return _Loaded(session, tokenizer, cls_id, sep_id)

    def _get(self) -> _Loaded:
        with self._lock:
            if self._loaded is None and self._error is None:
                try:
                    self._loaded = self._load()
                except ClassifierError as exc:
                    self._error = str(exc)
                    log.error("injection model unavailable, guards run on rules only: %s", exc)
            if self._loaded is None:
                raise ClassifierError(self._error or "model not loaded")
            return self._loaded

    def available(self) -> bool:
        """True when the verified model is loaded (loads it on first call)."""
        try:
            self._get()
        except ClassifierError:
            return False
        return True

    def why_unavailable(self) -> str:
        """Empty when available, else the reason the model could not be used."""
        return "" if self.available() else (self._error or "model not loaded")

    def score(self, text: str) -> float:
        """Probability that ``text`` (already normalised) carries an injection."""
        return self.score_many([text])[0]

    def score_many(self, texts: Sequence[str]) -> list[float]:
        """Scores for several texts at once: their windows share inference batches."""
        loaded = self._get()
        owners: list[int] = []
        seqs: list[list[int]] = []
        for owner, enc in enumerate(
            loaded.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        ):
            for win in windows(enc.ids, size=_WINDOW - 2, overlap=_OVERLAP):
                owners.append(owner)
                seqs.append([loaded.cls_id, *win, loaded.sep_id])
        probs = self._infer(loaded, seqs)
        best = [0.0] * len(texts)
        for owner, prob in zip(owners, probs, strict=True):
            best[owner] = max(best[owner], prob)  # a text is as bad as its worst window
        return best

    def _infer(self, loaded: _Loaded, seqs: list[list[int]]) -> list[float]:
        out: list[float] = []
        for seq in seqs:  # one window per run: no other text can move its score
            ids = np.asarray([seq], dtype=np.int64)
            mask = np.ones_like(ids)
            try:
                (logits,) = loaded.session.run(None, {"input_ids": ids, "attention_mask": mask})
            except Exception as exc:  # onnxruntime's errors are untyped; the guard fails closed
                raise ClassifierError(f"inference failed: {exc}") from exc
            z = np.exp(logits[0] - logits[0].max())
            out.append(float(z[1] / z.sum()))
        return out


_default: InjectionClassifier | None = None
_default_lock = threading.Lock()


def default_classifier() -> InjectionClassifier:
    """The process-wide classifier over the shipped model: one session per process."""
    global _default
    with _default_lock:
        if _default is None:
            _default = InjectionClassifier()
        return _default


def model_status() -> tuple[bool, str]:
    """(available, why not): feeds the audit's ``channel_guard.model_unavailable`` finding."""
    clf = default_classifier()
    return clf.available(), clf.why_unavailable()
