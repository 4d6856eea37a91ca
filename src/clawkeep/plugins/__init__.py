"""Plugins: MCP tool servers that run in the sandbox, never in the gateway's process.

``gate`` decides whether a plugin may start, ``manifest`` where its command and folder
are (realpath inside extensions/<id>/), ``host`` starts the allowed ones and turns their
tools into ``<id>_<tool>`` tools. ``scan_plugins`` is the code-safety scanner the audit's
``--deep`` run and the skills installer use. The MCP SDK is imported only by ``host``.
"""

from __future__ import annotations

from clawkeep.plugins.code_safety import CodeFinding, scan_plugins, scan_source

__all__ = ["CodeFinding", "scan_plugins", "scan_source"]
