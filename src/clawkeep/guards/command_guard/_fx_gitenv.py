"""Git settings and remotes that carry a command: configuration given in the environment
(``GIT_CONFIG_PARAMETERS``, ``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``/``GIT_CONFIG_VALUE_n``,
``--config-env``) is judged as ``git -c`` is, and a remote spelled ``ext::CMD`` (git's
ext transport, which runs CMD in place of a server) is judged as the argv it runs and
refused: a remote that is a local command is a command disguised as an address.

Git's section and key names are case-insensitive (``CORE.HOOKSPATH`` is
``core.hooksPath``): every rule that reads a key compares it folded.
"""

from __future__ import annotations

import re
import shlex

from clawkeep.guards.command_guard._git_reads import outside_reads
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import Arg, literal
from clawkeep.guards.command_guard._wrap_carried import carried

__all__ = ["GITENV_RULES", "config_file_settings", "env_settings"]

# git-remote-ext(1): `% ` is a space, `%%` a percent sign, `%s`/`%S` the service's name.
_EXT_ESCAPES = {" ": " ", "%": "%", "s": "upload-pack", "S": "git-upload-pack", "G": "", "V": ""}


def env_settings(w: Walker) -> list[str]:
    """The ``key=value`` settings git reads from the environment of this command."""
    values = w.env.values
    settings: list[str] = []
    given = values.get("GIT_CONFIG_PARAMETERS")
    if given:
        try:
            words = shlex.split(given)  # `'core.pager'='less'` or `'core.pager=less'`
        except ValueError:
            words = given.split()
        settings += [word for word in words if "=" in word]
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG"):
        path = values.get(name)
        text = w.written.get(w.place(path).path) if path else None
        settings += config_file_settings(text) if text else []  # a config this line wrote
    count = values.get("GIT_CONFIG_COUNT") or "0"
    for n in range(min(int(count), 64) if count.isdigit() else 0):
        key, value = values.get(f"GIT_CONFIG_KEY_{n}"), values.get(f"GIT_CONFIG_VALUE_{n}")
        if key is not None and value is not None:
            settings.append(f"{key}={value}")
    return settings


_SECTION = re.compile(r'^\[\s*([\w.-]+)(?:\s+"((?:\\.|[^"\\])*)")?\s*\]\s*(.*)$')
_ENTRY = re.compile(r"^([A-Za-z][\w-]*)\s*(?:=\s*(.*?))?\s*$")


def config_file_settings(text: str) -> list[str]:
    """The ``key=value`` settings of a git config file (``[core]`` / ``pager = less``)."""
    out: list[str] = []
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        head = _SECTION.match(line)
        if head is not None:
            section = head.group(1) + (f".{head.group(2)}" if head.group(2) is not None else "")
            line = head.group(3)
        entry = _ENTRY.match(line) if line and section else None
        if entry is not None:
            value = entry.group(2) if entry.group(2) is not None else "true"
            if len(value) > 1 and value[0] == value[-1] == '"':
                value = value[1:-1]
            out.append(f"{section}.{entry.group(1)}={value}")
    return out


def _config_env(cmd: Cmd, w: Walker) -> list[str]:
    """``git --config-env=core.pager=VAR``: the setting's value is VAR's."""
    out: list[str] = []
    values = cmd.values()
    for index, value in enumerate(values):
        given = value.removeprefix("--config-env=") if value.startswith("--config-env=") else ""
        if value == "--config-env" and index + 1 < len(values):
            given = values[index + 1]
        key, _, name = given.rpartition("=")
        if key and (found := w.env.values.get(name)) is not None:
            out.append(f"{key}={found}")
    return out


def ext_argv(url: str) -> list[str]:
    """The argv git's ext transport runs for ``ext::CMD`` (spaces split; ``%`` escapes)."""
    words: list[str] = []
    word, index, body = "", 0, url[len("ext::") :]
    while index < len(body):
        char = body[index]
        if char == "%" and index + 1 < len(body):
            word += _EXT_ESCAPES.get(body[index + 1], "")
            index += 2
            continue
        if char == " ":
            words, word = [*words, word] if word else words, ""
        else:
            word += char
        index += 1
    return [*words, word] if word else words


def _ext(text: str, w: Walker) -> None:
    argv = ext_argv(text)
    w.run_argv([literal(word) for word in argv])
    # obfuscation: git's ext transport runs a local command where a remote's address goes
    w.flag("obfuscation", f"git runs {' '.join(argv)[:60]!r} as the remote ext::")


def _git(cmd: Cmd, w: Walker) -> None:
    outside_reads(cmd, w)  # git diff --no-index ~/.ssh/id_rsa …: a credential printed
    settings = env_settings(w) + _config_env(cmd, w)
    for setting in settings:
        carried(Cmd("git", "git", [Arg("-c"), literal(setting)]), w)
    for text in cmd.values() + [s.partition("=")[2] for s in settings]:
        folded = text.lower()  # the transport's name, in any case
        if folded.startswith("ext::"):
            _ext(text, w)
        elif "=ext::" in folded:  # -c remote.origin.url=ext::…
            _ext(text[folded.index("=ext::") + 1 :], w)
        elif text[:9].lower() == "url.ext::":  # url.ext::CMD.insteadOf=URL: CMD for URL
            key = text.partition("=")[0]
            _ext(key[4 : key.rfind(".")], w)


GITENV_RULES: dict[str, Rule] = {"git": _git}
