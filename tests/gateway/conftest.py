from __future__ import annotations

from collections.abc import Iterator

import pytest

from clawkeep.gateway.core import GatewayServices
from tests.gateway.gateway_helpers import EchoHandler, MemoryPairing, RunningGateway, settings


@pytest.fixture
def echo() -> EchoHandler:
    return EchoHandler()


@pytest.fixture
def pairing() -> MemoryPairing:
    return MemoryPairing()


@pytest.fixture
def gateway(echo: EchoHandler, pairing: MemoryPairing) -> Iterator[RunningGateway]:
    running = RunningGateway(settings(), GatewayServices(handler=echo, pairing=pairing))
    yield running
    running.stop()
