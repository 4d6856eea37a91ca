"""The whole config: one frozen model, every key typed, unknown keys refused."""

from __future__ import annotations

from pydantic import Field

from clawkeep.config.schema._base import Model
from clawkeep.config.schema.agents import AgentsConfig
from clawkeep.config.schema.channels import ChannelConfig
from clawkeep.config.schema.features import (
    BrowserConfig,
    CommandsConfig,
    DiscoveryConfig,
    LoggingConfig,
    PluginsConfig,
    SkillsConfig,
)
from clawkeep.config.schema.gateway import GatewayConfig, HooksConfig
from clawkeep.config.schema.guard_command import CommandGuardConfig
from clawkeep.config.schema.guard_file import FileGuardConfig
from clawkeep.config.schema.guard_network import NetworkGuardConfig
from clawkeep.config.schema.guard_text import ChannelGuardConfig, ContentGuardConfig
from clawkeep.config.schema.models import ModelsConfig
from clawkeep.config.schema.session import SessionConfig
from clawkeep.config.schema.tools import ToolsConfig

__all__ = ["GuardsConfig", "RootConfig"]


class GuardsConfig(Model):
    """`guards`: the deterministic guards and the prompt-injection guards."""

    file: FileGuardConfig = FileGuardConfig()
    network: NetworkGuardConfig = NetworkGuardConfig()
    command: CommandGuardConfig = CommandGuardConfig()
    channel: ChannelGuardConfig = ChannelGuardConfig()
    content: ContentGuardConfig = ContentGuardConfig()


class RootConfig(Model):
    """The root of `clawkeep.json` (and of an OpenClaw `openclaw.json`, key for key)."""

    schema_: str | None = Field(default=None, alias="$schema")
    session: SessionConfig = SessionConfig()
    channels: dict[str, ChannelConfig] = {}
    agents: AgentsConfig = AgentsConfig()
    models: ModelsConfig = ModelsConfig()
    tools: ToolsConfig = ToolsConfig()
    commands: CommandsConfig = CommandsConfig()
    skills: SkillsConfig = SkillsConfig()
    plugins: PluginsConfig = PluginsConfig()
    discovery: DiscoveryConfig = DiscoveryConfig()
    logging: LoggingConfig = LoggingConfig()
    gateway: GatewayConfig = GatewayConfig()
    hooks: HooksConfig = HooksConfig()
    browser: BrowserConfig = BrowserConfig()
    guards: GuardsConfig = GuardsConfig()
