"""How the install runs: the running gateway's OS user, and where provider keys come from.

The seed's advice is a dedicated, unprivileged user: a gateway running as root, or as a
login user whose home holds other data, gives a compromised agent all of it. Judged on
the running gateway (its pid from ``gateway.json``); nothing is said when none runs.
"""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterator
from pathlib import Path

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__ = ["provider_keys", "running_user"]

_NO_LOGIN = ("nologin", "false", "sync")


def _gateway_uid(state_dir: Path) -> int | None:
    from clawkeep.gateway.statefile import read_state

    state = read_state(state_dir)
    if state is None or not state.alive():
        return None
    try:
        return os.stat(f"/proc/{state.pid}").st_uid
    except OSError:
        return None


def _other_data(home: Path, state_dir: Path) -> list[str]:
    try:
        names = sorted(os.listdir(home))
    except OSError:
        return []
    state = state_dir.resolve()
    return [
        n
        for n in names
        if not n.startswith(".") and (home / n).resolve() != state and n not in ("snap",)
    ]


@check(
    CheckSpec("gateway.process.root", "warn", "The gateway runs as root"),
    CheckSpec(
        "gateway.process.login_user",
        "warn",
        "The gateway runs as a login user whose home holds other data",
    ),
)
def running_user(ctx: AuditContext) -> Iterator[Finding]:
    uid = _gateway_uid(ctx.paths.state_dir)
    if uid is None:
        return
    if uid == 0:
        yield Finding(
            "gateway.process.root",
            "warn",
            "The gateway runs as root",
            "a prompt-injected agent that escapes any layer acts as root on this machine.",
            "Run it as a dedicated user: clawkeep service install --create-user.",
        )
        return
    try:
        entry = pwd.getpwuid(uid)
    except KeyError:
        return
    if entry.pw_shell.rsplit("/", 1)[-1] in _NO_LOGIN:
        return
    other = _other_data(Path(entry.pw_dir), ctx.paths.state_dir)
    if other:
        shown = ", ".join(other[:5]) + (" ..." if len(other) > 5 else "")
        yield Finding(
            "gateway.process.login_user",
            "warn",
            "The gateway runs as a login user whose home holds other data",
            f"user {entry.pw_name} can log in and its home {entry.pw_dir} holds {shown}: "
            "anything the gateway's process can read, a compromised agent can.",
            "Run it as a dedicated user: clawkeep service install --create-user.",
        )


@check(CheckSpec("models.key_source", "info", "Where each provider key comes from"))
def provider_keys(ctx: AuditContext) -> Iterator[Finding]:
    from clawkeep.agents.limits import model_for
    from clawkeep.agents.providers.factory import provider_config, split_model_ref
    from clawkeep.agents.providers.keys import key_source
    from clawkeep.agents.providers.types import ProviderError

    refs: set[str] = set()
    for agent in ctx.agents:
        model = model_for(ctx.config, agent.id)
        if isinstance(model, str):
            refs.add(model)
        elif model is not None:
            refs.update((model.primary, *model.fallbacks))
    sources = []
    for ref in sorted(refs):
        try:
            provider_id, _name = split_model_ref(ref)
            cfg = provider_config(provider_id, ctx.config.models, ctx.env)
        except ProviderError:
            continue
        source = key_source(provider_id, cfg, ctx.paths.auth_profiles("main"), ctx.env)
        sources.append(f"{provider_id}: {source}")
    if sources:
        yield Finding(
            "models.key_source",
            "info",
            "Where each provider key comes from",
            "; ".join(dict.fromkeys(sources)),
            "",
        )
