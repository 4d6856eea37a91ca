"""The starter config `clawkeep init` writes: the seed's baseline, a model, some channels.

Everything here is a value: ``StarterChoices`` in, the config text (JSON5 with a comment
on each security setting) and the ``.env`` lines out. Every secret is a ``${VAR}``
reference; the generated gateway token goes to the ``.env`` file, never into the config.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CHANNELS",
    "DEFAULT_MODELS",
    "PROVIDERS",
    "STARTER_TOOLS",
    "StarterChoices",
    "env_lines",
    "render_config",
]

ProviderKind = Literal["openai", "anthropic", "ollama", "openai-compatible"]
PROVIDERS: tuple[ProviderKind, ...] = ("openai", "anthropic", "ollama", "openai-compatible")
CHANNELS = ("telegram", "whatsapp", "signal", "webhook")

DEFAULT_MODELS: dict[str, str] = {
    "openai": "gpt-5",
    "anthropic": "claude-sonnet-4-5",
    "ollama": "llama3.2",
    "openai-compatible": "default",
}
PROVIDER_KEY_VARS: dict[str, str] = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "openai-compatible": "CLAWKEEP_PROVIDER_API_KEY",
}
CHANNEL_VARS: dict[str, tuple[str, ...]] = {
    "telegram": ("TELEGRAM_BOT_TOKEN",),
    "whatsapp": (
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_VERIFY_TOKEN",
        "WHATSAPP_ACCESS_TOKEN",
        "WHATSAPP_PHONE_NUMBER_ID",
    ),
    "signal": ("SIGNAL_ACCOUNT",),
    "webhook": ("CLAWKEEP_WEBHOOK_SECRET",),
}
TOKEN_VAR = "CLAWKEEP_GATEWAY_TOKEN"  # noqa: S105 - a variable name
# Read and write in the workspace, search the web, see its own sessions; no exec, no
# messaging other people, no gateway control (add them deliberately).
STARTER_TOOLS = (
    "read",
    "write",
    "edit",
    "web_search",
    "web_fetch",
    "session_status",
    "sessions_list",
    "sessions_history",
)
# Where strangers can reach the agent (a chat channel with pairing), nothing that can carry
# data out: web_fetch would complete a read -> send-out chain (the audit's exfiltration path).
CHANNEL_STARTER_TOOLS = tuple(t for t in STARTER_TOOLS if t != "web_fetch")


@dataclass(frozen=True, slots=True)
class StarterChoices:
    """What the person chose (or the flags said)."""

    provider: ProviderKind = "openai"
    model: str = ""
    base_url: str | None = None  # openai-compatible and ollama only
    channels: tuple[str, ...] = ()
    owner_ids: dict[str, str] = field(default_factory=dict)  # channel -> the owner's id

    def model_ref(self) -> str:
        provider = "custom" if self.provider == "openai-compatible" else self.provider
        return f"{provider}/{self.model or DEFAULT_MODELS[self.provider]}"


def _channel_block(name: str, c: StarterChoices) -> dict[str, object]:
    owner = c.owner_ids.get(name)
    block: dict[str, object] = {
        "dmPolicy": "pairing",
        "allowFrom": [owner] if owner else [],
        # No group until the owner lists one (with requireMention: true) in `groups`.
        "groupPolicy": "allowlist",
    }
    if name == "telegram":
        block = {"botToken": "${TELEGRAM_BOT_TOKEN}", **block}
    elif name == "whatsapp":
        block = {
            "appSecret": "${WHATSAPP_APP_SECRET}",
            "verifyToken": "${WHATSAPP_VERIFY_TOKEN}",
            "accessToken": "${WHATSAPP_ACCESS_TOKEN}",
            "phoneNumberId": "${WHATSAPP_PHONE_NUMBER_ID}",
            **block,
        }
    elif name == "signal":
        block = {"account": "${SIGNAL_ACCOUNT}", "httpUrl": "http://127.0.0.1:8080", **block}
    elif name == "webhook":
        block = {"secret": "${CLAWKEEP_WEBHOOK_SECRET}", "dmPolicy": "allowlist", "allowFrom": []}
    return block


def _j(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_config(c: StarterChoices) -> str:
    """The config file's text: JSON5, commented, secrets as ${VAR}."""
    models = ""
    if c.provider == "openai-compatible":
        provider = {
            "api": "openai-completions",
            "baseUrl": c.base_url or "http://127.0.0.1:8000/v1",
            "apiKey": "${CLAWKEEP_PROVIDER_API_KEY}",
        }
        models = f"""
  // The OpenAI-compatible endpoint the agents talk to.
  models: {{ providers: {{ custom: {_j(provider)} }} }},
"""
    elif c.provider == "ollama" and c.base_url:
        provider = {"api": "ollama", "baseUrl": c.base_url}
        models = f"""
  // Ollama (no key; also read from OLLAMA_HOST when this block is absent).
  models: {{ providers: {{ ollama: {_j(provider)} }} }},
"""
    channels = ",\n".join(
        f"    // {name}: strangers get a pairing code; groups only once listed in `groups`.\n"
        f"    {name}: {_j(_channel_block(name, c))}"
        for name in c.channels
    )
    channel_section = f"\n  channels: {{\n{channels}\n  }},\n" if c.channels else ""
    return f"""// clawkeep config, written by `clawkeep init`. JSON5: comments, trailing commas.
// Secrets are ${{VAR}} references, read from the environment or from .env beside it.
// Check it any time with: clawkeep security audit
{{
  gateway: {{
    bind: "loopback", // never "lan" without a firewall in front
    auth: {{ mode: "token", token: "${{{TOKEN_VAR}}}" }},
  }},

  agents: {{
    defaults: {{ model: {_j(c.model_ref())} }},
  }},
{models}
  // Chat commands that change the install are off for everyone in chat.
  commands: {{
    native: "auto", nativeSkills: "auto",
    bash: false, config: false, debug: false, restart: false,
  }},

  tools: {{
    // Exactly the tools the agent may use; anything else (plugins included) is refused.
    allow: {_j(list(CHANNEL_STARTER_TOOLS if c.channels else STARTER_TOOLS))},
    // The agent never leaves its sandbox to run on the host.
    elevated: {{ enabled: false }},
  }},

  // Each sender gets their own session: nobody reads another's conversation.
  session: {{ dmScope: "per-channel-peer" }},

  // Announce nothing beyond the service on the LAN ("off" on a cloud machine).
  discovery: {{ mdns: {{ mode: "minimal" }} }},

  // Secrets and tool output are redacted in every log line.
  logging: {{ redactSensitive: "tools" }},

  // Only listed plugins may ever start.
  plugins: {{ allow: [] }},
{channel_section}}}
"""


def env_lines(c: StarterChoices, token: str) -> tuple[list[str], list[str]]:
    """(lines for the .env file, names the person still has to fill in)."""
    todo: list[str] = []
    var = PROVIDER_KEY_VARS.get(c.provider)
    if var:
        todo.append(var)
    for name in c.channels:
        todo.extend(CHANNEL_VARS[name])
    lines = [
        "# clawkeep secrets (0600). Read by `clawkeep gateway run` and the service.",
        f"{TOKEN_VAR}={token}",
        *(f"# {name}=" for name in todo),
    ]
    return lines, todo
