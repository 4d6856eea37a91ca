"""The gateway stage: one loopback HTTP + WebSocket server in front of every other stage.

Where things are decided:
- `preflight`   whether the gateway may start with a config, and with which auth
- `tokens`      token generation, constant-time comparison, placeholder secrets
- `auth`, `ratelimit`, `clientip`   who is calling, with what, and how often it failed
- `middleware`  security headers, Host/Origin checks, HTTP auth, the access log
- `ws`, `core`, `protocol`          the WebSocket protocol (docs/protocol.md)
- `app`         `create_app(settings, services, routes=..., public_routes=..., background=...)`
- `server`, `runner`   `clawkeep gateway run`, serving what ``clawkeep.compose`` built

Transport only: the composition root is ``clawkeep.compose``, the control plane behind the
agent's `gateway` tool is ``clawkeep.compose.control``, the `clawkeep chat` client is
``clawkeep.cli.chat_client`` and the `--deep` probe is ``clawkeep.audit.probe``.

This package imports nothing heavy itself: `clawkeep doctor` and the audit import
`clawkeep.gateway.tokens` without paying for the server.
"""

from clawkeep.gateway.tokens import constant_time_equal, generate_token, placeholder_secret

__all__ = ["constant_time_equal", "generate_token", "placeholder_secret"]
