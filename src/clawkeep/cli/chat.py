"""`clawkeep chat`: the web chat from a terminal, over the gateway's WebSocket protocol.

The credential comes from the config (gateway.auth.token or .password, a file only the user
can read) or from CLAWKEEP_GATEWAY_TOKEN; never from a command-line flag, which any local
user could read in the process list.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, load_config

__all__ = ["chat"]

TOKEN_ENV = "CLAWKEEP_GATEWAY_TOKEN"  # noqa: S105 - the variable name, not a secret


@click.command()
@config_options
@click.option("--url", default=None, help="Gateway WebSocket URL (default: loopback, /ws).")
@click.option("-m", "--message", default=None, help="Send one message, print the reply, exit.")
@click.option(
    "--history",
    "history",
    type=click.IntRange(1, 500),
    default=None,
    help="Print the last N lines of the transcript and exit.",
)
@click.option("--json", "as_json", is_flag=True, help="Print responses as JSON.")
def chat(
    config_path: Path | None,
    openclaw: bool,
    url: str | None,
    message: str | None,
    history: int | None,
    as_json: bool,
) -> None:
    """Talk to the gateway's web chat (type a message, Enter; Ctrl-D quits).

    Example: clawkeep chat -m "what is on my calendar today?"
    """
    from clawkeep.cli.chat_client import GatewayClient, GatewayClientError

    paths = install_paths(config_path, openclaw)
    try:
        config = load_config(paths, strict=False, env=os.environ).config
    except ConfigError as exc:
        fail_config(exc)
        return
    auth = config.gateway.auth
    secret = auth.password if auth.mode == "password" else auth.token
    credential = os.environ.get(TOKEN_ENV) or (secret.get_secret_value() if secret else None)
    target = url or f"ws://127.0.0.1:{config.gateway.port}/ws"
    try:
        with GatewayClient(target, credential) as client:
            if history is not None:
                _print(client.call("chat.history", {"limit": history}), as_json)
            elif message is not None:
                _print(client.call("chat.send", {"text": message}), as_json)
            else:
                _repl(client, as_json)
    except GatewayClientError as exc:
        click.echo(f"clawkeep: {exc.code}: {exc.message}", err=True)
        raise SystemExit(1) from None


def _print(result: object, as_json: bool) -> None:
    if as_json or not isinstance(result, dict):
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    elif "entries" in result:
        for entry in result["entries"]:
            click.echo(f"{entry['role']}> {entry['text']}")
    elif result.get("reply") is not None:
        click.echo(str(result["reply"]))
    else:
        click.echo(f"({result.get('kind')}: {result.get('reason')})")


def _repl(client: object, as_json: bool) -> None:
    from clawkeep.cli.chat_client import GatewayClient

    assert isinstance(client, GatewayClient)
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            click.echo("you> ", nl=False)
        line = sys.stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text in ("/quit", "/exit"):
            break
        _print(client.call("chat.send", {"text": text}), as_json)
