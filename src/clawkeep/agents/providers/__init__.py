"""Model providers: thin adapters on one HTTP client, plus the script replayer."""

from __future__ import annotations

from clawkeep.agents.providers.anthropic import AnthropicProvider
from clawkeep.agents.providers.factory import FallbackProvider, build_provider, split_model_ref
from clawkeep.agents.providers.ollama import OllamaProvider
from clawkeep.agents.providers.openai import OpenAIChatProvider
from clawkeep.agents.providers.script import ScriptProvider, load_script
from clawkeep.agents.providers.types import (
    AssistantTurn,
    Message,
    Provider,
    ProviderError,
    ToolCall,
    ToolSpec,
)

__all__ = [
    "AnthropicProvider",
    "AssistantTurn",
    "FallbackProvider",
    "Message",
    "OllamaProvider",
    "OpenAIChatProvider",
    "Provider",
    "ProviderError",
    "ScriptProvider",
    "ToolCall",
    "ToolSpec",
    "build_provider",
    "load_script",
    "split_model_ref",
]
