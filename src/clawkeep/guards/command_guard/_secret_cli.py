"""CLI sub-commands that print a stored secret: the ones named in a table (``gh auth
token``, ``pass show``), and any platform CLI whose sub-command words say it reveals a
secret, token, password or key (``aws secretsmanager get-secret-value``, ``gcloud secrets
versions access``, ``az keyvault secret show``, ``heroku auth:token``, ``kubectl get secret
-o yaml``), or that is asked to show one (``--show-token``, ``--with-decryption``).
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["SECRET_CLI_RULES", "SECRET_TABLE"]

# CLI sub-commands that print a stored secret (tokens, keys, passwords).
_SECRET_VERBS: dict[str, tuple[tuple[str, ...], ...]] = {
    "gh": (("auth", "token"), ("auth", "status", "--show-token"), ("auth", "status", "-t")),
    "glab": (("auth", "status", "-t"),),
    "aws": (
        ("configure", "export-credentials"),
        ("ecr", "get-login-password"),
    ),
    "gcloud": (("auth", "print-access-token"), ("auth", "print-identity-token")),
    "az": (("account", "get-access-token"), ("acr", "login", "--expose-token")),
    "security": (
        ("find-generic-password",),
        ("find-internet-password",),
        ("dump-keychain",),
        ("export",),
        ("find-identity", "-p", "codesigning", "-v", "--export"),
    ),
    "secret-tool": (("lookup",), ("search",)),  # search prints each match's secret too
    "kwallet-query": (("-r",), ("--read-password",)),
    "pass": (("show",),),
    "kubectl": (("config", "view", "--raw"),),
    "gpg": (("--export-secret-keys",), ("--export-secret-subkeys",)),
    "git": (("credential", "fill"), ("config", "--get", "credential.helper")),
    "docker-credential-desktop": (("get",),),
    "vault": (("read",), ("kv", "get")),
    "op": (("read",), ("item", "get")),
    "keyctl": (("print",), ("pipe",), ("read",)),
    "bw": (("get", "password"), ("get", "item"), ("export",)),
    "lpass": (("show",),),
    "getent": (("shadow",), ("gshadow",)),
}


def _shown(values: list[str]) -> bool:
    """security find-*-password -w (the password) or -g (the password with the item)."""
    return any(re.fullmatch(r"-[A-Za-z]*[wg][A-Za-z]*", v) for v in values)


def _secret_cli(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if w.login_feed == (cmd.word, *values):
        return  # a registry token piped straight into its own registry's login: never shown
    if cmd.name in _PLATFORM_CLIS and (why := _reveals(cmd.name, values)) is not None:
        # credential_read: the sub-command prints a stored secret to the agent
        w.flag("credential_read", f"{cmd.name} {why} prints a stored secret")
        return
    for verbs in _SECRET_VERBS.get(cmd.name, ()):
        if cmd.name == "security" and verbs[0].endswith("-password") and not _shown(values):
            continue  # without -w or -g it prints the item's attributes, not its secret
        if all(v in values for v in verbs):
            w.flag("credential_read", f"{cmd.name} {' '.join(verbs)} prints a stored secret")
            return


# Clouds', forges' and platforms' CLIs, whose sub-command words say what they do.
_PLATFORM_CLIS = frozenset(
    {"gh", "glab", "heroku", "fly", "flyctl", "vercel", "netlify", "doctl", "gcloud", "az"}
    | {"aws", "kubectl", "oc", "vault", "op", "bw", "npm", "pnpm", "yarn", "helm", "pulumi"}
    | {"wrangler", "railway", "supabase", "firebase", "stripe", "linode-cli", "hcloud", "scw"}
    | {"ibmcloud", "oci", "aliyun", "consul", "nomad", "eksctl", "databricks", "doppler"}
    | {"infisical", "akeyless", "conjur", "gopass", "sops", "render", "koyeb", "exo", "upctl"}
)
_SECRET_NOUNS = frozenset(
    {"secret", "secrets", "token", "tokens", "password", "passwords", "credential"}
    | {"credentials", "creds", "apikey", "apikeys", "passphrase", "keyvault"}
)
# What every noun above holds, in lower case: a word without one names no secret (its
# pieces are lower-cased parts of it; lower-casing never makes or breaks ASCII letters).
_NOUN_MARKS = ("secret", "token", "password", "cred", "apikey", "passphrase", "keyvault")
# and how each option `_REVEAL_OPTIONS` matches starts, in lower case
_MARKS = (*_NOUN_MARKS, "--show-", "--reveal", "--with-decryption", "--decrypt", "--plaintext")
_REVEAL_VERBS = frozenset(
    {"get", "show", "read", "print", "access", "view", "reveal", "export", "value", "fill"}
    | {"lookup", "dump", "decrypt", "download", "cat", "display", "fetch", "retrieve"}
    | {"extract", "unseal", "copy"}
)
_REVEAL_OPTIONS = re.compile(
    r"^--(show-(token|secrets?|password)|reveal|with-decryption|decrypt|plaintext)$"
)
_LISTING_OUTPUT = frozenset({"name", "wide"})


def _reveals(name: str, values: list[str]) -> str | None:
    """The words that make a platform CLI print a secret, or None."""
    low = "\n".join(values).lower()
    if not any(mark in low for mark in _MARKS):
        return None  # no reveal option and no word holding a secret's noun
    shown = next((v for v in values if _REVEAL_OPTIONS.match(v)), None)
    if shown is not None:
        return shown
    words = [v for v in values if not v.startswith("-") and re.fullmatch(r"[\w:.,/-]+", v)][:8]
    if "get-credentials" in values and not _to_stdout(values):
        return None  # writes the cluster's entry into the kubeconfig; prints nothing
    pieces = [p.lower() for word in words for p in re.split(r"[-_:.,/]", word) if p]
    nouns = [p for p in pieces if p in _SECRET_NOUNS]
    if not nouns:
        return None
    if name in ("kubectl", "oc") and "get" in pieces:
        # `kubectl get secrets` lists names; an output format prints the values too
        shapes = [re.sub(r"^(-o=?|--output=?)", "", v) for v in values if v.startswith("-o")]
        shapes += [b for a, b in itertools.pairwise(values) if a in ("-o", "--output")]
        shapes += [v.split("=", 1)[1] for v in values if v.startswith("--output=")]
        given = any(s and s not in _LISTING_OUTPUT and not _fields_only(s) for s in shapes)
        given |= any(v.startswith("--template") for v in values)  # a template prints data
        return " ".join(words[:3]) + " -o" if given else None
    if set(pieces) & _REVEAL_VERBS:
        return " ".join(words[:4])
    if {"token", "tokens"} & set(nouns) and {"auth", "create", "new"} & set(pieces):
        return " ".join(words[:3])  # `flyctl auth token`, `kubectl create token SA`
    return None


def _to_stdout(values: list[str]) -> bool:
    """``az aks get-credentials --file -``: the kubeconfig printed instead of written."""
    pairs = itertools.pairwise(values)
    return any(a in ("-f", "--file") and b == "-" for a, b in pairs) or "--file=-" in values


# jsonpath pieces that name no secret value: the object's kind, type and metadata
_SAFE_PATH = re.compile(
    r"\s*(range\s+\.items(\[[^\]]*\])?|(\.items(\[[^\]]*\])?)?"
    r"\.(metadata(\.[\w-]+)*|type|kind|apiVersion))\s*"
)


def _fields_only(shape: str) -> bool:
    """``-o jsonpath='{.type}'``: a template that prints only metadata, never ``.data``."""
    if not shape.startswith("jsonpath="):
        return False
    parts = re.findall(r"\{([^{}]*)\}", shape)
    return bool(parts) and all(
        p.strip() in ("end", "") or re.fullmatch(r'\s*"[^"]*"\s*', p) or _safe(p) for p in parts
    )


def _safe(part: str) -> bool:
    return _SAFE_PATH.fullmatch(part) is not None


SECRET_TABLE = tuple(_SECRET_VERBS)  # their rule stands in the table's place, as before
SECRET_CLI_RULES: dict[str, Rule] = {name: _secret_cli for name in _SECRET_VERBS}
SECRET_CLI_RULES |= {name: _secret_cli for name in _PLATFORM_CLIS}
