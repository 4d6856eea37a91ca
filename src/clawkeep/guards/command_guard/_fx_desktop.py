"""The desktop session as a way to run things: text typed into whatever window has focus
(``xdotool type``, ``ydotool``, ``wtype``: a terminal runs it), ``xdotool exec``, D-Bus
methods that start, stop or evaluate (systemd's and logind's managers, judged as the
``systemctl`` verb they equal; GNOME Shell's ``Eval``, a portal's ``Spawn``), settings
whose value is a command (a custom shortcut, the default terminal), files opened by the
session that the line downloaded or wrote (a ``.desktop`` entry's ``Exec=``), default
handlers and lingering user services.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, literal

__all__ = ["DESKTOP_RULES"]

_XDOTOOL_VALUED = frozenset({"--window", "--delay", "--args", "--terminator", "--file"})
_XDOTOOL_VALUED |= frozenset({"--repeat", "--repeat-delay", "--class", "--name"})
_XDOTOOL_COMMANDS = frozenset({"type", "key", "keyup", "keydown", "exec", "sleep", "search"})
_XDOTOOL_COMMANDS |= frozenset({"windowactivate", "windowfocus", "mousemove", "click"})
_XDOTOOL_COMMANDS |= frozenset({"getactivewindow", "getwindowname", "set_window", "behave"})


def _command(text: str, what: str, w: Walker) -> None:
    if UNKNOWN in text:
        w.flag("dynamic_command", f"{what} runs a command known only at run time")
    elif text.strip():
        w.script(text, what)


def _typed_file(path: str, cmd: Cmd, w: Walker) -> None:
    why = credential(w.place(path), w.ctx) if UNKNOWN not in path else None
    if why is not None:
        # credential_read: the file's text is typed into another program's window
        w.flag("credential_read", f"{cmd.name} types {path}: {why}")
    elif (text := w.written.get(w.place(path).path)) is not None:
        _command(text, f"text {cmd.name} types into a window", w)


def xdotool(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    mode = ""
    index = 0
    while index < len(values):
        value = values[index]
        if value in _XDOTOOL_COMMANDS and mode != "exec":
            mode = value
        elif value == "--file" and mode == "type" and index + 1 < len(values):
            _typed_file(values[index + 1], cmd, w)
        elif mode == "exec" and not value.startswith("--"):
            # xdotool exec PROG ARGS: the rest of the line is the program's argv
            w.run_argv([literal(v) for v in values[index:]])
            return
        elif mode == "type" and not value.startswith("--"):
            # the keystrokes land in the focused window: a terminal there runs them
            _command(value, "text xdotool types into a window", w)
        if value in _XDOTOOL_VALUED:
            index += 1
        index += 1


def typers(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name in ("xte", "dotool"):
        # xte 'str TEXT', dotool's input `type TEXT`: the text is typed into the window
        lines = [ln for v in values + cmd.fed_texts() for ln in v.split("\n")]
        for line in lines:
            if (match := re.match(r"^\s*(?:str|type)\s+(.+)$", line)) is not None:
                _command(match.group(1), f"text {cmd.name} types into a window", w)
        return
    if cmd.name == "ydotool":
        if values[:1] != ["type"]:
            return
        values = values[1:]
    valued = {"-d", "-s", "-k", "-m", "-M", "-P", "-p", "-D", "-H", "--key-delay", "-f"}
    texts = [
        v
        for i, v in enumerate(values)
        if not v.startswith("-") and (i == 0 or values[i - 1] not in valued)
    ]
    for path in [values[i + 1] for i, v in enumerate(values[:-1]) if v in ("-f", "--file")]:
        _typed_file(path, cmd, w)
    for text in texts:
        _command(text, f"text {cmd.name} types into a window", w)


# -- D-Bus --------------------------------------------------------------------------------
_SYSTEMCTL = {
    "StartUnit": "start", "StopUnit": "stop", "RestartUnit": "restart", "KillUnit": "kill",
    "TryRestartUnit": "try-restart", "ReloadOrRestartUnit": "reload-or-restart",
    "EnableUnitFiles": "enable", "DisableUnitFiles": "disable", "MaskUnitFiles": "mask",
    "LinkUnitFiles": "link", "PowerOff": "poweroff", "Reboot": "reboot", "Halt": "halt",
    "KExec": "kexec", "Suspend": "suspend", "Hibernate": "hibernate",
    "HybridSleep": "hybrid-sleep", "SetEnvironment": "set-environment",
}  # fmt: skip
# methods that evaluate code or start a program they are handed
_RUNS = frozenset({"Eval", "HostCommand", "Spawn", "loadScript", "exec_blind", "kdeinit_exec"})
_RUNS |= frozenset({"kdeinit_exec_wait", "StartTransientUnit", "RunCommand", "Execute"})
_ENDS = frozenset({"KillSession", "KillUser", "TerminateSession", "TerminateUser"})
_ENDS |= frozenset({"TerminateSeat", "SetUserLinger"})


def _call(cmd: Cmd) -> tuple[str, list[str]]:
    """The member a D-Bus client calls, and the arguments it passes."""
    values = [v for v in cmd.values() if v not in ("call", "emit")]
    plain = [v for v in values if not v.startswith("-")]
    if cmd.name == "gdbus":
        at = next((i for i, v in enumerate(values) if v in ("--method", "-m")), -1)
        method = values[at + 1] if 0 <= at < len(values) - 1 else ""
        method = method or next((v[9:] for v in values if v.startswith("--method=")), "")
        valued = {"--dest", "-d", "--object-path", "-o", "--method", "-m", "--timeout", "-t"}
        rest = [
            v
            for i, v in enumerate(values)
            if not v.startswith("-") and (i == 0 or values[i - 1] not in valued)
        ]
        return method.rsplit(".", 1)[-1], rest
    if cmd.name == "busctl":
        return (plain[3], plain[4:]) if len(plain) > 3 else ("", [])
    if cmd.name in ("qdbus", "qdbus6", "qdbus-qt5"):
        return (plain[2].rsplit(".", 1)[-1], plain[3:]) if len(plain) > 2 else ("", [])
    # dbus-send [options] PATH INTERFACE.MEMBER [type:value …]
    return (plain[1].rsplit(".", 1)[-1], plain[2:]) if len(plain) > 1 else ("", [])


def dbus(cmd: Cmd, w: Walker) -> None:
    member, args = _call(cmd)
    given = [a.split(":", 1)[1] if re.match(r"^[a-z0-9]+:", a) else a for a in args]
    if member in _RUNS:
        # dynamic_command: the service evaluates or starts whatever the call carries
        w.flag("dynamic_command", f"{cmd.name} calls {member}, which runs what it is handed")
    elif member in _ENDS:
        w.flag("system_impact", f"{cmd.name} calls {member} on the login manager")
    elif (verb := _SYSTEMCTL.get(member)) is not None:
        units = [g for g in given if re.search(r"\.(?:service|socket|timer|target|scope)$", g)]
        user = ["--user"] if {"--user", "--session"} & set(cmd.values()) else []
        # the same request systemctl makes: judged as that systemctl command
        w.run_argv([literal(v) for v in ["systemctl", *user, verb, *units]])


# -- settings whose value is a command ----------------------------------------------------
_COMMAND_KEYS = frozenset({"command", "exec", "custom-command", "commandline", "cmd"})
_INI_COMMAND = re.compile(r"^\s*(?:command|exec|custom-command)\s*=\s*(.+)$", re.M)


def _gvariant(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].replace("\\" + text[0], text[0])
    return text


def settings(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "xfconf-query":
        prop = next((b for a, b in itertools.pairwise(values) if a in ("-p", "--property")), "")
        if "/commands/" in prop or prop.rsplit("/", 1)[-1] in _COMMAND_KEYS:
            for value in (b for a, b in itertools.pairwise(values) if a in ("-s", "--set")):
                # a keyboard shortcut's command: the session runs it on the key press
                _command(value, f"the command xfconf-query sets for {prop}", w)
        return
    plain = [v for v in values if not v.startswith("-")]
    if cmd.name == "dconf" and plain[:1] == ["load"]:
        for text in cmd.fed_texts():
            for value in _INI_COMMAND.findall(text):
                _command(_gvariant(value), "a command dconf load sets", w)
        return
    if plain[:1] != ["set" if cmd.name == "gsettings" else "write"]:
        return
    key, value = (
        (plain[2], plain[3])
        if cmd.name == "gsettings" and len(plain) > 3
        else ((plain[1].rsplit("/", 1)[-1], plain[2]) if len(plain) > 2 else ("", ""))
    )
    if key in _COMMAND_KEYS:
        # the session runs this value (a shortcut, the default terminal) when asked later
        _command(_gvariant(value), f"the command {cmd.name} sets as {key}", w)


# -- files opened by the session, default handlers ------------------------------------------
_DOCUMENTS = re.compile(r"\.(?:html?|pdf|png|jpe?g|gif|svg|webp|txt|md|csv|mp4|mp3|ogg)$", re.I)
_EXEC = re.compile(r"^\s*Exec\s*=\s*(.+)$", re.M)


def opens(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "gio" and values[:1] not in (["open"], ["launch"]):
        if values[:1] == ["mime"] and len([v for v in values if not v.startswith("-")]) > 2:
            w.flag("persistence", "gio mime changes which program the session opens files with")
        return
    for path in (v for v in values if not v.startswith("-") and UNKNOWN not in v):
        text = w.written.get(w.place(path).path)
        for line in _EXEC.findall(text or ""):
            # a desktop entry the line wrote: opening it runs its Exec line
            _command(re.sub(r"%[a-zA-Z%]", "", line), f"{path}'s Exec line", w)
        if text is not None and path.endswith((".sh", ".bash", ".run", ".command")):
            w.run_written(path, text)  # a script opened by the session runs by its type
        if text is None and w.fetched(path) and not _DOCUMENTS.search(path):
            # download_exec: the session runs or opens a downloaded program by its type
            w.flag("download_exec", f"{cmd.name} opens {path}, downloaded by this line")


def handlers(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    changes = {"xdg-mime": "default", "xdg-settings": "set", "loginctl": "enable-linger"}
    if values[:1] == [changes[cmd.name]]:
        # persistence: what the session runs on a click, or services kept after log-out
        w.flag("persistence", f"{cmd.name} {values[0]} changes what the session runs later")


DESKTOP_RULES: dict[str, Rule] = {"xdotool": xdotool}
DESKTOP_RULES |= {n: typers for n in ("ydotool", "wtype", "dotool", "xte")}
DESKTOP_RULES |= {n: dbus for n in ("dbus-send", "gdbus", "busctl", "qdbus", "qdbus6", "qdbus-qt5")}
DESKTOP_RULES |= {"gsettings": settings, "dconf": settings, "xfconf-query": settings}
DESKTOP_RULES |= {n: opens for n in ("xdg-open", "gio", "gnome-open", "kde-open", "exo-open")}
DESKTOP_RULES |= {"dex": opens, "kde-open5": opens}
DESKTOP_RULES |= {n: handlers for n in ("xdg-mime", "xdg-settings", "loginctl")}
