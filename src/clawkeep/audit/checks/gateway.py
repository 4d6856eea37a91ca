"""Gateway exposure and auth: bind, auth mode, secrets, proxies, control UI, hooks."""

from __future__ import annotations

from collections.abc import Iterator

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check
from clawkeep.gateway.tokens import placeholder_secret

__all__: list[str] = []

_MIN_TOKEN = 32


@check(
    CheckSpec("gateway.bind_no_auth", "critical", "Gateway listens beyond loopback without auth"),
    CheckSpec("gateway.loopback_no_auth", "warn", "Gateway on loopback has auth turned off"),
    CheckSpec("gateway.http.no_auth", "warn|critical", "Gateway auth mode is none"),
    CheckSpec(
        "gateway.unauthenticated_remote_allowed",
        "critical",
        "Unauthenticated remote access explicitly allowed",
    ),
)
def no_auth(ctx: AuditContext) -> Iterator[Finding]:
    gw = ctx.config.gateway
    if gw.auth.mode != "none":
        return
    yield Finding(
        "gateway.http.no_auth",
        ctx.rises(),  # type: ignore[arg-type]
        "Gateway auth mode is none",
        f'gateway.auth.mode is "none" with bind {gw.bind!r}: anyone who can reach port '
        f"{gw.port} controls the agents.",
        f'Set gateway.auth.mode to "token" ({ctx.words.new_token}).',
    )
    if ctx.remote:
        yield Finding(
            "gateway.bind_no_auth",
            "critical",
            "Gateway listens beyond loopback without auth",
            f"bind {gw.bind!r} exposes an unauthenticated gateway to the network.",
            'Set gateway.bind to "loopback", or gateway.auth.mode to "token".',
        )
    else:
        ui = gw.control_ui.enabled
        yield Finding(
            "gateway.loopback_no_auth",
            "critical" if ui else "warn",  # a reverse proxy in front of the UI exposes it all
            "Gateway on loopback has auth turned off",
            "any local process or user on this machine can drive the agents"
            + (", and a reverse proxy in front of the Control UI would expose it." if ui else "."),
            f'Set gateway.auth.mode to "token" ({ctx.words.new_token}).',
        )
    if gw.dangerously_allow_unauthenticated_remote:
        yield Finding(
            "gateway.unauthenticated_remote_allowed",
            "critical",
            "Unauthenticated remote access explicitly allowed",
            "gateway.dangerouslyAllowUnauthenticatedRemote is true.",
            "Remove gateway.dangerouslyAllowUnauthenticatedRemote.",
        )


