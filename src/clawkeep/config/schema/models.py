"""Config keys of `models`: the model providers an agent's `model` reference can name.

`models.providers.<id>` says which wire protocol a provider speaks (`api`), where it is
(`baseUrl`), its key (`apiKey`, normally `${ENV}`; else the agent's auth-profiles.json),
and how long and how often to try. `api: "script"` replays a JSON script of assistant
turns (dry runs, and the attacker-obedient model of the tests).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from clawkeep.config.schema._base import Model

__all__ = ["ModelDefinition", "ModelsConfig", "ProviderApi", "ProviderConfig"]

ProviderApi = Literal["openai-completions", "anthropic-messages", "ollama", "script"]


class ModelDefinition(Model):
    """One model a provider serves (OpenClaw's `models.providers.<id>.models[]`)."""

    id: str = Field(min_length=1)
    name: str | None = None
    context_window: int | None = Field(default=None, ge=1)
    max_tokens: int | None = Field(default=None, ge=1)


class ProviderConfig(Model):
    """`models.providers.<id>`: one endpoint and how to talk to it."""

    api: ProviderApi = "openai-completions"
    base_url: str | None = None
    api_key: SecretStr | None = None
    script: str | None = None  # path of the JSON script (api: "script")
    timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    max_retries: int = Field(default=2, ge=0, le=5)
    headers: dict[str, str] = {}
    models: tuple[ModelDefinition, ...] = ()


class ModelsConfig(Model):
    """`models`: provider definitions (merged with the built-in ones by id)."""

    mode: Literal["merge", "replace"] = "merge"
    providers: dict[str, ProviderConfig] = {}
