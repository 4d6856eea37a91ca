"""Cloud and cluster control-plane actions, by what they change: the account's audit log or
threat detection switched off (``anti_forensics``), access granted to another principal or
to everyone (``privilege``), a credential minted and printed (``credential_read``), and a
command handed to another host through the cloud's agent (judged as the script it is, as
``ssh host CMD`` is). Listings, describes and a project's own deploys stay allowed. Also
a loader or command variable written into an environment file known only at run time (a
CI runner's ``$GITHUB_ENV``: every later step starts with it).
"""

from __future__ import annotations

import json
import re

from clawkeep.guards.command_guard._echo import echo_text
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._walk_vars import COMMAND_VARS, LOADER_VARS
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["CLOUD_RULES"]

# (service words, verbs): the words that must lead the sub-command, then any one verb.
_Row = tuple[tuple[str, ...], frozenset[str]]

# The account's audit trail, log sinks and threat detectors turned off or emptied.
_AUDIT_OFF: dict[str, tuple[_Row, ...]] = {
    "aws": (
        (("cloudtrail",), frozenset({"stop-logging", "delete-trail", "put-event-selectors"})),
        (("cloudtrail",), frozenset({"update-trail", "delete-event-data-store"})),
        (("guardduty",), frozenset({"delete-detector", "create-ip-set", "update-ip-set"})),
        (("guardduty",), frozenset({"disassociate-from-master-account", "delete-members"})),
        (("guardduty",), frozenset({"disassociate-from-administrator-account"})),
        (("guardduty",), frozenset({"delete-publishing-destination", "create-filter"})),
        (("ec2",), frozenset({"delete-flow-logs"})),
        (("logs",), frozenset({"delete-log-group", "delete-log-stream"})),
        (("logs",), frozenset({"delete-subscription-filter"})),
        (("config",), frozenset({"stop-configuration-recorder", "delete-delivery-channel"})),
        (("config",), frozenset({"delete-configuration-recorder"})),
        (("securityhub",), frozenset({"disable-security-hub", "batch-disable-standards"})),
        (("access-analyzer",), frozenset({"delete-analyzer"})),
        (("macie2",), frozenset({"disable-macie"})),
        (("detective",), frozenset({"delete-graph"})),
        (("inspector2",), frozenset({"disable"})),
        (("organizations",), frozenset({"leave-organization"})),
    ),
    "gcloud": (
        (("logging", "sinks"), frozenset({"delete", "update"})),
        (("logging", "buckets"), frozenset({"delete", "update"})),
        (("logging", "logs"), frozenset({"delete"})),
        (("logging", "settings"), frozenset({"update"})),
    ),
    "az": (
        (("monitor", "diagnostic-settings"), frozenset({"delete", "update"})),
        (("monitor", "log-analytics", "workspace"), frozenset({"delete"})),
        (("monitor", "log-profiles"), frozenset({"delete"})),
        (("security", "auto-provisioning-setting"), frozenset({"update"})),
    ),
}
# Access granted: policies attached, trust widened, resources shared or made public.
_GRANTS: dict[str, tuple[_Row, ...]] = {
    "aws": (
        (("iam",), frozenset({"attach-user-policy", "attach-role-policy", "attach-group-policy"})),
        (("iam",), frozenset({"put-user-policy", "put-role-policy", "put-group-policy"})),
        (("iam",), frozenset({"update-assume-role-policy", "add-user-to-group"})),
        (("iam",), frozenset({"create-policy-version", "set-default-policy-version"})),
        (("lambda",), frozenset({"add-permission", "add-layer-version-permission"})),
        (("s3api",), frozenset({"put-bucket-policy", "put-bucket-acl", "put-object-acl"})),
        (("s3api",), frozenset({"delete-public-access-block", "put-public-access-block"})),
        (("ec2",), frozenset({"modify-snapshot-attribute", "modify-image-attribute"})),
        (("rds",), frozenset({"modify-db-snapshot-attribute"})),
        (("rds",), frozenset({"modify-db-cluster-snapshot-attribute"})),
        (("ecr",), frozenset({"set-repository-policy"})),
        (("kms",), frozenset({"create-grant", "put-key-policy"})),
        (("sns",), frozenset({"add-permission"})),
        (("sqs",), frozenset({"add-permission"})),
        (("secretsmanager",), frozenset({"put-resource-policy"})),
    ),
    "az": (
        (("role", "assignment"), frozenset({"create"})),
        (("role", "definition"), frozenset({"create", "update"})),
        (("ad", "app", "permission"), frozenset({"grant", "admin-consent"})),
        (("ad", "group", "member"), frozenset({"add"})),
        (("keyvault",), frozenset({"set-policy"})),
        (("storage", "container"), frozenset({"set-permission"})),
    ),
    "gsutil": ((("iam",), frozenset({"ch", "set"})), (("acl",), frozenset({"ch", "set"}))),
}
_GRANT_SUFFIXES = ("add-iam-policy-binding", "set-iam-policy")  # gcloud, any resource
_OPEN_CIDR = re.compile(r"(^|[\s=,\[{\"'])(0\.0\.0\.0/0|::/0)")
# Credentials minted and printed to the caller.
_MINTS: dict[str, tuple[_Row, ...]] = {
    "aws": (
        (("iam",), frozenset({"create-access-key", "create-login-profile"})),
        (("iam",), frozenset({"update-login-profile", "create-service-specific-credential"})),
        (("iam",), frozenset({"reset-service-specific-credential"})),
        (("sts",), frozenset({"get-session-token", "get-federation-token"})),
    ),
    "gcloud": (
        (("iam", "service-accounts", "keys"), frozenset({"create"})),
        (("iam", "service-accounts"), frozenset({"sign-jwt", "sign-blob"})),
        (("sql", "users"), frozenset({"set-password"})),
    ),
    "az": (
        (("storage", "account", "keys"), frozenset({"list", "renew"})),
        (("storage", "account"), frozenset({"show-connection-string", "generate-sas"})),
        (("storage", "container"), frozenset({"generate-sas"})),
        (("storage", "blob"), frozenset({"generate-sas"})),
        (("ad", "sp", "credential"), frozenset({"reset"})),
        (("ad", "app", "credential"), frozenset({"reset"})),
        (("ad", "sp"), frozenset({"create-for-rbac"})),
        (("disk",), frozenset({"grant-access"})),
        (("snapshot",), frozenset({"grant-access"})),
        (("cosmosdb", "keys"), frozenset({"list"})),
        (("redis",), frozenset({"list-keys"})),
        (("acr", "credential"), frozenset({"show", "renew"})),
    ),
}
_NPM_SECRET_KEY = re.compile(r"(^|:)(_authToken|_auth|_password|npmAuthToken)$", re.I)
_AWS_SECRET_KEY = re.compile(r"(^|\.)(aws_)?(secret_access_key|session_token)$", re.I)
# the kubelet's endpoints that run commands or hand out pods' specs, logs and settings
# (metrics, stats and health stay readable)
_NODE_PROXY = re.compile(
    r"/nodes/[^/]+/proxy/(run|exec|attach|portforward|pods|runningpods|logs|configz|debug"
    r"|containerlogs|cri)\b",
    re.I,
)
_AWS_AUTH = re.compile(r"(^|/)aws-auth$")
_EVENTS = re.compile(r"^(ev|events?)([./]|$)")  # events, event.events.k8s.io, ev/NAME
_CHANGES = ("patch", "edit", "replace", "apply", "set", "label", "annotate")


