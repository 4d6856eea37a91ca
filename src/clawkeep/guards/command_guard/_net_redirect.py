"""Traffic the line sends through a host it names, or with certificate checks off: a proxy,
an API base URL, a pinned address (``curl --resolve``/``--connect-to``, ``docker run
--add-host``) or a URL rewrite (``git -c url.X.insteadOf=``) pointing at a host nobody
vouches for (see ``unvetted_source``), given to the command it runs. Whatever that command
sends, the credentials its tool adds included, then reaches that host; with the check off
(``-k``, ``NODE_TLS_REJECT_UNAUTHORIZED=0``) even HTTPS is read there.

``redirect_setting`` judges one ``KEY=VALUE`` pair by what it does to later requests; the
settings commands (``_net_trust``) use it for what they store.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["PROXY_VARS", "elsewhere", "redirect_setting", "redirected", "trusted_file"]

# Variables whose value is the proxy every HTTP client of the process goes through.
PROXY_VARS = frozenset(
    {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"}
    | {"FTP_PROXY", "ftp_proxy", "npm_config_proxy", "npm_config_https_proxy"}
    | {"NPM_CONFIG_PROXY", "NPM_CONFIG_HTTPS_PROXY", "CARGO_HTTP_PROXY", "PIP_PROXY"}
    | {"YARN_HTTP_PROXY", "YARN_HTTPS_PROXY", "CLOUDSDK_PROXY_ADDRESS"}
)
# Variables naming the API endpoint an SDK sends its key to.
_ENDPOINT_VARS = frozenset(
    {"OPENAI_BASE_URL", "OPENAI_API_BASE", "ANTHROPIC_BASE_URL", "HF_ENDPOINT"}
    | {"AZURE_OPENAI_ENDPOINT", "GOOGLE_GEMINI_BASE_URL", "MISTRAL_API_BASE", "GROQ_BASE_URL"}
    | {"OLLAMA_HOST", "LITELLM_BASE_URL", "OPENROUTER_BASE_URL", "GITHUB_API_URL", "GH_HOST"}
)
# The providers' own API hosts (a base URL set back to them is no redirect).
_OWN_APIS = (
    "api.openai.com",
    "api.anthropic.com",
    "huggingface.co",
    "openai.azure.com",
    "generativelanguage.googleapis.com",
    "api.mistral.ai",
    "api.groq.com",
    "openrouter.ai",
    "api.github.com",
    "github.com",
)


# Variables that switch certificate checks off when set to these values.
def _set(low: str) -> bool:
    return low not in ("", "0", "false", "no", "off")


def _every(low: str) -> bool:  # GONOSUMDB=* or a list with *: every module unchecked
    return "*" in low.replace("/*", "").split(",") or low.startswith("*")


_TLS_OFF: dict[str, Callable[[str], bool]] = {
    "NODE_TLS_REJECT_UNAUTHORIZED": lambda low: low == "0",
    "PYTHONHTTPSVERIFY": lambda low: low == "0",
    "GIT_SSL_NO_VERIFY": _set,
    "PIP_TRUSTED_HOST": lambda low: elsewhere(low),
    "UV_INSECURE_HOST": lambda low: elsewhere(low),
    "GOINSECURE": _set,
    "GONOSUMCHECK": _set,
    "GOSUMDB": lambda low: low == "off",
    "GONOSUMDB": _every,
    "GOPRIVATE": _every,
    "GOFLAGS": lambda low: "-insecure" in low,
}
# Variables naming the certificates a client trusts.
_CA_VARS = frozenset(
    {"REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS"}
    | {"AWS_CA_BUNDLE", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "PIP_CERT", "NPM_CONFIG_CAFILE"}
    | {"npm_config_cafile", "CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE", "HTTPLIB2_CA_CERTS"}
)
# Where the system's own certificate bundles live.
_SYSTEM_CERTS = (
    "/etc/ssl/",
    "/etc/pki/",
    "/etc/ca-certificates",
    "/usr/share/ca-certificates/",
    "/usr/lib/ssl/",
    "/usr/local/etc/openssl",
    "/opt/homebrew/etc/",
    "/etc/ssl",
)
_ENV_KEYS = PROXY_VARS | _ENDPOINT_VARS | set(_TLS_OFF) | _CA_VARS
_INSTALLERS = frozenset({"pip", "pip3", "uv", "npm", "pnpm", "yarn", "bun", "conda", "poetry"})
_INSTALLER_OPTIONS = frozenset(
    {"proxy", "https-proxy", "trusted-host", "allow-insecure-host", "cert", "cafile"}
    | {"strict-ssl"}
)
_CONTAINERS = frozenset({"docker", "podman", "nerdctl"})
_ONE_SHOT = _INSTALLERS | _CONTAINERS | {"curl", "wget", "git", "apt", "apt-get", "aptitude"}
_INSECURE_FLAGS = frozenset({"-k", "--insecure", "--no-check-certificate", "--proxy-insecure"})
_PINS = frozenset({"--resolve", "--connect-to"})
_CURL_PROXY = frozenset({"-x", "--proxy", "--socks5", "--socks5-hostname", "--socks4"})
_CURL_PROXY |= {"--preproxy", "--socks4a"}
_AUTH = re.compile(r"^\s*(Authorization|Proxy-Authorization|Cookie|[\w-]*(token|key))\s*:", re.I)


def elsewhere(value: str) -> bool:
    """A host or URL nobody vouches for; a value the line does not know (``"$HTTPS_PROXY"``,
    the owner's own proxy in the environment) is not judged here."""
    value = value.strip().strip("'\"")
    if not value or UNKNOWN in value or value.lower() in ("none", "false", "off", "direct"):
        return False
    for part in re.split(r"[,\s|]+", value):
        scp = re.match(r"^[\w.-]+@([\w.-]+):", part)  # git@203.0.113.7: in a URL rewrite
        part = "ssh://" + scp.group(1) + "/" if scp is not None else part
        if part and unvetted_source(part if "://" in part else "http://" + part):
            return True
    return False


def trusted_file(value: str, w: Walker) -> bool:
    """A certificate file the owner trusts already: the system's bundles, or the workspace's."""
    value = value.strip().strip("'\"")
    if not value:
        return False  # CURL_CA_BUNDLE="": older Requests then check nothing
    if UNKNOWN in value:
        return True
    found = w.place(value)
    return found.path.startswith(_SYSTEM_CERTS) or found.kind in ("workspace", "workspace_root")


def redirect_setting(key: str, value: str, w: Walker) -> str | None:
    """What setting KEY to VALUE does to later requests, or None when nothing the guard
    refuses: a proxy or endpoint elsewhere, certificate checks off, a certificate trusted."""
    bare = re.split(r"[./]", key)[-1].lower().replace("_", "-")
    low = value.strip().strip("'\"").lower()
    if key in PROXY_VARS or bare in ("proxy", "https-proxy", "httpsproxy", "http-proxy"):
        return f"sends later requests through {value}" if elsewhere(value) else None
    if bare in ("httpproxy", "proxy-url") or (bare == "address" and "proxy" in key):
        return f"sends later requests through {value}" if elsewhere(value) else None
    if key in _ENDPOINT_VARS:
        host = re.sub(r"^\w+://", "", low).split("/", 1)[0].split(":", 1)[0]
        if elsewhere(value) and not any(host == a or host.endswith("." + a) for a in _OWN_APIS):
            return f"sends the API key of later calls to {value}"
        return None
    off = _TLS_OFF.get(key)
    if off is not None:
        return f"turns certificate or checksum checks off ({key}={value})" if off(low) else None
    if bare in ("sslverify", "strict-ssl", "enablestrictssl", "ssl-verify", "verify-ssl"):
        if low in ("false", "0", "no", "off"):
            return f"turns certificate checks off ({key}={value})"
        return None
    if bare in (
        "trusted-host",
        "insecure-host",
        "allow-insecure-host",
    ):  # plain HTTP or any certificate from there
        return f"turns certificate checks off for {value}" if elsewhere(low) else None
    if bare in ("insecure-skip-tls-verify", "disable-ssl-validation"):
        if low not in ("false", "0", "no", "off", ""):
            return f"turns certificate checks off ({key}={value})"
        return None
    insecure = (bare == "secure-http" and low in ("false", "0")) or (
        bare == "disable-tls" and low in ("true", "1")
    )
    if insecure:
        return f"turns certificate checks off ({key}={value})"
    ca = key in _CA_VARS or bare in ("cafile", "cert", "ca-bundle", "sslcainfo", "sslcapath")
    ca = ca or bare in ("cafilepath", "custom-ca-certs-file", "certificate-authority")
    if ca and not trusted_file(value, w):
        return f"trusts the certificates in {value or 'nothing (empty bundle)'}"
    return None


def _sends_credential(cmd: Cmd) -> bool:
    previous = ""
    for arg in cmd.args:
        if arg.secrets or (previous in ("-u", "--user", "--proxy-user") and arg.text):
            return True
        if previous in ("-H", "--header") and _AUTH.match(arg.text):
            return True
        if arg.text.startswith("--header=") and _AUTH.match(arg.text.split("=", 1)[1]):
            return True
        if re.match(r"^\w+://[^/@\s]+:[^/@\s]+@", arg.text):  # user:password in the URL
            return True
        previous = arg.text
    return False


def _one_shot(cmd: Cmd, w: Walker) -> list[str]:
    """What this command's own options redirect: curl pins and proxies, wget -e settings,
    git -c settings, docker --add-host, apt -o Acquire options."""
    values = cmd.values()
    found: list[str] = []
    for i, value in enumerate(values):
        nxt = values[i + 1] if i + 1 < len(values) else ""
        opt, eq, inline = value.partition("=")
        given = inline if eq and opt.startswith("--") else nxt
        if cmd.name == "curl" and opt in _PINS:
            target = given.split(":", 2)[-1].rsplit(":", 1)[0] if opt == "--connect-to" else ""
            target = target or given.split(":", 2)[-1]
            if elsewhere(target.strip("[]")):
                found.append(f"curl sends {given.split(':', 1)[0]}'s requests to {target}")
        elif cmd.name == "curl" and opt in _CURL_PROXY and elsewhere(given):
            found.append(f"curl sends its request through {given}")
        elif cmd.name == "wget" and value in ("-e", "--execute") and "=" in nxt:
            key, _, setting = nxt.partition("=")
            if (why := redirect_setting(key.strip(), setting.strip(), w)) is not None:
                found.append(f"wget {why}")
        elif cmd.name == "git" and value == "-c" and "=" in nxt:
            key, _, setting = nxt.partition("=")
            rewrite = re.match(r"url\.(.+)\.(push)?insteadof$", key, re.I)
            if rewrite is not None and elsewhere(rewrite.group(1)):
                found.append(f"git fetches and pushes {setting} through {rewrite.group(1)}")
            elif (why := redirect_setting(key, setting, w)) is not None:
                found.append(f"git {why}")
        elif cmd.name in _INSTALLERS and opt.lstrip("-") in _INSTALLER_OPTIONS:
            setting = (inline if eq else nxt) if opt != "--strict-ssl" or eq else "true"
            if (why := redirect_setting(opt.lstrip("-"), setting, w)) is not None:
                found.append(f"{cmd.name} {why}")
        elif cmd.name in _CONTAINERS and opt in ("-e", "--env") and "=" in given:
            key, _, setting = given.partition("=")
            why = redirect_setting(key, setting, w) if key in _ENV_KEYS else None
            if why is not None:
                found.append(f"the container {why}")
        elif cmd.name in _CONTAINERS and opt == "--add-host":
            address = given.rsplit(":", 1)[-1] if ":" in given else given.rsplit("=", 1)[-1]
            if address != "host-gateway" and elsewhere(address):
                found.append(f"the container's {given.split(':', 1)[0]} resolves to {address}")
        elif cmd.name in ("apt", "apt-get", "aptitude") and value == "-o" and "=" in nxt:
            key, _, setting = nxt.partition("=")
            low = key.lower()
            if low.startswith("acquire::") and low.endswith("::proxy") and elsewhere(setting):
                found.append(f"apt fetches packages through {setting}")
            elif _apt_unsigned(low, setting.lower()):
                found.append(f"apt takes packages nobody signed ({nxt})")
    return found


def _apt_unsigned(key: str, setting: str) -> bool:
    """apt told to accept unsigned repositories or packages, or to skip the TLS check."""
    if re.search(r"allowinsecure|allowunauthenticated|allowdowngrade", key):
        return setting in ("true", "1", "yes")
    return bool(re.search(r"verify-peer|verify-host", key)) and setting in ("false", "0", "no")


def redirected(cmd: Cmd, w: Walker) -> None:
    """Any command: the proxy, endpoint and trust settings of the environment the line gave
    it, and its own options that redirect its requests."""
    if cmd.redirects or cmd.name == "tee":  # `_dotenv`'s own first test
        _dotenv(cmd, w)
    if cmd.name in ("export", "unset", "echo", "printf", "true", ":", "cd", "test", "["):
        return
    # in a fixed order: the first setting found is the one the refusal names, every run
    for key in (
        () if _ENV_KEYS.isdisjoint(w.env.values) else sorted(_ENV_KEYS & w.env.values.keys())
    ):
        value = w.env.values[key]
        if value is None or (key in PROXY_VARS and not elsewhere(value)):
            continue
        why = redirect_setting(key, value, w)
        if why is not None and (key not in _TLS_OFF or _insecure_reach(cmd, w)):
            # exfiltration: the command's requests, its tool's credentials with them, go
            # where the line pointed them, or are read there with the check off
            w.flag("exfiltration", f"{cmd.name} runs with {key} set: {why}")
            return
    if cmd.name not in _ONE_SHOT:
        return
    pins = _one_shot(cmd, w)
    if not pins:
        return
    insecure = bool(_INSECURE_FLAGS & set(cmd.values())) or _sends_credential(cmd)
    for why in pins:
        if cmd.name != "curl" or insecure or "through" in why:
            # exfiltration: the request (and any credential on it) goes to that host
            w.flag("exfiltration", why)
            return


def _insecure_reach(cmd: Cmd, w: Walker) -> bool:
    """Certificate checks off matter where the line also redirects the traffic."""
    return any(k in PROXY_VARS and elsewhere(v or "") for k, v in w.env.values.items()) or (
        cmd.name in ("go", "pip", "pip3", "uv", "npm", "git")
    )


_DOTENV = re.compile(r"(^|/)\.env(\.[\w.-]+)?$|\.env$")
_ASSIGN = re.compile(r"^\s*(?:export\s+)?([A-Za-z_]\w*)=(.*)$", re.M)


def _dotenv(cmd: Cmd, w: Walker) -> None:
    """A dotenv file this command wrote (``.env``, ``.env.local``): every program that loads
    it later runs with the settings it holds."""
    if not cmd.redirects and cmd.name != "tee":
        return
    targets = [r.target.text for r in cmd.redirects if r.op in (">", ">>", ">|") and r.target]
    if cmd.name == "tee":
        targets += [v for v in cmd.values() if not v.startswith("-")]
    for target in targets:
        if ".env" not in target:
            continue
        path = w.place(target).path
        text = w.written.get(path)
        if text is None and cmd.name == "tee" and cmd.stdin is not None:
            text = cmd.stdin.text  # what the pipe feeds tee, written before its rule runs
        if not _DOTENV.search(path) or text is None:
            continue
        for key, value in _ASSIGN.findall(text):
            why = redirect_setting(key, value, w) if key in _ENV_KEYS else None
            if why is not None:
                # persistence: every later program that loads the file is redirected
                w.flag("persistence", f"{path} sets {key}: {why}")
                return
