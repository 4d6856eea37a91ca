"""Pairing codes: 8 characters without look-alikes, stored only as salted, keyed hashes.

The hash is HMAC-SHA256 under a per-install key (``credentials/pairing.key``, 0600) over a
per-code random salt and the code: a copy of the database alone does not give the codes,
and every comparison is constant-time.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from clawkeep.fsutil import PRIVATE_FILE_MODE, atomic_write, ensure_private_dir

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "code_matches",
    "hash_code",
    "load_install_key",
    "new_code",
    "normalise_code",
]

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I: read aloud without mistakes
CODE_LENGTH = 8
_KEY_BYTES = 32


def new_code() -> str:
    """A fresh code from the OS's CSPRNG."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str | None:
    """``raw`` as a code (upper case, spaces and dashes removed), None if it cannot be one."""
    code = raw.strip().upper().replace("-", "").replace(" ", "")
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def hash_code(key: bytes, salt: bytes, code: str) -> bytes:
    return hmac.new(key, salt + code.encode("ascii"), hashlib.sha256).digest()


def code_matches(key: bytes, salt: bytes, stored: bytes, code: str) -> bool:
    # Constant-time: timing must not tell how many leading bytes of a guess were right.
    return hmac.compare_digest(hash_code(key, salt, code), stored)


def load_install_key(credentials_dir: Path) -> bytes:
    """The install's pairing key, created once (0600, O_EXCL) and read afterwards."""
    ensure_private_dir(credentials_dir)
    path = credentials_dir / "pairing.key"
    if not path.exists():
        # Write a whole key under a temporary name, then link it in: link() refuses to
        # replace, so two processes starting at once agree on one complete key.
        tmp = credentials_dir / f".pairing.key.{os.getpid()}.{secrets.token_hex(4)}"
        atomic_write(tmp, secrets.token_bytes(_KEY_BYTES), PRIVATE_FILE_MODE)
        try:
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        key = os.read(fd, _KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(key) != _KEY_BYTES:
        raise OSError(f"{path} is not a {_KEY_BYTES}-byte pairing key; remove it to make a new one")
    return key
