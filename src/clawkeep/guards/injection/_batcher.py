"""Batching under load: texts that queue while the model is busy are scored together.

One ONNX session serves the process. When several messages (or tool results) arrive while
an inference runs, the next run takes all of them at once: throughput grows with load and a
quiet gateway still answers each message alone, without waiting for a batch to fill.
"""

from __future__ import annotations

import asyncio

from clawkeep.guards.injection.classifier import InjectionClassifier

__all__ = ["ScoreBatcher"]


class ScoreBatcher:
    """``await score(text)`` from many tasks; one worker drains the queue in batches."""

    def __init__(self, classifier: InjectionClassifier, *, max_batch: int = 64) -> None:
        self._classifier = classifier
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
                scores = await asyncio.to_thread(self._classifier.score_many, texts)
            except Exception as exc:  # handed to every waiter, which fails closed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), score in zip(batch, scores, strict=True):
                if not future.done():
                    future.set_result(score)
