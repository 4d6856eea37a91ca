"""Windows programs an agent reaches from WSL, where interop runs ``C:\\Windows\\System32``'s
programs from the Linux shell (``reg.exe``, ``cmd.exe /c …``; the guard reads their names
without ``.exe``), judged by what they change, as their Linux counterparts are:

- downloads run: ``certutil -urlcache``, ``bitsadmin /transfer``, ``msiexec`` of a URL;
- signed programs that run the code they are given (``mshta``, ``regsvr32 /i:``,
  ``rundll32``, ``cmstp``, ``odbcconf``, ``installutil``, ``wmic process call create``);
- start-up: ``schtasks /create``, ``reg add`` of a Run, Winlogon or service key, ``sc
  create``; accounts: ``net user … /add``, ``net localgroup administrators … /add``;
- defences: ``reg add`` under ``Policies``, ``netsh`` firewall changes, ``sc stop`` of a
  defender, ``wevtutil cl`` (the event log), ``cipher /w``;
- backups and disks: ``vssadmin delete``, ``wmic shadowcopy delete``, ``wbadmin delete``,
  ``bcdedit /set``, ``format``, ``rd /s`` or ``del`` beyond the workspace, ``wsl
  --unregister`` (a whole Linux distribution and its files);
- credentials: ``reg save`` of the SAM, SYSTEM or SECURITY hive, ``reg query`` of keys
  where clients store passwords, ``rundll32 comsvcs.dll MiniDump``, ``esentutl``/
  ``ntdsutil`` copies of the directory database, ``netsh wlan … key=clear``.

``cmd /c TEXT`` runs each command of TEXT; read-only forms (``reg query`` of settings,
``schtasks /query``, ``netsh … show``, ``certutil -hashfile``) stay allowed.
"""

from __future__ import annotations

import re
import shlex

from clawkeep.guards.command_guard._io_tables import DELETE_BLOCKED
from clawkeep.guards.command_guard._net_reach import unvetted_source, urls_in
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, literal

__all__ = ["WINDOWS_RULES", "cmd_words", "linux_path"]

# Where Windows' folder variables point, as WSL mounts the C: drive.
_FOLDERS = {
    "userprofile": "/mnt/c/Users/_",
    "homepath": "/mnt/c/Users/_",
    "appdata": "/mnt/c/Users/_/AppData/Roaming",
    "localappdata": "/mnt/c/Users/_/AppData/Local",
    "temp": "/mnt/c/Users/_/AppData/Local/Temp",
    "tmp": "/mnt/c/Users/_/AppData/Local/Temp",
    "systemroot": "/mnt/c/Windows",
    "windir": "/mnt/c/Windows",
    "programdata": "/mnt/c/ProgramData",
    "public": "/mnt/c/Users/Public",
}
_VAR = re.compile(r"%(\w+)%|\$env:(\w+)", re.I)
_DRIVE = re.compile(r"^([A-Za-z]):(?:[\\/](.*))?$")


def linux_path(text: str) -> str:
    """The Linux path of a Windows one (``C:\\Users\\x`` -> ``/mnt/c/Users/x``); a folder
    variable stands for its usual place; any other variable is known only at run time."""
    text = _VAR.sub(lambda m: _FOLDERS.get((m.group(1) or m.group(2)).lower(), UNKNOWN), text)
    drive = _DRIVE.match(text)
    if drive:
        text = f"/mnt/{drive.group(1).lower()}/{drive.group(2) or ''}"
    return text.replace("\\", "/")


def _words(cmd: Cmd) -> list[str]:
    """Arguments with Windows' ``/opt`` and ``-opt`` spellings folded to lower case."""
    return [v.lower() if v[:1] in "/-" else v for v in cmd.values()]


def _opt(words: list[str], *names: str) -> bool:
    return any(w.lstrip("/-").split(":", 1)[0] in names for w in words if w[:1] in "/-")


# -- cmd /c ---------------------------------------------------------------------------
_SEPARATORS = re.compile(r"&&|\|\||[&|]")


def cmd_words(statement: str) -> list[str]:
    """One cmd statement's words: double quotes group, backslashes are path separators."""
    try:
        words = shlex.split(statement, posix=False)
    except ValueError:
        words = statement.split()
    return [w[1:-1] if len(w) > 1 and w[0] == w[-1] == '"' else w for w in words]