def _words(values: list[str]) -> list[str]:
    """The words that are not options. Option values stay in (``--profile prod``): which
    options take one differs by tool, so sub-commands are searched for, not counted."""
    return [v.lower() for v in values if not v.startswith("-")]


def _after(words: list[str], lead: tuple[str, ...] | list[str]) -> list[str] | None:
    """The words after ``lead`` where it stands among the first words, or None."""
    size = len(lead)
    for i in range(min(9, len(words))):  # past global options and their values
        if tuple(words[i : i + size]) == tuple(lead):
            return words[i + size :]
    return None


def _has(words: list[str], *lead: str) -> bool:
    return _after(words, lead) is not None


def _hit(words: list[str], rows: tuple[_Row, ...]) -> str | None:
    for lead, verbs in rows:
        rest = _after(words, lead)
        if rest and rest[0] in verbs:
            return " ".join((*lead, rest[0]))
    return None


def _cloud(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    words = _words(values)
    if (why := _hit(words, _AUDIT_OFF.get(cmd.name, ()))) is not None:
        # anti_forensics: the account's audit trail or threat detection stops recording
        w.flag("anti_forensics", f"{cmd.name} {why} switches the account's audit or detection off")
        return
    if _has(words, "guardduty", "update-detector") and _disables(values):
        # anti_forensics: the threat detector stays but stops looking
        w.flag("anti_forensics", f"{cmd.name} guardduty update-detector disables detection")
        return
    if (why := _lifecycle_purge(words, values)) is not None:
        # destructive_delete: an expiry rule on the whole bucket deletes every object in it
        w.flag("destructive_delete", f"{cmd.name} {why} expires every object of a bucket")
        return
    grant = _hit(words, _GRANTS.get(cmd.name, ()))
    if grant is None and cmd.name == "gcloud":
        grant = next((v for v in words if v.endswith(_GRANT_SUFFIXES)), None)
    if grant is None and _has(words, "ec2", "authorize-security-group-ingress"):
        grant = "ec2 authorize-security-group-ingress" if _open(values) else None
    if grant is not None:
        # privilege: another principal (or everyone) gains access to the account's resources
        w.flag("privilege", f"{cmd.name} {grant} grants access to the account's resources")
        return
    if (why := _mint(cmd.name, words, values)) is not None:
        # credential_read: a new or stored credential is printed to the caller
        w.flag("credential_read", f"{cmd.name} {why} prints a credential")
        return
    _remote_command(cmd, w, words, values)


def _disables(values: list[str]) -> bool:
    joined = " ".join(values).lower()
    return "--no-enable" in values or bool(re.search(r"--enable[= ]false", joined))


def _open(values: list[str]) -> bool:
    return any(_OPEN_CIDR.search(v) for v in values)


def _lifecycle_purge(words: list[str], values: list[str]) -> str | None:
    if not _has(words, "s3api", "put-bucket-lifecycle-configuration"):
        return None
    text = " ".join(values).replace(" ", "")
    whole = re.search(r'"Filter":\{\}|"Prefix":""|"Filter":\{"Prefix":""\}', text)
    expires = re.search(r'"(Noncurrent)?(Version)?Expiration"', text)
    return "s3api put-bucket-lifecycle-configuration" if whole and expires else None


def _mint(name: str, words: list[str], values: list[str]) -> str | None:
    if (why := _hit(words, _MINTS.get(name, ()))) is not None:
        return why
    user_data = any(v.lower() in ("userdata", "--attribute=userdata") for v in values)
    if name == "aws" and _has(words, "ec2", "describe-instance-attribute") and user_data:
        return "ec2 describe-instance-attribute userData"  # the bootstrap secrets it started with
    keys = _after(words, ("configure", "get")) if name == "aws" else None
    if keys and (_AWS_SECRET_KEY.search(keys[0]) or UNKNOWN in keys[0]):
        return "configure get"  # a secret key, or one known only at run time
    if name in ("npm", "pnpm", "yarn"):
        keys = _after(words, ("config", "get")) or _after(words, ("get",)) or []
        if any(_NPM_SECRET_KEY.search(k) for k in keys):
            return "config get"
    return None


def _kube_rule(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    words = _words(values)
    deleted = _after(words, ("delete",)) or []
    if deleted and _EVENTS.match(deleted[0]):
        # anti_forensics: the cluster's events are its record of what was scheduled and run
        w.flag("anti_forensics", f"{cmd.name} delete events erases the cluster's event record")
        return
    raw = next((values[i + 1] for i, v in enumerate(values[:-1]) if v == "--raw"), "")
    raw = raw or next((v.split("=", 1)[1] for v in values if v.startswith("--raw=")), "")
    if raw and _NODE_PROXY.search(raw):
        # privilege: the kubelet API runs commands in every pod of the node
        w.flag("privilege", f"{cmd.name} --raw {raw} reaches a node's kubelet API")
        return
    made = _after(words, ("create",)) or []
    if made[:1] in (["clusterrole"], ["role"]):
        lists = [v.split("=", 1)[-1] for v in values] + values
        if any("*" in (p.strip("'\" ") for p in v.split(",")) for v in lists):
            # privilege: a role that may do anything to any resource
            w.flag("privilege", f"{cmd.name} create {made[0]} grants every verb or resource")
            return
    changed = next((_after(words, (v,)) for v in _CHANGES if _has(words, v)), None) or []
    if any(_AWS_AUTH.search(n) for n in changed[:2]):
        # privilege: aws-auth maps cloud identities to the cluster's groups (masters)
        w.flag("privilege", f"{cmd.name} aws-auth changed: maps an identity into the cluster")


def _remote_command(cmd: Cmd, w: Walker, words: list[str], values: list[str]) -> None:
    """A command the cloud's agent runs on another host, judged as that script."""
    texts: list[str] = []
    if cmd.name == "aws" and _has(words, "ssm", "send-command"):
        texts = _ssm_commands(_option(values, "--parameters"))
    elif cmd.name == "az" and _has(words, "vm", "run-command", "invoke"):
        texts = _list(values, "--scripts")
    elif cmd.name == "az" and _has(words, "vm", "run-command", "create"):
        texts = _list(values, "--script")
    elif cmd.name == "az" and (_has(words, "vm", "extension") or _has(words, "vmss", "extension")):
        for opt in ("--settings", "--protected-settings"):
            texts += _json_commands(_option(values, opt))
    elif cmd.name == "gcloud" and _has(words, "compute", "instances", "add-metadata"):
        meta = _option(values, "--metadata")
        if re.search(r"(^|,)(ssh-keys|sshKeys)=", meta):
            # persistence: a key in the metadata opens a login on every matching instance
            w.flag("persistence", "gcloud compute instances add-metadata adds an ssh key")
            return
        texts = re.findall(r"startup-script=(.*)", meta)
    for text in texts:
        # judged as if it ran here, as ssh's remote command is
        w.script(text, f"{cmd.name} remote command")


def _option(values: list[str], name: str) -> str:
    for i, v in enumerate(values):
        if v == name and i + 1 < len(values):
            return values[i + 1]
        if v.startswith(name + "="):
            return v.split("=", 1)[1]
    return ""


def _list(values: list[str], name: str) -> list[str]:
    """The values an option takes up to the next option (az's space-separated lists)."""
    if name not in values:
        return []
    rest = values[values.index(name) + 1 :]
    out: list[str] = []
    for v in rest:
        if v.startswith("--"):
            break
        out.append(v)
    return out


def _ssm_commands(text: str) -> list[str]:
    text = text.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return [text]
        got = data.get("commands", []) if isinstance(data, dict) else []
        return [str(c) for c in (got if isinstance(got, list) else [got])]
    m = re.match(r"commands=(.*)$", text, re.S)
    if m is None:
        return [text] if text else []
    value = m.group(1).strip()
    if value.startswith("["):
        try:
            listed = json.loads(value)
        except ValueError:
            listed = value[1:].rstrip("]").split(",")  # shorthand: [uptime,df -h]
        return [str(c).strip("\"'") for c in (listed if isinstance(listed, list) else [listed])]
    return [value.strip("\"'")]


def _json_commands(text: str) -> list[str]:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return [text]
    if not isinstance(data, dict):
        return []
    got = [data.get(k) for k in ("commandToExecute", "script", "commands")]
    return [str(c) for c in got if c]


# Files a CI runner reads after the step as folders to put ahead of ``PATH`` (one a line);
# the variable names them only at run time.
_PATH_FILES = frozenset({"GITHUB_PATH", "GITEA_PATH", "FORGEJO_PATH"})
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_]\w*)=", re.M)


