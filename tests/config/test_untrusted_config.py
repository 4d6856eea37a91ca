"""`tools.untrusted`: typed, per agent, and a bad value is a clear error with its key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from clawkeep.config import ConfigError, load_config, resolve_paths
from clawkeep.policy.trust import trusted_entries, untrusted_config


def _load(path: Path) -> object:
    return load_config(resolve_paths({"HOME": str(path.parent)}, config=path), env={})


def test_agent_setting_replaces_the_global_one(write_config: Callable[..., Path]) -> None:
    path = write_config(
        "{ tools: { untrusted: { mode: 'ask', trustedDestinations: ['a@x.example'] } },"
        " agents: { list: [ { id: 'main' },"
        " { id: 'bot', tools: { untrusted: { mode: 'deny' } }, subagents: { allowAgents: ['main'] } } ] } }"
    )
    config = load_config(resolve_paths({"HOME": str(path.parent)}, config=path), env={}).config
    assert untrusted_config(config, "main").mode == "ask"
    assert untrusted_config(config, "bot").mode == "deny"
    assert "a@x.example" in trusted_entries(config, "main")
    assert "main" in trusted_entries(config, "bot")


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("{ tools: { untrusted: { mode: 'maybe' } } }", "tools.untrusted.mode"),
        (
            "{ tools: { untrusted: { tools: { x: { effects: ['teleports'] } } } } }",
            "tools.untrusted.tools.x.effects",
        ),
        (
            "{ tools: { untrusted: { tools: { x: { effects: [] } } } } }",
            "tools.untrusted.tools.x.effects",
        ),
        (
            "{ tools: { untrusted: { approvalTimeoutSeconds: 5 } } }",
            "tools.untrusted.approvalTimeoutSeconds",
        ),
        ("{ tools: { untrusted: { trustedDestination: ['x'] } } }", "trustedDestination"),
    ],
)
def test_bad_values_name_their_key(write_config: Callable[..., Path], body: str, key: str) -> None:
    path = write_config(body)
    with pytest.raises(ConfigError) as err:
        _load(path)
    assert key in str(err.value)
