"""Whether an HTTP client's request body is text the line itself carries, sent to a public
name: ``curl -X POST -d '{"body":"Fixed in #43"}' https://api.github.com/…/comments``.

Such a body holds nothing of this machine (no file, no variable, no command's output), so
the request sends away only what the command shows, as a ``GET`` with a query does. It is
not exfiltration, unless:

- the body reads a file (``@file``, ``<file``; forms, ``--data-urlencode``, ``--url-query``
  and ``--variable`` are never taken as literal: ``name@file`` reads a file) or expands
  anything (``$VAR``, ``$(…)``, a variable the line filled);
- the body has the shape of an issued key or a private key (text copied from a secret);
- a host is an IP address, a name of the owner's own networks (``.internal``, ``.local``,
  a bare name) or this machine's: a request there changes the owner's own services (a
  kubelet's ``/run``, a metadata service), which a public API's literal body does not.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._net_tables import OWN_SUFFIXES
from clawkeep.guards.command_guard._walk import Cmd
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["literal_body"]

# The shapes of issued keys (AWS, GitHub, Slack, Stripe, Google, GitLab, npm, OpenAI) and
# of a private key's armour.
_KEY_SHAPE = re.compile(
    r"\b(?:AKIA|ASIA)[0-9A-Z]{12,}|\bgh[pousr]_\w{20,}|github_pat_\w{20,}|xox[abposr]-[\w-]{10,}"
    r"|\b[sr]k_live_\w{10,}|\bAIza[\w-]{20,}|glpat-[\w-]{16,}|\bnpm_\w{20,}|\bsk-[\w-]{20,}"
    r"|BEGIN [A-Z ]*PRIVATE KEY"
)
_HOST = re.compile(r"^(?:[a-z][\w+.-]*://)?(?:[^/@?#]*@)?(\[[^\]]*\]|[^/:?#]*)", re.I)
# The options whose value is the body itself, read from a file only after a leading `@`.
_BODY_FLAGS = frozenset({"-d", "--data", "--data-ascii", "--data-binary", "--data-raw", "--json"})
_BODY_FLAGS |= {"--body-data", "--post-data"}  # wget


def _public_name(url: str) -> bool:
    found = _HOST.match(url)
    host = found.group(1).lower().rstrip(".") if found else ""
    if not host or UNKNOWN in host or host.startswith("[") or "." not in host:
        return False  # no host, one chosen at run time, an IPv6 address or a bare name
    if re.fullmatch(r"[\d.]+|0x[\da-f.x]+", host) or host.endswith(OWN_SUFFIXES):
        return False  # an address, or a name of the owner's own networks
    return host not in ("localhost", "metadata", "metadata.google.internal")


def literal_body(cmd: Cmd, flag: str, payload: str, urls: list[str]) -> bool:
    """The body given by ``flag`` is literal text of the line, sent only to public names."""
    if not urls or not all(_public_name(u) for u in urls):
        return False
    if payload.startswith(("@", "<")) or UNKNOWN in payload or _KEY_SHAPE.search(payload):
        return False
    if flag.split("=", 1)[0] not in _BODY_FLAGS:
        return False  # forms, url-encoded fields, variables: `name@file` reads a file
    for arg in cmd.args:
        expands = arg.substs or arg.computed or arg.secrets or arg.names or arg.split
        if payload and payload in arg.text and expands:
            return False  # the body expands something of this machine
    return True
