"""What `clawkeep doctor` checks: each a value with ok / warn / fail and the fix.

Checks that need the outside world make one real, cheap call each (the provider's model
list with the configured key, each channel's credentials); the rest read this machine
(config, state-dir modes, bubblewrap actually starting a sandbox, the classifier's model
files and their sha256, the gateway's port, the user it runs as). `--fix` repairs only
what is safe to repair without a decision: the state dir's modes.
"""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from clawkeep.config import ConfigError, InstallPaths, LoadedConfig, load_config
from clawkeep.config.schema.models import ModelsConfig

__all__ = ["Check", "run_doctor"]

Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True, slots=True)
class Check:
    """One result: ``check`` is a stable id (``doctor.<area>``)."""

    check: str
    status: Status
    detail: str
    fix: str = ""


def _config(paths: InstallPaths, env: Mapping[str, str]) -> tuple[Check, LoadedConfig | None]:
    if not paths.config_path.exists():
        return (
            Check(
                "doctor.config",
                "warn",
                f"no config at {paths.config_path}: the gateway runs on embedded defaults",
                "clawkeep init",
            ),
            None,
        )
    try:
        loaded = load_config(paths, strict=True, env=env)
    except ConfigError as exc:
        first = exc.issues[0].sentence() if exc.issues else str(exc)
        return Check("doctor.config", "fail", first, "fix the key it names"), None
    return Check("doctor.config", "ok", f"{paths.config_path} loads strictly"), loaded


def _state_modes(paths: InstallPaths, fix: bool) -> Check:
    from clawkeep.audit.permissions import sensitive_targets

    loose: list[Path] = []
    for target in sensitive_targets(paths):
        try:
            mode = stat.S_IMODE(os.lstat(target.path).st_mode)
        except OSError:
            continue
        if os.path.islink(target.path):
            continue
        if mode & 0o077:
            loose.append(target.path)
            if fix:
                # Only ever narrow: owner keeps what it had, group and others lose all.
                os.chmod(target.path, mode & 0o700)
    if not loose:
        return Check("doctor.state_modes", "ok", f"{paths.state_dir} and its files are private")
    shown = ", ".join(str(p) for p in loose[:5]) + (" ..." if len(loose) > 5 else "")
    if fix:
        return Check("doctor.state_modes", "ok", f"narrowed to owner-only: {shown}")
    return Check(
        "doctor.state_modes",
        "fail",
        f"readable or writable by others: {shown}",
        "clawkeep doctor --fix (or chmod 700 dirs / 600 files)",
    )


async def _provider(loaded: LoadedConfig | None, env: Mapping[str, str]) -> Check:
    import httpx2

    from clawkeep.agents.providers.factory import provider_config, split_model_ref
    from clawkeep.agents.providers.keys import ENV_KEYS, key_source, resolve_api_key
    from clawkeep.agents.providers.types import ProviderError

    config = loaded.config if loaded is not None else None
    model = config.agents.defaults.model if config is not None else None
    ref = model if isinstance(model, str) or model is None else model.primary
    if ref is None:
        return Check(
            "doctor.provider",
            "warn",
            "no model is set: agents cannot answer",
            'clawkeep init, or set agents.defaults.model to "provider/model"',
        )
    try:
        provider_id, _name = split_model_ref(ref)
        cfg = provider_config(provider_id, config.models if config else ModelsConfig(), env)
        profiles = loaded.paths.auth_profiles("main") if loaded is not None else None
        key = resolve_api_key(provider_id, cfg, profiles, env)
        source = key_source(provider_id, cfg, profiles, env)
    except ProviderError as exc:
        return Check("doctor.provider", "fail", f"{exc.code}: {exc.message}", "see the message")
    if cfg.api == "script":
        return Check("doctor.provider", "ok", f"{provider_id}: a scripted model (no network)")
    if key is None and provider_id in ENV_KEYS:
        var = ENV_KEYS[provider_id]
        return Check("doctor.provider", "fail", f"no API key for {provider_id}", f"set {var}")
    base = (cfg.base_url or "").rstrip("/")
    headers = dict(cfg.headers)
    if cfg.api == "anthropic-messages":
        url = f"{base}/v1/models"
        if key:
            headers.update({"x-api-key": key, "anthropic-version": "2023-06-01"})
    elif cfg.api == "ollama":
        url = f"{base}/api/tags"
    else:
        url = f"{base}/models"
        if key:
            headers["Authorization"] = f"Bearer {key}"
    try:
        async with httpx2.AsyncClient(timeout=10.0, trust_env=False) as client:
            resp = await client.get(url, headers=headers)
    except httpx2.HTTPError as exc:
        return Check(
            "doctor.provider",
            "fail",
            f"{provider_id} at {base} cannot be reached ({type(exc).__name__})",
            "check the address, or that the server is running",
        )
    if resp.status_code in (401, 403):
        return Check(
            "doctor.provider",
            "fail",
            f"{provider_id} refused the key (HTTP {resp.status_code}; key from {source})",
            "set a valid key",
        )
    if resp.status_code >= 400:
        return Check("doctor.provider", "warn", f"{provider_id} answered HTTP {resp.status_code}")
    return Check("doctor.provider", "ok", f"{provider_id} accepts the key (from {source})")


