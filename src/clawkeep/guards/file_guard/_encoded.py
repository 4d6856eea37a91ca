"""Whether a path hides a traversal behind an encoding some other tool would decode.

POSIX takes ``%2e%2e%2f`` as a literal name, so it cannot escape here; but a file the
agent writes under such a name, or a path it hands to a web server, a shell script or a
Windows tool, may be decoded later. A path whose decoded form (percent, ``%uXXXX``,
overlong UTF-8, textual ``0x2e``, Unicode compatibility forms, look-alike slashes,
``;`` path parameters, NUL padding) reaches a ``..`` segment or a separator is refused.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote_to_bytes

__all__ = ["hides_traversal"]

_PERCENT_U = re.compile(r"%u([0-9a-fA-F]{4})")
_HEX_TEXT = re.compile(r"0x(2e|2f|5c)", re.IGNORECASE)
# Overlong UTF-8 forms of '.', '/' and '\' that lenient decoders accept (CVE-2000-0884 shape).
_OVERLONG = {
    b"\xc0\xae": b".",
    b"\xe0\x80\xae": b".",
    b"\xc0\xaf": b"/",
    b"\xe0\x80\xaf": b"/",
    b"\xc1\x9c": b"\\",
    b"\xc1\x1c": b"\\",
}
# Characters that look like or stand for a slash in some tool.
_SLASHES = str.maketrans(dict.fromkeys("\u2215\u2044\uff0f\u29f8\u2571\\", "/"))
_SUSPECT = re.compile(r"[%;]|0x|[^\x00-\x7f]", re.IGNORECASE)
_ROUNDS = 3  # double and triple encoding; deeper is refused as its own oddity


def _decode_once(text: str) -> str:
    text = _PERCENT_U.sub(lambda m: chr(int(m.group(1), 16)), text)
    raw = unquote_to_bytes(text)
    for overlong, plain in _OVERLONG.items():
        raw = raw.replace(overlong, plain)
    text = raw.decode("utf-8", errors="replace")
    return _HEX_TEXT.sub(lambda m: chr(int(m.group(1), 16)), text)


def _normalize(form: str) -> str:
    text = unicodedata.normalize("NFKC", form).translate(_SLASHES).replace("\x00", "")
    # `..;/` is `..` to servlet containers that strip path parameters.
    return "/".join(segment.split(";", 1)[0] for segment in text.split("/"))


def _dotdots(text: str) -> int:
    return text.split("/").count("..")


def hides_traversal(path: str) -> bool:
    """True when a decoded form of ``path`` gains a ``..`` segment or a leading ``/``."""
    if not _SUSPECT.search(path):
        return False  # plain ASCII without escapes: nothing to decode
    plain = _dotdots(path)  # plain `..` segments are the lexical check's business
    form = path
    for _ in range(_ROUNDS + 1):
        normalized = _normalize(form)
        if normalized.startswith("/") or _dotdots(normalized) > plain:
            return True
        decoded = _decode_once(form)
        if decoded == form:
            return False
        form = decoded
    return True  # still decoding after several rounds: no honest name looks like that
