"""Which protection level a workspace path has: no_access, read_only, no_delete or none.

Patterns are gitignore-style (translated by ``pathspec``), matched case-insensitively on
the path relative to the workspace root. Each level is one compiled regex (the union of
its patterns), so a lookup costs three regex searches, whatever the number of patterns.
The strictest matching level wins; there is no negation, so a pattern can only add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern

__all__ = [
    "DEFAULT_NO_ACCESS",
    "DEFAULT_NO_DELETE",
    "DEFAULT_READ_ONLY",
    "IDENTITY_FILES",
    "RUN_OUTSIDE",
    "Level",
    "ProtectedPatterns",
]


class Level(IntEnum):
    """Protection levels, ordered: a higher value refuses more."""

    NONE = 0
    NO_DELETE = 1  # read and write yes; delete no
    READ_ONLY = 2  # read yes; write and delete no
    NO_ACCESS = 3  # no read, write, delete, or listing of contents


DEFAULT_NO_ACCESS: tuple[str, ...] = (
    # Environment files and shell secrets.
    ".env*",
    ".netrc",
    ".git-credentials",
    ".npmrc",
    ".pypirc",
    ".pgpass",
    "*.env",  # prod.env, docker.env: the same KEY=value secrets under another name
    ".my.cnf",
    ".s3cfg",
    ".vault-token",
    ".htpasswd",
    "**/.config/gh/hosts.yml",
    "**/.cargo/credentials*",
    "**/.terraform.d/credentials.tfrc.json",
    "*.tfstate*",  # Terraform state holds every resource's secrets in clear text
    # Keys and certificates.
    ".ssh",
    ".gnupg",
    "*.pem",
    "*.pem.*",  # server.pem.bak, server.pem.1: ".pem." names no source file
    "*.key",
    # Backup copies of a key; not "*.key.*", which would catch sources like `hot.key.ts`.
    "*.key.bak",
    "*.key.orig",
    "*.key.old",
    "*.key.save",
    "*.key.backup",
    "*.key~",
    "*.key.swp",
    "*.p12",
    "*.pfx",
    "*.p8",  # PKCS#8 private keys (Apple's AuthKey_*.p8, Snowflake's rsa_key.p8)
    "*.ppk",  # PuTTY private keys
    "*.jks",
    "*.keystore",
    "*.kdbx",  # KeePass databases
    "id_rsa*",
    "id_dsa*",
    "id_ecdsa*",
    "id_ed25519*",
    # Cloud credentials.
    ".aws",
    ".azure",
    "**/.config/gcloud",
    "application_default_credentials.json",
    "credentials.json",
    "service-account*.json",
    "**/.docker/config.json",
    ".oci",
    # Kubernetes config.
    ".kube",
    "kubeconfig",
    "*.kubeconfig",
    # Secret stores.
    "secrets.*",
    # The gateway's own state and config (when a workspace contains a home directory).
    ".openclaw",
    ".clawkeep",
    "openclaw.json",
    "clawkeep.json",
    "auth-profiles.json",
)

DEFAULT_READ_ONLY: tuple[str, ...] = (
    # Lockfiles: a changed lock pins a package the person never reviewed.
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "bun.lockb",
    "poetry.lock",
    "Pipfile.lock",
    "uv.lock",
    "pdm.lock",
    "Cargo.lock",
    "Gemfile.lock",
    "composer.lock",
    "go.sum",
    "flake.lock",
    "mix.lock",
    "pubspec.lock",
    "Package.resolved",
    # Files another program runs as code outside the sandbox, unasked: git runs
    # core.fsmonitor, core.pager, filters and hooks on the person's next `git status` or
    # commit; VS Code runs `runOn: folderOpen` tasks and tool paths from settings on open.
    # The rest of .git (objects, refs, index) stays writable for the agent's own commits.
    "**/.git/config",
    "**/.git/config.worktree",
    "**/.git/hooks",
    "**/.git/modules/**/config",
    "**/.git/modules/**/hooks",
    "**/.vscode/tasks.json",
    "**/.vscode/settings.json",
)

RUN_OUTSIDE: tuple[str, ...] = (
    ".git/config",
    ".git/config.worktree",
    ".git/hooks",
    ".vscode/tasks.json",
    ".vscode/settings.json",
)
"""The workspace-root paths of those read_only files, bound read-only inside the sandbox
where they exist, so exec cannot write what the file tools may not (tools/exec.py)."""

IDENTITY_FILES: tuple[str, ...] = ("/SOUL.md", "/AGENTS.md", "/USER.md")
"""Read into the agent's system prompt from the workspace root: read_only unless unlocked."""

DEFAULT_NO_DELETE: tuple[str, ...] = (".git",)


_ANY_DEPTH = "^(?:.+/)?"  # how pathspec spells "at any depth"
_AND_BELOW = "(?:/|$)"  # ... "this name, or anything under it"


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a level: ``(?:^|/)(?:a|b|...)(?:/|$)`` plus any anchored patterns.

    Sharing the prefix and suffix keeps a search one pass over the path; a plain union
    of pathspec's regexes backtracks through ``(?:.+/)?`` once per pattern.
    """
    floating: list[str] = []
    anchored: list[str] = []
    for pattern in patterns:
        regex, include = GitIgnoreBasicPattern.pattern_to_regex(pattern)
        if regex is None:
            continue  # a comment or blank line
        if not include:
            # A negation would un-protect: levels only ever add.
            raise ValueError(f"protected pattern {pattern!r} is a negation")
        if regex.startswith(_ANY_DEPTH) and regex.endswith(_AND_BELOW):
            floating.append(regex[len(_ANY_DEPTH) : -len(_AND_BELOW)])
        else:
            anchored.append(f"(?:{regex})")
    if floating:
        anchored.insert(0, f"(?:^|/)(?:{'|'.join(floating)}){_AND_BELOW}")
    if not anchored:
        return None
    # Case-insensitive: `.ENV` or `Id_RSA` on a case-insensitive disk is the same file.
    return re.compile("|".join(anchored), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ProtectedPatterns:
    """The compiled patterns of each level; build with :meth:`build`."""

    no_access: re.Pattern[str] | None
    read_only: re.Pattern[str] | None
    no_delete: re.Pattern[str] | None

    @classmethod
    def build(
        cls,
        *,
        no_access: tuple[str, ...] = (),
        read_only: tuple[str, ...] = (),
        no_delete: tuple[str, ...] = (),
        unlock_identity_files: bool = False,
    ) -> ProtectedPatterns:
        """The defaults plus ``extra`` patterns per level (extras only add)."""
        identity = () if unlock_identity_files else IDENTITY_FILES
        return cls(
            no_access=_compile(DEFAULT_NO_ACCESS + no_access),
            read_only=_compile(DEFAULT_READ_ONLY + identity + read_only),
            no_delete=_compile(DEFAULT_NO_DELETE + no_delete),
        )

    def level(self, rel_path: str) -> Level:
        """The strictest level whose patterns match ``rel_path`` (relative, '/'-separated)."""
        if not rel_path or rel_path == ".":
            return Level.NONE
        for level, regex in (
            (Level.NO_ACCESS, self.no_access),
            (Level.READ_ONLY, self.read_only),
            (Level.NO_DELETE, self.no_delete),
        ):
            if regex is not None and regex.search(rel_path):
                return level
        return Level.NONE