@check(
    CheckSpec("gateway.token_too_short", "warn|critical", "Gateway token is short"),
    CheckSpec("gateway.token_placeholder_value", "critical", "Gateway token is a placeholder"),
    CheckSpec(
        "gateway.password_placeholder_value", "critical", "Gateway password is a placeholder"
    ),
    CheckSpec("gateway.password_too_short", "warn|critical", "Gateway password is short"),
    CheckSpec(
        "config.secrets.gateway_password_in_config",
        "warn",
        "Gateway password written in the config file",
    ),
    CheckSpec(
        "config.secrets.gateway_token_in_config",
        "info",
        "Gateway token written in the config file",
    ),
    CheckSpec("gateway.auth.ambiguous_mode", "warn", "Both token and password set, no mode"),
)
def secrets(ctx: AuditContext) -> Iterator[Finding]:
    auth = ctx.config.gateway.auth
    token = auth.token.get_secret_value() if auth.token else None
    password = auth.password.get_secret_value() if auth.password else None
    words = ctx.words
    placeholder = {
        key
        for key, v in (("token", token), ("password", password))
        # "undefined"/"null": what a JavaScript template writes for a missing value
        if v is not None and (placeholder_secret(v) or v.strip() in ("undefined", "null"))
    }
    if "token" in placeholder:
        yield Finding(
            "gateway.token_placeholder_value",
            "critical",
            "Gateway token is a placeholder",
            "gateway.auth.token is a placeholder or an unexpanded ${...} reference: anyone who "
            "read the same guide knows it.",
            f"Run {words.new_token}, or set gateway.auth.token to {words.env_ref('GATEWAY_TOKEN')} "
            f"and export {words.env}_GATEWAY_TOKEN.",
        )
    if "password" in placeholder:
        yield Finding(
            "gateway.password_placeholder_value",
            "critical",
            "Gateway password is a placeholder",
            "gateway.auth.password is a placeholder or an unexpanded ${...} reference.",
            f"Generate one (openssl rand -hex 32) and export {words.env}_GATEWAY_PASSWORD.",
        )
    if (
        token
        and "token" not in placeholder
        and auth.mode in (None, "token")
        and len(token) < _MIN_TOKEN
    ):
        yield Finding(
            "gateway.token_too_short",
            ctx.rises(),  # type: ignore[arg-type]
            "Gateway token is short",
            f"the gateway token has {len(token)} characters; {_MIN_TOKEN} or more resist guessing.",
            f"Run {words.new_token}.",
        )
    if (
        password
        and "password" not in placeholder
        and auth.mode == "password"
        and len(password) < _MIN_TOKEN
    ):
        yield Finding(
            "gateway.password_too_short",
            ctx.rises(),  # type: ignore[arg-type]
            "Gateway password is short",
            f"the gateway password has {len(password)} characters; {_MIN_TOKEN} or more resist "
            "guessing.",
            f"Generate one (openssl rand -hex 32) and export {words.env}_GATEWAY_PASSWORD.",
        )
    in_file = ctx.raw_at("gateway", "auth", "password")  # not one from the environment
    if password and in_file and not ctx.from_env("gateway", "auth", "password"):
        yield Finding(
            "config.secrets.gateway_password_in_config",
            "warn",
            "Gateway password written in the config file",
            "gateway.auth.password is a literal in the config, not a ${VAR} reference.",
            f'Set gateway.auth.password to "{words.env_ref("GATEWAY_PASSWORD")}" and export '
            f"{words.env}_GATEWAY_PASSWORD.",
        )
    if (
        token
        and ctx.raw_at("gateway", "auth", "token")
        and not ctx.from_env("gateway", "auth", "token")
    ):
        yield Finding(
            "config.secrets.gateway_token_in_config",
            "info",
            "Gateway token written in the config file",
            "the token is stored in the config (0600); a ${VAR} reference keeps it out of backups.",
            f'Set gateway.auth.token to "{words.env_ref("GATEWAY_TOKEN")}" and export '
            f"{words.env}_GATEWAY_TOKEN.",
        )
    if token and password and auth.mode is None:
        yield Finding(
            "gateway.auth.ambiguous_mode",
            "warn",
            "Both token and password set, no mode",
            "gateway.auth has a token and a password but no mode; the gateway refuses to start.",
            'Set gateway.auth.mode to "token" or "password".',
        )


@check(
    CheckSpec("gateway.auth_no_rate_limit", "warn|critical", "Failed-auth rate limiting is off"),
    CheckSpec("gateway.trusted_proxies_missing", "warn", "No trusted proxies on an exposed bind"),
    CheckSpec("gateway.real_ip_fallback_enabled", "warn", "X-Real-IP is trusted"),
)
def proxies_and_limits(ctx: AuditContext) -> Iterator[Finding]:
    gw = ctx.config.gateway
    limit = gw.auth.rate_limit
    missing_in_openclaw = limit is None and ctx.loaded.flavor == "openclaw" and ctx.remote
    if (limit is not None and not limit.enabled) or missing_in_openclaw:
        yield Finding(
            "gateway.auth_no_rate_limit",
            ctx.rises(),  # type: ignore[arg-type]
            "Failed-auth rate limiting is off",
            "nothing slows down a client guessing the gateway token.",
            "Remove gateway.auth.rateLimit.enabled: false (defaults: 10 tries / 60 s, 300 s lock).",
        )
    if not gw.trusted_proxies and (ctx.remote or (ctx.openclaw and gw.control_ui.enabled)):
        yield Finding(
            "gateway.trusted_proxies_missing",
            "warn",
            "No trusted proxies",
            "client IPs are the TCP peers; if a reverse proxy fronts the gateway (or the Control "
            "UI), every client shares its IP and local-client checks see the proxy. Without a "
            "proxy this is safe to ignore.",
            "Only if a reverse proxy fronts the gateway: list it in gateway.trustedProxies. Do not "
            "add it preemptively: any local process could then forge X-Forwarded-For.",
        )
    if gw.allow_real_ip_fallback:
        proxied = ctx.raw_at("gateway", "auth", "mode") == "trusted-proxy" and any(
            p.strip() not in ("127.0.0.1", "::1", "127.0.0.1/32", "::1/128")
            for p in gw.trusted_proxies
        )
        yield Finding(
            "gateway.real_ip_fallback_enabled",
            "critical" if ctx.remote or proxied else "warn",
            "X-Real-IP is trusted",
            "a client behind a trusted proxy can pick its own IP with X-Real-IP.",
            "Set gateway.allowRealIpFallback to false.",
        )


