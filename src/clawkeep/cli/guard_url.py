"""`clawkeep guard url`: ask the network-guard whether a URL may be fetched.

Exit 0 allowed, 1 blocked, 2 bad usage or unreadable input lines (``--jsonl``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from pydantic import ValidationError

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.cli._jsonl import BadLineError, emit_bad_line, parse_line
from clawkeep.config import ConfigError, load_config
from clawkeep.config.schema.guard_network import NetworkGuardConfig
from clawkeep.decision import Allow, Deny
from clawkeep.guards.network_guard import NetworkPolicy, Resolver, check_url, policy_from_config

__all__ = ["url"]

_DNS_NOTE = re.compile(r"\[dns->([^\]\s]+)\]")
_PUBLIC_STANDIN = "93.184.216.34"


def _notes_resolver(note: str) -> Resolver:
    """The corpus's ``[dns->IP]`` marker as the only answer; no marker fails closed."""
    match = _DNS_NOTE.search(note)

    def resolve(host: str) -> Sequence[str]:
        if match is None:
            raise OSError(f"no [dns->IP] marker for {host}")
        answer = match.group(1)
        return [_PUBLIC_STANDIN if answer == "public" else answer]

    return resolve


def _offline(host: str) -> Sequence[str]:
    raise OSError(f"name resolution is off (--no-dns) for {host}")


def _verdict(decision: Allow | Deny) -> str:
    return "allow" if decision.allowed else "block"


def _run_jsonl(policy: NetworkPolicy, from_notes: bool, no_dns: bool) -> int:
    status = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = parse_line(line)
            target = record["input"]
            note = str(record.get("note", ""))
            if not isinstance(target, str):
                raise TypeError("'input' is not a string")
        except BadLineError as exc:
            emit_bad_line(number, str(exc))
            status = 2
            continue
        except (KeyError, TypeError, AttributeError) as exc:
            emit_bad_line(number, f"not a corpus record with an 'input' ({exc})")
            status = 2
            continue
        resolver = _notes_resolver(note) if from_notes else (_offline if no_dns else None)
        decision = check_url(target, policy, resolver)
        out = {"input": target, "verdict": _verdict(decision), "reason": decision.reason}
        click.echo(json.dumps(out, ensure_ascii=False))
    return status


def _policy(
    config_path: Path | None, openclaw: bool, allow_domains: tuple[str, ...], block_ip: bool
) -> NetworkPolicy:
    base = NetworkGuardConfig()
    if config_path is not None or openclaw:
        try:
            base = load_config(install_paths(config_path, openclaw)).config.guards.network
        except ConfigError as exc:
            fail_config(exc)
    settings = base.model_dump()
    if allow_domains:
        settings["allow_domains"] = allow_domains
    settings["block_direct_ip"] = base.block_direct_ip or block_ip
    try:
        return policy_from_config(NetworkGuardConfig.model_validate(settings))
    except ValidationError as exc:
        raise click.UsageError(exc.errors()[0]["msg"]) from None


@click.command()
@click.argument("target", required=False)
@click.option("--jsonl", is_flag=True, help="Read corpus-format JSON lines on stdin.")
@click.option(
    "--resolve-from-notes",
    is_flag=True,
    help="Use each record's [dns->IP] note as the DNS answer (with --jsonl).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object for TARGET.")
@click.option("--no-dns", is_flag=True, help="Do not resolve names; named hosts are refused.")
@click.option("--allow-domain", "allow_domains", multiple=True, help="Allowlist entry (repeat).")
@click.option("--block-direct-ip", is_flag=True, help="Refuse IP-literal hosts.")
@config_options
def url(
    target: str | None,
    jsonl: bool,
    resolve_from_notes: bool,
    as_json: bool,
    no_dns: bool,
    allow_domains: tuple[str, ...],
    block_direct_ip: bool,
    config_path: Path | None,
    openclaw: bool,
) -> None:
    """Say whether TARGET may be fetched by an agent, with the reason code.

    The policy is the default one, or ``guards.network`` of the config that --config or
    --openclaw names; --allow-domain replaces its allowlist, --block-direct-ip adds to it.
    """
    if jsonl == (target is not None):
        raise click.UsageError("give either a URL or --jsonl (records on stdin)")
    if resolve_from_notes and not jsonl:
        raise click.UsageError("--resolve-from-notes needs --jsonl")
    policy = _policy(config_path, openclaw, allow_domains, block_direct_ip)
    if jsonl:
        sys.exit(_run_jsonl(policy, resolve_from_notes, no_dns))
    assert target is not None
    decision = check_url(target, policy, _offline if no_dns else None)
    if as_json:
        out = {"input": target, "verdict": _verdict(decision), "reason": decision.reason}
        click.echo(json.dumps({**out, "detail": decision.detail}, ensure_ascii=False))
    else:
        detail = f" ({decision.detail})" if decision.detail else ""
        click.echo(f"{_verdict(decision)} {decision.reason}{detail}")
    sys.exit(0 if decision.allowed else 1)
