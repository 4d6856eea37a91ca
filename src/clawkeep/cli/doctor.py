"""`clawkeep doctor --generate-gateway-token`: a new token, stored 0600 or printed as an export."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pyjson5

from clawkeep.cli._common import config_options, install_paths
from clawkeep.config import locate_all
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
def doctor(config_path: Path | None, openclaw: bool, generate: bool) -> None:
    """Repairs that need a decision: a new gateway token."""
    if not generate:
        raise click.UsageError("nothing to do: pass --generate-gateway-token")
    paths = install_paths(config_path, openclaw)
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
