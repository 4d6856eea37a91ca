"""The resolved tool policy of one turn: which tools are offered, and why each is not.

``resolve_policy`` composes the layers once per (agent, channel, group, sandboxed, turn
denies) into an immutable ``ToolPolicy``. Deny wins: a deny rule in any layer refuses;
otherwise every layer that has an allow list must allow. The turn loop offers only
``policy.offered`` and passes every call through ``policy.decide`` before any tool code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from clawkeep.config.schema import RootConfig
from clawkeep.policy._sources import layer_sources
from clawkeep.policy.catalog import CORE_TOOLS, PROFILES, canonical_name
from clawkeep.policy.layers import Layer
from clawkeep.risk import HOST_EXEC_TOOLS

__all__ = ["PolicyContext", "ToolPolicy", "ToolVerdict", "flagged_turn_deny", "resolve_policy"]

# OpenClaw's default policy for sandboxed agents (tools.sandbox.tools).
_SANDBOX_ALLOW = (
    "group:fs",
    "group:runtime",
    "group:sessions",
    "group:memory",
    "image",
    "web_search",
    "web_fetch",
    "message",
)
_SANDBOX_DENY = ("browser", "canvas", "nodes", "cron", "gateway")


@dataclass(frozen=True, slots=True)
class ToolVerdict:
    """The decision on one tool name, with the layer and config rule that made it."""

    tool: str
    allowed: bool
    reason: str  # stable code: policy.allowed, policy.denied, policy.not_allowed, ...
    layer: str = ""
    rule: str = ""  # config key and entry, e.g. 'agents.list[main].tools.deny: "exec"'
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "tool": self.tool,
            "allowed": self.allowed,
            "reason": self.reason,
            "layer": self.layer,
            "rule": self.rule,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class PolicyContext:
    """Everything a turn's policy depends on, besides the config."""

    agent_id: str
    channel: str | None = None
    group: str | None = None
    sender: str | None = None
    sandboxed: bool = True
    turn_denies: frozenset[str] = frozenset()
    flagged: bool = False
    plugin_tools: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ToolPolicy:
    """An immutable policy: the offered names and a decision for any name."""

    context: PolicyContext
    layers: tuple[Layer, ...]
    known: frozenset[str]
    elevated_ok: bool
    elevated_rule: str
    offered: frozenset[str] = field(default=frozenset())
    table: Mapping[str, ToolVerdict] = field(default_factory=lambda: MappingProxyType({}))

    def decide(self, raw_name: str) -> ToolVerdict:
        """Judge a tool name as a model or a person wrote it."""
        name = canonical_name(raw_name)
        verdict = self.table.get(name) or self._decide_canonical(name)
        if verdict.allowed and raw_name != name:
            # The model was offered exact names only: a renamed call is not one of them.
            return ToolVerdict(
                name,
                False,
                "policy.name_not_canonical",
                "names",
                "",
                f"the call named {raw_name!r}; only the exact offered name {name!r} runs",
            )
        return verdict

    def _decide_canonical(self, name: str) -> ToolVerdict:
        if name not in self.known:
            # Hallucinated or injected names never reach a dispatcher.
            return ToolVerdict(name, False, "policy.unknown_tool", "names", "", "no such tool")
        for layer in self.layers:  # deny wins, whichever layer holds it
            hit = layer.deny.match(name)
            if hit is not None:
                rule = f"{layer.deny.key}: {hit!r}"
                return ToolVerdict(name, False, "policy.denied", layer.name, rule, "deny rule")
        for layer in self.layers:  # then every layer with an allow list must allow
            if layer.allow is None:
                continue
            hit = layer.allow.match(name)
            if hit is None:
                rule = f"{layer.allow.key}: not listed"
                return ToolVerdict(
                    name, False, "policy.not_allowed", layer.name, rule, "not in the allow list"
                )
        if name in HOST_EXEC_TOOLS and not self.context.sandboxed and not self.elevated_ok:
            # Code on the host (no sandbox) needs tools.elevated for this sender.
            return ToolVerdict(
                name, False, "policy.elevated_off", "elevated", self.elevated_rule, "host exec"
            )
        last = next((ly.name for ly in reversed(self.layers) if ly.allow is not None), "")
        return ToolVerdict(name, True, "policy.allowed", last, "", "every layer allows")


