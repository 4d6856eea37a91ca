"""PowerShell inline code (``pwsh -c``): ``iex`` of text, downloads run, sockets, credential
paths and deletes named bare (``judge_pwsh``); and its effects beyond those: a file
downloaded then started, the defender's preferences, start-up entries, accounts, the
firewall and the event log changed by cmdlets, and the Windows programs its statements
run (``vssadmin delete shadows``, ``reg add …\\Run``), judged as ``_windows`` judges them.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._io_tables import DELETE_BLOCKED
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._windows import WINDOWS_RULES, cmd_words
from clawkeep.guards.command_guard._word_types import literal

__all__ = ["judge_pwsh", "judge_pwsh_effects"]

_SAVES = re.compile(
    r"-OutFile\b|\.DownloadFile(?:Async)?\s*\(|Start-BitsTransfer\b|\bcopy-item\s+\\\\", re.I
)
_STARTS = re.compile(
    r"\b(?:Start-Process|saps|Invoke-Item|ii)\b|(?:^|[;\n{(])\s*(?:&|\.)\s*['\"$.\\\w]", re.I
)
_DEFENDER = re.compile(
    r"\b(?:Set|Add)-MpPreference\b[^;\n]*-(?:Disable\w*|Exclusion\w*)"
    r"|\bSet-NetFirewallProfile\b[^;\n]*-Enabled\s+(?:\$?false|0)"
    r"|\b(?:Stop|Set)-Service\b[^;\n]*\b(?:WinDefend|Sense|MpsSvc|EventLog|wscsvc)\b"
    r"|\bUninstall-WindowsFeature\b[^;\n]*Defender",
    re.I,
)
_STARTUP = re.compile(
    r"\b(?:Register-ScheduledTask|New-Service|New-ScheduledTaskTrigger)\b"
    r"|\b(?:New|Set)-ItemProperty\b[^;\n]*\\(?:Run|RunOnce|Winlogon|Image File Execution Options)\b"
    r"|\\Start Menu\\Programs\\Startup\b|\$profile\b[^;\n]*(?:Add|Set|Out)-Content|>>?\s*\$profile",
    re.I,
)
_ACCOUNTS = re.compile(
    r"\bNew-LocalUser\b|\bAdd-LocalGroupMember\b[^;\n]*Administrators|\bEnable-LocalUser\b", re.I
)
_LOGS = re.compile(r"\b(?:Clear-EventLog|Remove-EventLog|Limit-EventLog)\b", re.I)
_CALL_BUILT = re.compile(r"(?:^|[;\n{(|])\s*&\s*\(")
_START_ARGS = re.compile(
    r"\b(?:Start-Process|saps|start)\s+(?:-FilePath\s+)?(['\"]?[\w.\\:/-]+['\"]?)"
    r"[^;\n|]*?-ArgumentList\s+('[^']*'|\"[^\"]*\"|\S+)",
    re.I,
)
_STATEMENT = re.compile(r"\|\||&&|[;\n|]")


def judge_pwsh_effects(code: str, w: Walker) -> None:
    """The effects PowerShell spells with cmdlets, and the Windows programs it runs."""
    if _SAVES.search(code) and _STARTS.search(code):
        # download_exec: a file fetched by the same code is then started
        w.flag("download_exec", "pwsh code downloads a file and starts it")
    if _DEFENDER.search(code):
        # privilege: the defender's scanning, its exclusions or the firewall changed
        w.flag("privilege", "pwsh code turns the host's defender or firewall off")
    if _STARTUP.search(code):
        # persistence: Windows starts what a task, service, Run key or profile names
        w.flag("persistence", "pwsh code registers a program Windows starts later")
    if _ACCOUNTS.search(code):
        w.flag("privilege", "pwsh code creates an account or makes one an administrator")
    if _LOGS.search(code):
        w.flag("anti_forensics", "pwsh code clears an event log")
    if _CALL_BUILT.search(code):
        # dynamic_command: the call operator runs a name an expression builds (& ('vss'+'admin'))
        w.flag("dynamic_command", "pwsh code runs a command whose name it builds")
    for found in _START_ARGS.finditer(code):
        # Start-Process NAME -ArgumentList 'ARGS': NAME runs with ARGS
        words = [found.group(1).strip("'\""), *cmd_words(found.group(2).strip("'\""))]
        if re.sub(r"\.exe$", "", words[0].lower()) in WINDOWS_RULES:
            w.run_argv([literal(word) for word in words])
    for statement in _STATEMENT.split(code):
        words = cmd_words(statement.strip().lstrip("&").strip())
        if words and re.sub(r"\.exe$", "", words[0].lower()) in WINDOWS_RULES:
            w.run_argv([literal(word) for word in words])


# PowerShell spells running a string, downloading and sockets its own way (case-insensitive).
_PWSH_RUNS_STRING = re.compile(r"\b(?:iex|Invoke-Expression|Invoke-Command|icm)\b|\.Invoke\(", re.I)
_PWSH_DOWNLOAD = re.compile(
    r"Download(?:String|File|Data)|Invoke-WebRequest|\biwr\b|Invoke-RestMethod|\birm\b"
    r"|Start-BitsTransfer|Net\.WebClient|Net\.Http",
    re.I,
)
_PWSH_SOCKET = re.compile(r"Net\.Sockets\.|TcpClient|UdpClient|TcpListener", re.I)
_PWSH_DELETE = re.compile(
    r"(?:Remove-Item|\bri|\brm|\bdel|\berase|\brmdir|\brd)\s+(?:-\w+\s+)*[\"']?([~/$][^\s\"';|,]*)",
    re.I,
)
_PWSH_PATH = re.compile(r"(?<![\w.:/-])((?:~|\$HOME|\$env:HOME)?/[^\s\"';|,()]+|~)", re.I)
_PWSH_SPAWN = re.compile(r"\b(?:Start-Process|saps|start)\b|Diagnostics\.Process", re.I)


def judge_pwsh(code: str, w: Walker) -> None:
    """PowerShell: iex of any text, downloads run, sockets; the generic scan sees the rest."""
    judge_pwsh_effects(code, w)  # cmdlets' effects and the Windows programs it runs
    runs = _PWSH_RUNS_STRING.search(code)
    if runs and _PWSH_DOWNLOAD.search(code):
        # download_exec: fetched text handed to Invoke-Expression
        w.flag("download_exec", "pwsh code runs text it downloads")
    elif runs:
        # dynamic_command: Invoke-Expression runs a string known only at run time
        w.flag("dynamic_command", "pwsh code runs a string as code (Invoke-Expression)")
    if _PWSH_SOCKET.search(code):
        if runs or _PWSH_SPAWN.search(code):
            w.flag("reverse_shell", "pwsh code joins a socket to a shell or a process")
        else:
            w.flag("raw_socket", "pwsh code opens a raw network socket")
    for match in _PWSH_PATH.finditer(code):
        path = re.sub(r"^\$(?:HOME|env:HOME)\b", "~", match.group(1), flags=re.I)
        why = credential(w.place(path), w.ctx)
        if why is not None:  # PowerShell names paths bare: Get-Content ~/.aws/credentials
            w.flag("credential_read", f"pwsh code names {path}: {why}")
            break
    for match in _PWSH_DELETE.finditer(code):
        path = re.sub(r"^\$(?:HOME|env:HOME)\b", "~", match.group(1), flags=re.I)
        path = re.sub(r"^\$(?:PWD|PSScriptRoot)\b", ".", path, flags=re.I)
        found = w.place(path if path[:1] in "~/." else "~")  # another variable: assume home
        if found.kind in DELETE_BLOCKED:
            w.flag("destructive_delete", f"pwsh code deletes {found.path} ({found.kind})")
