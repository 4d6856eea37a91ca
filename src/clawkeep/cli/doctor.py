"""`clawkeep doctor [--fix] [--json]`: the install checked end to end (``clawkeep.doctor``),
and `--generate-gateway-token`: a new token, stored 0600 or printed as an export line.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
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
@click.option("--fix", is_flag=True, help="Repair what is safe to repair (state-dir modes).")
@click.option("--offline", is_flag=True, help="Skip the checks that call the provider or channels.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
def doctor(
    config_path: Path | None,
    openclaw: bool,
    generate: bool,
    fix: bool,
    offline: bool,
    as_json: bool,
) -> None:
    """Check the install end to end, each check with a fix; or make a new gateway token.

    Checks: the config loads strictly, state-dir modes, the provider accepts the key (one
    real request), each channel's credentials (one real call each), bubblewrap starts a
    sandbox, the classifier's model and sha256, the port, the user. Exit 1 if one fails.

    Example: clawkeep doctor --json
    """
    paths = install_paths(config_path, openclaw)
    if generate:
        _generate(paths)
        return
    from clawkeep.doctor import run_doctor

    checks = run_doctor(paths, os.environ, fix=fix, network=not offline)
    mask = _secret_mask(paths)  # a key the config put in a baseUrl is not printed
    for c in checks:
        detail, fixing = mask(c.detail), mask(c.fix)
        if as_json:
            click.echo(
                json.dumps({"check": c.check, "status": c.status, "detail": detail, "fix": fixing})
            )
        else:
            click.echo(f"{c.status.upper():4} {c.check}: {detail}")
            if c.status != "ok" and fixing:
                click.echo(f"     fix: {fixing}")
    raise SystemExit(1 if any(c.status == "fail" for c in checks) else 0)


def _secret_mask(paths: InstallPaths) -> Callable[[str], str]:
    """Every secret the config holds, masked by value (also secret-named ``${VAR}``s)."""
    from clawkeep.config import ConfigError, load_config
    from clawkeep.events.redact import redactor_from_settings
    from clawkeep.events.secret_values import config_secrets

    try:
        loaded = load_config(paths, strict=False, env=os.environ)
    except ConfigError:
        return str  # nothing loaded, nothing substituted into the lines
    secrets = config_secrets(loaded.config, loaded.env_secrets)
    return redactor_from_settings("off", (), secrets)  # by value only: lines stay readable


def _generate(paths: InstallPaths) -> None:
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
