"""What a path string may look like before the filesystem is asked anything.

Refused on the text alone: empty, NUL, control and invisible characters, backslashes,
URLs, drive letters, Windows device names (when portable names are asked for), absolute
paths outside the root, encodings that hide a ``..``, and ``..`` that climbs above the
root even before symlinks are considered. What passes is a root-relative path string;
the kernel (openat2 RESOLVE_BENEATH, or the fd walk) then decides what it resolves to.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from clawkeep.decision import Deny
from clawkeep.guards.file_guard._encoded import hides_traversal

__all__ = ["RelPath", "parse"]

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_DRIVE = re.compile(r"[A-Za-z]:")
# Windows device names: the base before the first '.' or ':', trailing spaces ignored.
_RESERVED = re.compile(r"(?:con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]|conin\$|conout\$)", re.I)
_RESERVED_HINT = re.compile(r"(?:^|/)(?:con|prn|aux|nul|com|lpt)", re.I)
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PATH_MAX = 4096


@dataclass(frozen=True, slots=True)
class RelPath:
    """A path that passed the text checks: relative to the root, '/'-separated."""

    text: str  # as the kernel will resolve it ("." for the root itself)
    clean: str  # lexically cleaned, for pattern matching when nothing exists yet
    is_dir: bool  # ends with '/', '.' or '..': must be a directory

    @property
    def parent_and_name(self) -> tuple[str, str]:
        """The directory part and the final name (the name is never '.' or '..')."""
        head, _, name = self.text.rpartition("/")
        return head or ".", name


def _char_problem(path: str) -> Deny | None:
    if "\x00" in path:
        return Deny("file_guard.nul_byte", "the path contains a NUL byte (truncation trick)")
    if _ASCII_CONTROL.search(path):
        return Deny("file_guard.control_char", "the path contains a control character")
    if not path.isascii():
        for char in path:
            category = unicodedata.category(char)
            if category in ("Cc", "Cf", "Zl", "Zp", "Co"):
                # Invisible, bidi and private-use characters spoof what a person sees.
                return Deny("file_guard.invisible_char", f"the path contains U+{ord(char):04X}")
            if category == "Cs":
                return Deny("file_guard.bad_encoding", "the path is not valid Unicode")
    return None


def _form_problem(path: str) -> Deny | None:
    if "\\" in path:
        # A backslash is a separator to Windows tools and to many decoders.
        return Deny("file_guard.backslash", "use '/' as the separator; '\\' is refused")
    if _URL.match(path):
        return Deny("file_guard.url", "a URL is not a workspace path")
    if len(path.encode()) > _PATH_MAX:
        return Deny("file_guard.name_too_long", "the path is longer than PATH_MAX")
    return None


def _strip_root(path: str, roots: tuple[str, ...]) -> str | Deny:
    for root in roots:
        if path == root or path.startswith(root + "/"):
            return path[len(root) :].lstrip("/") or "."
    return Deny("file_guard.absolute_path", "an absolute path outside the workspace root")


def _portable_problem(path: str, clean_parts: list[str], parts: list[str]) -> Deny | None:
    if clean_parts and _DRIVE.match(clean_parts[0]):
        return Deny("file_guard.windows_drive", "a drive-letter path is absolute on Windows")
    if not _RESERVED_HINT.search(path):
        return None
    for part in parts:
        base = re.split(r"[.:]", part, maxsplit=1)[0].rstrip(" ")
        if _RESERVED.fullmatch(base):
            return Deny("file_guard.windows_reserved", f"{part!r} is a Windows device name")
    return None


def _clean(parts: list[str]) -> list[str] | None:
    """Lexical clean; None when a `..` climbs above the root."""
    out: list[str] = []
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not out:
                return None
            out.pop()
        else:
            out.append(part)
    return out


def parse(path: str, roots: tuple[str, ...], *, portable: bool) -> RelPath | Deny:
    """Check ``path`` as text; ``roots`` are the root's spellings for absolute paths."""
    if not path:
        return Deny("file_guard.empty_path", "the path is empty")
    problem = _char_problem(path) or _form_problem(path)
    if problem is not None:
        return problem
    if path.startswith("/"):
        stripped = _strip_root(path, roots)
        if isinstance(stripped, Deny):
            return stripped
        path = stripped
    if hides_traversal(path):
        return Deny("file_guard.encoded_traversal", "an encoded form of the path climbs with '..'")
    parts = path.split("/")
    clean_parts = _clean(parts)
    if clean_parts is None:
        # Refused even if symlinks would bring it back: resolution never leaves the root.
        return Deny("file_guard.outside_root", "'..' climbs above the workspace root")
    if portable:
        problem = _portable_problem(path, clean_parts, parts)
        if problem is not None:
            return problem
    is_dir = parts[-1] in ("", ".", "..")
    text = "/".join(p for p in parts if p) or "."
    if is_dir and text != "." and parts[-1] == "":
        text += "/."  # a trailing slash: the final name must be a directory
    return RelPath(text=text, clean="/".join(clean_parts) or ".", is_dir=is_dir)
