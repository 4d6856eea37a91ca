"""Whether the gateway may start with this config, and with which auth.

Refusals are values with stable reason codes (`gateway.config.*`): a reused hooks token, a
placeholder secret, token and password both set with no mode, no auth on a non-loopback
bind, an unsupported bind, a Docker/Podman sandbox setting that would undo the sandbox (the
same list `sandbox.dangerous` gives the backend and the audit, which rates it critical).
A config with no secret at all is not refused: it asks for a
generated token (`generate_token=True`).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from clawkeep.config.agents import merge_sandbox
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.agents import AgentConfig
from clawkeep.decision import Deny
from clawkeep.gateway.settings import (
    GatewaySettings,
    IpNetwork,
    RateLimitSettings,
    ResolvedAuth,
    is_loopback_host,
)
from clawkeep.gateway.tokens import MIN_TOKEN_LENGTH, constant_time_equal, placeholder_secret
from clawkeep.sandbox.dangerous import dangerous_settings

__all__ = ["Preflight", "bind_hosts", "preflight"]


@dataclass(frozen=True, slots=True)
class Preflight:
    """The gateway may start: with these settings, after generating a token if asked."""

    settings: GatewaySettings
    generate_token: bool = False


def _plain(secret: SecretStr | None) -> str | None:
    return None if secret is None else secret.get_secret_value()


def bind_hosts(root: RootConfig) -> tuple[str, ...] | Deny:
    """The addresses `gateway.bind` asks for."""
    gw = root.gateway
    if gw.bind in ("loopback", "auto"):
        return ("127.0.0.1", "::1")
    if gw.bind == "lan":
        return ("0.0.0.0", "::")  # noqa: S104 - lan is the user's explicit choice
    if gw.bind == "custom":
        if not gw.custom_bind_host:
            return Deny(
                "gateway.config.custom_bind_missing",
                "gateway.bind is custom but gateway.customBindHost is not set; "
                "set it to the address to listen on.",
            )
        return (gw.custom_bind_host,)
    return Deny(
        "gateway.config.unsupported_bind",
        f"gateway.bind {gw.bind!r} is not supported by this gateway; use loopback, lan or custom.",
    )


def _resolve_auth(root: RootConfig) -> ResolvedAuth | Deny:
    auth = root.gateway.auth
    token, password = _plain(auth.token), _plain(auth.password)
    mode = auth.mode
    if mode is None and token and password:
        return Deny(
            "gateway.config.ambiguous_auth",
            "gateway.auth has both token and password but no mode; "
            'set gateway.auth.mode to "token" or "password".',
        )
    if mode is None:
        mode = "password" if password and not token else "token"
    if mode == "password" and not password:
        return Deny(
            "gateway.config.missing_password",
            'gateway.auth.mode is "password" but gateway.auth.password is not set.',
        )
    secret = {"token": token, "password": password}.get(mode)
    return ResolvedAuth(mode, secret)


def _check_secrets(root: RootConfig, auth: ResolvedAuth) -> Deny | None:
    named = {
        "gateway.auth.token": _plain(root.gateway.auth.token),
        "gateway.auth.password": _plain(root.gateway.auth.password),
        "hooks.token": _plain(root.hooks.token),
    }
    for key, value in named.items():
        if value is not None and placeholder_secret(value):
            # A placeholder is known to everyone who read the same example.
            return Deny(
                "gateway.config.placeholder_secret",
                f"{key} is a placeholder, not a secret; run `clawkeep doctor "
                "--generate-gateway-token` or set it from the environment.",
            )
    if auth.mode == "token" and auth.secret is not None and len(auth.secret) < MIN_TOKEN_LENGTH:
        return Deny(
            "gateway.config.weak_token",
            f"gateway.auth.token is shorter than {MIN_TOKEN_LENGTH} characters; "
            "run `clawkeep doctor --generate-gateway-token`.",
        )
    hooks = named["hooks.token"]
    for key in ("gateway.auth.token", "gateway.auth.password"):
        value = named[key]
        if hooks and value and constant_time_equal(hooks, value):
            # One leaked webhook sender would otherwise hold the operator's full access.
            return Deny(
                "gateway.config.hooks_token_reuse",
                f"hooks.token is the same as {key}; give hooks their own token.",
            )
    return None


def _proxies(root: RootConfig) -> tuple[IpNetwork, ...] | Deny:
    out: list[IpNetwork] = []
    for entry in root.gateway.trusted_proxies:
        try:
            out.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            return Deny(
                "gateway.config.bad_trusted_proxy",
                f"gateway.trustedProxies has {entry!r}, which is not an IP address or CIDR.",
            )
    return tuple(out)


def _dangerous_sandbox(root: RootConfig, home: Path | None) -> Deny | None:
    """Every agent's effective sandbox (defaults merged in) against the dangerous list."""
    agents = root.agents
    found = []
    for entry in agents.list_ or (AgentConfig(id="main", default=True),):
        merged = merge_sandbox(agents.defaults.sandbox, entry.sandbox)
        found += dangerous_settings(
            merged, prefix=".".join(("agents", entry.id, "sandbox")), home=home
        )
    if not found:
        return None
    lines = "; ".join(f"{f.key} = {f.value!r} ({f.check_id}): {f.remediation}" for f in found)
    # The audit rates these critical: a container with them is the host, so never start.
    return Deny(
        "gateway.config.dangerous_sandbox",
        f"the sandbox config would undo the sandbox: {lines}. "
        "Fix it, then check with `clawkeep security audit`.",
    )


def preflight(
    root: RootConfig, *, port: int | None = None, home: Path | None = None
) -> Preflight | Deny:
    """Decide whether the gateway may start with ``root``, and how (``home``: the owner's
    home for the sandbox's dangerous-path list; the process's own when None)."""
    hosts = bind_hosts(root)
    if isinstance(hosts, Deny):
        return hosts
    auth = _resolve_auth(root)
    if isinstance(auth, Deny):
        return auth
    refused = _check_secrets(root, auth)
    if refused is not None:
        return refused
    loopback = all(is_loopback_host(h) for h in hosts)
    opted_in = root.gateway.dangerously_allow_unauthenticated_remote
    if auth.mode == "none" and not loopback and not opted_in:
        # Anyone on the network would drive the agent and its tools.
        return Deny(
            "gateway.config.unauthenticated_remote",
            'gateway.auth.mode is "none" on a non-loopback bind; set a token, bind '
            "loopback, or set gateway.dangerouslyAllowUnauthenticatedRemote: true.",
        )
    proxies = _proxies(root)
    if isinstance(proxies, Deny):
        return proxies
    dangerous = _dangerous_sandbox(root, home)
    if dangerous is not None:
        return dangerous
    gw = root.gateway
    rl = gw.auth.rate_limit
    limits = RateLimitSettings()
    if rl is not None:
        limits = RateLimitSettings(
            enabled=rl.enabled,
            max_attempts=rl.max_attempts,
            window_s=rl.window_ms / 1000,
            lockout_s=rl.lockout_ms / 1000,
            global_max_failures=rl.global_max_attempts,
        )
    settings = GatewaySettings(
        auth=auth,
        hosts=hosts,
        port=gw.port if port is None else port,
        rate_limit=limits,
        trusted_proxies=proxies,
        allow_real_ip_fallback=gw.allow_real_ip_fallback,
        allowed_origins=frozenset(o.rstrip("/").lower() for o in gw.control_ui.allowed_origins),
        log_level=gw.logging.level,
    )
    return Preflight(settings, generate_token=auth.mode == "token" and auth.secret is None)
