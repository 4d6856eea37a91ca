"""The static multilingual model: token vectors, pooled per window, then a small MLP head.

Token vectors were distilled from multilingual-e5-small (see training/injection/README.md):
each of the ~250k-piece XLM-R vocabulary's most useful pieces carries one vector, so a text
is embedded by a table lookup and a mean, in any of ~100 languages, with numpy alone. There
is no batching at all: a verdict is computed from its own text only.

Structured tool output is judged by what it says, not by its layout: JSON is flattened to
``key: value`` lines of its string fields before tokenising (``prepare_text``).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from clawkeep.guards.injection._windows import windows

__all__ = ["StaticModel", "prepare_text"]

WINDOW = 64  # tokens per window: a payload buried in a long page is judged in its own window
OVERLAP = 32
_JSON_MAX = 2_000_000  # characters; larger JSON is judged as plain text
_LEAVES_MAX = 5_000


def _leaves(value: Any, path: str, out: list[str]) -> None:
    """``path: text`` for every string (and number/bool) leaf, depth first, bounded."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack and len(out) < _LEAVES_MAX:  # iterative: no recursion depth to exhaust
        node, where = stack.pop()
        if isinstance(node, dict):
            for key, child in reversed(list(node.items())):
                stack.append((child, str(key)))
        elif isinstance(node, list):
            for child in reversed(node):
                stack.append((child, where))
        elif isinstance(node, str):
            if node.strip():
                out.append(f"{where}: {node}" if where else node)
        elif node is not None:
            out.append(f"{where}: {node}" if where else str(node))


def prepare_text(text: str) -> str:
    """The text the model reads: JSON documents become ``key: value`` lines (the string
    fields in context), everything else is unchanged."""
    head = text.lstrip()[:1]
    if head not in ("{", "[") or len(text) > _JSON_MAX:
        return text
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return text  # not JSON after all (or absurdly nested): judged as written
    lines: list[str] = []
    _leaves(value, "", lines)
    return "\n".join(lines) if lines else text


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

    def features(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One row per window of ``text``: [mean of token vectors, max of token vectors]."""
        ids = self.tokenizer.encode(prepare_text(text), add_special_tokens=False).ids or [0]
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
        z = float(self.logits(self.features(text)).max())
        return float(1.0 / (1.0 + np.exp(-z)))
