"""The two-tier verdict (allow / flag / block) shared by the channel-guard and content-guard.

Order of judgement: a high-precision rule blocks outright; otherwise the model's score
(raised when normalisation had to undo hiding tricks) is compared with the block and flag
thresholds. Hiding tricks alone are enough to flag: honest chat does not spell words with
Cyrillic letters or bidi overrides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clawkeep.guards.injection._normalise import Normalised
from clawkeep.guards.injection.rules import match_rule

__all__ = ["TextVerdict", "Verdict", "combine", "rule_verdict"]

Verdict = Literal["allow", "flag", "block"]


@dataclass(frozen=True, slots=True)
class TextVerdict:
    """What a text guard decided, with a stable dotted ``reason`` code."""

    verdict: Verdict
    score: float
    reason: str
    detail: str
    normalised_changed: bool

    @property
    def blocked(self) -> bool:
        return self.verdict == "block"

    @property
    def flagged(self) -> bool:
        return self.verdict == "flag"


def rule_verdict(prefix: str, norm: Normalised) -> TextVerdict | None:
    """A block when a high-precision rule matches the normalised text or its de-obfuscated
    view (``i g n o r e all previous instructions``), else None."""
    rule = match_rule(norm.text)
    if rule is None and norm.deobfuscated is not None:
        rule = match_rule(norm.deobfuscated)
    if rule is None:
        return None
    return TextVerdict(
        "block", 1.0, f"{prefix}.rule.{rule.name}", f"matched rule {rule.name}", _changed(norm)
    )


def _hidden(norm: Normalised) -> bool:
    return norm.suspicious > 0 or bool(norm.smuggled)


def _changed(norm: Normalised) -> bool:
    return _hidden(norm) or norm.deobfuscated is not None


def _boost(score: float, norm: Normalised) -> float:
    # Only hiding tricks raise the score: a de-obfuscated view is a guess, scored on its own.
    if not _hidden(norm):
        return score
    return 1.0 - (1.0 - score) / 2.0  # hiding tricks halve the distance to certainty


def _hiding_detail(norm: Normalised) -> str:
    return (
        f"normalisation undid {norm.invisible} invisible, {norm.bidi} bidi and "
        f"{norm.homoglyphs + norm.letterlike} look-alike characters"
        + (", and decoded tag-character text" if norm.smuggled else "")
        + (f"; {norm.unread} runs of spaced-out letters too long to read" if norm.unread else "")
    )


def combine(
    prefix: str, norm: Normalised, score: float | None, *, block: float, flag: float
) -> TextVerdict:
    """The verdict from a model score (None: model unavailable, rules only)."""
    changed = _changed(norm)
    boosted = _boost(score if score is not None else 0.0, norm)
    if score is not None and boosted >= block:
        return TextVerdict("block", boosted, f"{prefix}.model", _model_detail(score), changed)
    if score is not None and boosted >= flag:
        return TextVerdict("flag", boosted, f"{prefix}.model", _model_detail(score), changed)
    # Hiding tricks in honest chat are rare: several of them, or any smuggled text, flag.
    # So are spaced-out letters too many to read back: never allow silently what was not read.
    if norm.suspicious >= 2 or norm.homoglyphs or norm.bidi or norm.smuggled or norm.unread:
        return TextVerdict(
            "flag", boosted, f"{prefix}.normalisation", _hiding_detail(norm), changed
        )
    if score is None:
        return TextVerdict(
            "allow", 0.0, f"{prefix}.rules_only", "model unavailable: rules only", changed
        )
    return TextVerdict("allow", boosted, f"{prefix}.allowed", "", changed)


def _model_detail(score: float) -> str:
    return f"classifier score {score:.3f}"
