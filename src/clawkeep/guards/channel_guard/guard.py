"""ChannelGuard: allow, flag or block one inbound message; the verdict is enforced upstream.

Runs synchronously (about a few milliseconds per chat message on two cores). A classifier
error blocks unless ``failOpen`` is set; a missing or altered model means rules only, which
``model_unavailable()`` reports for the audit.
"""

from __future__ import annotations

from collections.abc import Sequence

from clawkeep.config.schema.guard_text import ChannelGuardConfig
from clawkeep.guards.injection import (
    InjectionClassifier,
    Normalised,
    TextVerdict,
    default_classifier,
    normalise,
)
from clawkeep.guards.injection._runs import unhide
from clawkeep.guards.injection._structured import prepare_text
from clawkeep.guards.injection.verdict import Verdict, combine, rule_verdict

__all__ = ["ChannelGuard"]

_P = "channel_guard"


def _read(text: str) -> Normalised:
    """The text as the rules and model read it: JSON by its fields, runs of invisible
    characters cut short (normalising them is quadratic otherwise), hiding tricks undone."""
    return normalise(unhide(prepare_text(text)))


# The rules read past ``maxChars`` (they are linear and cheap; the model is not): every
# channel caps a message at 64 KiB or so, this bounds any other caller. The tail starts a
# little before the cut, so a phrase across it is whole.
_RULES_MAX_CHARS = 1_000_000
_TAIL_OVERLAP = 200


def _ruled(cfg: ChannelGuardConfig, text: str, norm: Normalised) -> TextVerdict | None:
    """The rules' block on the scanned head, else on the unscanned tail, else None."""
    ruled = rule_verdict(_P, norm)
    if ruled is None and len(text) > cfg.max_chars:
        # An order past the cut is still an order: the rules read the tail too.
        tail = text[max(0, cfg.max_chars - _TAIL_OVERLAP) : _RULES_MAX_CHARS]
        ruled = rule_verdict(_P, _read(tail))
    return ruled


class ChannelGuard:
    """One guard per gateway; ``scan`` is safe to call from several threads."""

    def __init__(
        self, cfg: ChannelGuardConfig, classifier: InjectionClassifier | None = None
    ) -> None:
        self._cfg = cfg
        self._classifier = classifier if classifier is not None else default_classifier()

    def model_unavailable(self) -> bool:
        """True when the guard runs on rules only (model missing or failed its checksum)."""
        return not self._classifier.available()

    def scan(self, text: str, *, channel: str | None = None) -> TextVerdict:
        """The verdict for one inbound message on ``channel``."""
        cfg = self._cfg.for_channel(channel)
        if not cfg.enabled:
            return TextVerdict("allow", 0.0, f"{_P}.disabled", "channel-guard is off", False)
        try:
            norm = _read(text[: cfg.max_chars])
            ruled = _ruled(cfg, text, norm)
        except Exception as exc:  # a fault in the guard itself: the configured side, closed
            side: Verdict = "allow" if cfg.fail_open else "block"
            return TextVerdict(side, 0.0, "channel_guard.error", f"guard failed: {exc}", False)
        if ruled is not None:
            return ruled
        if not self._classifier.available():
            return combine(_P, norm, None, block=cfg.block_threshold, flag=cfg.flag_threshold)
        try:
            score = self._classifier.score(norm.text)
        except Exception as exc:  # any classifier failure: the configured side, closed by default
            verdict: Verdict = "allow" if cfg.fail_open else "block"
            return TextVerdict(verdict, 0.0, f"{_P}.error", f"classifier failed: {exc}", False)
        return self._finish(cfg, text, norm, score)

    @staticmethod
    def _finish(cfg: ChannelGuardConfig, text: str, norm: Normalised, score: float) -> TextVerdict:
        result = combine(_P, norm, score, block=cfg.block_threshold, flag=cfg.flag_threshold)
        if len(text) > cfg.max_chars and result.verdict == "allow":
            # Unscanned tail: never allow silently what was not read.
            return TextVerdict(
                "flag",
                result.score,
                f"{_P}.too_long",
                f"only the first {cfg.max_chars} characters were scanned",
                result.normalised_changed,
            )
        return result

    def scan_many(self, texts: Sequence[str], *, channel: str | None = None) -> list[TextVerdict]:
        """Verdicts for several messages at once (their model windows share batches).

        Same judgement as ``scan`` for each text; used when messages queue up and by the
        CLI's ``--jsonl`` and the benchmark.
        """
        cfg = self._cfg.for_channel(channel)
        if not cfg.enabled or not self._classifier.available():
            return [self.scan(text, channel=channel) for text in texts]
        try:
            norms = [_read(text[: cfg.max_chars]) for text in texts]
            ruled = [_ruled(cfg, text, norm) for text, norm in zip(texts, norms, strict=True)]
        except Exception:  # judged one by one: the faulty text then takes the configured side
            return [self.scan(text, channel=channel) for text in texts]
        todo = [i for i, r in enumerate(ruled) if r is None]
        try:
            scores = self._classifier.score_many([norms[i].text for i in todo])
        except Exception:  # judged one by one: each failure then takes the configured side
            return [self.scan(text, channel=channel) for text in texts]
        for i, score in zip(todo, scores, strict=True):
            ruled[i] = self._finish(cfg, texts[i], norms[i], score)
        return [r for r in ruled if r is not None]
