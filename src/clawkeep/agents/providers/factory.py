"""Turn an agent's model reference ("provider/model", or {primary, fallbacks}) into a
provider: the configured `models.providers.<id>` merged over the built-in endpoints.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import httpx2

from clawkeep.agents.providers._http import HttpEngine
from clawkeep.agents.providers.anthropic import AnthropicProvider
from clawkeep.agents.providers.keys import ENV_KEYS, resolve_api_key
from clawkeep.agents.providers.ollama import OllamaProvider
from clawkeep.agents.providers.openai import OpenAIChatProvider
from clawkeep.agents.providers.script import ScriptProvider, load_script
from clawkeep.agents.providers.types import (
    AssistantTurn,
    Message,
    Provider,
    ProviderError,
    ToolSpec,
)
from clawkeep.config.schema.agents import AgentModelConfig
from clawkeep.config.schema.models import ModelsConfig, ProviderConfig

__all__ = [
    "BUILTIN_PROVIDERS",
    "FallbackProvider",
    "build_provider",
    "close_provider",
    "provider_config",
    "split_model_ref",
]

BUILTIN_PROVIDERS: dict[str, ProviderConfig] = {
    "openai": ProviderConfig(api="openai-completions", base_url="https://api.openai.com/v1"),
    "openrouter": ProviderConfig(api="openai-completions", base_url="https://openrouter.ai/api/v1"),
    "anthropic": ProviderConfig(api="anthropic-messages", base_url="https://api.anthropic.com"),
    "ollama": ProviderConfig(api="ollama", base_url="http://127.0.0.1:11434"),
}


def split_model_ref(ref: str) -> tuple[str, str]:
    """("provider", "model") from "provider/model" (the model part may hold more slashes)."""
    provider, sep, model = ref.strip().partition("/")
    if not sep or not provider or not model:
        raise ProviderError(
            "provider.bad_model_ref", f"model {ref!r} is not written as provider/model"
        )
    return provider, model


def provider_config(
    provider_id: str, models: ModelsConfig, env: Mapping[str, str] | None = None
) -> ProviderConfig:
    """The effective config of ``provider_id``: the config's own, else the built-in one
    (Ollama's address from ``OLLAMA_HOST`` when set, as Ollama's own tools read it)."""
    own = models.providers.get(provider_id)
    if own is not None:
        return own
    builtin = BUILTIN_PROVIDERS.get(provider_id) if models.mode == "merge" else None
    if builtin is None:
        raise ProviderError(
            "provider.unknown", f"no provider {provider_id!r}: add models.providers.{provider_id}"
        )
    host = (os.environ if env is None else env).get("OLLAMA_HOST", "").strip()
    if provider_id == "ollama" and host:
        url = host if "://" in host else f"http://{host}"
        return builtin.model_copy(update={"base_url": url.rstrip("/")})
    return builtin


def _one(
    ref: str,
    models: ModelsConfig,
    auth_profiles: Path | None,
    transport: httpx2.AsyncBaseTransport | None,
) -> Provider:
    provider_id, model = split_model_ref(ref)
    cfg = provider_config(provider_id, models)
    if cfg.api == "script":
        if not cfg.script:
            raise ProviderError("provider.bad_script", f"models.providers.{provider_id}.script")
        return ScriptProvider(load_script(Path(cfg.script).expanduser()))
    if not cfg.base_url:
        raise ProviderError("provider.no_base_url", f"set models.providers.{provider_id}.baseUrl")
    key = resolve_api_key(provider_id, cfg, auth_profiles)
    if key is None and provider_id in ENV_KEYS and provider_id not in models.providers:
        # A cloud provider without a key would only answer 401: say what to set instead.
        var = ENV_KEYS[provider_id]
        raise ProviderError(
            "provider.no_key",
            f"no API key for {provider_id}: set {var} in the gateway's environment, "
            f"or models.providers.{provider_id}.apiKey to ${{{var}}}",
        )
    engine = HttpEngine(cfg.timeout_seconds, cfg.max_retries, transport=transport)
    if cfg.api == "anthropic-messages":
        return AnthropicProvider(engine, cfg.base_url, model, key, headers=cfg.headers)
    if cfg.api == "ollama":
        return OllamaProvider(engine, cfg.base_url, model, key, headers=cfg.headers)
    return OpenAIChatProvider(engine, cfg.base_url, model, key, headers=cfg.headers)


class FallbackProvider:
    """Tries the primary, then each fallback, when a provider fails."""

    def __init__(self, providers: Sequence[Provider]) -> None:
        self._providers = tuple(providers)

    async def aclose(self) -> None:
        for provider in self._providers:
            await close_provider(provider)

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn:
        last: ProviderError | None = None
        for provider in self._providers:
            try:
                return await provider.complete(system, messages, tools)
            except ProviderError as exc:
                last = exc
        assert last is not None
        raise last


async def close_provider(provider: Provider) -> None:
    """Close a provider's connections, if it holds any."""
    closer = getattr(provider, "aclose", None)
    if closer is not None:
        await closer()


def build_provider(
    model: str | AgentModelConfig | None,
    models: ModelsConfig,
    *,
    auth_profiles: Path | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
) -> Provider:
    """The provider for an agent's `model` setting; ProviderError when it cannot be built."""
    if model is None:
        raise ProviderError("provider.no_model", "set agents.defaults.model (provider/model)")
    if isinstance(model, str):
        return _one(model, models, auth_profiles, transport)
    refs = (model.primary, *model.fallbacks)
    built = [_one(r, models, auth_profiles, transport) for r in refs]
    return built[0] if len(built) == 1 else FallbackProvider(built)
