"""`clawkeep simulate`: push one message through the real pipeline and print the decision.

An operator's dry run of their access config: the message goes through the same access,
command, guard and routing stages as a delivered one, with the install's real stores
(so a pairing code it issues is real and can be approved). With ``--reply`` an admitted
message also gets the agent's turn and its reply is printed. Exit 0 admitted or command
accepted, 1 dropped / pairing / refused / blocked, 2 bad usage or invalid config.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, load_config

if TYPE_CHECKING:
    from clawkeep.compose import Install
    from clawkeep.contracts import InboundMessage, Outcome

__all__ = ["simulate"]


@click.command()
@click.option("--channel", required=True, help="Channel id (telegram, webhook, webchat, ...).")
@click.option("--from", "sender", required=True, help="The sender's id on the channel.")
@click.option("--account", default="default", show_default=True, help="The channel account.")
@click.option("--group", default=None, help="Send into this group instead of a DM.")
@click.option("--thread", default=None, help="Thread / topic id inside the group.")
@click.option("--mention", is_flag=True, help="The channel reports that the agent was mentioned.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.option(
    "--reply", "with_reply", is_flag=True, help="Also run the agent turn (calls the model)."
)
@click.argument("text")
@config_options
def simulate(
    channel: str,
    sender: str,
    account: str,
    group: str | None,
    thread: str | None,
    mention: bool,
    as_json: bool,
    with_reply: bool,
    text: str,
    config_path: Path | None,
    openclaw: bool,
) -> None:
    """Deliver TEXT as if CHANNEL had received it from --from, and say what happened.

    Example: clawkeep simulate --channel telegram --from 555 "hello"
    """
    from clawkeep.compose import build_install
    from clawkeep.contracts import InboundMessage

    if thread is not None and group is None:
        raise click.UsageError("--thread needs --group")
    try:
        loaded = load_config(install_paths(config_path, openclaw))
    except ConfigError as exc:
        fail_config(exc)
        return
    message = InboundMessage(
        channel=channel,
        account=account,
        sender=sender,
        chat_type="group" if group is not None else "direct",
        text=text,
        raw_id=f"simulate-{time.time_ns()}",
        group=group,
        thread=thread,
        mentioned_self=True if mention else None,  # without --mention, mentionPatterns decide
        received_at=time.time(),
        is_owner=channel == "webchat",  # the web chat is the operator's channel
    )
    # --reply is opt-in: a dry run of access must not spend model calls by default.
    install = build_install(loaded, os.environ, agent=with_reply)
    outcome = asyncio.run(_deliver(install, message))
    if as_json:
        out = {
            "kind": outcome.kind,
            "reason": outcome.reason,
            "reply": outcome.reply,
            "agentId": outcome.agent_id,
            "sessionKey": outcome.session_key,
            "annotations": list(outcome.annotations),
        }
        click.echo(json.dumps(out, indent=2))
    else:
        click.echo(_describe(outcome.kind, outcome.reason, outcome.agent_id, outcome.session_key))
        if outcome.reply:
            click.echo(f"reply: {_show(outcome.reply)}")
    ok = outcome.kind == "admitted" or outcome.reason == "commands.accepted"
    raise SystemExit(0 if ok else 1)


async def _deliver(install: Install, message: InboundMessage) -> Outcome:
    try:
        return await install.pipeline.handle(message)
    finally:
        await install.aclose()


def _show(text: str) -> str:
    # A model's reply may carry escape sequences an attacker planted: print them inert.
    return "".join(c if c.isprintable() or c in "\n\t" else "?" for c in text)


def _describe(kind: str, reason: str, agent: str | None, session: str | None) -> str:
    if kind == "admitted":
        return f"admitted -> agent {agent}, session {session}"
    if reason == "access.pairing.code_issued":
        return f"pairing code issued ({reason})"
    return f"{kind} ({reason})"
