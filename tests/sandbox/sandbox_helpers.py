"""The fake install the sandbox tests attack: a state dir with secrets, a workspace."""

from __future__ import annotations

import os
from pathlib import Path

from clawkeep.sandbox import Limits, SandboxSpec

__all__ = ["Install"]


class Install:
    """A fake install: <tmp>/state with config + credentials, its workspace inside."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.state = root / "state"
        self.workspace = self.state / "workspace"
        self.workspace.mkdir(parents=True)
        self.config = self.state / "clawkeep.json"
        self.config.write_text('{"gateway": {"auth": {"token": "SECRET-CONFIG-TOKEN"}}}')
        self.credentials = self.state / "credentials" / "telegram.json"
        self.credentials.parent.mkdir()
        self.credentials.write_text("SECRET-CREDENTIAL")
        self.auth_profiles = self.state / "agents" / "main" / "agent" / "auth-profiles.json"
        self.auth_profiles.parent.mkdir(parents=True)
        self.auth_profiles.write_text("SECRET-AUTH-PROFILE")
        self.ssh_key = root / "home" / ".ssh" / "id_ed25519"
        self.ssh_key.parent.mkdir(parents=True)
        self.ssh_key.write_text("SECRET-SSH-KEY")
        for secret in (self.config, self.credentials, self.auth_profiles, self.ssh_key):
            os.chmod(secret, 0o600)
        self.outside = root / "outside"
        self.outside.mkdir()

    def spec(self, access: str = "rw", **limits: float) -> SandboxSpec:
        return SandboxSpec(
            workspace=self.workspace,
            workspace_access=access,  # type: ignore[arg-type]
            limits=Limits(**{"wall_seconds": 20.0, **limits}),  # type: ignore[arg-type]
            protected_paths=(self.state,),
        )
