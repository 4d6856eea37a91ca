"""ContentGuard: the injection verdict on sessions_send payloads and tool results.

Same judgement as the channel-guard (rules, normalisation, classifier over overlapping
windows, max score), plus an optional LLM judge. Content reaches the model only when
allowed or flagged, and then inside boundary markers (``wrap_untrusted``).
"""

from __future__ import annotations

import asyncio

from clawkeep.config.schema.guard_text import ContentGuardConfig
from clawkeep.guards.content_guard._judge import Judge, ask_judge
from clawkeep.guards.injection import (
    InjectionClassifier,
    Normalised,
    ScoreBatcher,
    TextVerdict,
    default_classifier,
    normalise,
)
from clawkeep.guards.injection._runs import unhide
from clawkeep.guards.injection._structured import prepare_text
from clawkeep.guards.injection.verdict import Verdict, combine, rule_verdict

__all__ = ["DEADLINE_SECONDS", "ContentGuard"]

_P = "content_guard"
# The most one check may take, rules and model together: a 400 kB page takes about two
# seconds on two busy cores. Past it the content is blocked, not waited for.
DEADLINE_SECONDS = 30.0


def _read(text: str) -> tuple[Normalised, TextVerdict | None]:
    """The text as the rules and model read it, and the rules' block if one matches."""
    # JSON judged by its fields, escapes decoded; runs of invisible characters cut short
    # (normalising them is quadratic otherwise), then hiding tricks undone.
    norm = normalise(unhide(prepare_text(text)))
    return norm, rule_verdict(_P, norm)


class ContentGuard:
    """Checks untrusted content before a model reads it; queued checks share batches."""

    def __init__(
        self,
        cfg: ContentGuardConfig,
        classifier: InjectionClassifier | None = None,
        judge: Judge | None = None,
        *,
        deadline_seconds: float = DEADLINE_SECONDS,
    ) -> None:
        self._cfg = cfg
        self._deadline = deadline_seconds
        self._classifier = classifier if classifier is not None else default_classifier()
        self._batcher = ScoreBatcher(self._classifier, head="tool")  # tool output's own head
        self._judge = judge

    def model_unavailable(self) -> bool:
        """True when the guard runs on rules only (model missing or failed its checksum)."""
        return not self._classifier.available()

    async def check(self, text: str, *, source: str) -> TextVerdict:
        """The verdict for content from ``source`` (e.g. ``web_fetch``, ``sessions_send``)."""
        cfg = self._cfg
        if not cfg.enabled:
            return TextVerdict("allow", 0.0, f"{_P}.disabled", "content-guard is off", False)
        if len(text) > cfg.max_chars:
            # Never truncate silently: an attacker would put the payload past the cut.
            return TextVerdict(
                "block",
                0.0,
                f"{_P}.too_long",
                f"{len(text)} characters, limit {cfg.max_chars}",
                False,
            )
        try:
            verdict = await asyncio.wait_for(self._judge_text(text), self._deadline)
        except TimeoutError:
            # A text built to be slow to judge is not read: fail closed, never hang the turn.
            return TextVerdict(
                "block",
                0.0,
                "content_guard.timeout",
                f"not judged within {self._deadline:g} seconds",
                False,
            )
        if verdict.verdict == "block" or self._judge is None or not cfg.llm_judge.enabled:
            return verdict
        return await self._second_opinion(text, source, verdict)

    async def _judge_text(self, text: str) -> TextVerdict:
        try:
            # Off the event loop: normalising and the rules take a while on 400 kB.
            norm, ruled = await asyncio.to_thread(_read, text)
        except Exception as exc:  # a fault in the guard itself: the configured side, closed
            side: Verdict = "allow" if self._cfg.fail_open else "block"
            return TextVerdict(side, 0.0, "content_guard.error", f"guard failed: {exc}", False)
        if ruled is not None:
            return ruled
        return await self._classify(norm)

    async def _classify(self, norm: Normalised) -> TextVerdict:
        cfg = self._cfg
        if not self._classifier.available():
            return combine(_P, norm, None, block=cfg.block_threshold, flag=cfg.flag_threshold)
        try:
            score = await self._batcher.score(norm.text)
        except Exception as exc:  # any classifier failure: the configured side, closed by default
            side: Verdict = "allow" if cfg.fail_open else "block"
            return TextVerdict(side, 0.0, f"{_P}.error", f"classifier failed: {exc}", False)
        return combine(_P, norm, score, block=cfg.block_threshold, flag=cfg.flag_threshold)

    async def _second_opinion(self, text: str, source: str, first: TextVerdict) -> TextVerdict:
        assert self._judge is not None
        answer = await ask_judge(
            self._judge, text, source=source, max_chars=self._cfg.llm_judge.max_chars
        )
        if answer == "safe":
            return first
        if answer == "injection":
            return TextVerdict(
                "block",
                max(first.score, 0.5),
                f"{_P}.judge",
                "the LLM judge answered INJECTION",
                first.normalised_changed,
            )
        detail = "judge failed" if answer == "error" else "judge gave no exact SAFE/INJECTION"
        return TextVerdict(
            "block", first.score, f"{_P}.judge_error", detail, first.normalised_changed
        )
