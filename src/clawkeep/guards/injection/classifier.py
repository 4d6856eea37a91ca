"""The injection classifier: verified weights, loaded once per process, windowed scores.

The shipped model (``model/``) is a static multilingual model: token vectors distilled from
multilingual-e5-small and two small heads trained by ``training/injection/static/``
(``_static``): one for messages (the channel guard), one for tool output (the content
guard). Its files are pinned by sha256 and verified on load; a missing or altered file
makes the classifier unavailable (the guards then run on rules only and say so loudly)
instead of running weights nobody reviewed. Inference is numpy: a table lookup,
a mean and two small matrix products, well under a millisecond per chat message.

A verdict is a function of its text alone: each text is scored on its own, never padded
or quantised together with other texts, so the traffic around a message cannot move it.
A text spelled to slip past the model (``1gn0r3``, ``i g n o r e``) is scored twice, as
written and as its de-obfuscated view (``_deobfuscate``), and the worse score counts.

Nothing leaves the machine: the Hugging Face hub client (shipped with ``tokenizers``) and
onnxruntime's telemetry, should anything load onnxruntime in this process, are switched off
in the environment before either library is imported.
"""

from __future__ import annotations

import os

# Privacy: set before tokenizers (or onnxruntime) load; each reads it once, at import.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"  # tokenizers ships the hub client: no download, ever
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_IMPLICIT_TOKEN"] = "1"  # noqa: S105 (a switch, not a secret)

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from clawkeep.guards.injection._deobfuscate import deobfuscate
from clawkeep.guards.injection._pins import E5_HEAD_SHA256
from clawkeep.guards.injection._second import SecondStage, adjusted
from clawkeep.guards.injection._static import HeadName, StaticModel
from clawkeep.guards.injection.model_files import (
    MODEL_DIR,
    MODEL_FILES,
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

_ARRAYS, _TOKENIZER, _E5_HEAD = "static.npz", "tokenizer.json", "e5_head.npz"


class ClassifierError(Exception):
    """The classifier could not score (I/O, checksum, or inference failure)."""


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
        model_sha256: str | None = MODEL_FILES[_ARRAYS],
        tokenizer_sha256: str | None = MODEL_FILES[_TOKENIZER],
        e5_head_sha256: str | None = E5_HEAD_SHA256,
        second_stage: bool = True,
    ) -> None:
        self._model_path = model_path or MODEL_DIR / _ARRAYS
        self._tokenizer_path = tokenizer_path or MODEL_DIR / _TOKENIZER
        self._pins = (model_sha256, tokenizer_sha256)
        head = MODEL_DIR / _E5_HEAD
        self._second = SecondStage(head, e5_head_sha256) if second_stage else None
        self._lock = threading.Lock()
        self._loaded: StaticModel | None = None
        self._error: str | None = None

    def _load(self) -> StaticModel:
        arrays = _read_verified(self._model_path, self._pins[0])
        tok_bytes = _read_verified(self._tokenizer_path, self._pins[1])
        try:
            return StaticModel.from_bytes(tok_bytes, arrays)
        except Exception as exc:  # numpy/tokenizers raise many types on a malformed file
            raise ClassifierError(f"cannot load the model: {exc}") from exc

    def _get(self) -> StaticModel:
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

    def score(self, text: str, head: HeadName = "chat") -> float:
        """Probability that ``text`` (already normalised) carries an injection; ``head``:
        ``chat`` for a message someone sent, ``tool`` for tool output."""
        return self.score_many([text], head)[0]

    def score_many(self, texts: Sequence[str], head: HeadName = "chat") -> list[float]:
        """Scores for several texts, each computed from its own text alone: the worse of
        the text and its de-obfuscated view, where it has one."""
        model = self._get()
        second = self._second if head == "chat" else None
        try:
            scores = [_worst(model, text, head) for text in texts]
            if second is None:
                return scores
            # a message near the flag line: the full encoder's opinion is added (_second)
            return [adjusted(s, text, second) for s, text in zip(scores, texts, strict=True)]
        except Exception as exc:  # any numeric/tokenizer failure: the guard fails closed
            raise ClassifierError(f"inference failed: {exc}") from exc

    def second_stage_status(self) -> str:
        """Empty when the second stage (the full encoder, ``_second``) loads, else why not."""
        return "switched off" if self._second is None else self._second.why_unavailable()


def _worst(model: StaticModel, text: str, head: HeadName) -> float:
    score = model.score(text, head)
    view = deobfuscate(text).text
    # An obfuscated spelling is judged as the attacker meant it read, too.
    return score if view is None else max(score, model.score(view, head))


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
