"""Whether a program sends local data off the machine: a file as a request body, data in a
lookup, a copy to a cloud store or rclone remote, a package published, a gist or release
asset, an AWS parameter read from a file.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._fx_args import HELP, value_of, values_of
from clawkeep.guards.command_guard._fx_serve import serve_root
from clawkeep.guards.command_guard._fx_tables import (
    CLOUD_COPY,
    HTTPIE,
    PUT_SWITCHES,
    SENDS_FILE_OPTION,
    STDIN_BODY,
)
from clawkeep.guards.command_guard._path_tables import APP_SECRETS, SECRET_NAME
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = [
    "UPLOADERS",
    "aws_file_params",
    "cloud_copy",
    "gh",
    "lookup",
    "platform_upload",
    "publish",
    "rclone",
    "sends_file",
]

_LOOPBACK = re.compile(r"^(\w+://)?([^/@]*@)?(localhost|127\.[\d.]+|\[::1\]|::1)([:/]|$)")


def _targets(cmd: Cmd) -> list[str]:
    return [a.text for a in cmd.args if re.match(r"^\w+://|^[\w.-]+\.\w{2,}(/|:|$)", a.text)]


def _fed(cmd: Cmd) -> bool:
    """Standard input comes from a file, a heredoc or another command."""
    if cmd.stdin is not None:
        return True
    return any(
        r.op in ("<", "<<", "<<<") and (r.target is None or r.target.text != "/dev/null")
        for r in cmd.redirects
    )


def _puts(cmd: Cmd) -> bool:
    """``ftpput HOST …`` always uploads; ``tftp -p``/``-pl FILE`` is a put (not a get)."""
    switches = PUT_SWITCHES[cmd.name]
    operands = [a.text for a in cmd.args if not a.text.startswith("-")]
    if operands and _LOOPBACK.match(operands[0] if switches is None else operands[-1]):
        return False  # a server on this machine
    if switches is None:
        return True
    short = [a.text for a in cmd.args if re.match(r"^-[a-zA-Z]+$", a.text)]
    return any(a.text in switches for a in cmd.args) or any("p" in s for s in short)


def sends_file(cmd: Cmd, w: Walker) -> None:
    if set(cmd.values()) & HELP and len(cmd.args) <= 1:
        return
    targets = _targets(cmd)
    if targets and all(_LOOPBACK.match(t) for t in targets):
        return  # a benchmark or request against this machine sends nothing away
    if cmd.name in PUT_SWITCHES and _puts(cmd):
        # exfiltration: the local file is uploaded to the server the line names
        w.flag("exfiltration", f"{cmd.name} uploads a local file to {targets or 'a host'}")
        return
    flags = SENDS_FILE_OPTION.get(cmd.name, frozenset())
    for index in range(len(cmd.args)):
        for flag in flags:
            if value_of(cmd.args, index, flag) is not None:
                # exfiltration: the file's bytes become a request body to another host
                where = targets or "a host"
                w.flag("exfiltration", f"{cmd.name} {flag} sends a local file to {where}")
                return
    if cmd.name in HTTPIE and any(
        re.match(r"^(@|[\w.-]+(=|:=)?@)(?!$)", a.text) for a in cmd.args if a.static
    ):
        w.flag("exfiltration", f"{cmd.name} uploads a local file to {targets or 'a host'}")
        return
    if cmd.name == "siege" and any(re.search(r"\s(POST|PUT)\s*<", a.text) for a in cmd.args):
        w.flag("exfiltration", "siege posts a local file to a host")
        return
    if cmd.name in STDIN_BODY and _fed(cmd):
        post = cmd.name in ("POST", "PUT") or any(
            a.text in ("POST", "PUT", "PATCH") for a in cmd.args
        )
        if post or cmd.name in HTTPIE:
            w.flag("exfiltration", f"{cmd.name} sends its input to {targets or 'a host'}")


# getent's databases that ask a name server (DNS); passwd, group, services … are looked up
# in this machine's files or the owner's directory service.
_GETENT_DNS = frozenset({"hosts", "ahosts", "ahostsv4", "ahostsv6", "networks"})


def lookup(cmd: Cmd, w: Walker) -> None:
    if cmd.name == "getent":
        after_s = {i + 1 for i, a in enumerate(cmd.args) if a.text in ("-s", "--service")}
        names = [
            a for i, a in enumerate(cmd.args) if not a.text.startswith("-") and i not in after_s
        ]
        if names and names[0].static and names[0].text not in _GETENT_DNS:
            return  # getent passwd "$(id -un)": the key stays on this machine
    for arg in cmd.args:
        if not arg.static and not arg.text.startswith("-"):
            # exfiltration: the looked-up name is built from local data at run time
            w.flag("exfiltration", f"{cmd.name} looks up a name built at run time")
            return
        if cmd.name == "whois" and arg.text in ("-h", "--host"):
            w.flag("exfiltration", "whois sends its query to a server of the caller's choice")
            return


_CLOUD_URL = re.compile(r"^(s3|gs|az|wasbs?|abfss?|b2|swift)://|^https://[\w.-]+\.(blob|dfs)\.")
# rclone remotes: `name:path`, `name,opt=v:path`, on-the-fly `:backend,opt=v:path`;
# `local:`/`:local:` are this machine's disk.
_RCLONE_REMOTE = re.compile(r"^(:?[\w.-]+)(,[^:/]*)?:(?!//)")


def _remote_store(cmd: Cmd, text: str) -> bool:
    if _CLOUD_URL.match(text):
        return True
    if cmd.name not in ("rclone", "mc", "mcli"):
        return False
    if UNKNOWN in text.split(":", 1)[0] and ":" in text and "/" not in text.split(":", 1)[0]:
        return True  # "$REMOTE":db — a remote whose name is known only at run time
    if cmd.name in ("mc", "mcli"):
        # mc names a store as ALIAS/BUCKET/KEY, no colon; a path spelled as local (./, /,
        # ~, ..) is this machine, any other first segment is an alias (an object store)
        head = text.split("/", 1)[0]
        return "/" in text.rstrip("/") and head not in ("", ".", "..", "~") and ":" not in head
    match = _RCLONE_REMOTE.match(text)
    return match is not None and match.group(1).lstrip(":") != "local"


def cloud_copy(cmd: Cmd, w: Walker) -> None:
    operands = [a.text for a in cmd.args if not a.text.startswith("-")]
    verbs = CLOUD_COPY[cmd.name]
    at = next((i for i, v in enumerate(operands[:3]) if v in verbs), None)
    if at is None or len(operands) < at + 3:
        return
    source, rest = operands[at + 1], operands[at + 2 :]
    # The destination follows the source; option values (`--transfers 2`) may follow it,
    # so any later operand naming a store counts, when the source is a local path.
    remote = next((v for v in rest if _remote_store(cmd, v)), None)
    if remote is None:
        return
    if not _remote_store(cmd, source):
        w.flag("exfiltration", f"{cmd.name} copies local files to {remote}")  # leaves the machine
    elif _store_of(source) != _store_of(remote) and (_CLOUD_URL.match(remote) or remote[0] == ":"):
        # exfiltration: another account's bucket is one name away; the guard cannot tell
        # the owner's stores from others, as for an upload of local files
        w.flag("exfiltration", f"{cmd.name} copies {source} to another store, {remote}")


def _store_of(text: str) -> str:
    """The store an address names: `s3://bucket`, an rclone remote `name:`."""
    if "://" in text:
        scheme, rest = text.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}"
    return text.split(":", 1)[0] + ":"


# -- publishes local files to a registry or mailbox of the caller's choice ---------------
def publish(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if cmd.name == "git":
        if verbs[:1] == ["send-email"]:
            # exfiltration: patches (the workspace's code) mailed to any address
            w.flag("exfiltration", "git send-email mails the repository's changes")
        return
    if cmd.name == "twine" and verbs[:1] == ["upload"]:
        custom = any(v.startswith(("--repository-url", "-r")) for v in values)
    elif cmd.name in ("npm", "yarn", "pnpm", "bun") and "publish" in verbs[:2]:
        custom = any(v.startswith("--registry") for v in values)
    else:
        return
    if custom:
        # exfiltration: the workspace's package uploaded to a registry the line names
        w.flag("exfiltration", f"{cmd.name} publishes the workspace to a registry it names")


def rclone(cmd: Cmd, w: Walker) -> None:
    """rclone copies (the ``CLOUD_COPY`` row) and serves (a file server)."""
    verbs = [a for a in cmd.args if not a.text.startswith("-")]
    if len(verbs) < 2 or verbs[0].text != "serve":
        cloud_copy(cmd, w)
        return
    bind = next(
        (cmd.args[i + 1].text for i, a in enumerate(cmd.args[:-1]) if a.text == "--addr"), None
    )
    bind = bind or next(
        (a.text.split("=", 1)[1] for a in cmd.args if a.text.startswith("--addr=")), None
    )
    root = verbs[2].text if len(verbs) > 2 else "/"
    if ":" in root and not root.startswith("/"):
        return  # a remote, not a local directory
    serve_root(cmd, w, root, f"rclone serve {verbs[1].text}", bind or "127.0.0.1")


def gh(cmd: Cmd, w: Walker) -> None:
    """``gh gist create FILE`` publishes a file; ``gh api -F key=@FILE`` posts one."""
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if verbs[:2] in (["gist", "create"], ["gist", "edit"]) and len(verbs) > 2:
        # exfiltration: a gist is a paste site; the files become readable at a URL
        w.flag("exfiltration", "gh gist uploads local files to a paste site")
        return
    if verbs[:2] == ["repo", "create"] and _repo_create_push(cmd, w):
        return
    if verbs[:1] == ["api"]:
        for index, value in enumerate(values[:-1]):
            if value in ("-F", "--field", "--raw-field", "-f") and "=@" in values[index + 1]:
                w.flag("exfiltration", "gh api posts the contents of a local file")
                return
            if value == "--input" and values[index + 1] != "-":
                w.flag("exfiltration", "gh api sends a local file as the request body")
                return
        for arg in cmd.args:
            # `-f body="$(cat <<'EOF' … EOF)"`: text written on the line, not data read
            typed = all(_HEREDOC_TEXT.match(w.text(node)) for node in arg.substs)
            if (arg.substs and not arg.static and not typed) or arg.computed:
                # exfiltration: a field filled at run time ($(cat .env)) goes in the request
                w.flag("exfiltration", "gh api sends a value computed at run time")
                return


def _repo_create_push(cmd: Cmd, w: Walker) -> bool:
    """``gh repo create NAME --source=. [--remote=NAME] --push``: the workspace's repository
    goes to a repository the line creates, as ``git push`` to a new remote does."""
    values = cmd.values()
    if values_of(cmd.args, ("--source", "-s")):
        remote = values_of(cmd.args, ("--remote", "-r"))
        # the new repository becomes a remote of the workspace: a later `git push` goes there
        w.remotes.add(remote[0] if remote else "origin")
    pushes = any(v == "--push" or (v.startswith("--push=") and v != "--push=false") for v in values)
    if pushes:
        # exfiltration: every commit of the workspace goes to a repository this line made
        w.flag("exfiltration", "gh repo create --push pushes the workspace to a new remote")
    return pushes


_HEREDOC_TEXT = re.compile(r"^\$\(\s*cat\s*<<-?\s*(['\"]?)\w+\1\s*\n")


# Platform CLIs whose sub-command words upload a local file or publish it as a paste.
UPLOADERS = frozenset({"gh", "glab", "az", "gcloud", "doctl", "wrangler", "oci", "ibmcloud"})
UPLOADERS |= frozenset({"aliyun", "linode-cli", "scw", "hcloud", "supabase", "firebase"})


def platform_upload(cmd: Cmd, w: Walker) -> None:
    """``gh release upload``, ``az storage blob upload``, ``glab snippet create FILE``,
    ``wrangler r2 object put``: a local file goes to a store the line picks."""
    words = [v for v in cmd.values() if not v.startswith("-")][:6]
    pieces = {p for word in words for p in re.split(r"[-_:]", word.lower())}
    pasted = bool(pieces & {"gist", "snippet", "snippets", "paste"}) and "create" in pieces
    if _own_release(cmd, words, w):
        return  # the current repository's own release, as `gh release create` (files judged)
    if pieces & {"upload", "put"} or (pasted and len(words) > 2):
        # exfiltration: local bytes uploaded to a store or a paste the line names
        w.flag("exfiltration", f"{cmd.name} {' '.join(words[:3])} uploads local files")


_REPO_VARIABLES = ("GH_REPO", "GH_HOST", "GITLAB_HOST", "GL_HOST", "GITLAB_URI")


def _own_release(cmd: Cmd, words: list[str], w: Walker) -> bool:
    """``gh release upload TAG FILES`` / ``glab release upload``: assets of a release of the
    repository the workspace's git remote names; ``-R``/``--repo``, ``GH_REPO``/``GH_HOST``
    or a remote this line pointed elsewhere (``git remote set-url``) picks another one."""
    if cmd.name not in ("gh", "glab") or words[:2] != ["release", "upload"]:
        return False
    if w.remotes or any(name in w.env.values for name in _REPO_VARIABLES):
        return False
    values = cmd.values()
    if any(v.startswith(("-R", "--repo")) for v in values):
        return False
    operands = [v for v in values if not v.startswith("-")]
    assets = [posixpath.basename(v.split("#", 1)[0]) for v in operands[3:]]
    # a release asset named as secrets (`.env`, `id_rsa`, `*.pem`) is published, not built
    return not any(APP_SECRETS.match(a) or SECRET_NAME.search(a) for a in assets)


def aws_file_params(cmd: Cmd, w: Walker) -> None:
    """``aws … --message file://.env``: the CLI reads the file into the request it sends."""
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs[:1] == ["s3"]:
        cloud_copy(cmd, w)  # copies are judged by the cloud-copy table
        return
    if verbs[:2] in (["s3api", "put-object"], ["s3api", "upload-part"]) and any(
        v == "--body" or v.startswith("--body=") for v in cmd.values()
    ):
        w.flag("exfiltration", "aws s3api uploads a local file as an object")
        return
    for arg in cmd.args:
        value = arg.text.split("=", 1)[-1] if arg.text.startswith("--") else arg.text
        if value.startswith(("file://", "fileb://")) and verbs[:1] != ["cloudformation"]:
            # exfiltration: a local file's bytes become a parameter of an AWS API call
            w.flag("exfiltration", f"aws sends the contents of {value} to an AWS API")
            return
