"""The guards on their default config with the shipped model, one of each per test module."""

from __future__ import annotations

import pytest

from clawkeep.config.schema.guard_text import ChannelGuardConfig, ContentGuardConfig
from clawkeep.guards.channel_guard import ChannelGuard
from clawkeep.guards.content_guard import ContentGuard


@pytest.fixture(scope="module")
def content() -> ContentGuard:
    guard = ContentGuard(ContentGuardConfig())
    if guard.model_unavailable():
        pytest.fail("the shipped model must load")
    return guard


@pytest.fixture(scope="module")
def channel() -> ChannelGuard:
    guard = ChannelGuard(ChannelGuardConfig())
    if guard.model_unavailable():
        pytest.fail("the shipped model must load")
    return guard