_BROWSER_OFF = ToolVerdict(
    "browser",
    False,
    "policy.browser_disabled",
    "browser",
    "browser.enabled: false",
    "the browser is off (browser.enabled is false, the default): no browser process starts",
)


def _profile_layer(
    profile: str | None, also: tuple[str, ...], key: str, plugins: frozenset[str]
) -> Layer:
    allow = PROFILES.get(profile or "full")
    entries = None if allow is None else (*allow, *also)
    return Layer.build(f"profile:{profile or 'full'}", key, entries, (), plugins)


def _with_also(allow: tuple[str, ...] | None, also: tuple[str, ...]) -> tuple[str, ...] | None:
    return None if allow is None else (*allow, *also)


def flagged_turn_deny(config: RootConfig, ctx: PolicyContext) -> frozenset[str]:
    """The tools a flagged message's turn loses: `guards.channel.highRiskTools` when
    `stripToolsOnFlag` is on for the channel (the one place this is decided)."""
    if not ctx.flagged:
        return frozenset()
    guard = config.guards.channel.for_channel(ctx.channel)
    if not guard.strip_tools_on_flag:
        return frozenset()
    return frozenset(guard.high_risk_tools)  # a likely injection loses the risky tools


def resolve_policy(
    config: RootConfig,
    ctx: PolicyContext,
    *,
    implemented: Iterable[str] | None = None,
) -> ToolPolicy:
    """Compose the layers for ``ctx`` from a RootConfig; ``implemented`` limits `offered`."""
    src = layer_sources(config, ctx)
    plugins = frozenset(canonical_name(n) for n in ctx.plugin_tools)
    also = src.global_tools.also_allow + src.agent_tools.also_allow
    layers = [_profile_layer(src.profile, also, src.profile_key, plugins)]
    layers.append(
        Layer.build(
            "tools",
            "tools",
            _with_also(src.global_tools.allow, src.global_tools.also_allow),
            src.global_tools.deny,
            plugins,
        )
    )
    layers.append(
        Layer.build(
            f"agent:{ctx.agent_id}",
            src.agent_key,
            _with_also(src.agent_tools.allow, src.agent_tools.also_allow),
            src.agent_tools.deny,
            plugins,
        )
    )
    if src.group_tools is not None:
        g = src.group_tools
        layers.append(
            Layer.build("group", src.group_key, _with_also(g.allow, g.also_allow), g.deny, plugins)
        )
    if ctx.sandboxed:
        sb = src.sandbox_tools
        allow = _SANDBOX_ALLOW if sb.allow is None else sb.allow
        deny = _SANDBOX_DENY if sb.deny is None else sb.deny
        layers.append(Layer.build("sandbox", "tools.sandbox.tools", allow, deny, plugins))
    turn_deny = set(ctx.turn_denies) | flagged_turn_deny(config, ctx)
    layers.append(Layer.build("turn", "turn", None, sorted(turn_deny), plugins))
    known = CORE_TOOLS | plugins
    policy = ToolPolicy(ctx, tuple(layers), known, src.elevated_ok, src.elevated_rule)
    names = known if implemented is None else frozenset(implemented) & known
    # Each name that can be offered is judged once here; decide() is then a lookup.
    decided = {n: policy._decide_canonical(n) for n in names}
    if not config.browser.enabled:
        decided["browser"] = _BROWSER_OFF  # no browser runs: never offered, whatever allows it
    table = MappingProxyType(decided)
    offered = frozenset(n for n in names if table[n].allowed)
    return ToolPolicy(ctx, policy.layers, known, src.elevated_ok, src.elevated_rule, offered, table)
