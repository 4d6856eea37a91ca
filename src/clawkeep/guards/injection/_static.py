"""The static multilingual model: token vectors, pooled per window, then a small MLP head.

Token vectors were distilled from multilingual-e5-small (see training/injection/README.md):
each of the ~250k-piece XLM-R vocabulary's most useful pieces carries one vector, so a text
is embedded by a table lookup and a mean, in any of ~100 languages, with numpy alone. There
is no batching at all: a verdict is computed from its own text only.

Structured tool output is judged by what it says, not by its layout: JSON is flattened to
``key: value`` lines of its string fields before tokenising (``_structured``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from clawkeep.guards.injection._structured import prepare_text
from clawkeep.guards.injection._windows import windows

__all__ = ["StaticModel", "prepare_text"]

# A text of fewer pieces than this is never blocked by the model, at most flagged: one word
# is not an instruction, and single words are where a bag of vectors is least reliable
# ("execute" alone scored 0.99999). Rules still block short attacks ("DAN mode").
SHORT_PIECES = 4
SHORT_CAP = 0.999  # below every block threshold shipped (1.0), above every flag one
WINDOW = 24  # tokens per window: a payload buried in a long page is judged in its own window
OVERLAP = 12


@dataclass(frozen=True, slots=True)
class StaticModel:
    """Token vectors (int8 with a per-row scale) and the classifier head."""

    tokenizer: Tokenizer
    vectors: np.ndarray[Any, np.dtype[np.int8]]
    scales: np.ndarray[Any, np.dtype[np.float32]]
    head: tuple[np.ndarray[Any, np.dtype[np.float32]], ...]  # w1, b1, w2, b2

    @classmethod
    def from_bytes(cls, tokenizer_json: bytes, arrays: bytes) -> StaticModel:
        """Build from the verified bytes of ``tokenizer.json`` and ``static.npz``."""
        tok = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
        tok.no_truncation()
        tok.no_padding()
        with np.load(io.BytesIO(arrays), allow_pickle=False) as npz:  # never unpickle
            vectors = npz["vectors"]
            scales = npz["scales"].astype(np.float32)
            head = tuple(npz[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2"))
        if vectors.shape[0] != tok.get_vocab_size() or vectors.dtype != np.int8:
            raise ValueError("token vectors do not match the tokenizer")
        return cls(tok, vectors, scales, head)

    def _ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(prepare_text(text), add_special_tokens=False).ids or [0]

    def features(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One row per window of ``text``: [mean of token vectors, max of token vectors]."""
        return self._window_features(self._ids(text))

    def _window_features(self, ids: list[int]) -> np.ndarray[Any, np.dtype[np.float32]]:
        rows = []
        for win in windows(ids, size=WINDOW, overlap=OVERLAP):
            idx = np.asarray(win, dtype=np.int64)
            vec = self.vectors[idx].astype(np.float32) * self.scales[idx, None]
            rows.append(np.concatenate([vec.mean(axis=0), vec.max(axis=0)]))
        return np.stack(rows)

    def logits(self, feats: np.ndarray[Any, np.dtype[np.float32]]) -> np.ndarray[Any, Any]:
        """The head on feature rows."""
        w1, b1, w2, b2 = self.head
        hidden = np.maximum(feats @ w1 + b1, 0.0)
        out: np.ndarray[Any, Any] = (hidden @ w2 + b2)[:, 0]
        return out

    def score(self, text: str) -> float:
        """Probability of an injection: the most suspicious window decides."""
        ids = self._ids(text)
        z = min(max(float(self.logits(self._window_features(ids)).max()), -60.0), 60.0)
        prob = float(1.0 / (1.0 + np.exp(-z)))
        return min(prob, SHORT_CAP) if len(ids) < SHORT_PIECES else prob
