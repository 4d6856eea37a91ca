"""macOS administration tools, by what they change: accounts and their password hashes
(``dscl``, ``sysadminctl``, ``dseditgroup``), the host's defences (``csrutil``, ``spctl``),
firmware and kernel (``nvram``, ``kmutil``, ``kextload``), log-in hooks (``defaults write
com.apple.loginwindow LoginHook``), remote log-in and network settings (``systemsetup``,
``networksetup``), backups (``tmutil``), the unified log (``log erase``) and AppleScript's
``do shell script``. Their read-only forms (``-read``, ``status``, ``-get…``, ``show``)
stay allowed. The same effects on Linux are judged in ``_rules_misc`` and ``_defenses``.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["MACOS_RULES"]

_HELP = frozenset({"-h", "-help", "--help", "help", "-V", "--version"})
# dscl verbs that change the directory (accounts, groups, passwords)
_DSCL_CHANGES = re.compile(
    r"^-?(create|createpl|append|appendpl|merge|delete|deletepl|passwd|change|changei)$"
)
# attributes that hold a password hash or what checks it
_DSCL_SECRETS = re.compile(
    r"^(dsAttrType\w+:)?(ShadowHashData|AuthenticationAuthority|Password|KerberosKeys)$", re.I
)


def _dscl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if any(_DSCL_CHANGES.match(v) for v in values):
        # privilege: an account, its group or its password is created or changed
        w.flag("privilege", "dscl changes an account or a group")
    elif any(_DSCL_SECRETS.match(v) for v in values):
        # credential_read: the attribute is the account's password hash
        w.flag("credential_read", "dscl reads an account's password hash")


def _changes(reason: str, what: str, reads: re.Pattern[str], *, verb: bool = False) -> Rule:
    """A tool whose options (or, with ``verb``, first word) change the machine, except the
    read-only ones ``reads`` matches."""

    def rule(cmd: Cmd, w: Walker) -> None:
        values = cmd.values()
        if not values or set(values) <= _HELP:
            return
        words = [v for v in values if not v.startswith("-")][:1] if verb else []
        words += [v for v in values if v.startswith("-")] if not verb else []
        if words and all(reads.match(v) for v in words):
            return
        w.flag(reason, f"{cmd.name} {(words or values)[0]} {what}")

    return rule


def _nvram(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if any("=" in v or v in ("-d", "-c", "-f") for v in values):
        # privilege: firmware settings (boot arguments, security policy) outlive the OS
        w.flag("privilege", "nvram changes firmware settings")


def _dseditgroup(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    ops = [b for a, b in itertools.pairwise(values) if a == "-o"]
    if any(op in ("edit", "create", "delete") for op in ops):
        # privilege: group membership (admin) decides who may do what
        w.flag("privilege", f"dseditgroup -o {ops[0]} changes a group")


def _defaults(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if values[:1] in (["write"], ["import"]) and any(
        re.search(r"(Login|Logout)Hook|AutoLaunchedApplicationDictionary", v) for v in values
    ):
        # persistence: the log-in window runs the hook as root at every log-in
        w.flag("persistence", "defaults write sets a log-in hook")


def _systemsetup(cmd: Cmd, w: Walker) -> None:
    values = [v.lower() for v in cmd.values()]
    sets = [v for v in values if v.startswith("-set")]
    if any(v in ("-setremotelogin", "-setremoteappleevents") for v in sets) and "off" not in values:
        # tunnel: the machine starts taking log-ins (or Apple events) from the network
        w.flag("tunnel", f"systemsetup {sets[0]} opens the machine to remote log-in")
    elif sets:
        w.flag("privilege", f"systemsetup {sets[0]} changes system settings")


def _osascript(cmd: Cmd, w: Walker) -> None:
    """``do shell script`` of text built at run time (``"curl " & u``) runs what it builds."""
    for value in cmd.values():
        for found in re.finditer(r"do\s+shell\s+script\s+|doShellScript\s*\(\s*", value):
            rest = value[found.end() :]
            literal = re.match(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", rest)
            after = rest[literal.end() :].lstrip() if literal else rest
            if literal is None or after.startswith(("&", "+")):
                # dynamic_command: the shell command is built when the script runs
                w.flag("dynamic_command", "osascript runs a shell command built at run time")
                return


_TMUTIL_DELETES = frozenset({"delete", "deletelocalsnapshots", "thinlocalsnapshots"})
_TMUTIL_DELETES |= frozenset({"deleteinprogress", "disable", "removedestination"})


def _tmutil(cmd: Cmd, w: Walker) -> None:
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs and verbs[0] in _TMUTIL_DELETES:
        # destructive_delete: the machine's backups are deleted or switched off
        w.flag("destructive_delete", f"tmutil {verbs[0]} deletes or stops the backups")


def _log(cmd: Cmd, w: Walker) -> None:
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs[:1] == ["erase"] or (verbs[:1] == ["config"] and "off" in " ".join(verbs)):
        # anti_forensics: the unified log is erased or switched off
        w.flag("anti_forensics", f"log {verbs[0]} erases or silences the system log")


MACOS_RULES: dict[str, Rule] = {
    "dscl": _dscl,
    "sysadminctl": _changes(
        "privilege",
        "changes accounts",
        re.compile(r"^-(secureTokenStatus|filesystem|guestAccount|screenLock|automaticTime)$"),
    ),
    "dseditgroup": _dseditgroup,
    "dsenableroot": _changes("privilege", "enables or disables root", re.compile(r"^-h$")),
    "csrutil": _changes(
        "privilege", "turns a host defence off", re.compile(r"^status$"), verb=True
    ),
    "spctl": _changes(
        "privilege",
        "changes what the host lets run",
        re.compile(r"^(--status|--assess|-a|--list|-t|--type|-v|--verbose|--raw|-vv)$"),
    ),
    "nvram": _nvram,
    "kmutil": _changes(
        "privilege",
        "loads or builds kernel extensions",
        re.compile(r"^(showloaded|inspect|print-diagnostics|find|log)$"),
        verb=True,
    ),
    "kextload": _changes("privilege", "loads a kernel extension", re.compile(r"^-h$")),
    "kextunload": _changes("privilege", "unloads a kernel extension", re.compile(r"^-h$")),
    "networksetup": _changes(
        "privilege",
        "changes network settings",
        re.compile(r"^-(list|get|show|print|version|help|is)\w*$", re.I),
    ),
    "defaults": _defaults,
    "systemsetup": _systemsetup,
    "osascript": _osascript,
    "tmutil": _tmutil,
    "log": _log,
}
