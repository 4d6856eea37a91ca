"""`clawkeep doctor`: checks that make real calls, and `--generate-gateway-token`.

Without flags it checks each configured channel's credentials with one real, cheap call
(exit 1 when one fails). `--generate-gateway-token` makes a new token, stored 0600 or
printed as an export line.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pyjson5

from clawkeep.cli._common import config_options, install_paths
from clawkeep.config import InstallPaths, locate_all
from clawkeep.config.edit import ConfigEdit, EditError, apply_edits
from clawkeep.fsutil import ensure_private_dir
from clawkeep.gateway.tokens import generate_token

__all__ = ["doctor"]

_TOKEN_PATH = ("gateway", "auth", "token")


@click.command()
@config_options
@click.option(
    "--generate-gateway-token", "generate", is_flag=True, help="Make a new gateway token."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
def doctor(config_path: Path | None, openclaw: bool, generate: bool, as_json: bool) -> None:
    """Check each channel's credentials with one real call, or make a new gateway token.

    Example: clawkeep doctor --json
    """
    paths = install_paths(config_path, openclaw)
    if not generate:
        raise SystemExit(_check_channels(paths, as_json))
    token = generate_token()  # 24 random bytes from the OS CSPRNG, 48 hex characters
    file = paths.config_path
    reference = _env_reference(file)
    if reference is not None:
        # The config reads the token from the environment: never write it into the file.
        click.echo(f"gateway.auth.token comes from ${{{reference}}}; set it with:")
        click.echo(f"export {reference}={token}")
        return
    ensure_private_dir(file.parent)
    try:
        backup = apply_edits(file, [ConfigEdit(_TOKEN_PATH, token)])
    except (EditError, OSError) as exc:
        raise click.ClickException(f"could not write {file}: {exc}") from None
    click.echo(
        f"wrote a new gateway token to {file} (0600)" + (f"; backup {backup}" if backup else "")
    )
    click.echo(f"clients read it from gateway.auth.token in {file} (only you can read that file)")


def _check_channels(paths: InstallPaths, as_json: bool) -> int:
    import asyncio
    import json
    import os

    from clawkeep.channels.probe import probe_channels
    from clawkeep.config import ConfigError, load_config

    try:
        loaded = load_config(paths, env=os.environ)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        return 2
    probes = asyncio.run(probe_channels(loaded.config))
    for p in probes:
        if as_json:
            row = {"check": p.where, "ok": p.ok, "detail": p.detail, "fix": p.fix}
            click.echo(json.dumps(row))
        else:
            click.echo(f"{'ok  ' if p.ok else 'FAIL'} {p.where}: {p.detail}")
            if not p.ok and p.fix:
                click.echo(f"     fix: {p.fix}")
    if not probes and not as_json:
        click.echo("no channel with credentials is configured")
    return 0 if all(p.ok for p in probes) else 1


def _env_reference(file: Path) -> str | None:
    """The variable name if the config's gateway.auth.token is a ${VAR} reference."""
    if not file.exists():
        return None
    text = file.read_text(encoding="utf-8")
    span = locate_all(text).get(_TOKEN_PATH)
    if span is None:
        return None
    value = pyjson5.decode(text[span.start : span.end])
    match = re.fullmatch(r"\$\{([A-Z_][A-Z0-9_]*)\}", value) if isinstance(value, str) else None
    return match.group(1) if match else None
