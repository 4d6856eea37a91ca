"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = ["MODEL_SHA256", "TOKENIZER_SHA256"]

# Written by training/injection/export step; update both with the files, in one commit.
MODEL_SHA256 = "b9b774dcb74ec21bce055fb1e56eb67cf83be723365023f6c7d24b310e948039"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
