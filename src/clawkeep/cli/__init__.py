"""The command line: a thin layer that parses, calls one stage's module, and renders.

Sub-commands are loaded lazily (name -> "module:attribute") so `clawkeep --help` and
quick verbs do not pay for importing the gateway, the classifier or the sandbox.
Exit status: 0 success / allowed, 1 a finding or refusal the user asked about,
2 bad usage or invalid config.
"""

from __future__ import annotations

import click

from clawkeep import __version__
from clawkeep.cli._lazy import lazy_group

__all__ = ["main"]

# One line per verb; a stage's CLI module owns its own commands.
_COMMANDS: dict[str, str] = {
    "pairing": "clawkeep.cli.pairing:pairing",
    "simulate": "clawkeep.cli.simulate:simulate",
    "guard": "clawkeep.cli.guard:guard",
    "security": "clawkeep.cli.security:security",
    "doctor": "clawkeep.cli.doctor:doctor",
    "sandbox": "clawkeep.cli.sandbox:sandbox",
    "gateway": "clawkeep.cli.gateway:gateway",
    "chat": "clawkeep.cli.chat:chat",
    "policy": "clawkeep.cli.policy:policy",
    "plugins": "clawkeep.cli.plugins:plugins",
    "skills": "clawkeep.cli.skills:skills",
}


@click.group(cls=lazy_group(_COMMANDS), context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clawkeep")
def main() -> None:
    """clawkeep: a security-first gateway for personal AI agents."""
