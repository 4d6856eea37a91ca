"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = ["ARRAYS_SHA256", "TOKENIZER_SHA256"]

# Written by training/injection/static/train_static.py; update both with the files, in one commit.
ARRAYS_SHA256 = "e823379759d73e73ae8a095b075ca06e2f44d7f025e24b26fa4f5b9617bcb2bf"
TOKENIZER_SHA256 = "7475cdbf6604f06d656956fa9193e99561c0dd7a8bd032effaa548955a63ae63"
