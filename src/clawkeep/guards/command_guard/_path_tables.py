"""The path tables, as data: credential locations and secret files, password stores,
files that run later, listing commands, and the names the owner's programs have.
"""

from __future__ import annotations

import re

__all__ = [
    "APP_SECRETS",
    "BY_FIRST",
    "CLI_HOMES",
    "CREDENTIALS",
    "KERNEL_HOOKS",
    "KEY_FILES",
    "LISTS",
    "NOT_SECRET",
    "NOT_SECRET_FILE",
    "PERSISTENCE",
    "PROC_SECRETS",
    "PUBLIC_SSH",
    "SECRET_DIRS",
    "SECRET_FILES",
    "SECRET_NAME",
    "SECRET_TAIL",
    "SHADOWED",
    "STORES",
    "STORE_NAMES",
    "SYSTEM_TREES",
    "USER_BINS",
    "WEB_STORAGE",
]


# Credential locations, as path-component sequences (any position in the path).
CREDENTIALS: tuple[tuple[str, ...], ...] = (
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
    # Keys and certificates of the machine's own services, and cluster admin credentials.
    ("etc", "ssl", "private"),
    ("etc", "pki", "tls", "private"),
    ("etc", "letsencrypt", "live"),
    ("etc", "letsencrypt", "archive"),
    ("etc", "letsencrypt", "keys"),
    ("etc", "kubernetes", "admin.conf"),
    ("etc", "kubernetes", "super-admin.conf"),
    ("etc", "kubernetes", "kubelet.conf"),
    ("etc", "kubernetes", "controller-manager.conf"),
    ("etc", "kubernetes", "scheduler.conf"),
    ("etc", "kubernetes", "pki"),
    ("var", "lib", "kubelet", "pki"),
    ("etc", "rancher", "k3s", "k3s.yaml"),
    ("etc", "rancher", "rke2", "rke2.yaml"),
    ("var", "lib", "rancher", "k3s", "server", "token"),
    ("var", "lib", "rancher", "k3s", "server", "cred"),
    ("etc", "openvpn"),
    ("etc", "wireguard"),
    ("jenkins", "secrets"),
    ("jenkins", "credentials.xml"),
    ("jenkins", "secret.key"),
    # The password databases' backup copies.
    ("var", "backups", "shadow.bak"),
    ("var", "backups", "gshadow.bak"),
    # Coding agents' and AI CLIs' sign-in tokens.
    (".claude", ".credentials.json"),
    (".codex", "auth.json"),
    (".config", "github-copilot"),
    (".gemini", "oauth_creds.json"),
    # MCP clients' settings: each server's entry carries its API keys in `env`.
    (".cursor", "mcp.json"),
    (".codeium", "windsurf", "mcp_config.json"),
    ("Claude", "claude_desktop_config.json"),
    (".claude.json",),
    # Stores whose file names say nothing: a remote-desktop client's saved connections,
    # SQL clients' and edge CLIs' sign-in files, the MySQL maintenance account.
    ("remmina",),
    (".snowsql",),
    (".wrangler",),
    ("etc", "mysql", "debian.cnf"),
    ("TelegramDesktop", "tdata"),
    (".bash_history",),
    (".zsh_history",),
    (".python_history",),
    (".mysql_history",),
    (".psql_history",),
)
# Another process's memory and environment under /proc (its keys and tokens live there).
# another process's memory, environment and memory map (the map says where to read)
PROC_SECRETS = re.compile(
    r"^/proc/(?!self/|thread-self/)[^/]+/(task/[^/]+/)?(maps|smaps|pagemap)$"
    r"|^/proc/[^/]+/(task/[^/]+/)?(mem|environ)$"
)
# Where secrets usually are, for matching glob patterns (``cat /e*/sh*w``) against.
SECRET_FILES = (
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
KEY_FILES = re.compile(
    r"\.(pem|key|p12|pfx|kdbx|jks|keystore|ovpn|asc|gpg|tfstate)\b|^\*?id_|credentials|secret|token"
    r"|\.env\b|wallet",
    re.I,
)
BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _seq in CREDENTIALS:
    BY_FIRST.setdefault(_seq[0], []).append(_seq)
# Files whose writing makes code run later: shell start-up, schedulers, services, hooks.
PERSISTENCE = re.compile(
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


# Files through which the kernel starts a program as root: a cgroup's release agent, the
# core-dump and hot-plug helpers, binfmt_misc handlers (the container-escape primitives),
# wherever the cgroup or proc filesystem is mounted.
KERNEL_HOOKS = re.compile(
    r"(^|/)(release_agent|notify_on_release|uevent_helper|core_pattern)$"
    r"|/binfmt_misc/register$|^/proc/sys/kernel/modprobe$"
)


# Stores found by their file name or by where a browser keeps them, anywhere outside the
# workspace: browser profiles (saved passwords, cookies), keychains, vault files.
STORES = re.compile(
    r"/(google-chrome[^/]*|chromium|Chromium|Google/Chrome[^/]*|BraveSoftware/[^/]+"
    r"|microsoft-edge[^/]*|Microsoft Edge|Microsoft/Edge|vivaldi|Vivaldi|opera"
    r"|com\.operasoftware\.Opera|Arc/User Data|yandex-browser)/.*/(Login Data|Cookies|Web Data"
    r"|Local State|Login Data For"
    r" Account|Network/Cookies|History|Extension Cookies)$"
    r"|/(\.mozilla|Firefox|\.librewolf|LibreWolf|\.waterfox|Thunderbird)/.*/(logins\.json"
    r"|key[34]\.db|cookies\.sqlite|signons\.sqlite|cert9\.db|formhistory\.sqlite)$"
    r"|\.(keychain|keychain-db|kdbx|kdb|agilekeychain|opvault|psafe3|keyring|kwl)$"
    r"|/Cookies\.binarycookies$|/Group Containers/[^/]*1password[^/]*(/|$)"
    r"|/ssh_host_\w+_key$|/(discord|Slack|Signal|Element)/(Local Storage|Cookies|config\.json)"
    # any Electron app's or browser profile's web storage: the web apps' sign-in tokens
    r"|/Local Storage/leveldb(/|$)"
    # wallet extensions' vaults, FTP clients' saved sites, Windows' account hives (WSL)
    r"|/(Default|Profile [^/]+)/Local Extension Settings(/|$)"
    r"|/FileZilla/(sitemanager|recentservers|filezilla)\.xml$"
    r"|(?i:/Windows/System32/config/(SAM|SYSTEM|SECURITY)(\.\w+)?$)"
    # a whole profile (or the browser's folder) copied or archived carries every store in it
    r"|(?<!/\.cache)(?<!/Caches)/(google-chrome[^/]*|chromium|Chromium|Google/Chrome[^/]*"
    r"|BraveSoftware/[^/]+|microsoft-edge[^/]*|Microsoft Edge|Microsoft/Edge|vivaldi|Vivaldi|opera"
    r"|com\.operasoftware\.Opera|Arc/User Data|yandex-browser)"
    r"(/(Default|Profile [^/]+|Guest Profile))?/?$"
    r"|/(\.mozilla/firefox|Firefox/Profiles|\.librewolf|\.waterfox|\.thunderbird)"
    r"(/[^/]+\.default[^/]*)?/?$|/\.mozilla/?$|/BraveSoftware/?$"
)


# Path patterns (find -path) naming Chromium's and Electron apps' web storage, where web
# apps keep their sign-in tokens (Slack's xox… and Discord's tokens are hunted there).
WEB_STORAGE = re.compile(r"Local Storage|leveldb|\.ldb\*?$", re.I)
# File names (find -name patterns) that only password stores use.
STORE_NAMES = re.compile(
    r"^\*?(logins\.json|key[34]\.db|signons\.sqlite|Login Data|master\.passwd|spwd\.db"
    r"|[^/]*\.(kdbx|kdb|keychain|keychain-db|opvault|psafe3))\*?$"
)


PUBLIC_SSH = frozenset({"known_hosts", "known_hosts.old", "authorized_keys"})
# Files in a credential folder that name a choice, not a secret (gcloud's active
# configuration holds the name of one).
NOT_SECRET = frozenset({"active_config"})


# Beyond the tables: a file whose name says it holds a secret (a key, a token, a
# password, a wallet) or a file in a folder named so, wherever it lies outside the
# workspace and the system's program folders. Names are split at ``.``, ``_`` and ``-``:
# ``deploy_key``, ``server.key``, ``gitlab-secrets.json``, ``auth.json``, ``keys.txt``,
# ``wallet.dat`` count; ``hotkeys.conf``, ``keyboard``, ``authors`` do not.
SECRET_NAME = re.compile(
    r"(?:^|[._-])(?:secrets?|tokens?|credentials?|creds|passwords?|passwd|apikeys?|api[_-]keys?"
    r"|privkey|private[_-]keys?|keys?|wallets?|keystores?|auth|keytab|passphrase)(?:[._-]|$)"
    r"|\.(?:key|p12|pfx|ppk|jks|keystore|kdbx|kdb|age|keytab|pem)$",
    re.I,
)
# Files that hold an application's secrets by convention, whatever else their name says:
# dotenv files (not their shared templates) and web apps' database settings.
APP_SECRETS = re.compile(
    r"^\.env(?:\.(?!(?:example|sample|template|dist|defaults?|schema|tmpl|in)$)[\w.-]+)?$"
    r"|^(?:wp-config|LocalSettings|config\.inc|configuration|settings\.local)\.php$"
    r"|^(?:database|secrets|credentials|master)\.yml$|^(?:\.pgpass|\.my\.cnf|\.s3cfg)$",
)
# A name without an extension may be a folder (``auth-service``, ``keys-manager``): the
# word must end it (``deploy_key``, ``db_password``, ``github-token``).
SECRET_TAIL = re.compile(
    r"(?:^|[._-])(?:secrets?|tokens?|credentials?|creds|passwords?|passwd|apikeys?|api[_-]keys?"
    r"|privkey|key|keys|wallets?|keystores?|keytab|passphrase)$",
    re.I,
)
# Platforms whose CLI keeps its sign-in (a token or key in a file whose name says nothing,
# `config.toml`, `ngrok.yml`, `cert.pem`) in its own folder of home: `~/.NAME`,
# `~/.config/NAME` or `~/.local/share/NAME`.
CLI_HOMES = frozenset(
    {"stripe", "netlify", "vercel", "heroku", "fly", "flyctl", "doctl", "hcloud", "scw"}
    | {"linode-cli", "railway", "supabase", "firebase", "configstore", "wrangler", "cloudflared"}
    | {"ngrok", "ngrok2", "twilio", "twilio-cli", "okta", "auth0", "pulumi", "doppler"}
    | {"infisical", "akeyless", "ibmcloud", "bluemix", "oci", "aliyun", "tccli", "upctl"}
    | {"exoscale", "koyeb", "render", "circleci", "travis", "buildkite", "vault", "consul"}
    | {"nomad", "boundary", "snowsql", "databricks", "kaggle", "replicate", "openai"}
    | {"anthropic", "gemini", "cohere", "mistral", "sentry", "sentryclirc", "atlas", "mongodb"}
    | {"planetscale", "neonctl", "turso", "upstash", "tailscale", "zerotier", "wireguard"}
)
SECRET_DIRS = frozenset(
    {"secrets", ".secrets", "secret", "keys", ".keys", "private", "credentials", ".credentials"}
    | {"creds", "tokens", "wallets", "keystore", "keystores", "private-keys-v1.d"}
)
# Where a secret-looking name means code or data shipped with a program, not a secret:
# the system's program folders, language package trees, caches and manuals.
SYSTEM_TREES = re.compile(
    r"^/(?:usr(?!/local/etc)|lib|lib32|lib64|bin|sbin|snap|nix|proc|sys|dev|boot)(?:/|$)"
    r"|/(?:site-packages|dist-packages|node_modules|\.cache|\.rustup|registry|pkg/mod|\.npm"
    r"|\.m2/repository|\.gradle/caches|share/doc|share/man|share/locale|include)/"
)
# Names that are code, documents about a topic, logs or public certificates, whatever
# word they hold (``token.py``, ``auth.log``, ``fullchain.pem``).
NOT_SECRET_FILE = re.compile(
    r"\.(?:py|pyc|pyi|js|mjs|cjs|ts|tsx|go|rs|rb|java|kt|c|h|cc|cpp|hpp|cs|swift|php|pl|lua"
    r"|sh|html?|css|md|rst|log|lock|svg|png|jpe?g|gif|so|o|a|class|jar|whl|pub|crt|cer|csr"
    r"|sig|sum|sha256)$"
    r"|(?:^|[._-])(?:cert|certs|chain|fullchain|ca|bundle|public|pubkey|pub)(?:[._-]|$)",
    re.I,
)


# Commands that show names and metadata (size, mode, times), never a file's bytes: listing
# ~/.aws or ~/.ssh tells which files exist, it does not read the keys in them.
LISTS = frozenset({"ls", "stat", "du", "tree", "exa", "eza", "lsd", "dir", "vdir", "cd"})
LISTS |= frozenset({"pushd", "realpath", "readlink", "namei"})


# Folders of the owner's own programs, early on PATH: a new tool there is the owner's to run;
# a file named like a command the owner already runs would stand in for it.
USER_BINS = (".local/bin", "bin")
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
