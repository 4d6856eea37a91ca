"""The Control UI's origins and the client API's exposure, on OpenClaw's ids.

- `gateway.control_ui.allowed_origins_wildcard`: "*" in allowedOrigins. clawkeep never
  treats it as a wildcard (the UI and the WebSocket refuse every origin it would have
  let in), but the config says the operator meant to open the gateway to any page.
- `gateway.control_ui.host_header_origin_fallback`: the UI's origin read from the Host
  header beyond loopback, where a rebound DNS name can pass for the gateway.
- `gateway.http.endpoints_beyond_loopback`: the OpenAI-compatible client API listening
  beyond loopback: the gateway token travels in every request and any client that has
  it drives every agent.
"""

from __future__ import annotations

from collections.abc import Iterator

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []


@check(
    CheckSpec(
        "gateway.control_ui.allowed_origins_wildcard",
        "warn|critical",
        "Control UI allowedOrigins contains a wildcard",
    ),
    CheckSpec(
        "gateway.control_ui.host_header_origin_fallback",
        "warn|critical",
        "Control UI takes its origin from the Host header",
    ),
)
def control_ui_origins(ctx: AuditContext) -> Iterator[Finding]:
    ui = ctx.config.gateway.control_ui
    if any(o.strip() == "*" for o in ui.allowed_origins):
        yield Finding(
            "gateway.control_ui.allowed_origins_wildcard",
            ctx.rises(),  # type: ignore[arg-type]
            "Control UI allowedOrigins contains a wildcard",
            'gateway.controlUi.allowedOrigins lists "*": clawkeep does not honour it as a '
            "wildcard, but the intent is to let any web page drive the gateway.",
            'Replace "*" in gateway.controlUi.allowedOrigins with the exact origins, '
            'e.g. ["https://gw.example"].',
        )
    if ui.enabled and ui.dangerously_allow_host_header_origin_fallback:
        yield Finding(
            "gateway.control_ui.host_header_origin_fallback",
            ctx.rises(),  # type: ignore[arg-type]
            "Control UI takes its origin from the Host header",
            "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback is true: beyond "
            "loopback a DNS-rebinding page can pass for the Control UI's own origin.",
            "Remove gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback and list the "
            "UI's origins in gateway.controlUi.allowedOrigins.",
        )


@check(
    CheckSpec(
        "gateway.http.endpoints_beyond_loopback",
        "warn",
        "The client API is enabled beyond loopback",
    ),
)
def client_api_exposure(ctx: AuditContext) -> Iterator[Finding]:
    endpoints = ctx.config.gateway.http.endpoints
    if endpoints.chat_completions.enabled and ctx.remote:
        yield Finding(
            "gateway.http.endpoints_beyond_loopback",
            "warn",
            "The client API is enabled beyond loopback",
            "gateway.http.endpoints.chatCompletions is on and the gateway listens beyond "
            "loopback: the gateway token is sent with every request, so it must only ever "
            "travel over TLS, and anyone holding it drives every agent.",
            "Set gateway.http.endpoints.chatCompletions.enabled to false, or keep bind "
            '"loopback" and reach it through an SSH tunnel or a TLS reverse proxy.',
        )
