"""A library injected into an installed macOS application through ``DYLD_INSERT_LIBRARIES``
(ATT&CK T1574.006): the library's code runs as that application, with the privacy grants
macOS gave it (camera, microphone, screen, the user's files) and its signed-in sessions.

Loading an existing file into a program of the line's own (``LD_PRELOAD=/tmp/x.so ls``)
stays what running ``/tmp/x`` is: its bytes are the sandbox's to contain (see "What is not
refused"). An application bundle is not the line's own: what it may reach was granted to
it, not to the agent. A library the workspace built is the owner's.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._walk import Cmd, Walker

__all__ = ["injected_app"]

_APP = re.compile(r"\.app/Contents/MacOS/[^/]+$|^/(System/)?Applications/")


def injected_app(cmd: Cmd, w: Walker) -> None:
    """``DYLD_INSERT_LIBRARIES=/tmp/h.dylib /Applications/Slack.app/Contents/MacOS/Slack``."""
    if "/" not in cmd.word or not _APP.search(w.place(cmd.word).path):
        return
    value = (
        w.env.values.get("DYLD_INSERT_LIBRARIES") if "DYLD_INSERT_LIBRARIES" in w.env.values else ""
    )
    for path in (value or "").split(":"):
        if path and w.place(path).kind not in ("workspace", "workspace_root"):
            # privilege: the library runs as the application, with its privacy grants
            w.flag("privilege", f"DYLD_INSERT_LIBRARIES loads {path} into {cmd.word}")
            return
