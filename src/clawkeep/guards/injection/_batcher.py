"""Batching under load: texts that queue while the model is busy are scored together.

One classifier serves the process. When several tool results arrive while a scoring run is
busy, the next run takes all of them at once (one hop to the worker thread for the lot); a
quiet gateway still scores each text alone, without waiting for a batch to fill. Each text's
score is computed from that text alone, so the batch never moves a verdict.
"""

from __future__ import annotations

import asyncio

from clawkeep.guards.injection._static import HeadName
from clawkeep.guards.injection.classifier import InjectionClassifier

__all__ = ["ScoreBatcher"]


class ScoreBatcher:
    """``await score(text)`` from many tasks; one worker drains the queue in batches."""

    def __init__(
        self, classifier: InjectionClassifier, *, head: HeadName = "chat", max_batch: int = 64
    ) -> None:
        self._classifier = classifier
        self._head: HeadName = head
        self._max_batch = max_batch
        self._pending: list[tuple[str, asyncio.Future[float]]] = []
        self._worker: asyncio.Task[None] | None = None

    async def score(self, text: str) -> float:
        """The classifier's score for ``text``; raises ClassifierError like the classifier."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._pending.append((text, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._pending:
            batch = self._pending[: self._max_batch]
            del self._pending[: len(batch)]
            texts = [text for text, _ in batch]
            try:
                scores = await asyncio.to_thread(self._classifier.score_many, texts, self._head)
            except Exception as exc:  # handed to every waiter, which fails closed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), score in zip(batch, scores, strict=True):
                if not future.done():
                    future.set_result(score)
