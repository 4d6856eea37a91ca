"""Chat commands: off unless switched on, owner only, elevated for the shell."""

from __future__ import annotations

from typing import Any

import pytest

from clawkeep.commands import decide_command, parse_command
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import InboundMessage


def cfg(**over: Any) -> RootConfig:
    base: dict[str, Any] = {
        "channels": {"telegram": {"allowFrom": ["o", "u"], "ownerAllowFrom": ["o"]}}
    }
    base.update(over)
    return RootConfig.model_validate(base)


def msg(
    text: str, sender: str = "o", channel: str = "telegram", owner: bool = False
) -> InboundMessage:
    return InboundMessage(channel, "default", sender, "direct", text, "r", is_owner=owner)


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("!ls -la", "bash", "ls -la"),
        ("! rm -rf /", "bash", "rm -rf /"),
        ("/config get x", "config", "get x"),
        ("/restart@mybot", "restart", ""),
        ("/debug", "debug", ""),
    ],
)
def test_commands_are_recognised(text: str, name: str, args: str) -> None:
    cmd = parse_command(text)
    assert cmd is not None and (cmd.name, cmd.args) == (name, args)


@pytest.mark.parametrize("text", ["hello", "!!!", "/shrug", "path /config", "!"])
def test_ordinary_text_is_not_a_command(text: str) -> None:
    assert parse_command(text) is None


def test_bang_with_bash_off_is_refused() -> None:
    v = decide_command(msg("!ls"), cfg())
    assert (v.action, v.reason) == ("refused", "commands.bash_disabled")
    assert v.reply is not None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("/config", "commands.config_disabled"),
        ("/debug", "commands.debug_disabled"),
        ("/restart", "commands.restart_disabled"),
    ],
)
def test_dangerous_commands_are_off_by_default(text: str, reason: str) -> None:
    assert decide_command(msg(text), cfg()).reason == reason


def test_switched_on_commands_are_owner_only() -> None:
    on = cfg(commands={"config": True, "restart": True})
    assert decide_command(msg("/config", sender="u"), on).reason == "commands.not_owner"
    assert decide_command(msg("/restart", sender="u"), on).reason == "commands.not_owner"
    assert decide_command(msg("/config"), on).action == "accepted"


def test_owner_star_never_makes_everyone_owner() -> None:
    star = RootConfig.model_validate(
        {"commands": {"config": True}, "channels": {"telegram": {"ownerAllowFrom": ["*"]}}}
    )
    assert decide_command(msg("/config", sender="anyone"), star).reason == "commands.not_owner"


def test_bash_needs_elevated_grant_too() -> None:
    on = cfg(commands={"bash": True})
    assert decide_command(msg("!ls"), on).reason == "commands.elevated_denied"
    granted = cfg(
        commands={"bash": True},
        tools={"elevated": {"enabled": True, "allowFrom": {"telegram": ["o"]}}},
    )
    assert decide_command(msg("!ls"), granted).action == "accepted"
    assert decide_command(msg("!ls", sender="u"), granted).reason == "commands.not_owner"


def test_webchat_operator_is_the_owner() -> None:
    on = cfg(commands={"restart": True})
    assert (
        decide_command(msg("/restart", sender="operator", channel="webchat", owner=True), on).action
        == "accepted"
    )
    assert (
        decide_command(msg("/restart", sender="x", channel="webchat"), on).reason
        == "commands.not_owner"
    )


def test_text_commands_off_means_plain_text() -> None:
    assert decide_command(msg("!ls"), cfg(commands={"text": False})).action == "none"