def _env_file(cmd: Cmd, w: Walker) -> None:
    """``echo "LD_PRELOAD=…" >> "$GITHUB_ENV"``: a file named only at run time gets a
    variable that makes later programs load or run code (``cat <<EOF``, ``tee -a`` too)."""
    targets = [r.target for r in cmd.redirects if r.op in (">", ">>", ">|") and r.target]
    targets += [a for a in cmd.args if cmd.name == "tee" and not a.text.startswith("-")]
    if all(t.static for t in targets):
        return
    text = echo_text(cmd.name, cmd.args) if cmd.name in ("echo", "printf") else None
    if text is None and cmd.name in ("echo", "printf"):
        text = " ".join(a.text for a in cmd.args)  # known parts; `$PATH` stays unknown
    text = text if text is not None else "\n".join(cmd.fed_texts())
    names = set(_ENV_LINE.findall(text))
    if any(set(t.names) & _PATH_FILES for t in targets):
        text += "\nPATH=" + ":".join(text.split())  # each line a folder put ahead of PATH
    hooks = names & (LOADER_VARS | COMMAND_VARS | {"ENV", "LD_AUDIT", "JAVA_TOOL_OPTIONS"})
    for value in re.findall(r"^\s*(?:export\s+)?PATH=[\"']?([^\"'\n]*)", text, re.M):
        entries = value.split(":")
        temps = [e for e in entries if e and UNKNOWN not in e and w.place(e).kind == "temp"]
        if temps or any(e.startswith("/dev/shm/") for e in entries):  # noqa: S108
            hooks.add("PATH")  # a world-writable folder ahead of the programs later steps run
    if hooks:
        # persistence: later steps read the file as their environment and load the hook
        w.flag("persistence", f"{cmd.name} writes {min(hooks)}= into an environment file")


CLOUD_RULES: dict[str, Rule] = {name: _cloud for name in ("aws", "gcloud", "az", "gsutil")}
CLOUD_RULES |= {name: _cloud for name in ("npm", "pnpm", "yarn")}
CLOUD_RULES |= {"kubectl": _kube_rule, "oc": _kube_rule}
CLOUD_RULES |= {name: _env_file for name in ("echo", "printf", "cat", "tee")}
