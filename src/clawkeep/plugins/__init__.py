"""Plugin code: what installed plugin code looks like before anything would load it.

clawkeep loads no plugin code itself; ``scan_plugins`` is the code-safety scanner that the
audit's ``--deep`` run uses and that a plugin or skills loader must call first. It imports
nothing from the audit, so both can depend on it.
"""

from __future__ import annotations

from clawkeep.plugins.code_safety import CodeFinding, scan_plugins, scan_source

__all__ = ["CodeFinding", "scan_plugins", "scan_source"]
