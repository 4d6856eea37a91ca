"""Options whose value is a command the tool runs (tar --checkpoint-action, ssh -o
ProxyCommand, git -c core.pager, vim -c ...), and the editors and pagers git may start.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._long_opts import unabbreviated
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import Arg
from clawkeep.guards.command_guard._wrap_tables import EDITORS, PAGERS

__all__ = ["carried"]


# Options whose value is a command the tool will run (tar, rsync, ssh, git, zip, vim ...).
_CARRIED = re.compile(
    r"^(--checkpoint-action=exec=|--to-command=|--use-compress-program=|--rsh-command="
    r"|--info-script=|--new-volume-script=|--rsh=|--rsync-path=|--upload-pack=|--receive-pack="
    r"|--exec=|--extcmd=|-o\s*(ProxyCommand|LocalCommand|KnownHostsCommand)=|(ProxyCommand|LocalCommand)="
    r"|(core\.(sshCommand|pager|editor|fsmonitor|askPass|hooksPath)|sequence\.editor"
    r"|credential\.helper|diff\.external|gpg\.program|alias\.[\w-]+|init\.templateDir"
    r"|include\.path|includeIf\..+\.path|filter\.[\w-]+\.(clean|smudge|process)"
    r"|merge\.[\w-]+\.driver|diff\.[\w-]+\.textconv|core\.gitProxy"
    r"|uploadpack\.packObjectsHook)=!?|--unzip-command="
    r"|:?!|ext::)",
    re.I,
)
_CARRIED_NEXT = {"-e", "-I", "-F", "-TT", "--unzip-command", "-c", "+", "-u", "-o"}
# GNU tar's long options that take their command as the next word, too
_CARRIED_NEXT |= {"--to-command", "--use-compress-program", "--rsh-command", "--info-script"}
_CARRIED_NEXT |= {"--new-volume-script", "--checkpoint-action", "--extcmd"}


def carried(cmd: Cmd, w: Walker) -> None:
    args = unabbreviated(cmd.name, cmd.args)  # `tar --to-comm=CMD`: GNU takes a prefix
    for index, arg in enumerate(args):
        value: Arg | None = None
        if arg.text in _CARRIED_NEXT and index + 1 < len(args):
            nxt = args[index + 1]
            if (arg.text == "-c" and cmd.name == "git") or arg.text == "-o":
                value = nxt if _CARRIED.match(nxt.text) else None
            elif arg.text in ("-c", "+"):
                value = nxt if nxt.text.startswith((":!", "!")) else None
            elif arg.text == "--checkpoint-action":
                value = Arg(nxt.text[5:], nxt.tricks) if nxt.text.startswith("exec=") else None
            elif not (arg.text == "-e" and cmd.name not in ("rsync",)):
                value = nxt if cmd.name in ("rsync", "tar", "zip", "git") else None
            if arg.text == "--extcmd":
                value = nxt  # git difftool --extcmd CMD runs CMD on each pair of files
        elif _CARRIED.match(arg.text) and arg.text.startswith("-"):
            value = arg
        elif arg.text.startswith(("+!", "+:!")):
            value = Arg(arg.text[1:])  # less +!cmd, vim +:!cmd: a shell escape at start-up
        elif cmd.name == "man" and (arg.text in ("-P", "--pager") or arg.text.startswith("-P")):
            given = arg.text[2:] if len(arg.text) > 2 and arg.text != "--pager" else None
            value = Arg(given) if given else (args[index + 1] if index + 1 < len(args) else None)
        elif cmd.name == "man" and arg.text.startswith(("-H", "--html=")) and arg.text != "-H":
            # man -HBROWSER: the browser command runs through a shell, as the pager does
            value = Arg(arg.text[2:] if arg.text.startswith("-H") else arg.text.split("=", 1)[1])
        elif cmd.name == "man" and arg.text.startswith("--pager="):
            value = Arg(arg.text.split("=", 1)[1])  # man runs its pager through a shell
        if value is None:
            continue
        match = _CARRIED.match(value.text)
        text = value.text[match.end() :] if match else value.text
        if re.match(r"(?i)^(include|includeIf\..+)\.path=|^init\.templateDir=", value.text):
            # dynamic_command: a settings file (or hook templates) whose commands git runs
            w.flag("dynamic_command", f"{cmd.name} -c reads settings that may run commands")
            continue
        if not value.static:
            w.flag("dynamic_command", f"{cmd.name} runs a command known only at run time")
        elif text.strip():
            w.script(text, f"a command run by {cmd.name}")
    if cmd.name == "git" and args and args[0].text == "config":
        words = _config_words(args[1:])
        keys = [a.text for a in words]
        reads = any(a.text.startswith(("--get", "--unset", "--list", "-l")) for a in args)
        sets = len(keys) >= 2 and not reads and args[1].text not in ("get", "unset", "list")
        if sets and keys[0].lower() == "core.hookspath" and _workspace_hooks(words[1:], w):
            return
        if sets and _CARRIED.match(keys[0] + "=") and not _plain_tool(keys[0], words[1:]):
            w.flag("persistence", f"git config {keys[0]} makes git run a command later")


def _workspace_hooks(values: list[Arg], w: Walker) -> bool:
    """``git config core.hooksPath .githooks``: the project's own hooks, in the workspace
    (what this line wrote there is judged now, as it will run on the next commit)."""
    if len(values) != 1 or not values[0].static:
        return False
    found = w.place(values[0].text)
    if found.kind not in ("workspace", "workspace_root"):
        return False
    for path, text in list(w.written.items()):
        if path.startswith(found.path.rstrip("/") + "/"):
            w.run_written(path, text)
    return True


_CONFIG_VALUE_OPTIONS = frozenset({"-f", "--file", "--blob", "--type", "--default", "--comment"})
_CONFIG_VERBS = frozenset({"set", "unset", "get", "list", "edit", "rename-section"})


def _config_words(args: list[Arg]) -> list[Arg]:
    """The key and value words of `git config` (options and their values left out)."""
    words: list[Arg] = []
    skip = dashdash = False
    for arg in args:
        if skip:
            skip = False
        elif dashdash:
            words.append(arg)  # after `--` a value may start with `-`
        elif arg.text == "--":
            dashdash = True
        elif arg.text in _CONFIG_VALUE_OPTIONS:
            skip = True
        elif not arg.text.startswith("-"):
            words.append(arg)
    if words and words[0].text in _CONFIG_VERBS:  # `git config set core.editor vim` (2.46+)
        words = words[1:]
    return words


_TOOL_KEYS = {"core.editor": EDITORS, "sequence.editor": EDITORS, "core.pager": PAGERS}


def _plain_tool(key: str, values: list[Arg]) -> bool:
    """``git config core.editor "code --wait"``: a known editor or pager and its options."""
    if len(values) != 1 or not values[0].static:
        return False
    words = values[0].text.split()
    if key.lower().startswith("alias."):
        # an alias without `!` is git's own sub-command and its arguments; a leading option
        # (`-c core.pager=…`) or a value with `=` could hand git a command to run
        plain = all(re.fullmatch(r"[\w.:/@%^~{}-]+", word) for word in words)
        return bool(words) and plain and not words[0].startswith("-")
    if key.lower() == "core.sshcommand":
        return _plain_ssh(values[0].text)
    allowed = _TOOL_KEYS.get(key.lower())
    # every option a plain word: no `+!cmd`, `-c ':!sh'`, `--cmd`, `$(…)` or `;` rides along
    options_plain = all(re.fullmatch(r"--?[A-Za-z][\w-]*", o) for o in words[1:])
    return (
        allowed is not None
        and bool(words)
        and words[0] in allowed
        and options_plain
        and not _RUN_OPTIONS & set(words)
    )


_RUN_OPTIONS = frozenset({"-c", "--cmd", "-S", "--eval", "-e", "-x", "--command", "+"})


# ssh options a git ssh command may carry: which key, which known-hosts file, which port.
_SSH_VALUE_FLAGS = frozenset({"-i", "-p", "-l", "-o"})
_SSH_SAFE_OPTIONS = frozenset(
    {"identitiesonly", "identityfile", "stricthostkeychecking", "userknownhostsfile", "port"}
    | {"user", "batchmode", "connecttimeout", "serveraliveinterval", "loglevel"}
    | {"preferredauthentications", "pubkeyauthentication", "passwordauthentication"}
    | {"compression", "hostkeyalgorithms", "pubkeyacceptedkeytypes", "addkeystoagent"}
)


def _plain_ssh(value: str) -> bool:
    """``core.sshCommand "ssh -i ~/.ssh/deploy_key -o IdentitiesOnly=yes"``: ssh choosing a
    key and host checks; no proxy or local command, agent forwarding, or shell syntax."""
    words = value.split()
    if not words or words[0] != "ssh" or re.search(r"[;&|`$()<>\n\\]", value):
        return False
    index = 1
    while index < len(words):
        word = words[index]
        if word in _SSH_VALUE_FLAGS and index + 1 < len(words):
            given = words[index + 1]
            option = given.split("=", 1)[0].lower()
            if word == "-o" and option not in _SSH_SAFE_OPTIONS:
                return False
            index += 2
        elif re.fullmatch(r"-[46TqvCkx]+", word):
            index += 1
        else:
            return False
    return True
