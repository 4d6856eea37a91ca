"""An environment secret printed through an encoder or a transformer.

Exec masks a command's output by the value of each secret it holds, so ``echo $TOKEN``
shows the mask, not the token: printing one variable stays allowed (see "What is not
refused"). The same value through ``base64``, ``xxd``, ``od``, ``rev``, ``tr``, ``openssl
enc``, a compressor or inline code no longer matches the mask, and reaches the agent whole:
``echo $GITHUB_TOKEN | base64 | base64``, ``printf %s "$AWS_SECRET_ACCESS_KEY" | xxd -p``,
``rev <<< "$TOKEN"`` are credential reads. A digest (``sha256sum``, ``openssl dgst``) keeps
nothing of the value and stays allowed, as do the same encoders on anything else (``echo
$PATH | tr : '\\n'``, ``base64 build/app.bin``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Cmd, Rule

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["ENCODE_RULES", "MASKED_VALUE"]

# The kind a pipeline stage produces when it prints an environment secret's value.
MASKED_VALUE = "env_secret"

_ENCODERS = frozenset({"base64", "base32", "basenc", "base58", "uuencode", "xxd", "od"})
_ENCODERS |= frozenset({"hexdump", "hd", "rev", "tr", "sed", "cut", "fold", "iconv", "jq"})
_ENCODERS |= frozenset({"gzip", "bzip2", "xz", "zstd", "lz4", "brotli", "gpg", "openssl"})
_ENCODERS |= frozenset({"python", "perl", "ruby", "node", "php", "lua", "awk", "gawk", "mawk"})
_ENCODERS |= frozenset({"nawk", "busybox"})
# openssl sub-commands that keep nothing of their input but a digest.
_DIGESTS = frozenset({"dgst", "sha1", "sha256", "sha384", "sha512", "md5", "mac", "kdf"})


def _encodes(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "openssl" and values and values[0] in _DIGESTS:
        return
    kinds = set(cmd.stdin.kinds) if cmd.stdin is not None else set()
    for red in cmd.redirects:
        kinds |= red.kinds if red.op == "<<<" else frozenset()
    if MASKED_VALUE in kinds:
        # credential_read: an encoding of the secret defeats exec's masking of its value
        w.flag("credential_read", f"{cmd.name} re-encodes an environment secret it is fed")


ENCODE_RULES: dict[str, Rule] = {name: _encodes for name in _ENCODERS}
