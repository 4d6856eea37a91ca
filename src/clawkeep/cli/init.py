"""`clawkeep init` (alias `onboard`): a hardened starter config and its secrets file.

Asks for the provider, the model and the channels (or takes them from flags with
`--yes`), writes the config (0600) and `.env` (0600) in the state dir (0700), and prints
what is left to fill in. It never overwrites a config without `--force`, and then keeps
the old one as a backup. The result audits with no critical and no warn finding.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from clawkeep.cli._common import install_paths
from clawkeep.config.envfile import ENV_FILE
from clawkeep.config.starter import CHANNELS, PROVIDERS, StarterChoices, env_lines, render_config
from clawkeep.fsutil import atomic_write, ensure_private_dir
from clawkeep.logfiles import prune_backups

__all__ = ["init"]


@click.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write (default: ~/.clawkeep/clawkeep.json, or $CLAWKEEP_STATE_DIR).",
)
@click.option(
    "--provider",
    type=click.Choice(PROVIDERS),
    default=None,
    help="Model provider, e.g. --provider anthropic.",
)
@click.option("--model", default=None, help="Model name at that provider, e.g. gpt-4.1-mini.")
@click.option(
    "--base-url",
    default=None,
    help="Endpoint of an OpenAI-compatible server or Ollama, e.g. http://127.0.0.1:8000/v1.",
)
@click.option(
    "--channel",
    "channels",
    multiple=True,
    type=click.Choice(CHANNELS),
    help="A chat channel to set up (repeat for more), e.g. --channel telegram.",
)
@click.option("--yes", is_flag=True, help="Ask nothing: flags and defaults only.")
@click.option("--force", is_flag=True, help="Replace an existing config (a backup is kept).")
def init(
    config_path: Path | None,
    provider: str | None,
    model: str | None,
    base_url: str | None,
    channels: tuple[str, ...],
    yes: bool,
    force: bool,
) -> None:
    """Write a hardened starter config and its secrets file.

    Example: clawkeep init --provider openai --model gpt-4.1-mini --channel telegram --yes
    """
    paths = install_paths(config_path, False)
    target = paths.config_path
    if target.exists() and not force:
        click.echo(
            f"clawkeep: {target} exists; nothing was changed. Pass --force to replace it "
            "(the old file is kept as a backup).",
            err=True,
        )
        raise SystemExit(2)
    if not yes:
        provider = provider or click.prompt(
            "Model provider", type=click.Choice(PROVIDERS), default="openai"
        )
        if provider in ("openai-compatible", "ollama") and base_url is None:
            default_url = "http://127.0.0.1:11434" if provider == "ollama" else ""
            base_url = click.prompt("Endpoint URL", default=default_url) or None
        model = model or click.prompt("Model", default=_default_model(provider))
        if not channels:
            answer = click.prompt(
                "Channels besides the web chat (comma-separated: telegram, whatsapp, "
                "signal, webhook; empty for none)",
                default="",
                show_default=False,
            )
            channels = tuple(c.strip() for c in answer.split(",") if c.strip())
            unknown = [c for c in channels if c not in CHANNELS]
            if unknown:
                raise click.BadParameter(f"unknown channel(s): {', '.join(unknown)}")
    choices = StarterChoices(
        provider=provider or "openai",  # type: ignore[arg-type]
        model=model or "",
        base_url=base_url,
        channels=tuple(dict.fromkeys(channels)),
    )
    _write(target, choices, paths.state_dir / ENV_FILE)


def _default_model(provider: str) -> str:
    from clawkeep.config.starter import DEFAULT_MODELS

    return DEFAULT_MODELS[provider]


def _backup(target: Path) -> Path:
    """A new 0600 copy of ``target`` beside it: never an existing file, never through a link."""
    data = target.read_bytes()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for n in range(1000):
        path = target.with_name(f"{target.name}.bak-{stamp}" + (f"-{n}" if n else ""))
        try:
            # O_EXCL: two runs in one second must not overwrite the first backup (the
            # owner's own config) with the second (a starter); 0600 from the first byte.
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return path
    raise click.ClickException(f"too many backups of {target} this second; try again")


def _write(target: Path, choices: StarterChoices, env_file: Path) -> None:
    from clawkeep.gateway.tokens import generate_token

    ensure_private_dir(target.parent)
    if target.exists():
        backup = _backup(target)
        prune_backups(target)
        click.echo(f"kept the old config as {backup}")
    atomic_write(target, render_config(choices))  # 0600
    token_from_env = env_file.exists()
    lines, todo = env_lines(choices, generate_token())
    if token_from_env:
        click.echo(f"kept {env_file} as it is (it may hold your secrets)")
    else:
        ensure_private_dir(env_file.parent)
        atomic_write(env_file, "\n".join(lines) + "\n")  # 0600: it holds the gateway token
        click.echo(f"wrote {env_file} (0600) with a new gateway token")
    click.echo(f"wrote {target} (0600)")
    if todo:
        click.echo(f"fill in these in {env_file} (or export them): {', '.join(todo)}")
    click.echo("then: clawkeep security audit  &&  clawkeep gateway run")
