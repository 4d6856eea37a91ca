"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = ["ARRAYS_SHA256", "TOKENIZER_SHA256"]

# Written by training/injection/static/train_static.py; update both with the files, in one commit.
ARRAYS_SHA256 = "e08ac07a19a8e8626935b463d47daad52b85d85f677b1f340f0e6efe6f1c9a26"
TOKENIZER_SHA256 = "7475cdbf6604f06d656956fa9193e99561c0dd7a8bd032effaa548955a63ae63"
