"""Where exec runs (sandbox.mode, tools.exec.security, tools.elevated) and how an agent's
sandbox config becomes a spec: every missing setting is the safe choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from clawkeep.config.schema.sandbox import (
    SandboxConfig,
    SandboxEgressConfig,
    SandboxLimitsConfig,
)
from clawkeep.decision import Deny
from clawkeep.sandbox import (
    ExecPlacement,
    Limits,
    backend_available,
    merge_sandbox_config,
    place_exec,
    run_sandboxed,
    spec_from_config,
)
from clawkeep.sandbox.spec import SandboxSpec


def test_exec_is_denied_when_security_is_unset() -> None:
    decision = place_exec(mode=None, security=None, session_is_main=False)
    assert isinstance(decision, Deny) and decision.reason == "exec.security_deny"


def test_unset_mode_sandboxes_even_the_main_session() -> None:
    decision = place_exec(mode=None, security="full", session_is_main=True)
    assert decision == ExecPlacement("sandbox", "sandbox.mode_all", "full")


def test_non_main_mode_keeps_main_on_the_host_and_sandboxes_others() -> None:
    main = place_exec(mode="non-main", security="allowlist", session_is_main=True)
    other = place_exec(mode="non-main", security="allowlist", session_is_main=False)
    assert isinstance(main, ExecPlacement) and main.where == "host"
    assert isinstance(other, ExecPlacement) and other.where == "sandbox"


def test_elevated_request_without_elevated_enabled_is_refused() -> None:
    decision = place_exec(
        mode="all", security="full", session_is_main=False, elevated_requested=True
    )
    assert isinstance(decision, Deny) and decision.reason == "sandbox.elevated_disabled"


def test_elevated_is_the_way_out_when_enabled() -> None:
    decision = place_exec(
        mode="all",
        security="full",
        session_is_main=False,
        elevated_requested=True,
        elevated_enabled=True,
    )
    assert decision == ExecPlacement("host", "sandbox.elevated", "full")


def test_spec_defaults_are_the_safe_ones(tmp_path: Path) -> None:
    spec = spec_from_config(None, workspace=tmp_path)
    assert spec.workspace_access == "none"
    assert spec.egress_domains == ()
    assert spec.limits == Limits()
    assert spec.backend == "auto"
    assert dict(spec.env) == {}


def test_agent_settings_override_defaults_key_by_key(tmp_path: Path) -> None:
    defaults = SandboxConfig(
        workspace_access="ro", limits=SandboxLimitsConfig(cpu_seconds=5, memory_mb=512)
    )
    agent = SandboxConfig(
        limits=SandboxLimitsConfig(memory_mb=256),
        egress=SandboxEgressConfig(allow_domains=("API.Example.com.",)),
    )
    spec = spec_from_config(merge_sandbox_config(defaults, agent), workspace=tmp_path)
    assert spec.workspace_access == "ro"
    assert (spec.limits.cpu_seconds, spec.limits.memory_mb) == (5, 256)
    assert spec.egress_domains == ("api.example.com",)


def test_unknown_sandbox_key_is_rejected() -> None:
    with pytest.raises(ValueError, match="workspaceAcess"):
        SandboxConfig.model_validate({"workspaceAcess": "rw"})


@pytest.mark.parametrize("engine", ["docker", "podman"])
def test_missing_container_engine_refuses_and_runs_nothing_on_the_host(
    tmp_path: Path, engine: str
) -> None:
    if not isinstance(backend_available(engine), Deny):
        pytest.skip(f"{engine} is installed here: the refusal cannot be shown")
    marker = tmp_path / "ran-on-host"
    spec = SandboxSpec(workspace=tmp_path, workspace_access="rw", backend=engine)  # type: ignore[arg-type]
    result = run_sandboxed(f"touch {marker}", spec)
    assert isinstance(result, Deny) and result.reason == "sandbox.unavailable"
    assert not marker.exists()


def test_container_engine_run_when_present(tmp_path: Path) -> None:
    for engine in ("podman", "docker"):
        if not isinstance(backend_available(engine), Deny):
            break
    else:
        pytest.skip("CONTAINER BACKEND NOT RUN: no docker or podman engine answers here")
    spec = SandboxSpec(workspace=tmp_path, workspace_access="ro", backend=engine)
    result = run_sandboxed("touch /workspace/x", spec)
    assert not isinstance(result, Deny)
    assert not (tmp_path / "x").exists()