@check(
    CheckSpec(
        "gateway.control_ui.allowed_origins_required",
        "critical",
        "Control UI exposed without an origin allowlist",
    ),
    CheckSpec(
        "gateway.control_ui.insecure_auth", "warn|critical", "Control UI allows insecure auth"
    ),
    CheckSpec(
        "gateway.control_ui.device_auth_disabled", "critical", "Control UI device auth disabled"
    ),
    CheckSpec(
        "gateway.control_ui.allowed_origins_wildcard",
        "warn|critical",
        'Control UI allows origin "*"',
    ),
    CheckSpec(
        "gateway.control_ui.host_header_origin_fallback",
        "warn|critical",
        "Control UI trusts the Host header as its origin",
    ),
)
def control_ui(ctx: AuditContext) -> Iterator[Finding]:
    ui = ctx.config.gateway.control_ui
    fallback = (
        ctx.raw_at("gateway", "controlUi", "dangerouslyAllowHostHeaderOriginFallback") is True
    )
    if fallback:
        yield Finding(
            "gateway.control_ui.host_header_origin_fallback",
            ctx.rises(),  # type: ignore[arg-type]
            "Control UI trusts the Host header as its origin",
            "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback is true: a DNS-rebinding "
            "page can pass the origin check by naming the gateway's host.",
            "Remove gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback and list the UI's "
            "origin in gateway.controlUi.allowedOrigins.",
        )
    if "*" in ui.allowed_origins:
        yield Finding(
            "gateway.control_ui.allowed_origins_wildcard",
            ctx.rises(),  # type: ignore[arg-type]
            'Control UI allows origin "*"',
            'gateway.controlUi.allowedOrigins contains "*": any web page may open the gateway\'s '
            "WebSocket.",
            'Replace "*" with the exact UI origin, e.g. ["https://gw.example"].',
        )
    if not ui.enabled:
        return
    if ctx.remote and not ui.allowed_origins and not fallback:
        yield Finding(
            "gateway.control_ui.allowed_origins_required",
            "critical",
            "Control UI exposed without an origin allowlist",
            "any web page a user visits could open the gateway's WebSocket.",
            'Set gateway.controlUi.allowedOrigins to the exact UI origin, e.g. ["https://gw.example"].',
        )
    if ui.allow_insecure_auth:
        yield Finding(
            "gateway.control_ui.insecure_auth",
            ctx.rises(),  # type: ignore[arg-type]
            "Control UI allows insecure auth",
            "gateway.controlUi.allowInsecureAuth is true.",
            "Set gateway.controlUi.allowInsecureAuth to false.",
        )
    if ui.dangerously_disable_device_auth:
        yield Finding(
            "gateway.control_ui.device_auth_disabled",
            "critical",
            "Control UI device auth disabled",
            "gateway.controlUi.dangerouslyDisableDeviceAuth is true.",
            "Remove gateway.controlUi.dangerouslyDisableDeviceAuth.",
        )


@check(
    CheckSpec(
        "hooks.token_reuse_gateway_token", "critical", "Hooks token equals the gateway token"
    ),
    CheckSpec("hooks.token_too_short", "warn", "Hooks token is short"),
    CheckSpec("hooks.token_missing", "critical", "Hooks enabled without a token"),
)
def hooks(ctx: AuditContext) -> Iterator[Finding]:
    hooks_cfg = ctx.config.hooks
    hook_token = hooks_cfg.token.get_secret_value() if hooks_cfg.token else None
    gw_token = ctx.config.gateway.auth.token
    if hook_token and gw_token and hook_token == gw_token.get_secret_value():
        yield Finding(
            "hooks.token_reuse_gateway_token",
            "critical",
            "Hooks token equals the gateway token",
            "a webhook sender holding the hooks token would control the whole gateway.",
            "Give hooks.token its own value (openssl rand -hex 24 prints one).",
        )
    if hook_token and len(hook_token) < _MIN_TOKEN:
        yield Finding(
            "hooks.token_too_short",
            "warn",
            "Hooks token is short",
            f"hooks.token has {len(hook_token)} characters; use {_MIN_TOKEN} or more.",
            "Set hooks.token to 48 random hex characters.",
        )
    if hooks_cfg.enabled and not hook_token:
        yield Finding(
            "hooks.token_missing",
            "critical",
            "Hooks enabled without a token",
            "hooks.enabled is true but hooks.token is not set.",
            "Set hooks.token, or hooks.enabled to false.",
        )
