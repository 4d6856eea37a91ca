"""How the audit reads an OpenClaw install: OpenClaw's defaults where its config is silent,
the raw keys clawkeep's schema does not model, and OpenClaw's own words in remediations.

clawkeep's defaults are the safe ones (sandbox on, elevated off, a generated token); an
OpenClaw gateway with the same file runs with OpenClaw's (sandbox off, elevated on, no auth
without a secret). Auditing OpenClaw's config with clawkeep's defaults would call an exposed
install safe, so for the openclaw flavor every unset key with a security meaning takes
OpenClaw's default before any check runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, SecretStr

from clawkeep.config.schema import RootConfig

__all__ = ["Words", "get", "openclaw_effective", "words_for"]


def get(tree: Any, *path: str) -> Any:
    """The raw value at ``path`` in a parsed config tree, or None where any step is missing."""
    node = tree
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _set(model: BaseModel, path: tuple[str, ...], value: Any) -> Any:
    """A copy of ``model`` with the field at ``path`` (python names) replaced."""
    head, rest = path[0], path[1:]
    if not rest:
        return model.model_copy(update={head: value})
    inner = getattr(model, head)
    return model.model_copy(update={head: _set(inner, rest, value)})


def openclaw_effective(config: RootConfig, raw: Mapping[str, Any], env: Mapping[str, str]) -> Any:
    """``config`` with OpenClaw's defaults for every security key the raw file leaves unset."""
    from clawkeep.config.schema.sandbox import SandboxConfig

    out: RootConfig = config
    if get(raw, "tools", "elevated", "enabled") is None:
        out = _set(out, ("tools", "elevated", "enabled"), True)  # OpenClaw: on unless false
    if get(raw, "agents", "defaults", "sandbox", "mode") is None:
        sandbox = out.agents.defaults.sandbox or SandboxConfig()
        sandbox = sandbox.model_copy(update={"mode": "off"})  # OpenClaw: no sandbox by default
        out = _set(out, ("agents", "defaults", "sandbox"), sandbox)
    if get(raw, "tools", "agentToAgent", "enabled") is None:
        out = _set(out, ("tools", "agent_to_agent", "enabled"), True)  # OpenClaw: on unless false
    if not out.tools.agent_to_agent.allow:
        out = _set(
            out, ("tools", "agent_to_agent", "allow"), ("*",)
        )  # OpenClaw: empty = every agent
    if get(raw, "browser", "enabled") is None:
        out = _set(out, ("browser", "enabled"), True)  # the browser plugin loads by default
    out = _legacy_dm(out, raw)
    auth = out.gateway.auth
    token = auth.token
    if token is None and env.get("OPENCLAW_GATEWAY_TOKEN", "").strip():
        token = SecretStr(env["OPENCLAW_GATEWAY_TOKEN"])
        out = _set(out, ("gateway", "auth", "token"), token)
    password = auth.password
    if password is None and env.get("OPENCLAW_GATEWAY_PASSWORD", "").strip():
        password = SecretStr(env["OPENCLAW_GATEWAY_PASSWORD"])
        out = _set(out, ("gateway", "auth", "password"), password)
    raw_mode = get(raw, "gateway", "auth", "mode")
    if raw_mode is None:
        # OpenClaw picks the mode from the secret it finds; with none, the gateway has no auth.
        mode = "token" if token else "password" if password else "none"
        out = _set(out, ("gateway", "auth", "mode"), mode)
    elif raw_mode == "trusted-proxy":
        # Authentication is the proxy's; the gateway itself checks no shared secret.
        out = _set(out, ("gateway", "auth", "mode"), None)
    return out


def _legacy_dm(config: RootConfig, raw: Mapping[str, Any]) -> RootConfig:
    """OpenClaw still honours `channels.<ch>.dm.policy` / `dm.allowFrom` (the old spelling)."""
    channels = dict(config.channels)
    changed = False
    for name, channel in config.channels.items():
        dm = get(raw, "channels", name, "dm")
        if not isinstance(dm, Mapping) or get(raw, "channels", name, "dmPolicy") is not None:
            continue
        update: dict[str, Any] = {}
        if dm.get("policy") in ("open", "pairing", "allowlist", "disabled"):
            update["dm_policy"] = dm["policy"]
        senders = dm.get("allowFrom")
        if isinstance(senders, list) and not channel.allow_from:
            update["allow_from"] = tuple(str(s) for s in senders)
        if update:
            channels[name] = channel.model_copy(update=update)
            changed = True
    return config.model_copy(update={"channels": channels}) if changed else config


class Words:
    """Product names a remediation uses: commands, env vars (clawkeep's or OpenClaw's)."""

    def __init__(self, flavor: str) -> None:
        self.openclaw = flavor == "openclaw"
        self.cli = "openclaw" if self.openclaw else "clawkeep"
        self.env = "OPENCLAW" if self.openclaw else "CLAWKEEP"

    @property
    def new_token(self) -> str:
        if self.openclaw:
            return "openclaw doctor --fix --generate-gateway-token"
        return "clawkeep doctor --generate-gateway-token"

    @property
    def audit_fix(self) -> str:
        return f"{self.cli} security audit --fix"

    def env_ref(self, what: str) -> str:
        return "${" + f"{self.env}_{what}" + "}"


def words_for(flavor: str) -> Words:
    return Words(flavor)
