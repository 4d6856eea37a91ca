"""`clawkeep config schema|docs`: the config's JSON Schema, and the key reference."""

from __future__ import annotations

import json

import click

__all__ = ["config"]


@click.group()
def config() -> None:
    """The config file's schema and key reference.

    Example: clawkeep config schema > clawkeep.schema.json
    """


@config.command("schema")
def schema() -> None:
    """Print the JSON Schema of the config (for editors).

    Example: clawkeep config schema > ~/.clawkeep/clawkeep.schema.json
    """
    from clawkeep.config.schema_doc import config_schema

    click.echo(json.dumps(config_schema(), indent=2, sort_keys=True))


@config.command("docs")
def docs() -> None:
    """Print the key reference (docs/config.md) as Markdown.

    Example: clawkeep config docs > docs/config.md
    """
    from clawkeep.config.schema_doc import config_docs

    click.echo(config_docs(), nl=False)
