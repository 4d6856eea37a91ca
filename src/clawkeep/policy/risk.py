"""The risk lists, as the policy stage names them (the one source is `clawkeep.risk`)."""

from clawkeep.risk import (
    CONTROL_PLANE_TOOLS,
    DANGEROUS_TOOLS,
    FLAGGED_TURN_DENY,
    HOST_EXEC_TOOLS,
    IDENTITY_FILES,
    SEED_AGENT_DENY,
)

__all__ = [
    "CONTROL_PLANE_TOOLS",
    "DANGEROUS_TOOLS",
    "FLAGGED_TURN_DENY",
    "HOST_EXEC_TOOLS",
    "IDENTITY_FILES",
    "SEED_AGENT_DENY",
]
