"""`clawkeep dashboard`: print a one-time sign-in link to the Control UI.

The link carries a ticket in its fragment (``#ticket=...``): browsers never send a
fragment to a server, so it stays out of access logs and Referer headers, and the page
drops it from the address bar before redeeming it. The ticket is made from the gateway
credential in the config, expires within a minute and opens one session only; the
credential itself is never printed.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, load_config

__all__ = ["dashboard"]


@click.command()
@config_options
@click.option("--url", default=None, help="The gateway's base URL (default: loopback).")
def dashboard(config_path: Path | None, openclaw: bool, url: str | None) -> None:
    """Print a one-time Control UI sign-in link (valid for one minute, once).

    Example: clawkeep dashboard
    """
    from clawkeep.controlui import TICKET_TTL_S, make_ticket

    paths = install_paths(config_path, openclaw)
    try:
        config = load_config(paths, strict=False, env=os.environ).config
    except ConfigError as exc:
        fail_config(exc)
        return
    if not config.gateway.control_ui.enabled:
        click.echo("clawkeep: the Control UI is off (gateway.controlUi.enabled)", err=True)
        raise SystemExit(1)
    auth = config.gateway.auth
    secret = auth.password if auth.mode == "password" else auth.token
    if secret is None:
        click.echo(
            "clawkeep: no gateway token or password in the config: start the gateway once "
            "(it generates one) or set gateway.auth.token",
            err=True,
        )
        raise SystemExit(1)
    base = (url or f"http://127.0.0.1:{config.gateway.port}").rstrip("/")
    ticket = make_ticket(secret.get_secret_value())
    click.echo(f"{base}/#ticket={ticket}")
    click.echo(f"(one sign-in, within {TICKET_TTL_S} seconds)", err=True)
