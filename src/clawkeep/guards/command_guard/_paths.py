"""Where a path argument points: the workspace, a temp dir, home, a credential, a device.

Paths are judged after the shell's own resolution as far as it is static: ``~`` and
``$HOME`` become the agent's home, relative paths join the workspace, ``..`` is folded.
A glob judges the directory that holds it (``/*`` is "everything under /").
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from clawkeep.guards.command_guard._model import CommandContext
from clawkeep.guards.command_guard._words import UNKNOWN

__all__ = [
    "LISTS",
    "SHADOWED",
    "Place",
    "credential",
    "credential_name",
    "glob_credential",
    "holds_credentials",
    "persistence",
    "place",
    "user_bin",
    "user_bin_entry",
]

_STREAMS = re.compile(r"^/dev/(null|zero|u?random|stdin|stdout|stderr|tty|full|fd/\d+)$")
_TEMPS = ("/tmp", "/var/tmp", "/dev/shm")  # noqa: S108 - classifying paths, not using them
_GLOB = re.compile(r"[*?\[]")

# Credential locations, as path-component sequences (any position in the path).
_CREDENTIALS: tuple[tuple[str, ...], ...] = (
    (".ssh",),
    (".aws",),
    (".azure",),
    (".gnupg",),
    (".kube",),
    (".netrc",),
    (".git-credentials",),
    (".pgpass",),
    (".pypirc",),
    (".vault-token",),
    (".password-store",),
    (".docker", "config.json"),
    (".config", "gcloud"),
    (".config", "gh"),
    (".local", "share", "keyrings"),
    ("id_rsa",),
    ("id_dsa",),
    ("id_ecdsa",),
    ("id_ed25519",),
    ("credentials.db",),
    ("access_tokens.db",),
    ("etc", "shadow"),
    ("etc", "gshadow"),
    ("etc", "sudoers"),
    ("environ",),
    # Secrets a container runtime mounts for its services (Docker/Compose, Kubernetes
    # service-account tokens under /var/run/secrets).
    ("run", "secrets"),
    # Other Unix systems' password databases (BSD, macOS, AIX) and Linux's backups.
    ("etc", "master.passwd"),
    ("etc", "spwd.db"),
    ("etc", "shadow-"),
    ("etc", "gshadow-"),
    ("etc", "security", "passwd"),
    ("etc", "security", "opasswd"),
    ("etc", "opasswd"),
    ("var", "db", "dslocal"),
    ("var", "db", "shadow"),
    # macOS keychains.
    ("Library", "Keychains"),
    # Cloud, registry and deploy CLIs.
    (".terraform.d", "credentials.tfrc.json"),
    (".gem", "credentials"),
    (".cargo", "credentials"),
    (".cargo", "credentials.toml"),
    (".npmrc",),
    (".my.cnf",),
    (".mylogin.cnf",),
    (".yarnrc.yml",),
    (".s3cfg",),
    (".boto",),
    (".config", "rclone"),
    (".config", "doctl"),
    (".config", "hub"),
    (".config", "op"),
    (".oci",),
    (".databrickscfg",),
    (".vnc", "passwd"),
    (".terraformrc",),
    (".pulumi", "credentials.json"),
    (".config", "glab-cli"),
    (".config", "hcloud"),
    (".config", "containers", "auth.json"),
    ("containers", "auth.json"),
    (".dockercfg",),
    (".m2", "settings-security.xml"),
    (".ivy2", ".credentials"),
    (".gradle", "gradle.properties"),
    (".composer", "auth.json"),
    (".config", "composer", "auth.json"),
    (".passwd-s3fs",),
    (".kaggle", "kaggle.json"),
    ("huggingface", "token"),
    (".config", "configstore"),
    # System secrets beyond the password file.
    ("etc", "krb5.keytab"),
    ("etc", "NetworkManager", "system-connections"),
    ("etc", "wpa_supplicant"),
    ("etc", "ppp", "chap-secrets"),
    ("etc", "ppp", "pap-secrets"),
    ("etc", "ipsec.secrets"),
    ("var", "lib", "sss", "secrets"),
    # Password managers' local vaults.
    (".lpass",),
    (".local", "share", "lpass"),
    (".local", "share", "gopass"),
    (".config", "Bitwarden"),
    (".config", "Bitwarden CLI"),
    ("Bitwarden",),
    ("Bitwarden CLI",),
    (".config", "1Password"),
    ("1Password",),
    (".keepass",),
    (".keepassxc",),
    (".config", "keepassxc"),
    (".local", "share", "kwalletd"),
    # Mail and chat clients that keep account passwords.
    (".thunderbird",),
    (".purple", "accounts.xml"),
    (".claws-mail",),
    (".config", "filezilla"),
    (".bash_history",),
    (".zsh_history",),
    (".python_history",),
    (".mysql_history",),
    (".psql_history",),
)
# Where secrets usually are, for matching glob patterns (``cat /e*/sh*w``) against.
_SECRET_FILES = (
    "/etc/shadow",
    "/etc/gshadow",
    "/etc/sudoers",
    "~/.ssh/id_rsa",
    "~/.ssh/id_ed25519",
    "~/.ssh/id_ecdsa",
    "~/.aws/credentials",
    "~/.netrc",
    "~/.git-credentials",
    "~/.config/gcloud/credentials.db",
    "~/.kube/config",
    "~/.docker/config.json",
    "/proc/self/environ",
    "/root/.ssh/id_rsa",
    "~/.mozilla/firefox/p.default/key4.db",
    "~/.mozilla/firefox/p.default/logins.json",
    "~/.mozilla/firefox/p.default/cookies.sqlite",
    "~/.config/google-chrome/Default/Login Data",
    "~/.config/google-chrome/Default/Cookies",
    "~/.config/chromium/Default/Login Data",
    "~/Library/Keychains/login.keychain-db",
    "~/Library/Application Support/Google/Chrome/Default/Login Data",
    "~/Library/Application Support/Firefox/Profiles/p.default/logins.json",
    "/etc/master.passwd",
    "/etc/spwd.db",
)
_KEY_FILES = re.compile(
    r"\.(pem|key|p12|pfx|kdbx|jks|keystore|ovpn|asc|gpg|tfstate)\b|^\*?id_|credentials|secret|token"
    r"|\.env\b|wallet",
    re.I,
)
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _seq in _CREDENTIALS:
    _BY_FIRST.setdefault(_seq[0], []).append(_seq)
# Files whose writing makes code run later: shell start-up, schedulers, services, hooks.
_PERSISTENCE = re.compile(
    r"(^|/)(\.bashrc|\.bash_profile|\.bash_login|\.bash_logout|\.profile|\.zshrc|\.zshenv"
    r"|\.zprofile|\.zlogin|\.kshrc|\.cshrc|\.tcshrc|\.inputrc|\.xinitrc|\.xprofile"
    r"|authorized_keys|rc\.local|crontab|ld\.so\.preload)$"
    r"|(^|/)(\.config/(autostart|systemd|fish)|\.ssh|\.git/hooks|\.config/environment\.d)(/|$)"
    r"|(^|/)\.git/config$|(^|/)\.local/bin/|^/usr/local/s?bin/"
    r"|^/etc/(profile|profile\.d|bash\.bashrc|zsh|cron[^/]*|anacrontab|systemd|init\.d|init"
    r"|rc\d\.d|apt/apt\.conf\.d|sudoers|sudoers\.d|ld\.so\.conf|ld\.so\.conf\.d|update-motd\.d"
    r"|xdg/autostart|environment|pam\.d|passwd|shadow|group)(/|$)"
    r"|^/(usr/lib|lib|usr/local/lib)/systemd(/|$)|^/var/spool/(cron|at)(/|$)"
    r"|(^|/)Library/(LaunchAgents|LaunchDaemons)(/|$)"
)


@dataclass(frozen=True, slots=True)
class Place:
    """``kind``: workspace | workspace_root | temp | stream | netdev | device | kernel |
    state | home | home_root | root | outside | unknown; ``path``: the folded path."""

    kind: str
    path: str
    contents: bool = False

    @property
    def inside(self) -> bool:
        return self.kind in ("workspace", "temp", "stream")


def _norm(path: str) -> str:
    folded = posixpath.normpath(path)
    return "/" + folded.lstrip("/") if folded.startswith("//") else folded


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


@lru_cache(maxsize=4096)  # pure in its arguments; a line names the same paths again and again
def place(text: str, ctx: CommandContext, cwd: str | None = None) -> Place:
    """Classify one path argument (``text`` may hold ``UNKNOWN`` parts)."""
    if UNKNOWN in text:
        return Place("unknown", text.replace(UNKNOWN, "$?"))
    if not text:
        return Place("workspace", text)
    home = str(ctx.home) if ctx.home else "~"
    if text == "~" or text.startswith("~/"):
        text = home + text[1:]
    if not text.startswith("/") and not (home == "~" and text.startswith("~")):
        base = cwd or (str(ctx.workspace) if ctx.workspace else "/\x01workspace")
        if UNKNOWN in base:
            return Place("unknown", "$?/" + text)  # after a cd to a run-time directory
        text = base + "/" + text
    contents = False
    parts = text.split("/")
    for index, part in enumerate(parts):
        if _GLOB.search(part):
            text, contents = "/".join(parts[:index]) or "/", True
            break
    path = _norm(text)
    kind = _kind(path, ctx, home)
    if contents and kind == "outside" and path in _TEMPS:
        kind = "temp"  # /tmp/* : the entries of a temp dir, not the dir itself
    return Place(kind, path.replace("/\x01workspace", "."), contents)


def _kind(path: str, ctx: CommandContext, home: str) -> str:
    workspace = str(ctx.workspace) if ctx.workspace else "/\x01workspace"
    if workspace.count("/") < 2 or workspace == home:
        workspace = "/\x01workspace"  # a workspace of /, /etc or the home dir protects nothing
    if _STREAMS.match(path):
        return "stream"
    if re.match(r"^/dev/(tcp|udp)/", path):
        return "netdev"
    if _under(path, "/dev"):
        return "device"
    if _under(path, "/proc") or _under(path, "/sys"):
        return "kernel"
    if _under(path, workspace):
        return "workspace_root" if path == workspace else "workspace"
    if ctx.state_dir is not None and _under(path, str(ctx.state_dir)):
        return "state"
    # Home before temp: a home that lies under /tmp is still a home (`rm -rf ~` there).
    if home != "/" and _under(path, home):
        return "home_root" if path == home else "home"
    if any(_under(path, temp) and path != temp for temp in _TEMPS):
        return "temp"
    if path == "/":
        return "root"
    return "outside"


# Stores found by their file name or by where a browser keeps them, anywhere outside the
# workspace: browser profiles (saved passwords, cookies), keychains, vault files.
_STORES = re.compile(
    r"/(google-chrome[^/]*|chromium|Chromium|Google/Chrome[^/]*|BraveSoftware/[^/]+"
    r"|microsoft-edge[^/]*|Microsoft Edge|vivaldi|Vivaldi|opera|com\.operasoftware\.Opera"
    r"|Arc/User Data|yandex-browser)/.*/(Login Data|Cookies|Web Data|Local State|Login Data For"
    r" Account|Network/Cookies|History|Extension Cookies)$"
    r"|/(\.mozilla|Firefox|\.librewolf|LibreWolf|\.waterfox|Thunderbird)/.*/(logins\.json"
    r"|key[34]\.db|cookies\.sqlite|signons\.sqlite|cert9\.db|formhistory\.sqlite)$"
    r"|\.(keychain|keychain-db|kdbx|kdb|agilekeychain|opvault|psafe3|keyring|kwl)$"
    r"|/Cookies\.binarycookies$|/Group Containers/[^/]*1password[^/]*(/|$)"
    r"|/ssh_host_\w+_key$|/(discord|Slack|Signal|Element)/(Local Storage|Cookies|config\.json)"
    # a whole profile (or the browser's folder) copied or archived carries every store in it
    r"|(?<!/\.cache)(?<!/Caches)/(google-chrome[^/]*|chromium|Chromium|Google/Chrome[^/]*"
    r"|BraveSoftware/[^/]+|microsoft-edge[^/]*|Microsoft Edge|vivaldi|Vivaldi|opera"
    r"|com\.operasoftware\.Opera|Arc/User Data|yandex-browser)"
    r"(/(Default|Profile [^/]+|Guest Profile))?/?$"
    r"|/(\.mozilla/firefox|Firefox/Profiles|\.librewolf|\.waterfox|\.thunderbird)"
    r"(/[^/]+\.default[^/]*)?/?$|/\.mozilla/?$|/BraveSoftware/?$"
)


# File names (find -name patterns) that only password stores use.
_STORE_NAMES = re.compile(
    r"^\*?(logins\.json|key[34]\.db|signons\.sqlite|Login Data|master\.passwd|spwd\.db"
    r"|[^/]*\.(kdbx|kdb|keychain|keychain-db|opvault|psafe3))\*?$"
)


_PUBLIC_SSH = frozenset({"known_hosts", "known_hosts.old", "authorized_keys"})


@lru_cache(maxsize=4096)
def credential(found: Place, ctx: CommandContext) -> str | None:
    """Why reading this path would read a secret, or None."""
    if found.kind == "state":
        return "clawkeep's state directory holds its tokens and keys"
    if found.kind == "workspace":
        return None  # the agent's own tree: its files are already the agent's
    parts = [p for p in found.path.split("/") if p]
    if parts and (parts[-1].endswith(".pub") or parts[-1] in _PUBLIC_SSH):
        return None  # public keys (and the hosts' public keys) are public
    store = _STORES.search(found.path)
    if store is not None:
        return "a browser profile, keychain or password vault holds credentials"
    for i, part in enumerate(parts):
        for seq in _BY_FIRST.get(part, ()):
            if tuple(parts[i : i + len(seq)]) == seq:
                return f"{'/'.join(seq)} holds credentials"
    return None


def holds_credentials(found: Place, ctx: CommandContext) -> bool:
    """A folder of home that holds a credential location (``~/.config`` holds ``gcloud``,
    ``gh``; ``~/.local/share`` holds ``keyrings``): a recursive read of it reads them too."""
    home = str(ctx.home) if ctx.home else None
    if home is None or not found.path.startswith(home.rstrip("/") + "/"):
        return False
    rel = tuple(p for p in found.path[len(home) :].split("/") if p)
    if not rel:
        return False
    return any(len(seq) > len(rel) and seq[: len(rel)] == rel for seq in _CREDENTIALS)


def glob_credential(pattern: str, ctx: CommandContext) -> str | None:
    """Why a glob pattern would match a well-known secret file, or None."""
    home = str(ctx.home) if ctx.home else "~"
    pattern = home + pattern[1:] if pattern.startswith("~/") else pattern
    if not pattern.startswith("/"):
        return None
    for secret in _SECRET_FILES:
        path = home + secret[1:] if secret.startswith("~") else secret
        if fnmatch.fnmatchcase(path, pattern):
            return f"the pattern matches {path}"
    if _STORES.search(pattern) and not _under(pattern, str(ctx.workspace or "/\x01")):
        return "the pattern names files in a browser profile, keychain or vault"
    return None


def credential_name(pattern: str, outside: bool) -> str | None:
    """Why a file-name pattern (find -name) hunts for credentials, or None.

    Key-file suffixes (``*.pem``) count only when the search runs outside the workspace.
    """
    if _STORE_NAMES.search(pattern):
        return f"searching for {pattern} hunts for browser or vault credentials"
    name = pattern.strip("*").lstrip(".")
    for seq in _CREDENTIALS:
        if seq[-1].lstrip(".") == name and seq[-1] not in ("environ",):
            return f"searching for {seq[-1]} hunts for credentials"
    if outside and _KEY_FILES.search(pattern):
        return f"searching for {pattern} outside the workspace hunts for keys"
    return None


def persistence(found: Place, ctx: CommandContext) -> str | None:
    """Why writing this path plants code that runs later, or None."""
    path = found.path
    if found.kind == "temp":
        return None
    if _PERSISTENCE.search(path):
        return f"{path} runs code at log-in, on a schedule or on a git action"
    return None


# Commands that show names and metadata (size, mode, times), never a file's bytes: listing
# ~/.aws or ~/.ssh tells which files exist, it does not read the keys in them.
LISTS = frozenset({"ls", "stat", "du", "tree", "exa", "eza", "lsd", "dir", "vdir", "cd"})
LISTS |= frozenset({"pushd", "realpath", "readlink", "namei"})


# Folders of the owner's own programs, early on PATH: a new tool there is the owner's to run;
# a file named like a command the owner already runs would stand in for it.
_USER_BINS = (".local/bin", "bin")
_SHADOWED_NAMES = """
    sh bash zsh dash ksh fish csh tcsh env sudo su doas pkexec login passwd ssh scp sftp
    ssh-agent ssh-add ssh-keygen gpg gpg-agent git gh glab python python3 pip pip3 pipx uv
    poetry node npm npx pnpm yarn bun deno ruby gem bundle perl php lua java javac mvn gradle
    go cargo rustc rustup gcc cc clang make cmake ld docker podman kubectl helm terraform aws
    gcloud az curl wget rsync nc ncat socat telnet ftp openssl ls cat cp mv rm ln mkdir rmdir
    chmod chown touch find xargs grep egrep fgrep rg sed awk gawk sort uniq head tail less more
    vi vim nvim nano emacs code tar zip unzip gzip gunzip xz base64 tee echo printf test id
    whoami ps kill pkill top which man open xdg-open crontab at nohup systemctl journalctl
    mount umount ip ifconfig ping dig host date time watch screen tmux psql mysql sqlite3
    redis-cli jq yq pytest tox nox black ruff mypy eslint prettier tsc keychain pass op bw
    security secret-tool trash stat readlink realpath dirname basename mktemp install diff
    patch wc cut tr strace gdb ltrace"""
SHADOWED = frozenset(_SHADOWED_NAMES.split())


def user_bin(found: Place, ctx: CommandContext) -> bool:
    """The path is ~/.local/bin or ~/bin itself."""
    home = str(ctx.home).rstrip("/") if ctx.home else None
    return home is not None and found.path.rstrip("/") in {f"{home}/{d}" for d in _USER_BINS}


def user_bin_entry(found: Place, ctx: CommandContext) -> str | None:
    """The file name, when the path is a file right inside ~/.local/bin or ~/bin."""
    home = str(ctx.home).rstrip("/") if ctx.home else None
    if home is None or found.kind != "home":
        return None
    folder, _, name = found.path.rstrip("/").rpartition("/")
    return name if folder in {f"{home}/{d}" for d in _USER_BINS} and name else None
