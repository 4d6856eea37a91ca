"""What `clawkeep service install|uninstall` does, as a list of steps that can be shown
(`--dry-run`) or run. Each step is one command or one file write, so the dry run prints
exactly what would happen.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from clawkeep.service.unit import UNIT_NAME, render_unit

__all__ = ["ServicePlan", "Step", "plan_install", "plan_uninstall"]

UNIT_DIR = Path("/etc/systemd/system")


@dataclass(frozen=True, slots=True)
class Step:
    """Run ``argv``, or write ``content`` to ``path`` with ``mode``."""

    what: str
    argv: tuple[str, ...] = ()
    path: Path | None = None
    content: str | None = None
    mode: int = 0o644


@dataclass(frozen=True, slots=True)
class ServicePlan:
    steps: tuple[Step, ...]
    unit_text: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def plan_install(
    *,
    user: str,
    create_user: bool,
    user_exists: bool,
    state_dir: Path,
    exec_path: Path,
    unit_dir: Path = UNIT_DIR,
) -> ServicePlan:
    """The steps to run the gateway as ``user`` from ``state_dir``."""
    env_file = state_dir / ".env"
    unit = render_unit(
        exec_path=exec_path,
        user=user,
        state_dir=state_dir,
        env_file=env_file,
        working_dir=state_dir,
    )
    steps: list[Step] = []
    notes: list[str] = []
    if not user_exists:
        if not create_user:
            notes.append(f"the user {user!r} does not exist: pass --create-user, or create it")
        steps.append(
            Step(
                f"create the system user {user} (no login shell, home {state_dir})",
                argv=(
                    "useradd",
                    "--system",
                    "--home-dir",
                    str(state_dir),
                    "--shell",
                    "/usr/sbin/nologin",
                    "--user-group",
                    user,
                ),
            )
        )
    steps.append(
        Step(f"create {state_dir} (0700)", argv=("install", "-d", "-m", "0700", str(state_dir)))
    )
    steps.append(
        Step(f"give {state_dir} to {user}", argv=("chown", "-R", f"{user}:{user}", str(state_dir)))
    )
    steps.append(
        Step(
            f"make every file in {state_dir} private",
            argv=("chmod", "-R", "go-rwx", str(state_dir)),
        )
    )
    steps.append(
        Step(f"write {unit_dir / UNIT_NAME}", path=unit_dir / UNIT_NAME, content=unit, mode=0o644)
    )
    if shutil.which("systemctl"):
        steps.append(Step("reload systemd", argv=("systemctl", "daemon-reload")))
        steps.append(Step("enable and start it", argv=("systemctl", "enable", "--now", UNIT_NAME)))
    else:
        notes.append("systemctl is not on this machine: start it with `systemctl enable --now`")
    return ServicePlan(tuple(steps), unit, tuple(notes))


def plan_uninstall(unit_dir: Path = UNIT_DIR) -> ServicePlan:
    """Stop and remove the unit; the state dir and the user are kept (they hold data)."""
    steps = []
    if shutil.which("systemctl"):
        steps.append(Step("stop and disable it", argv=("systemctl", "disable", "--now", UNIT_NAME)))
    steps.append(
        Step(f"remove {unit_dir / UNIT_NAME}", argv=("rm", "-f", str(unit_dir / UNIT_NAME)))
    )
    if shutil.which("systemctl"):
        steps.append(Step("reload systemd", argv=("systemctl", "daemon-reload")))
    notes = ("the state dir and the service user are kept: remove them by hand if you mean to",)
    return ServicePlan(tuple(steps), "", notes)
