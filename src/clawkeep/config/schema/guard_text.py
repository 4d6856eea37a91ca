"""Config keys of the channel-guard and content-guard (prompt-injection classifier).

Mounted at ``guards.channel`` and ``guards.content``. A missing key is the safe choice:
both guards on, a classifier error blocks (``failOpen: false``), a flagged message loses
its high-risk tools for that turn. Thresholds default to the values chosen on held-out
data by ``training/injection`` (see its README): block only where ordinary chat is
essentially never hit, flag below that.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from clawkeep.config.schema._base import Model
from clawkeep.risk import FLAGGED_TURN_DENY

__all__ = [
    "DEFAULT_BLOCK_THRESHOLD",
    "DEFAULT_CONTENT_BLOCK_THRESHOLD",
    "DEFAULT_CONTENT_FLAG_THRESHOLD",
    "DEFAULT_FLAG_THRESHOLD",
    "HIGH_RISK_TOOLS",
    "ChannelGuardConfig",
    "ChannelGuardOverride",
    "ContentGuardConfig",
    "LlmJudgeConfig",
]

# Chosen on held-out validation data (training/injection/data2/thresholds.json): chat and
# owner-style messages flag under 0.5% (and each language's chat under 1%), tool output
# under 1%. The chat line is the static head's with the second stage's term added
# (classifier._second; where that stage cannot run, the static score meets this line).
# A message is blocked by the model only on a saturated score (1.0: above every
# validation message and the short-text cap 0.95); tool output is withheld above the
# score at most 1 in 500 validation documents reach (each guard scores with its own head
# of the model).
DEFAULT_BLOCK_THRESHOLD = 1.0
DEFAULT_FLAG_THRESHOLD = 0.5329
DEFAULT_CONTENT_BLOCK_THRESHOLD = 0.9705
DEFAULT_CONTENT_FLAG_THRESHOLD = 0.9323

# Tools that act on the world or leave the machine: removed for a flagged turn. One list
# for the whole product (clawkeep.risk), imported by the policy, the pipeline and the audit.
HIGH_RISK_TOOLS = tuple(sorted(FLAGGED_TURN_DENY))


class _Thresholds(Model):
    block_threshold: float = Field(default=DEFAULT_BLOCK_THRESHOLD, ge=0.0, le=1.0)
    """Model score at or above which the text is blocked."""

    flag_threshold: float = Field(default=DEFAULT_FLAG_THRESHOLD, ge=0.0, le=1.0)
    """Model score at or above which the text is flagged (logged, annotated)."""

    @model_validator(mode="after")
    def _flag_below_block(self) -> Self:
        if self.flag_threshold > self.block_threshold:
            raise ValueError("flagThreshold must not be above blockThreshold")
        return self


class ChannelGuardOverride(Model):
    """Per-channel settings (``guards.channel.channels.<id>``); unset keys inherit."""

    enabled: bool | None = None
    block_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    flag_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    fail_open: bool | None = None
    strip_tools_on_flag: bool | None = None


class ChannelGuardConfig(_Thresholds):
    """Settings of the channel-guard: every inbound message, before routing."""

    enabled: bool = True
    fail_open: bool = False
    """False (safe): when the classifier errors, the message is blocked."""

    strip_tools_on_flag: bool = True
    """A flagged message's turn runs without ``highRiskTools``."""

    high_risk_tools: tuple[str, ...] = HIGH_RISK_TOOLS
    max_chars: int = Field(default=20_000, ge=1)
    """Longer messages are flagged as ``channel_guard.too_long`` after scoring this much."""

    channels: dict[str, ChannelGuardOverride] = {}

    def for_channel(self, channel: str | None) -> ChannelGuardConfig:
        """These settings with the override of ``channel`` applied (validated again)."""
        override = self.channels.get(channel) if channel is not None else None
        if override is None:
            return self
        changes = override.model_dump(exclude_none=True)
        return ChannelGuardConfig.model_validate({**self.model_dump(), **changes})


class LlmJudgeConfig(Model):
    """Optional second opinion by the configured provider: answers SAFE or INJECTION."""

    enabled: bool = False
    model: str | None = None
    """Provider model id (``provider/model``); ``None`` uses the agent's default model."""

    max_chars: int = Field(default=8_000, ge=1)
    """Untrusted text sent to the judge is cut to this length."""


class ContentGuardConfig(_Thresholds):
    """Settings of the content-guard: sessions_send payloads and tool results."""

    block_threshold: float = Field(default=DEFAULT_CONTENT_BLOCK_THRESHOLD, ge=0.0, le=1.0)
    """Model score at or above which tool output is blocked (its own threshold)."""

    flag_threshold: float = Field(default=DEFAULT_CONTENT_FLAG_THRESHOLD, ge=0.0, le=1.0)
    """Model score at or above which tool output is flagged (its own threshold)."""

    enabled: bool = True
    fail_open: bool = False
    """False (safe): a classifier error blocks the content."""

    wrap_untrusted: bool = True
    """Allowed content reaches the model inside boundary markers."""

    max_chars: int = Field(default=400_000, ge=1)
    """Longer content is blocked as ``content_guard.too_long`` (never silently truncated)."""

    llm_judge: LlmJudgeConfig = LlmJudgeConfig()
