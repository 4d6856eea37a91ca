"""An environment secret printed through an encoder or a transformer.

Exec masks a command's output by the value of each secret it holds, so ``echo $TOKEN``
shows the mask, not the token: printing one variable stays allowed (see "What is not
refused"). The same value through ``base64``, ``xxd``, ``od``, ``rev``, ``tr``, ``openssl
enc``, a compressor or inline code no longer matches the mask, and reaches the agent whole:
``echo $GITHUB_TOKEN | base64 | base64``, ``printf %s "$AWS_SECRET_ACCESS_KEY" | xxd -p``,
``rev <<< "$TOKEN"`` are credential reads when what the encoder prints is shown (the last
stage, or only printing filters after it, and no file redirect). A digest (``sha256sum``,
``openssl dgst``) keeps nothing of the value and stays allowed, as do the same encoders on
anything else (``echo $PATH | tr : '\\n'``, ``base64 build/app.bin``) and a secret decoded
into a program or a file (``echo "$SSH_KEY" | tr -d '\\r' | ssh-add -``, ``echo
"$KUBECONFIG_B64" | base64 -d > kubeconfig``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Cmd, Rule
from clawkeep.guards.command_guard._parse import Node

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["ENCODE_RULES", "MASKED_VALUE", "encoded_print"]

# The kind a pipeline stage produces when it prints an environment secret's value.
MASKED_VALUE = "env_secret"

_ENCODERS = frozenset({"base64", "base32", "basenc", "base58", "uuencode", "xxd", "od"})
_ENCODERS |= frozenset({"hexdump", "hd", "rev", "tr", "sed", "cut", "fold", "iconv", "jq"})
_ENCODERS |= frozenset({"gzip", "bzip2", "xz", "zstd", "lz4", "brotli", "gpg", "openssl"})
_ENCODERS |= frozenset({"python", "perl", "ruby", "node", "php", "lua", "awk", "gawk", "mawk"})
_ENCODERS |= frozenset({"nawk", "busybox"})
# Programs that print what they read (to the agent, unless redirected).
_PRINTERS = frozenset({"cat", "tee", "head", "tail", "sort", "uniq", "nl", "column", "less"})
_PRINTERS |= frozenset({"more", "fmt", "echo", "printf", "grep", "egrep", "fgrep", "rg"})
# openssl sub-commands that keep nothing of their input but a digest.
_DIGESTS = frozenset({"dgst", "sha1", "sha256", "sha384", "sha512", "md5", "mac", "kdf"})


def _shown(cmd_redirects: list[tuple[str, str]]) -> bool:
    """Whether a command's output reaches the agent: no redirect sends it to a file."""
    outs = [target for op, target in cmd_redirects if op in (">", ">>", ">|", "&>", "&>>")]
    return all(target in _SHOWN for target in outs)


_SHOWN = frozenset({"/dev/stdout", "/dev/stderr", "/dev/tty", "&1", "&2"})


def _encodes(cmd: Cmd, w: Walker) -> None:
    """``rev <<< "$TOKEN"``: a here-string of a secret, encoded and shown."""
    values = cmd.values()
    if cmd.name == "openssl" and values and values[0] in _DIGESTS:
        return
    fed = any(MASKED_VALUE in r.kinds for r in cmd.redirects if r.op == "<<<")
    outs = [(r.op, r.target.text if r.target is not None else "") for r in cmd.redirects]
    if fed and _shown(outs):
        # credential_read: an encoding of the secret defeats exec's masking of its value
        w.flag("credential_read", f"{cmd.name} re-encodes an environment secret it is fed")


def encoded_print(
    w: Walker, stages: list[Node], names: list[str], fed: list[frozenset[str]]
) -> None:
    """A pipeline whose stage encodes a secret fed to it, and whose later stages only print
    (``echo $TOKEN | base64 | base64``, ``… | xxd | tee f``) to the agent."""
    for index, name in enumerate(names):
        if MASKED_VALUE not in fed[index] or name not in _ENCODERS:
            continue
        if name == "openssl" and _digest(w, stages[index]):
            continue
        after = names[index + 1 :]
        if all(n in _ENCODERS or n in _PRINTERS for n in after) and _shown(
            _redirects(w, stages[-1])
        ):
            # credential_read: an encoding of the secret defeats exec's masking of its value
            w.flag("credential_read", f"{name} re-encodes an environment secret it is fed")
            return


def _digest(w: Walker, stage: Node) -> bool:
    words = w.text(stage).split()
    return len(words) > 1 and words[1] in _DIGESTS


def _redirects(w: Walker, stage: Node) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for child in stage.named_children if stage.type == "redirected_statement" else []:
        dest = child.child_by_field_name("destination")
        if child.type == "file_redirect" and dest is not None:
            op = next((c.type for c in child.children if not c.is_named), "")
            out.append((op, w.text(dest).strip("'\"")))
    return out


ENCODE_RULES: dict[str, Rule] = {name: _encodes for name in _ENCODERS}
