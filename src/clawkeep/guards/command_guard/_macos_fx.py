"""macOS tools judged by what they change, beyond the account and firmware tools of
``_macos``:

- launchd: ``launchctl``'s read verbs (``list``, ``print``, ``blame`` …) and stopping or
  restarting the user's own agents stay allowed; registering a job (``load``,
  ``bootstrap``, ``submit``, ``enable``, ``setenv`` …) is persistence, and stopping a job
  of the system domain (where security agents run) turns a defence off;
- files written by a tool, not a redirect: ``plutil -create/-insert/-replace`` and
  ``defaults write`` of a plist path are judged as writes of that path (a launch agent's
  folder is persistence); ``defaults write`` of the Dock's tiles or the apps relaunched at
  log-in is persistence, of the firewall's, Gatekeeper's, XProtect's, the update service's
  or the screen lock's settings a defence turned off;
- AppleScript's login items and Folder Actions (persistence), ``sfltool add-item``,
  configuration profiles installed, ``security authorizationdb write``, ARD's
  ``kickstart -activate`` (remote control opened);
- Gatekeeper's quarantine stripped from a file from outside the workspace (``xattr -d
  com.apple.quarantine``, ``xattr -c``), files hidden or locked outside it (``chflags``),
  the application firewall, pf and ipfw switched off or flushed, FileVault turned off,
  automatic updates stopped, privacy grants reset for every app (``tccutil reset`` with no
  bundle id) or written into ``TCC.db``;
- a disk image attached from a URL (downloaded and opened), disks and volumes erased
  (``diskutil``), FreeBSD's partition tables and boot environments destroyed.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._net_reach import unvetted_source, urls_in
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["MACOS_FX_RULES"]

_HELP = frozenset({"-h", "-help", "--help", "help", "-V", "--version", "version"})

# -- launchd ------------------------------------------------------------------------------
_LAUNCHD_READS = frozenset(
    {"list", "print", "print-cache", "print-disabled", "blame", "dumpstate", "procinfo"}
    | {"hostinfo", "resolveport", "examine", "version", "help", "managerpid", "manageruid"}
    | {"managername", "error", "variant", "getenv", "plist", "dumpjpcategory"}
)
_LAUNCHD_STOPS = frozenset({"stop", "kill", "unload", "bootout", "disable", "remove", "kickstart"})
_SYSTEM_JOB = re.compile(r"^(system(/|$)|/Library/LaunchDaemons/|/System/Library/)")


def _launchctl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if not verbs or (set(values) <= _HELP):
        return
    verb = verbs[0]
    if verb in _LAUNCHD_READS or (verb == "limit" and len(verbs) <= 2):
        return
    if verb in _LAUNCHD_STOPS:
        targets = [w.place(v).path if v.startswith(("/", "~")) else v for v in verbs[1:]]
        system = w.elevated() or any(_SYSTEM_JOB.match(t) for t in targets)
        if system and verb != "kickstart":
            # privilege: a system daemon (the security agents run there) is stopped or removed
            w.flag("privilege", f"launchctl {verb} stops a system daemon")
        return
    # persistence: launchd runs what is loaded, submitted or enabled, at every log-in or boot
    w.flag("persistence", f"launchctl {verb} registers a job launchd runs")


# -- plists written by tools -----------------------------------------------------------
_PLUTIL_WRITES = frozenset({"-create", "-insert", "-replace", "-remove", "-convert", "-append"})


def _plutil(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if not _PLUTIL_WRITES & set(values):
        return
    target = values[values.index("-o") + 1] if "-o" in values[:-1] else values[-1]
    if target != "-":
        write_target(w.place(target), w, "plutil")


# defaults domain -> keys whose value says what starts (persistence) or a defence's state
_DOCK = re.compile(r"^(persistent-apps|persistent-others|TALAppsToRelaunchAtLogin)$")
_DEFENCE_KEYS: dict[str, re.Pattern[str]] = {
    "com.apple.alf": re.compile(r"."),
    "com.apple.security": re.compile(r"^GKAutoRearm|^assessment", re.I),
    "com.apple.SoftwareUpdate": re.compile(
        r"^(ConfigDataInstall|CriticalUpdateInstall|AutomaticCheckEnabled|AutomaticDownload"
        r"|AutomaticallyInstallMacOSUpdates)$"
    ),
    "com.apple.LaunchServices": re.compile(r"^LSQuarantine$"),
    "com.apple.screensaver": re.compile(r"^askForPassword"),
    "com.apple.loginwindow": re.compile(r"^(autoLoginUser|DisableFDEAutoLogin)$"),
}


def _defaults(cmd: Cmd, w: Walker) -> None:
    values = [v for v in cmd.values() if v not in ("-currentHost",)]
    if "-host" in values[:-1]:
        del values[values.index("-host") : values.index("-host") + 2]
    if len(values) < 3 or values[0] not in ("write", "import", "delete", "rename"):
        return
    domain, key = values[1], values[2]
    if "/" in domain:
        write_target(
            w.place(domain if domain.endswith(".plist") else domain + ".plist"), w, "defaults"
        )
    name = domain.rsplit("/", 1)[-1].removesuffix(".plist")
    if _DOCK.match(key):
        # persistence: the Dock (or the log-in window) starts what these entries name
        w.flag("persistence", f"defaults {values[0]} {name} {key} sets what starts at log-in")
    elif name in _DEFENCE_KEYS and _DEFENCE_KEYS[name].search(key):
        # privilege: the firewall, Gatekeeper, XProtect's updates or the screen lock changed
        w.flag("privilege", f"defaults {values[0]} {name} {key} changes a host defence")


# -- AppleScript, login items, profiles, authorization, remote control ---------------------
_APPLESCRIPT_STARTS = re.compile(
    r"\bmake\s+(?:new\s+)?login\s+item\b|\battach\s+action\s+to\b"
    r"|loginItems\.push|LoginItems?\b.*\bmake\b|\bmake\b.*\bLoginItem\b",
    re.I,
)


def _osascript(cmd: Cmd, w: Walker) -> None:
    if any(_APPLESCRIPT_STARTS.search(v) for v in cmd.values()):
        # persistence: a login item or a Folder Action runs its program later, unasked
        w.flag("persistence", "osascript adds a login item or a Folder Action")


def _verb_rule(reason: str, what: str, verbs: frozenset[str]) -> Rule:
    """A tool whose first word (``install``) or option (``-I``) in ``verbs`` does ``what``."""

    def rule(cmd: Cmd, w: Walker) -> None:
        words = [v.lower() for v in cmd.values()]
        found = next((v for v in words if v in verbs), None)
        if found is not None:
            w.flag(reason, f"{cmd.name} {found} {what}")

    return rule


def _security(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if values[:1] == ["authorizationdb"] and len(values) > 1 and values[1] != "read":
        # privilege: the rules that decide who may log in or unlock, and what checks them
        w.flag("privilege", f"security authorizationdb {values[1]} changes log-in rights")


def _kickstart(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "-activate" in values or ("-access" in values and "-on" in values):
        # tunnel: Remote Management lets another machine see and control this one
        w.flag("tunnel", "kickstart turns on remote management (screen sharing, control)")


# -- defences ---------------------------------------------------------------------------


def _xattr(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    flags = "".join(v[1:] for v in values if v.startswith("-") and not v.startswith("--"))
    words = [v for v in values if not v.startswith("-")]
    if "d" in flags and words[:1] == ["com.apple.quarantine"]:
        files = words[1:]
    elif "c" in flags:
        files = words
    else:
        return
    for path in files:
        found = w.place(path)
        if found.kind not in ("workspace", "workspace_root"):
            # privilege: Gatekeeper no longer checks a file that came from outside
            w.flag("privilege", f"xattr removes the quarantine of {found.path}")
            return


_CHFLAGS = re.compile(r"^(hidden|uchg|schg|sappnd|uappnd|nouchg|noschg|restricted|norestricted)$")


def _chflags(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("-")]
    if not words or not any(_CHFLAGS.match(f) for f in words[0].split(",")):
        return
    for path in words[1:]:
        found = w.place(path)
        if found.kind not in ("workspace", "workspace_root"):
            # privilege: a file beyond the workspace hidden from the owner or locked in place
            w.flag("privilege", f"chflags {words[0]} {found.path}")
            return


def _firewall(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "socketfilterfw":
        off = [v for v in values if v.startswith("--") and not v.startswith(("--get", "--list"))]
    elif cmd.name == "pfctl":
        off = [v for v in values if v == "-d" or v.startswith("-F")]
    else:  # ipfw
        off = [v for v in values if v in ("flush", "disable", "delete")]
    if off and not set(values) <= _HELP:
        # privilege: the host firewall decides what reaches this machine and what leaves it
        w.flag("privilege", f"{cmd.name} {off[0]} turns off or empties the host firewall")


_FDE_READS = frozenset({"status", "list", "isactive", "haspersonalrecoverykey", "version", "help"})
_FDE_READS |= frozenset({"hasinstitutionalrecoverykey", "usingrecoverykey", "showdeferralinfo"})
_FDE_READS |= frozenset({"supportsauthrestart", "validaterecovery", "showrecoverykey"})


def _fdesetup(cmd: Cmd, w: Walker) -> None:
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs and verbs[0] not in _FDE_READS:
        # privilege: the disk's encryption, or who may unlock it, is changed
        w.flag("privilege", f"fdesetup {verbs[0]} changes FileVault")


def _softwareupdate(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if ("--schedule" in values and "off" in values) or "--ignore" in values:
        # privilege: security updates no longer arrive
        w.flag("privilege", "softwareupdate stops updates from installing")


def _tccutil(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("-")]
    if words[:1] == ["reset"] and len(words) < 3:
        # privilege: every application's privacy grants (camera, screen, files) revoked at once
        w.flag(
            "privilege", f"tccutil reset {' '.join(words[1:2])} resets every app's privacy grants"
        )


_SQL_WRITES = re.compile(r"\b(insert|update|delete|replace|drop|alter)\b", re.I)


def _sqlite_tcc(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if any(v.endswith("com.apple.TCC/TCC.db") for v in values) and any(
        _SQL_WRITES.search(v) for v in values + cmd.fed_texts()
    ):
        # privilege: the privacy database decides which app may record the screen or read files
        w.flag("privilege", "sqlite3 writes the privacy (TCC) database")


# -- images and disks ---------------------------------------------------------------------


def _hdiutil(cmd: Cmd, w: Walker) -> None:
    urls = [u for u in urls_in(cmd.values()) if unvetted_source(u)]
    if urls:
        # download_exec: the image comes from a host nobody vouches for; its apps run from it
        w.flag("download_exec", f"hdiutil opens a disk image from {urls[0]}")


_DISK_ERASES = frozenset(
    {"erasedisk", "erasevolume", "reformat", "zerodisk", "randomdisk", "secureerase"}
    | {"partitiondisk", "deletevolume", "deletecontainer", "deletesnapshot", "deletevolumegroup"}
    | {"destroy", "delete", "deleteraid", "mergepartitions"}
)


def _erases(cmd: Cmd, w: Walker) -> None:
    """diskutil's erase verbs, gpart and bectl/beadm's destroy: a disk or system gone."""
    verbs = [v.lower() for v in cmd.values() if not v.startswith("-")]
    found = next((v for v in verbs[:2] if v in _DISK_ERASES), None)
    if found is not None:
        # destructive_delete: the volume, partition table or boot environment is erased
        w.flag("destructive_delete", f"{cmd.name} {found} erases a disk, volume or system")


MACOS_FX_RULES: dict[str, Rule] = {
    "launchctl": _launchctl,
    "plutil": _plutil,
    "defaults": _defaults,
    "osascript": _osascript,
    "security": _security,
    "kickstart": _kickstart,
    "sfltool": _verb_rule("persistence", "adds a login item", frozenset({"add-item", "enable"})),
    "profiles": _verb_rule(
        "privilege",
        "installs or removes a configuration profile (proxies, certificates, policies)",
        frozenset({"install", "-i", "remove", "-r", "renew", "-n"}),
    ),
    "xattr": _xattr,
    "chflags": _chflags,
    "socketfilterfw": _firewall,
    "pfctl": _firewall,
    "ipfw": _firewall,
    "fdesetup": _fdesetup,
    "softwareupdate": _softwareupdate,
    "tccutil": _tccutil,
    "sqlite3": _sqlite_tcc,
    "hdiutil": _hdiutil,
    "diskutil": _erases,
    "gpart": _erases,
    "bectl": _erases,
    "beadm": _erases,
}