def _statements(text: str) -> list[list[str]]:
    parts: list[str] = []
    current, quoted = "", False
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            quoted = not quoted
        if not quoted:
            found = _SEPARATORS.match(text, index)
            if found:
                parts.append(current)
                current, index = "", found.end()
                continue
        current += char
        index += 1
    parts.append(current)
    return [words for part in parts if (words := cmd_words(part.strip()))]


# cmd's built-ins that name another command or delete.
_CMD_ALIASES = {"rmdir": "rd", "erase": "del"}


def _cmd(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    at = next((i for i, v in enumerate(values) if v.lower()[:2] in ("/c", "/k", "/r")), None)
    if at is None:
        return
    # `/c"text"` joins the switch and the text; `^` is cmd's escape (v^ssadmin is vssadmin)
    text = " ".join([values[at][2:], *values[at + 1 :]]).replace("^", "")
    if UNKNOWN in text:
        w.flag("dynamic_command", "cmd runs a command known only at run time")
        return
    with w.child_shell():
        for words in _statements(text):
            name = words[0].lower()
            if "%" in name or "!" in name:
                # dynamic_command: the program is a variable's value, set when cmd runs
                w.flag("dynamic_command", f"cmd runs the program in {words[0]}")
                continue
            if name == "start":  # start [/b] [/min] ["title"] program …
                words = [x for x in words[1:] if not x.startswith("/")]
                if not words:
                    continue
                name = words[0].lower()
            words = [_CMD_ALIASES.get(name, name), *words[1:]]
            w.run_argv([literal(word) for word in words])


# -- deletes and disks --------------------------------------------------------------------


def _delete(cmd: Cmd, w: Walker) -> None:
    """``rd /s /q PATH``, ``del /f /s PATH``: beyond the workspace, the owner's files."""
    for value in cmd.values():
        if value.startswith("/"):
            continue
        found = w.place(linux_path(value))
        if found.kind == "unknown" or found.kind in DELETE_BLOCKED:
            # destructive_delete: a Windows folder of the owner's (or one named at run time)
            w.flag("destructive_delete", f"{cmd.name} deletes {value} ({found.kind})")
            return


def _format(cmd: Cmd, w: Walker) -> None:
    if any(_DRIVE.match(v) for v in cmd.values()):
        # destructive_delete: every file of the drive is gone
        w.flag("destructive_delete", f"format erases the drive {cmd.values()[0]}")


def _cipher(cmd: Cmd, w: Walker) -> None:
    if _opt(_words(cmd), "w"):
        # anti_forensics: the free space is overwritten, deleted files cannot be recovered
        w.flag("anti_forensics", "cipher /w overwrites the drive's deleted data")


def _backups(cmd: Cmd, w: Walker) -> None:
    """vssadmin, wbadmin and wmic's shadow copies: the machine's restore points."""
    words = [v.lower() for v in cmd.values()]
    verbs = [v for v in words if v[:1] not in "/-"]
    if cmd.name == "wmic" and "shadowcopy" in verbs and "delete" in verbs:
        w.flag("destructive_delete", "wmic shadowcopy delete deletes the restore points")
    elif cmd.name != "wmic" and verbs[:1] and verbs[0] in ("delete", "resize", "disable"):
        # destructive_delete: the restore points and backup catalogue are gone
        w.flag("destructive_delete", f"{cmd.name} {verbs[0]} deletes the machine's backups")
    elif cmd.name == "wmic" and "call" in verbs and "create" in verbs:
        w.flag("dynamic_command", "wmic process call create starts a program")


def _bcdedit(cmd: Cmd, w: Walker) -> None:
    if _opt(_words(cmd), "set", "delete", "deletevalue", "import", "create", "copy"):
        # system_impact: the boot configuration (recovery, safe mode, signing) is changed
        w.flag("system_impact", "bcdedit changes how Windows boots and recovers")


def _wsl(cmd: Cmd, w: Walker) -> None:
    if {"--unregister", "--uninstall"} & set(cmd.values()):
        # destructive_delete: the distribution's disk, every file in it, is deleted
        w.flag("destructive_delete", "wsl --unregister deletes a Linux distribution")


# -- downloads and proxies that run code ------------------------------------------------


def _downloads(cmd: Cmd, w: Walker) -> None:
    """certutil -urlcache / -verifyctl, bitsadmin /transfer, msiexec of a URL."""
    words = _words(cmd)
    urls = [u for u in urls_in(cmd.values()) if unvetted_source(u)]
    fetches = {
        "certutil": ("urlcache", "verifyctl", "url"),
        "bitsadmin": ("transfer", "addfile", "download"),
        "msiexec": ("i", "package", "a", "j", "update"),
    }[cmd.name]
    if urls and (_opt(words, *fetches) or cmd.name != "msiexec"):
        # download_exec: a file fetched from a host nobody vouches for, to be run
        w.flag("download_exec", f"{cmd.name} downloads {urls[0]}")
    if cmd.name == "bitsadmin" and _opt(words, "setnotifycmdline"):
        # persistence: the job runs a program whenever it completes or fails
        w.flag("persistence", "bitsadmin /SetNotifyCmdLine runs a program when a job ends")


# Signed Windows programs that run the script or library code their arguments name.
_PROXIES = frozenset({"mshta", "regsvr32", "rundll32", "cmstp", "odbcconf", "installutil"})
_PROXIES |= frozenset({"regasm", "regsvcs", "mavinject", "pcalua", "msxsl", "forfiles"})


def _proxy(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if not values or set(_words(cmd)) <= {"/?", "-h", "/h"}:
        return
    joined = " ".join(values)
    if cmd.name == "rundll32" and re.search(r"comsvcs(\.dll)?\W.*minidump", joined, re.I):
        # credential_read: a process's memory (lsass: every log-on's secrets) written out
        w.flag("credential_read", "rundll32 comsvcs.dll MiniDump dumps a process's memory")
        return
    urls = [u for u in urls_in([re.sub(r"^/i:", "", v, flags=re.I) for v in values])]
    if urls:
        # download_exec: the script comes from the network and runs as it arrives
        w.flag("download_exec", f"{cmd.name} runs script from {urls[0]}")
        return
    # dynamic_command: the program runs the script or library code it is given
    w.flag("dynamic_command", f"{cmd.name} runs the code its arguments name")


def _esentutl(cmd: Cmd, w: Walker) -> None:
    joined = " ".join(cmd.values()).lower()
    if "/vss" in joined or re.search(r"ntds\.dit|\\config\\(sam|system|security)\b", joined):
        # credential_read: the account database (password hashes) copied out from under Windows
        w.flag("credential_read", f"{cmd.name} copies the account database")
    elif cmd.name == "ntdsutil" and "ifm" in joined:
        w.flag("credential_read", "ntdsutil ifm copies the directory's password hashes")


# -- the registry, tasks, services, accounts, the firewall, the event log ---------------
_PERSIST_KEYS = re.compile(
    r"\\(Run|RunOnce|RunServices|RunOnceEx|Winlogon|Image File Execution Options|Services"
    r"|Environment|Shell Folders|User Shell Folders|Explorer\\Shell|AppInit_DLLs|Windows\\Load"
    r"|Command Processor|Active Setup|Terminal Server\\Install)(\\|$)",
    re.I,
)
# The same keys as bash hands them over unquoted (``HKCU\Software\…\Run`` loses its
# backslashes); import, load and restore read a whole file of keys.
_FOLDED_PERSIST = re.compile(
    r"CurrentVersion(Run|RunOnce|RunServices|Winlogon|Image ?File ?Execution ?Options)"
    r"|ControlSet\d*Services|^(HKCU|HKEY_CURRENT_USER)Environment",
    re.I,
)
_SYSTEM_KEY = re.compile(r"^(HKLM|HKEY_LOCAL_MACHINE)|Policies", re.I)
# (bash drops an unquoted backslash: ``reg save HKLM\SAM`` passes ``HKLMSAM``)
_HIVES = re.compile(r"^(HKLM|HKEY_LOCAL_MACHINE)\\?(SAM|SYSTEM|SECURITY)\b", re.I)
# Keys where clients keep saved passwords (WinSCP, PuTTY proxies, VNC servers, auto log-on).
_SAVED_LOGINS = re.compile(
    r"\\(WinSCP 2\\Sessions|SimonTatham\\PuTTY\\Sessions|ORL\\WinVNC3|RealVNC|TightVNC"
    r"|TigerVNC|Winlogon|OpenSSH\\Agent|FTPWare|Martin Prikryl)(\\|$)",
    re.I,
)


def _reg(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v.lower() for v in values if v[:1] not in "/-"]
    if not verbs:
        return
    verb, key = verbs[0], next((v for v in values[1:] if v[:1] not in "/-"), "")
    if verb in ("save", "export") and _HIVES.match(key):
        # credential_read: the hives hold the local accounts' password hashes and their key
        w.flag("credential_read", f"reg {verb} {key} copies the password hashes")
    elif verb == "query" and _SAVED_LOGINS.search(key):
        w.flag("credential_read", f"reg query {key} reads saved log-in passwords")
    elif verb in ("import", "load", "restore"):
        # persistence: a file of keys, Run and Winlogon among them, is merged in
        w.flag("persistence", f"reg {verb} merges keys Windows may start programs from")
    elif verb in ("add", "delete", "copy"):
        if _PERSIST_KEYS.search(key) or _FOLDED_PERSIST.search(key.replace("\\", "")):
            # persistence: Windows starts what these keys name at log-on or boot
            w.flag("persistence", f"reg {verb} {key} changes what Windows starts")
        elif _SYSTEM_KEY.search(key):
            # privilege: the machine's settings and policies (the defender's among them)
            w.flag("privilege", f"reg {verb} {key} changes machine-wide settings or policy")


def _schtasks(cmd: Cmd, w: Walker) -> None:
    if _opt(_words(cmd), "create", "change", "xml"):
        # persistence: a scheduled task runs its program at log-on, boot or a time
        w.flag("persistence", "schtasks /create schedules a program")


_DEFENDERS = re.compile(
    r"^(WinDefend|WdNisSvc|Sense|wscsvc|MpsSvc|EventLog|SecurityHealth\w*)$", re.I
)


def _sc(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("\\\\")]
    verb = words[0].lower() if words else ""
    if verb in ("create", "config", "failure"):
        w.flag("persistence", f"sc {verb} sets a program Windows starts as a service")
    elif verb in ("stop", "delete") and any(_DEFENDERS.match(v) for v in words[1:]):
        w.flag("privilege", f"sc {verb} turns a host defence off")


def _net(cmd: Cmd, w: Walker) -> None:
    words = [v.lower() for v in cmd.values()]
    if words[:1] in (["user"], ["localgroup"], ["group"]) and _opt(
        words, "add", "active", "delete"
    ):
        # privilege: a local account created or given the administrators' rights
        w.flag("privilege", f"net {words[0]} changes an account or a group")


def _netsh(cmd: Cmd, w: Walker) -> None:
    words = [v.lower() for v in cmd.values()]
    if "wlan" in words and "key=clear" in words:
        w.flag("credential_read", "netsh wlan show profile key=clear prints Wi-Fi passwords")
    elif "portproxy" in words and ("add" in words or "set" in words):
        # tunnel: the machine forwards a port to another host
        w.flag("tunnel", "netsh interface portproxy forwards a port")
    elif ("firewall" in words or "advfirewall" in words) and not {"show", "dump"} & set(words):
        # privilege: the host firewall decides what reaches this machine and what leaves it
        w.flag("privilege", "netsh changes the host firewall")


def _wevtutil(cmd: Cmd, w: Walker) -> None:
    words = [v.lower() for v in cmd.values()]
    if words[:1] in (["cl"], ["clear-log"]) or (
        words[:1] in (["sl"], ["set-log"])
        and any(v in ("/e:false", "/enabled:false") for v in words)
    ):
        # anti_forensics: the event log (log-ons, process starts) is erased or switched off
        w.flag("anti_forensics", f"wevtutil {words[0]} erases or stops an event log")


WINDOWS_RULES: dict[str, Rule] = {
    "cmd": _cmd,
    "rd": _delete,
    "del": _delete,
    "format": _format,
    "cipher": _cipher,
    "vssadmin": _backups,
    "wbadmin": _backups,
    "wmic": _backups,
    "bcdedit": _bcdedit,
    "wsl": _wsl,
    "certutil": _downloads,
    "bitsadmin": _downloads,
    "msiexec": _downloads,
    "esentutl": _esentutl,
    "ntdsutil": _esentutl,
    "reg": _reg,
    "schtasks": _schtasks,
    "sc": _sc,
    "net": _net,
    "net1": _net,
    "netsh": _netsh,
    "wevtutil": _wevtutil,
}
WINDOWS_RULES |= dict.fromkeys(_PROXIES, _proxy)
