"""Session keys in OpenClaw's forms, and ids that try to spell someone else's key."""

from __future__ import annotations

import pytest

from clawkeep.config.schema.session import DmScope
from clawkeep.contracts import InboundMessage
from clawkeep.sessions import session_key

DM = InboundMessage("telegram", "work", "alice", "direct", "hi", "r")


@pytest.mark.parametrize(
    ("scope", "key"),
    [
        ("main", "agent:main:main"),
        ("per-peer", "agent:main:direct:telegram:alice"),
        ("per-channel-peer", "agent:main:telegram:direct:alice"),
        ("per-account-channel-peer", "agent:main:telegram:work:direct:alice"),
    ],
)
def test_dm_keys_follow_dm_scope(scope: str, key: str) -> None:
    assert session_key("main", DM, scope) == key  # type: ignore[arg-type]


def test_group_and_thread_keys() -> None:
    g = InboundMessage("telegram", "default", "u", "group", "hi", "r", group="-100")
    t = InboundMessage("telegram", "default", "u", "group", "hi", "r", group="-100", thread="7")
    assert session_key("ops", g, "main") == "agent:ops:telegram:group:-100"
    assert session_key("ops", t, "per-peer") == "agent:ops:telegram:group:-100:thread:7"


def test_identity_link_maps_peer_to_canonical_name() -> None:
    links = {"al": ("telegram:alice",)}
    assert (
        session_key("main", DM, "per-channel-peer", links) == "agent:main:telegram:direct:link:al"
    )
    assert session_key("main", DM, "per-peer", links) == "agent:main:direct:link:al"
    other = InboundMessage("webhook", "default", "alice", "direct", "hi", "r")
    assert session_key("main", other, "per-peer", links) == "agent:main:direct:webhook:alice"


@pytest.mark.parametrize("scope", ["per-peer", "per-channel-peer", "per-account-channel-peer"])
def test_a_sender_whose_id_is_a_linked_name_does_not_get_that_persons_session(scope: str) -> None:
    links = {"alice": ("telegram:42",)}
    dm_scope: DmScope = scope  # type: ignore[assignment]
    linked = InboundMessage("telegram", "work", "42", "direct", "hi", "r")
    theirs = session_key("main", linked, dm_scope, links)
    for spoof in ("alice", "link:alice", "link%3Aalice"):
        for channel in ("telegram", "webhook", "webchat"):
            stranger = InboundMessage(channel, "work", spoof, "direct", "hi", "r")
            assert session_key("main", stranger, dm_scope, links) != theirs


def test_per_peer_keeps_the_same_id_on_two_channels_apart() -> None:
    telegram = InboundMessage("telegram", "default", "42", "direct", "hi", "r")
    webhook = InboundMessage("webhook", "default", "42", "direct", "hi", "r")
    assert session_key("main", telegram, "per-peer") != session_key("main", webhook, "per-peer")


def test_sender_id_with_colons_cannot_collide_with_another_scope() -> None:
    forged = InboundMessage("telegram", "work", "telegram:direct:alice", "direct", "x", "r")
    assert session_key("main", forged, "per-peer") != session_key("main", DM, "per-channel-peer")
    assert ":direct:alice" not in session_key("main", forged, "per-peer").removeprefix(
        "agent:main:direct:"
    )


@pytest.mark.parametrize(
    "links",
    [
        {"a": ["telegram"]},
        {"a": [":1"]},
        {"a": ["telegram:1"], "b": ["telegram:1"]},
        {" ": ["x:1"]},
    ],
)
def test_ambiguous_or_malformed_identity_links_are_refused(links: dict[str, list[str]]) -> None:
    from pydantic import ValidationError

    from clawkeep.config.schema import RootConfig

    with pytest.raises(ValidationError):
        RootConfig.model_validate({"session": {"identityLinks": links}})