def _sandbox() -> Check:
    from clawkeep.decision import Deny
    from clawkeep.sandbox.runner import backend_available, run_sandboxed
    from clawkeep.sandbox.spec import SandboxSpec

    available = backend_available("auto")
    if isinstance(available, Deny):
        return Check(
            "doctor.sandbox",
            "fail",
            f"no sandbox can run here: {available.detail}",
            "apt-get install bubblewrap (and allow unprivileged user namespaces)",
        )
    with tempfile.TemporaryDirectory() as ws:
        spec = SandboxSpec(workspace=Path(ws), workspace_access="rw")
        result = run_sandboxed(["/bin/sh", "-c", "echo sandbox-ok"], spec)
    if isinstance(result, Deny) or "sandbox-ok" not in result.stdout:
        why = result.detail if isinstance(result, Deny) else f"exit {result.exit_code}"
        return Check("doctor.sandbox", "fail", f"a sandbox did not start: {why}", "see the message")
    return Check("doctor.sandbox", "ok", "bubblewrap started a sandbox and ran a command")


def _classifier() -> Check:
    from clawkeep.guards.injection.classifier import model_status

    ok, why = model_status()
    if ok:
        return Check(
            "doctor.classifier", "ok", "the injection classifier's model matches its sha256"
        )
    return Check(
        "doctor.classifier",
        "fail",
        f"the injection classifier cannot load: {why}",
        "reinstall clawkeep (pip install --force-reinstall .)",
    )


def _port(loaded: LoadedConfig | None) -> Check:
    from clawkeep.gateway.statefile import read_state

    port = loaded.config.gateway.port if loaded is not None else 18789
    state = read_state(loaded.paths.state_dir) if loaded is not None else None
    if state is not None and state.alive() and any(p == port for _h, p in state.addresses):
        return Check(
            "doctor.port", "ok", f"port {port} is served by this gateway (pid {state.pid})"
        )
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return Check(
                "doctor.port",
                "fail",
                f"port {port} on 127.0.0.1 is taken by another program",
                f"free it (ss -ltnp 'sport = :{port}') or set gateway.port",
            )
    return Check("doctor.port", "ok", f"port {port} is free")


def _user() -> Check:
    if os.geteuid() == 0:
        return Check(
            "doctor.user",
            "warn",
            "running as root: a compromised agent would act as root",
            "run the gateway as a dedicated user: clawkeep service install --create-user",
        )
    return Check("doctor.user", "ok", f"running as uid {os.geteuid()}, not root")


async def _channels(loaded: LoadedConfig | None) -> list[Check]:
    if loaded is None:
        return []
    from clawkeep.channels.probe import probe_channels

    probes = await probe_channels(loaded.config)
    return [Check(f"doctor.{p.where}", "ok" if p.ok else "fail", p.detail, p.fix) for p in probes]


def run_doctor(
    paths: InstallPaths, env: Mapping[str, str], *, fix: bool = False, network: bool = True
) -> list[Check]:
    """Every check, in the order a person would fix them."""
    config_check, loaded = _config(paths, env)
    checks = [config_check, _state_modes(paths, fix)]

    async def outside() -> list[Check]:
        return [await _provider(loaded, env), *(await _channels(loaded))]

    if network:
        checks.extend(asyncio.run(outside()))
    checks.extend([_sandbox(), _classifier(), _port(loaded), _user()])
    return checks
