"""The composition root: builds an install's runtime, pipeline and gateway parts, in that
order, each handed to the next through its constructor; and the control plane the agent's
`gateway` tool drives (config.apply, restart)."""

from __future__ import annotations

from clawkeep.compose.build import Install, build_install, build_services, build_wiring
from clawkeep.compose.control import GatewayControl

__all__ = ["GatewayControl", "Install", "build_install", "build_services", "build_wiring"]
