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
_COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("clawkeep.cli.init:init", "Write a hardened starter config and its secrets file."),
    "onboard": ("clawkeep.cli.init:init", "The same as init."),
    "gateway": ("clawkeep.cli.gateway:gateway", "Run the HTTP + WebSocket gateway."),
    "chat": ("clawkeep.cli.chat:chat", "Talk to the gateway's web chat from a terminal."),
    "status": ("clawkeep.cli.status:status", "Is the gateway up; what waits for you."),
    "logs": ("clawkeep.cli.logs:logs", "Show the event log, filtered by reason or channel."),
    "doctor": ("clawkeep.cli.doctor:doctor", "Check the install end to end, each with a fix."),
    "security": ("clawkeep.cli.security:security", "Security audit of an install."),
    "pairing": ("clawkeep.cli.pairing:pairing", "DM pairing: list, approve a code, revoke."),
    "policy": ("clawkeep.cli.policy:policy", "Ask the tool policy what it decides, and why."),
    "guard": ("clawkeep.cli.guard:guard", "Ask a guard what it would decide."),
    "sandbox": ("clawkeep.cli.sandbox:sandbox", "Try the sandbox agents' commands run in."),
    "simulate": ("clawkeep.cli.simulate:simulate", "Deliver one message through the pipeline."),
    "service": ("clawkeep.cli.service:service", "Run the gateway as a systemd service."),
    "config": ("clawkeep.cli.config_cmd:config", "The config's JSON Schema and key reference."),
    "dashboard": ("clawkeep.cli.dashboard:dashboard", "Print a one-time Control UI sign-in link."),
    "plugins": ("clawkeep.cli.plugins:plugins", "List, inspect, enable or disable plugins."),
    "skills": ("clawkeep.cli.skills:skills", "List, install or remove skills."),
}


@click.group(cls=lazy_group(_COMMANDS), context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clawkeep")
def main() -> None:
    """clawkeep: a security-first gateway for personal AI agents."""
