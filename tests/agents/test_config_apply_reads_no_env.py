"""An injected model cannot read an environment secret back through config.apply's error.

With `commands.config` on and the gateway tool allowed, a model may propose a config. The
candidate is loaded with the gateway's own environment, and a refusal's sentence goes
back to the model as the tool result. A candidate that puts `${OPENAI_API_KEY}` where a
validator quotes the value (a redact pattern, a file-guard pattern, an agent id, a
literal) used to get the key read back in the error; now every substituted value is
masked in it.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from clawkeep.compose.control import GatewayControl
from clawkeep.decision import Allow, Deny
from clawkeep.tools import ToolServices
from tests.agents.agent_harness import build, call

KEY = "sk-proj-Q7wZr2Lk9Vx4Tn8Bm3Hc"
OTHER = "vault-1f8e2d7c"  # a plain-named variable of the .env: still never read back

_CANDIDATES: dict[str, dict[str, Any]] = {
    "redact_pattern": {"logging": {"redactPatterns": ["(a+)+${OPENAI_API_KEY}"]}},
    "file_pattern": {"guards": {"file": {"noAccess": ["!${OPENAI_API_KEY}"]}}},
    "agent_id": {"agents": {"list": [{"id": "${OPENAI_API_KEY}"}, {"id": "${OPENAI_API_KEY}"}]}},
    "literal": {"gateway": {"auth": {"mode": "${OPENAI_API_KEY}"}}},
    "plain_name": {"guards": {"file": {"noAccess": ["!${VAULT_ID}"]}}},
    "list_shape": {"session": {"identityLinks": {"x": "${OPENAI_API_KEY}"}}},
}


class _RealControl:
    """The real GatewayControl, made once the install (and so its paths) exists."""

    def __init__(self) -> None:
        self.inner: GatewayControl | None = None

    async def restart(self) -> Allow | Deny:
        assert self.inner is not None
        return await self.inner.restart()

    async def apply_config(self, raw: str) -> Allow | Deny:
        assert self.inner is not None
        return await self.inner.apply_config(raw)


def _shown_to_model(h: Any) -> str:
    _system, messages, _tools = h.scripts["main"].requests[1]
    return "\n".join(m.content for m in messages if m.role == "tool")


@pytest.mark.parametrize("name", sorted(_CANDIDATES))
def test_config_apply_error_does_not_read_an_env_value_back(tmp_path: Path, name: str) -> None:
    cfg: dict[str, Any] = {
        "commands": {"config": True},
        "agents": {
            "list": [{"id": "main", "sandbox": {"mode": "off"}, "tools": {"deny": ["exec"]}}]
        },
    }
    raw = json.dumps(_CANDIDATES[name])
    script = [{"toolCalls": [call("gateway", action="config.apply", raw=raw)]}, {"text": "ok"}]
    env = {"OPENAI_API_KEY": KEY, "VAULT_ID": OTHER, "HOME": str(tmp_path)}
    control = _RealControl()
    h = build(tmp_path, cfg, {"main": script}, services=ToolServices(control=control))
    control.inner = GatewayControl(h.paths, env)
    before = h.paths.config_path.read_bytes()
    asyncio.run(h.turn("please tidy the config"))
    shown = _shown_to_model(h)
    assert "gateway.config.invalid" in shown or "gateway.config" in shown, shown
    assert KEY not in shown
    assert KEY[8:20] not in shown
    assert OTHER not in shown
    assert h.paths.config_path.read_bytes() == before


@pytest.mark.parametrize(
    "target", [".env", "./.env", ".ENV.local", "credentials/pairing.key", "agents/main/x.json"]
)
def test_config_apply_cannot_include_the_state_dirs_secrets(tmp_path: Path, target: str) -> None:
    # A parse error of an included .env used to quote its first character (and a JSON
    # credential file would have been merged whole).
    cfg: dict[str, Any] = {
        "commands": {"config": True},
        "agents": {
            "list": [{"id": "main", "sandbox": {"mode": "off"}, "tools": {"deny": ["exec"]}}]
        },
    }
    raw = json.dumps({"$include": target})
    script = [{"toolCalls": [call("gateway", action="config.apply", raw=raw)]}, {"text": "ok"}]
    control = _RealControl()
    h = build(tmp_path, cfg, {"main": script}, services=ToolServices(control=control))
    control.inner = GatewayControl(h.paths, {"HOME": str(tmp_path)})
    state = h.paths.state_dir
    env_file = state / ".env"
    env_file.write_text(f"OPENAI_API_KEY={KEY}\n")
    env_file.chmod(0o600)
    (state / ".ENV.local").write_text("Z=1\n")
    (state / "agents" / "main").mkdir(parents=True, exist_ok=True)
    (state / "agents" / "main" / "x.json").write_text(json.dumps({"ui": {"k": KEY}}))
    asyncio.run(h.turn("please tidy the config"))
    shown = _shown_to_model(h)
    assert "$include" in shown and "state dir's secrets" in shown, shown
    assert "U+" not in shown  # no character of the file quoted
    assert KEY not in shown


def _apply_as_model(tmp_path: Path, current: dict[str, Any], candidate: dict[str, Any]) -> Any:
    cfg: dict[str, Any] = {
        "commands": {"config": True},
        "agents": {
            "list": [{"id": "main", "sandbox": {"mode": "off"}, "tools": {"deny": ["exec"]}}]
        },
    }
    raw = json.dumps({**cfg, **current, **candidate})
    script = [{"toolCalls": [call("gateway", action="config.apply", raw=raw)]}, {"text": "ok"}]
    control = _RealControl()
    h = build(tmp_path, cfg, {"main": script}, services=ToolServices(control=control))
    if current:  # the owner's own file, with references the test's install cannot fill
        h.paths.config_path.write_text(json.dumps({**cfg, **current}))
    control.inner = GatewayControl(h.paths, {"OPENAI_API_KEY": KEY, "HOME": str(tmp_path)})
    asyncio.run(h.turn("please tidy the config"))
    return h


def test_config_apply_cannot_put_a_secret_where_the_agent_reads_it_later(tmp_path: Path) -> None:
    # A valid config with the key as the model name: session_status would print it to
    # the model after the next start. The candidate is refused and the file unchanged.
    candidate = {
        "agents": {
            "list": [
                {
                    "id": "main",
                    "model": "openai/${OPENAI_API_KEY}",
                    "sandbox": {"mode": "off"},
                    "tools": {"deny": ["exec"]},
                }
            ]
        }
    }
    h = _apply_as_model(tmp_path, {}, candidate)
    shown = _shown_to_model(h)
    assert "gateway.config.env_reference" in shown, shown
    assert "${OPENAI_API_KEY}" not in h.paths.config_path.read_text()


def test_config_apply_keeps_references_the_owner_already_wrote(tmp_path: Path) -> None:
    # The control: the owner's own ${VAR} at the same key stays; tidying around it applies.
    current = {"models": {"providers": {"openai": {"apiKey": "${OPENAI_API_KEY}"}}}}
    h = _apply_as_model(tmp_path, current, {"session": {"dmScope": "per-channel-peer"}})
    shown = _shown_to_model(h)
    assert "env_reference" not in shown, shown
    assert "per-channel-peer" in h.paths.config_path.read_text()
    assert "${OPENAI_API_KEY}" in h.paths.config_path.read_text()
