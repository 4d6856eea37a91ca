"""Fuzz profiles: `ci` (brief, the default) and `long` (scripts/fuzz.sh).

No deadline in `ci`: a loaded CI machine must not turn slowness into a failure; `long`
sets one, so an input that hangs a parser shows up as a failure there.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

_SHARED = {
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    "derandomize": False,
    "database": None,
}
settings.register_profile("ci", max_examples=60, deadline=None, **_SHARED)  # type: ignore[arg-type]
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "5000")),
    deadline=timedelta(seconds=5),
    **_SHARED,  # type: ignore[arg-type]
)
settings.load_profile(os.environ.get("CLAWKEEP_FUZZ_PROFILE", "ci"))
