"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = ["ARRAYS_SHA256", "TOKENIZER_SHA256"]

# Written by training/injection/static/train_static.py; update both with the files, in one commit.
ARRAYS_SHA256 = "606b1035aad5c8dfdc0b0de9104c5ef85d71f59a0873b00789b8f40a8e77559b"
TOKENIZER_SHA256 = "7475cdbf6604f06d656956fa9193e99561c0dd7a8bd032effaa548955a63ae63"
