"""`clawkeep security audit`: findings for an install (ours or OpenClaw's), with --fix."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from clawkeep.cli._common import (
    config_options,
    fail_config,
    install_paths,
    require_named_config,
)
from clawkeep.config import ConfigError

__all__ = ["security"]


@click.group()
def security() -> None:
    """Security audit of an install.

    Example: clawkeep security audit --json --fail-on warn
    """


@security.command("audit")
@config_options
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--fix", is_flag=True, help="Tighten permissions and unsafe values first.")
@click.option("--deep", is_flag=True, help="Also probe the running gateway and scan plugins.")
@click.option(
    "--fail-on",
    type=click.Choice(["critical", "warn", "never"]),
    default="critical",
    show_default=True,
    help="Exit 1 when a finding at or above this severity remains.",
)
def audit(
    config_path: Path | None, openclaw: bool, as_json: bool, fix: bool, deep: bool, fail_on: str
) -> None:
    """Find what is unsafe in an install; --fix tightens what is safe to tighten."""
    from clawkeep.audit.run import run_audit

    require_named_config(config_path)
    paths = install_paths(config_path, openclaw)
    try:
        report = run_audit(paths, env=os.environ, fix=fix, deep=deep)
    except ConfigError as exc:
        fail_config(exc)
        return
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        from clawkeep.audit.render import render_report

        click.echo(f"Audit of {paths.config_path} ({paths.flavor})")
        render_report(report, sys.stdout)
    raise SystemExit(1 if report.worst_at_least(fail_on) else 0)


@security.command("checks")
def checks() -> None:
    """Print the catalogue of check ids (Markdown)."""
    from clawkeep.audit.catalogue import catalogue_markdown

    click.echo(catalogue_markdown(), nl=False)
