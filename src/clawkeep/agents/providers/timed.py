"""A provider wrapper that times each model call for the metrics (and changes nothing else)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from clawkeep.agents.providers.factory import close_provider
from clawkeep.agents.providers.types import (
    AssistantTurn,
    Message,
    Provider,
    ProviderError,
    ToolSpec,
)
from clawkeep.metrics import observe_provider

__all__ = ["TimedProvider"]


class TimedProvider:
    """``inner`` with every ``complete`` observed as ``clawkeep_provider_seconds``."""

    def __init__(self, inner: Provider, agent_id: str) -> None:
        self.inner = inner
        self._agent = agent_id

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn:
        start = time.perf_counter()
        outcome = "ok"
        try:
            return await self.inner.complete(system, messages, tools)
        except ProviderError as exc:
            outcome = exc.code
            raise
        finally:
            observe_provider(self._agent, outcome, time.perf_counter() - start)

    async def aclose(self) -> None:
        await close_provider(self.inner)
