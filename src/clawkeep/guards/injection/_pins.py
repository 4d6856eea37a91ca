"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = ["ARRAYS_SHA256", "TOKENIZER_SHA256"]

# Written by training/injection/static/train_static.py; update both with the files, in one commit.
ARRAYS_SHA256 = "c24ad3af5e267bc8eca51c039f3faf89e5631a7f6d8e6e86f56195e36d9bc7ed"
TOKENIZER_SHA256 = "7475cdbf6604f06d656956fa9193e99561c0dd7a8bd032effaa548955a63ae63"
