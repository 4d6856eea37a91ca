"""Whether the shipped classifier files are present and the reviewed ones, by sha256.

Reads the files and hashes them; imports no onnxruntime, numpy or tokenizers, so the audit
can ask "is the model there and intact?" in milliseconds without loading the model.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from clawkeep.guards.injection._pins import ARRAYS_SHA256, E5_HEAD_SHA256, TOKENIZER_SHA256

__all__ = ["MODEL_DIR", "MODEL_FILES", "ModelFileError", "model_files_status", "read_verified"]

MODEL_DIR = Path(__file__).resolve().parent / "model"
# File name -> the sha256 of the reviewed file; anything else is refused at load time.
MODEL_FILES: dict[str, str] = {
    "static.npz": ARRAYS_SHA256,
    "tokenizer.json": TOKENIZER_SHA256,
    "e5_head.npz": E5_HEAD_SHA256,  # the second stage's head (_second.py)
}


class ModelFileError(Exception):
    """A model file is missing, unreadable, or not the reviewed one."""


def read_verified(path: Path, expected: str | None) -> bytes:
    """The bytes of ``path`` when their sha256 is ``expected`` (None: not checked)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelFileError(f"cannot read {path}: {exc.strerror}") from exc
    digest = hashlib.sha256(data).hexdigest()
    # Integrity: weights that differ from the reviewed ones are never run.
    if expected is not None and not hmac.compare_digest(digest, expected):
        raise ModelFileError(f"checksum mismatch for {path.name}: sha256 {digest}")
    return data


def model_files_status(model_dir: Path | None = None) -> tuple[bool, str]:
    """(True, "") when every shipped model file is present with its pinned sha256,
    else (False, what is wrong). Reads and hashes the files; loads nothing."""
    base = model_dir if model_dir is not None else MODEL_DIR
    for name, sha in MODEL_FILES.items():
        try:
            read_verified(base / name, sha)
        except ModelFileError as exc:
            return False, str(exc)
    return True, ""
