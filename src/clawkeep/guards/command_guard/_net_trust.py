"""Settings that redirect or un-check every later request, stored by a tool's own settings
command: a proxy (``npm config set https-proxy``, ``git config http.proxy``, ``gcloud
config set proxy/address``, ``gsettings set org.gnome.system.proxy``, ``netsh winhttp set
proxy``, ``systemctl set-environment HTTPS_PROXY=``), certificate checks off (``git config
http.sslVerify false``, ``npm config set strict-ssl false``, ``pip config set
global.trusted-host``, ``kubectl config set-cluster --insecure-skip-tls-verify``), a
certificate file trusted (``npm config set cafile``, ``aws configure set ca_bundle``,
``certutil -A``, ``trust anchor``, ``keytool -importcert``), name servers
(``resolvectl dns``, ``nmcli … ipv4.dns``) and URL rewrites or package sources elsewhere
(``git config url.X.insteadOf``, ``poetry source add``). What each pair does is decided by
``_net_redirect.redirect_setting``; a host nobody vouches for is ``elsewhere``.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._net_redirect import elsewhere, redirect_setting, trusted_file
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["TRUST_RULES"]

# Options of `git config` that take a value of their own (not the key or value set).
_GIT_VALUED = frozenset({"-f", "--file", "--type", "--blob", "--comment", "--default"})
_SETS = frozenset({"set", "--set", "-w", "setenv", "set-environment", "--add"})


def _pairs(cmd: Cmd) -> list[tuple[str, str]]:
    """The KEY VALUE (or KEY=VALUE) pairs a settings command stores."""
    values = cmd.values()
    if cmd.name in ("git", "composer"):  # config [options] KEY VALUE
        if "config" not in values[:4]:
            return []
        rest, skip = [], False
        for value in values[values.index("config") + 1 :]:
            if skip or value in _GIT_VALUED:
                skip = not skip and value in _GIT_VALUED
                continue
            if not value.startswith("-") and value != "set":
                rest.append(value)
        return [(rest[0], " ".join(rest[1:]))] if len(rest) >= 2 and "=" not in rest[0] else []
    at = next((i for i, v in enumerate(values) if v in _SETS), -1)
    if at < 0:
        return []
    rest = [v for v in values[at + 1 :] if not v.startswith("-")]
    if cmd.name == "conda" and values[at] == "--set":
        rest = values[at + 1 : at + 3]
    if rest and "=" in rest[0] and re.match(r"^[\w.@/:-]+=", rest[0]):
        return [tuple(v.split("=", 1)) for v in rest if "=" in v]  # type: ignore[misc]
    return [(rest[0], " ".join(rest[1:]))] if len(rest) >= 2 else []


def _settings(cmd: Cmd, w: Walker) -> None:
    for key, value in _pairs(cmd):
        rewrite = re.match(r"url\.(.+)\.(push)?insteadof$", key, re.I)
        if rewrite is not None and elsewhere(rewrite.group(1)):
            # persistence: every later fetch or push of the rewritten URL goes there
            w.flag("persistence", f"{cmd.name} rewrites {value} to {rewrite.group(1)}")
            return
        why = redirect_setting(key, value, w)
        if why is not None:
            # persistence: every later request of the tool is redirected or unchecked
            w.flag("persistence", f"{cmd.name} stores {key}: {why}")
            return


def _kubectl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "config" not in values[:3]:
        return
    for value in values:
        opt, eq, given = value.partition("=")
        given = given if eq else "true"  # a bare --insecure-skip-tls-verify is true
        why = redirect_setting(opt.lstrip("-"), given, w) if opt.startswith("--") else None
        if opt == "--server" and elsewhere(given):
            why = f"sends the cluster's credentials to {given}"
        if why is not None:
            # persistence: later kubectl calls, with their credentials, go there unchecked
            w.flag("persistence", f"kubectl stores {opt}: {why}")
            return
    _settings(cmd, w)


def _system(cmd: Cmd, w: Walker) -> None:
    """gsettings, netsh winhttp, resolvectl, nmcli: the machine's proxy and name servers."""
    values = cmd.values()
    if cmd.name == "gsettings" and len(values) >= 4 and values[0] == "set":
        schema, key, value = values[1], values[2], " ".join(values[3:])
        if schema.startswith("org.gnome.system.proxy") and key in ("host", "autoconfig-url"):
            targets = [value] if key == "host" else [value.strip("'\"")]
        else:
            targets = []
    elif cmd.name in ("netsh", "netsh.exe") and "winhttp" in [v.lower() for v in values]:
        targets = (
            [v.split("=", 1)[-1] for v in values[values.index("proxy") + 1 :]][:1]
            if ("proxy" in values and "set" in values)
            else []
        )
    elif cmd.name == "resolvectl" and values[:1] == ["dns"]:
        targets = values[2:]
    elif cmd.name == "nmcli":
        targets = [
            values[i + 1]
            for i, v in enumerate(values[:-1])
            if v.lstrip("+").lower() in ("ipv4.dns", "ipv6.dns")
        ]
        targets = [t for text in targets for t in re.split(r"[,\s]+", text) if t]
    else:
        return
    for target in targets:
        if elsewhere(target):
            # persistence: the machine's later requests or name lookups go to that host
            w.flag("persistence", f"{cmd.name} sends the machine's traffic or lookups to {target}")
            return


def _trust_store(cmd: Cmd, w: Walker) -> None:
    """A certificate added to a trust store: every later TLS check accepts what it signs."""
    values = cmd.values()
    if cmd.name == "certutil" and "-A" in values and "-i" in values[:-1]:
        cert = values[values.index("-i") + 1]
    elif cmd.name == "trust" and values[:1] == ["anchor"] and "--remove" not in values:
        cert = next((v for v in reversed(values[1:]) if not v.startswith("-")), "")
    elif cmd.name == "keytool" and {"-importcert", "-import"} & set(values) and "-file" in values:
        at = values.index("-file")
        cert = values[at + 1] if at + 1 < len(values) else ""
    else:
        return
    if cert and not trusted_file(cert, w):
        # persistence: later TLS checks accept whatever that certificate signs
        w.flag("persistence", f"{cmd.name} trusts the certificate {cert}")


def _poetry(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if values[:2] == ["source", "add"]:
        urls = [v for v in values[2:] if "://" in v and elsewhere(v)]
        if urls:
            # persistence: later installs of the project fetch code from there
            w.flag("persistence", f"poetry fetches packages from {urls[0]}")


TRUST_RULES: dict[str, Rule] = {
    name: _settings
    for name in (
        *("npm", "pnpm", "yarn", "bun", "pip", "pip3", "git", "conda", "mamba", "gcloud"),
        *("composer", "go", "aws", "systemctl", "launchctl", "uv", "cargo", "bundle", "az"),
    )
}
TRUST_RULES |= {"kubectl": _kubectl, "poetry": _poetry}
TRUST_RULES |= {n: _system for n in ("gsettings", "netsh", "netsh.exe", "resolvectl", "nmcli")}
TRUST_RULES |= {n: _trust_store for n in ("certutil", "trust", "keytool")}
