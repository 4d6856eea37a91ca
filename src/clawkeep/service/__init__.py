"""Running the gateway as a system service under a dedicated OS user (the seed's advice)."""

from __future__ import annotations

from clawkeep.service.plan import ServicePlan, plan_install, plan_uninstall
from clawkeep.service.unit import LEFT_OUT, UNIT_NAME, render_unit

__all__ = ["LEFT_OUT", "UNIT_NAME", "ServicePlan", "plan_install", "plan_uninstall", "render_unit"]
