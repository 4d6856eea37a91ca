"""content-guard: the injection verdict on sessions_send payloads and tool results."""

from __future__ import annotations

from clawkeep.guards.content_guard._judge import Judge, judge_prompt
from clawkeep.guards.content_guard.boundary import wrap_untrusted
from clawkeep.guards.content_guard.guard import ContentGuard
from clawkeep.guards.injection import TextVerdict, model_status

__all__ = ["ContentGuard", "Judge", "TextVerdict", "judge_prompt", "model_status", "wrap_untrusted"]
