"""Inline code that serves files: a library's static-file server (Python's http.server,
express.static, WEBrick, Go's http.FileServer …) pointed at a folder beyond the workspace,
or bound to every network interface.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._langs import QUOTED, Gated
from clawkeep.guards.command_guard._walk import Walker

__all__ = ["serves_files"]

_FILE_SERVER_CODE = Gated(
    "simplehttp http.server static webrick fileserver documentroot http.dir",
    r"SimpleHTTPRequestHandler|http\.server|\.static\s*\(|serve-static|serveStatic|WEBrick"
    r"|HTTPFileServer|DocumentRoot|FileServer\s*\(|StaticFiles|http\.Dir\s*\(",
)
# Bound to every interface: ('', 8000), "0.0.0.0", "::"
_ANY_ADDRESS = re.compile(r"\(\s*\(\s*([\"'])\1\s*,|([\"'])(?:0\.0\.0\.0|::)\2")
_STRING = re.compile(QUOTED)
_BEYOND = ("root", "outside", "home", "home_root", "state", "device", "kernel")


def serves_files(lang: str, code: str, w: Walker) -> None:
    """Refuse a static-file server over a folder beyond the workspace, or on every interface."""
    if not _FILE_SERVER_CODE.search(code):
        return
    for match in _STRING.finditer(code):
        text = re.sub(r"\\(.)", r"\1", match.group("s"))
        if text.startswith(("/", "~")) and w.place(text).kind in _BEYOND:
            # file_server: the folder served lies beyond the workspace
            w.flag("file_server", f"{lang} code serves files from {text}")
            return
    if _ANY_ADDRESS.search(code):
        # file_server: the workspace served on every interface reaches the network
        w.flag("file_server", f"{lang} code serves files on every network interface")
