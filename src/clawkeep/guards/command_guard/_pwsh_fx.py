"""PowerShell code's effects beyond running strings and sockets (``_inline``): a file
downloaded then started, the defender's preferences, start-up entries, accounts, the
firewall and the event log changed by cmdlets, and the Windows programs its statements
run (``vssadmin delete shadows``, ``reg add …\\Run``), judged as ``_windows`` judges them.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._windows import WINDOWS_RULES, cmd_words
from clawkeep.guards.command_guard._word_types import literal

__all__ = ["judge_pwsh_effects"]

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
