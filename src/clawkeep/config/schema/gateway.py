"""Config keys of `gateway` and `hooks`: where the gateway listens and who may use it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from clawkeep.config.schema._base import Model

__all__ = [
    "AuthConfig",
    "ChatCompletionsConfig",
    "ControlUiConfig",
    "GatewayConfig",
    "GatewayHttpConfig",
    "GatewayLoggingConfig",
    "HooksConfig",
    "NodesConfig",
    "RateLimitConfig",
]

Bind = Literal["loopback", "lan", "tailnet", "auto", "custom"]
LogLevel = Literal["silent", "fatal", "error", "warn", "info", "debug", "trace"]


class RateLimitConfig(Model):
    """Failed-auth limiting per client IP: `maxAttempts` in `windowMs`, then `lockoutMs`."""

    enabled: bool = True
    max_attempts: int = Field(default=10, ge=1, le=1000)
    window_ms: int = Field(default=60_000, ge=1000)
    lockout_ms: int = Field(default=300_000, ge=1000)
    # Wrong credentials compared per window from all clients together (address rotation).
    global_max_attempts: int = Field(default=100, ge=1, le=100_000)


class AuthConfig(Model):
    """Gateway auth. No mode: token auth with a generated token (never none by accident)."""

    mode: Literal["none", "token", "password"] | None = None
    token: SecretStr | None = None
    password: SecretStr | None = None
    rate_limit: RateLimitConfig | None = None


class ControlUiConfig(Model):
    """The browser control UI and the origins allowed to open its WebSocket."""

    enabled: bool = True
    allowed_origins: tuple[str, ...] = ()
    base_path: str | None = None
    allow_insecure_auth: bool = False
    dangerously_disable_device_auth: bool = False
    dangerously_allow_host_header_origin_fallback: bool = False
    """Beyond loopback, accept the UI's own Host as its origin without allowedOrigins."""


class ChatCompletionsConfig(Model):
    """`gateway.http.endpoints.chatCompletions`: the OpenAI-compatible client API (off)."""

    enabled: bool = False


class HttpEndpointsConfig(Model):
    """`gateway.http.endpoints`: optional HTTP APIs, each off until switched on."""

    chat_completions: ChatCompletionsConfig = ChatCompletionsConfig()


class GatewayHttpConfig(Model):
    """`gateway.http`: the gateway's optional HTTP endpoints."""

    endpoints: HttpEndpointsConfig = HttpEndpointsConfig()


class GatewayLoggingConfig(Model):
    """The access log's level (JSON lines in the state dir's logs/)."""

    level: LogLevel = "info"


class BrowserNodeConfig(Model):
    """`gateway.nodes.browser`: browser control through paired nodes."""

    mode: str = "off"


class NodesConfig(Model):
    """`gateway.nodes`: paired remote nodes."""

    browser: BrowserNodeConfig = BrowserNodeConfig()


class GatewayConfig(Model):
    """`gateway`: bind, port, auth, proxies and the control UI."""

    mode: Literal["local", "remote"] | None = None
    port: int = Field(default=18789, ge=1, le=65535)
    bind: Bind = "loopback"
    custom_bind_host: str | None = None
    auth: AuthConfig = AuthConfig()
    trusted_proxies: tuple[str, ...] = ()
    allow_real_ip_fallback: bool = False
    control_ui: ControlUiConfig = ControlUiConfig()
    http: GatewayHttpConfig = GatewayHttpConfig()
    logging: GatewayLoggingConfig = GatewayLoggingConfig()
    nodes: NodesConfig = NodesConfig()
    dangerously_allow_unauthenticated_remote: bool = False


class HooksConfig(Model):
    """`hooks`: the inbound webhook endpoint; its token must differ from the gateway's."""

    enabled: bool = False
    token: SecretStr | None = None
    path: str = "/hooks"
