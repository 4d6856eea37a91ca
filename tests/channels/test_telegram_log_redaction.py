"""A bot token of any shape never reaches the gateway's log: the real poller, the real logging."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from clawkeep.channels.telegram import TelegramClient, TelegramPoller
from clawkeep.config import LoadedConfig, load_config, resolve_paths
from clawkeep.events.log import EventLog
from clawkeep.gateway.logsetup import install_logging
from tests.channels.tg_fake import FakeBotApi, fake_bot_api, tg_message

# No `digits:AA...` shape: no built-in pattern knows it.
ODD_TOKEN = "tok_NonStandard-Shape.7f3e9a2b1c"
API_KEY = "plain words as a key 42"
HOOKS = "hooks-Secret-Value-0042"


class _Quiet:
    async def respond(self, request: object) -> str | None:
        return None


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    quiet = {name: logging.getLogger(name).level for name in ("httpx2", "httpx", "httpcore")}
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)


def _loaded(tmp_path: Path, api: FakeBotApi, level: str) -> LoadedConfig:
    config = tmp_path / "clawkeep.json"
    body = {
        "channels": {"telegram": {"botToken": ODD_TOKEN, "apiBaseUrl": api.base_url}},
        "hooks": {"token": HOOKS},
        "models": {"providers": {"local": {"baseUrl": api.base_url, "apiKey": API_KEY}}},
        "logging": {"file": str(tmp_path / "logs" / "gateway.log"), "level": level},
    }
    config.write_text(json.dumps(body))
    paths = resolve_paths({"HOME": str(tmp_path)}, config=config, flavor="clawkeep")
    return load_config(paths, env={})


@pytest.mark.parametrize("level", ["info", "debug"])
@pytest.mark.usefixtures("restore_logging")
def test_an_odd_shaped_bot_token_is_never_logged(tmp_path: Path, level: str) -> None:
    with fake_bot_api() as api:
        api.token = ODD_TOKEN
        loaded = _loaded(tmp_path, api, level)
        install_logging(loaded)
        api.push(tg_message(1, 555, "hello"))
        client = TelegramClient(ODD_TOKEN, api.base_url, poll_timeout=0)
        events = EventLog(tmp_path / "events.jsonl")
        poller = TelegramPoller("default", client, _Quiet(), events=events)  # type: ignore[arg-type]

        async def rounds() -> None:
            try:
                for _ in range(2):
                    await poller.poll_once()
            finally:
                await client.aclose()

        asyncio.run(rounds())
        url = f"{api.base_url}/bot{ODD_TOKEN}/getUpdates"
        # What a library or our own code may write when a request fails.
        logging.getLogger("clawkeep.channels").error("request to %s failed", url)
        logging.getLogger("some.library").warning("config dump: %r", loaded.config)
        logging.getLogger("some.library").warning("auth %s / %s", HOOKS, API_KEY)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "logs" / "gateway.log").read_text()
    assert "request to" in text and "[REDACTED]" in text
    for secret in (ODD_TOKEN, HOOKS, API_KEY):
        assert secret not in text
    assert "tok_NonStandard" not in text
    if level == "info":
        assert "HTTP Request" not in text  # the per-request lines are not written
    else:
        assert "HTTP Request" in text  # written at debug, with the token masked


def test_url_quoted_and_json_escaped_spellings_are_masked() -> None:
    from clawkeep.events.redact import build_redactor

    secret = 'p@ss word/with"quote'
    redact = build_redactor(secret_values=[secret])
    for spelling in (secret, "p%40ss%20word%2Fwith%22quote", 'p@ss word/with\\"quote'):
        assert secret not in redact(f"x {spelling} y")
        assert "[REDACTED]" in redact(f"x {spelling} y")
