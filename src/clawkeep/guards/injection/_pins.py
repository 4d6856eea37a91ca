"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = ["ARRAYS_SHA256", "TOKENIZER_SHA256"]

# Written by training/injection/static/train_static.py; update both with the files, in one commit.
ARRAYS_SHA256 = "a1eebc58068efb100e1e4471e0c9099d7a7cf6eb49acbfa516b7fe0cd20b3a92"
TOKENIZER_SHA256 = "7475cdbf6604f06d656956fa9193e99561c0dd7a8bd032effaa548955a63ae63"
