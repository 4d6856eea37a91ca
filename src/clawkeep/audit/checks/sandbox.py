"""Sandbox settings that weaken isolation, and workspace skill links that leave the workspace."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []


@check(
    CheckSpec("sandbox.dangerous_bind_mount", "critical", "Sandbox mounts a sensitive host path"),
    CheckSpec("sandbox.dangerous_network_mode", "critical", "Sandbox shares a network namespace"),
    CheckSpec("sandbox.dangerous_seccomp_profile", "critical", "Sandbox runs seccomp-unconfined"),
    CheckSpec("sandbox.dangerous_apparmor_profile", "critical", "Sandbox runs AppArmor-unconfined"),
    CheckSpec("sandbox.off_with_exec", "warn", "An agent with exec runs unsandboxed"),
    CheckSpec("sandbox.bind_mount_non_absolute", "warn", "A sandbox bind has a relative source"),
)
def sandbox_settings(ctx: AuditContext) -> Iterator[Finding]:
    from clawkeep.audit._reach import agent_can_use

    home = Path(ctx.env.get("HOME") or Path.home())
    seen: set[tuple[str, str]] = set()
    for agent in ctx.agents:
        prefix = f"agents.{agent.id}.sandbox"
        docker = agent.sandbox.docker
        if docker is not None:  # only docker settings can be dangerous; import the rules then
            from clawkeep.sandbox.dangerous import dangerous_settings

            dangerous = dangerous_settings(agent.sandbox, prefix=prefix, home=home)
        else:
            dangerous = []
        for item in dangerous:
            if (item.check_id, item.key) in seen:
                continue
            seen.add((item.check_id, item.key))
            yield Finding(
                item.check_id,
                "critical",
                item.check_id.removeprefix("sandbox.").replace("_", " ").capitalize(),
                f"{item.key} = {item.value!r}: {item.detail}",
                item.remediation,
            )
        for bind in docker.binds if docker else ():
            source = bind.split(":", 1)[0]
            if (
                source
                and not source.startswith("/")
                and (f"{prefix}.docker.binds", bind) not in seen
            ):
                seen.add((f"{prefix}.docker.binds", bind))
                yield Finding(
                    "sandbox.bind_mount_non_absolute",
                    "warn",
                    "A sandbox bind has a relative source",
                    f"{prefix}.docker.binds has {bind!r}: a relative source resolves against "
                    "whatever directory the engine runs in, and cannot be checked.",
                    f"Write an absolute host path in {prefix}.docker.binds.",
                )
        if agent.sandbox.mode == "off" and agent_can_use(ctx, agent, "exec"):
            yield Finding(
                "sandbox.off_with_exec",
                "warn",
                "An agent with exec runs unsandboxed",
                f"agent {agent.id!r} has sandbox.mode off and can use exec: commands run on the "
                "host behind the command guard only.",
                f'Set sandbox.mode to "all" for agent {agent.id!r}, or deny it exec.',
            )


@check(
    CheckSpec(
        "skills.workspace.symlink_escape",
        "critical",
        "A workspace skill links outside the workspace",
    )
)
def skill_links(ctx: AuditContext) -> Iterator[Finding]:
    for agent in ctx.agents:
        skills = agent.workspace / "skills"
        if not skills.is_dir():
            continue
        root = Path(os.path.realpath(agent.workspace))
        for dirpath, dirnames, filenames in os.walk(skills):
            for name in dirnames + filenames:
                path = Path(dirpath) / name
                if not path.is_symlink():
                    continue
                real = Path(os.path.realpath(path))
                if real != root and root not in real.parents:
                    yield Finding(
                        "skills.workspace.symlink_escape",
                        "critical",
                        "A workspace skill links outside the workspace",
                        f"{path} -> {real}: a skill can read or run code from outside the agent's "
                        "workspace.",
                        f"rm {path}  (copy what the skill needs into the workspace instead)",
                    )
