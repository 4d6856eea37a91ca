"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = ["MODEL_SHA256", "TOKENIZER_SHA256"]

# Written by training/injection/export step; update both with the files, in one commit.
MODEL_SHA256 = "0511e35442bfa23b8c59b68a1a03f37e76eafd0e8ce0f6c93d3ea82b7416f627"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
