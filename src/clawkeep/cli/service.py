"""`clawkeep service install|uninstall|status`: the gateway as a hardened systemd service.

`install --dry-run` prints every step and the unit file without changing anything.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import click

from clawkeep.service.plan import ServicePlan, Step, plan_install, plan_uninstall
from clawkeep.service.unit import UNIT_NAME

__all__ = ["service"]


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _run_plan(plan: ServicePlan, dry_run: bool) -> None:
    for note in plan.notes:
        click.echo(f"note: {note}")
    for step in plan.steps:
        shown = " ".join(step.argv) if step.argv else f"write {step.path} ({step.mode:o})"
        click.echo(f"{'would ' if dry_run else ''}{step.what}: {shown}")
        if not dry_run:
            _do(step)
    if dry_run and plan.unit_text:
        click.echo("\n--- the unit file ---")
        click.echo(plan.unit_text)


def _do(step: Step) -> None:
    if step.path is not None and step.content is not None:
        tmp = step.path.with_name(step.path.name + ".tmp")
        tmp.write_text(step.content)
        os.chmod(tmp, step.mode)
        os.replace(tmp, step.path)
        return
    done = subprocess.run(list(step.argv), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        click.echo(f"clawkeep: {step.what} failed: {done.stderr.strip()}", err=True)
        raise SystemExit(1)


@click.group()
def service() -> None:
    """Run the gateway as a system service (systemd) under its own user.

    Example: sudo clawkeep service install --create-user --dry-run
    """


@service.command("install")
@click.option("--user", default="clawkeep", show_default=True, help="The service's OS user.")
@click.option("--create-user", is_flag=True, help="Create the user if it does not exist.")
@click.option(
    "--state-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("/var/lib/clawkeep"),
    show_default=True,
    help="The service's state dir (copy your config and .env there first).",
)
@click.option("--dry-run", is_flag=True, help="Print the steps and the unit; change nothing.")
def install(user: str, create_user: bool, state_dir: Path, dry_run: bool) -> None:
    """Install and start the service.

    Example: sudo clawkeep service install --create-user --dry-run
    """
    exe = shutil.which("clawkeep") or str(Path(sys.executable).with_name("clawkeep"))
    exists = _user_exists(user)
    if not exists and not create_user and not dry_run:
        click.echo(f"clawkeep: the user {user!r} does not exist; pass --create-user", err=True)
        raise SystemExit(2)
    if user == "root":
        # The seed: a dedicated, unprivileged user limits what a compromised agent reaches.
        click.echo("clawkeep: refusing to run the service as root; use a dedicated user", err=True)
        raise SystemExit(2)
    if not dry_run and os.geteuid() != 0:
        click.echo("clawkeep: installing a system service needs root (sudo)", err=True)
        raise SystemExit(2)
    resolved = state_dir.resolve()
    if resolved.parts[:2] in (("/", "home"), ("/", "root"), ("/", "run")):
        # ProtectHome= hides home directories from the service: its state lives elsewhere.
        click.echo(
            f"clawkeep: {resolved} is under a home or runtime directory, which the service "
            "cannot see; use --state-dir /var/lib/clawkeep and copy clawkeep.json and .env there",
            err=True,
        )
        raise SystemExit(2)
    plan = plan_install(
        user=user,
        create_user=create_user,
        user_exists=exists,
        state_dir=resolved,
        exec_path=Path(exe),
    )
    _run_plan(plan, dry_run)


@service.command("uninstall")
@click.option("--dry-run", is_flag=True, help="Print the steps; change nothing.")
def uninstall(dry_run: bool) -> None:
    """Stop and remove the service (the state dir and the user stay).

    Example: sudo clawkeep service uninstall
    """
    if not dry_run and os.geteuid() != 0:
        click.echo("clawkeep: removing a system service needs root (sudo)", err=True)
        raise SystemExit(2)
    _run_plan(plan_uninstall(), dry_run)


@service.command("status")
def status() -> None:
    """systemd's view of the service.

    Example: clawkeep service status
    """
    if not shutil.which("systemctl"):
        click.echo("systemctl is not on this machine")
        raise SystemExit(1)
    done = subprocess.run(["systemctl", "status", "--no-pager", UNIT_NAME], check=False)
    raise SystemExit(0 if done.returncode == 0 else 1)
