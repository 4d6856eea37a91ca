"""The gateway's channel seams: only configured transports are mounted."""

from __future__ import annotations

from pathlib import Path

from clawkeep.access import PairingStore
from clawkeep.channels.wiring import channel_seams
from clawkeep.config import resolve_paths
from clawkeep.config.schema import RootConfig
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore


def pipe(tmp_path: Path, config: RootConfig) -> InboundPipeline:
    paths = resolve_paths({"HOME": str(tmp_path)}, config=tmp_path / "s" / "c.json")
    return InboundPipeline(
        config,
        paths,
        store=TranscriptStore(tmp_path / "s" / "t.sqlite"),
        pairing=PairingStore.open(tmp_path / "s"),
        events=EventLog(),
    )


def test_nothing_is_mounted_without_channel_config(tmp_path: Path) -> None:
    config = RootConfig()
    seams = channel_seams(config, pipe(tmp_path, config), events=EventLog())
    assert seams.public_routes == () and seams.background == ()


def test_configured_channels_are_mounted(tmp_path: Path) -> None:
    config = RootConfig.model_validate(
        {"channels": {"webhook": {"secret": "x"}, "telegram": {"botToken": "1:x"}}}
    )
    seams = channel_seams(config, pipe(tmp_path, config), events=EventLog())
    assert [getattr(r, "path", "") for r in seams.public_routes] == ["/channels/webhook/default"]
    assert len(seams.background) == 1


def test_disabled_webhook_is_not_mounted(tmp_path: Path) -> None:
    config = RootConfig.model_validate({"channels": {"webhook": {"enabled": False, "secret": "x"}}})
    assert channel_seams(config, pipe(tmp_path, config), events=EventLog()).public_routes == ()
