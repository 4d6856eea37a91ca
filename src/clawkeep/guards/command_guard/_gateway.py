"""The gateway that governs the agent, turned on by the agent: its process, its own CLI,
the environment its service starts with, and the files that steer agents.

- A process looked up by the gateway's name (``$(pgrep -f clawkeep)``, ``$(pidof
  openclaw)``) is the gateway: signalling, renicing, tracing or reading its ``/proc`` entry
  is refused, whatever the program.
- ``launchctl bootout|unload|kill …`` of the gateway's own job stops it.
- The gateway's CLI (``clawkeep``, ``openclaw`` and its earlier names) runs only its help,
  version and status reads: every other verb changes the gateway (config, pairing,
  approvals, skills, its service).
- ``systemctl set-environment``/``launchctl setenv`` of a ``CLAWKEEP_``/``OPENCLAW_``
  variable points the next gateway start at another config or state.
- Listing the gateway's state (``ls ~/.openclaw/agents/*/sessions``) or another process's
  root, cwd or open files (``ls /proc/1/root``, ``ls /proc/PID/fd``) reads what it holds.
- A file that steers an agent (``AGENTS.md``, ``SOUL.md``, ``MEMORY.md``, ``CLAUDE.md``,
  ``.cursorrules``, ``copilot-instructions.md``, ``SKILL.md``, an MCP server list, an
  agent's settings) written with text fetched from the network hands the agent's
  instructions to that host.
- ``crictl``/``ctr`` (the node's container runtime, beneath any sandbox) only read:
  ``exec``, ``run``, ``attach`` and the rest reach every container on the node.
- An MCP server registered by a client CLI (``claude mcp add NAME -- CMD``, ``code
  --add-mcp JSON``) is a command the client runs later: it is judged as run now.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from clawkeep.guards.command_guard._net_raw import producer_kinds
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_facts import (
    STEER,
    SUBSTS,
    TARGET_SUBSTS,
    word_bits,
    word_has,
)
from clawkeep.guards.command_guard._word_types import literal

__all__ = ["GATEWAY_RULES", "turns_on_gateway"]

_NAME = re.compile(r"clawkeep|openclaw|clawdbot|moltbot", re.I)
_NAME_BYTES = re.compile(rb"clawkeep|openclaw|clawdbot|moltbot", re.I)
_LOOKUPS = re.compile(r"(^|[\s;|&(`])(pgrep|pidof|ps|pstree|lsof|fuser|systemctl|launchctl|cat)\b")
_GATEWAY_NAMES = ("clawkeep", "openclaw", "openclaw-gateway", "clawdbot", "moltbot")
_BY_PATTERN = frozenset({"pkill", "killall", "skill", "snice"})
_PRINTS = frozenset({"echo", "printf", "test", "[", "true", ":"})
_CLI_READS = frozenset({"-h", "--help", "help", "-V", "--version", "version", "status"})
_CLI_READS |= frozenset({"health"})
_LAUNCHD_STOPS = frozenset({"stop", "kill", "unload", "bootout", "disable", "remove"})
_SETS_ENV = frozenset({"set-environment", "import-environment", "setenv"})
_GATEWAY_VAR = re.compile(r"^(CLAWKEEP|OPENCLAW|CLAWDBOT|MOLTBOT)_\w+")
_LISTERS = frozenset({"ls", "dir", "vdir", "tree", "exa", "eza", "lsd", "du"})
_PROC_VIEW = re.compile(
    r"^/proc/(?!self(/|$)|thread-self(/|$))[^/]+/(task/[^/]+/)?(root|cwd|fd|map_files)(/|$)"
)
# Files an agent reads as its instructions, memory or tool list.
_STEERS = re.compile(
    r"^(AGENTS|SOUL|MEMORY|CLAUDE|GEMINI|TOOLS|USER|IDENTITY|HEARTBEAT|BOOTSTRAP|SKILL)\.md$"
    r"|^(\.cursorrules|\.windsurfrules|\.clinerules|copilot-instructions\.md|\.?mcp\.json"
    r"|claude_desktop_config\.json|\.claude\.json)$",
    re.I,
)
_STEER_DIRS = frozenset({".claude", ".cursor", "memory", "skills", ".openclaw", ".codex"})


def _steers(path: str) -> bool:
    parts = [p for p in path.split("/") if p]
    if not parts:
        return False
    base = parts[-1]
    if base.lower().startswith("settings") and base.endswith(".json"):
        return ".claude" in parts[:-1]  # an agent's settings: its permissions and hooks
    if _STEERS.match(base):
        return True
    return base.endswith(".md") and bool(_STEER_DIRS & set(parts[:-1]))


# `pid=$(pgrep -f clawkeep)`: a variable the line fills with the gateway's process id;
# `pgrep -f openclaw | xargs renice 19`: the ids piped to a program xargs runs.
_ASSIGNED = re.compile(
    rb"\b([A-Za-z_]\w*)=[\"']?(\$\(|`)[^)`]*\b(pgrep|pidof|cat)\b[^)`]*"
    rb"(clawkeep|openclaw|clawdbot|moltbot)",
    re.I,
)
_PIPED = re.compile(
    rb"\b(pgrep|pidof)\b[^|;&]*(clawkeep|openclaw|clawdbot|moltbot)[^|;&]*\|\s*(sudo\s+)?xargs\b",
    re.I,
)


@lru_cache(maxsize=256)  # pure in the line's text; every command of a line asks again
def _pid_variables(src: bytes) -> bool:
    """The line fills a variable from a lookup of the gateway and expands it later."""
    if not _NAME_BYTES.search(src):
        return False
    for found in _ASSIGNED.finditer(src):
        name = re.escape(found.group(1))
        if re.search(rb"\$(" + name + rb"\b|\{" + name + rb"\b)", src[found.end() :]):
            return True
    return False


def _gateway_pid_in_line(cmd: Cmd, w: Walker) -> bool:
    if cmd.name == "xargs" and _PIPED.search(w.src):
        return True
    return _pid_variables(w.src) and not all(a.static for a in cmd.args)  # cached per line first


def _names_gateway(text: str) -> bool:
    """The gateway's name in a lookup, also spelled to dodge a search (``[c]lawkeep``)."""
    return bool(_NAME.search(re.sub(r"[][\\'\"]", "", text)))


def _pattern_hits_gateway(pattern: str) -> bool:
    """``pkill -f 'open.law'``: the pattern, as the regex pkill reads, matches the name."""
    if _names_gateway(pattern):
        return True
    try:
        hits = [re.search(pattern, name, re.I) for name in _GATEWAY_NAMES]
    except re.error:
        return False
    return any(hit is not None and len(hit.group()) >= 5 for hit in hits)


def _looks_up_gateway(cmd: Cmd, w: Walker) -> bool:
    if word_bits(cmd) & (SUBSTS | TARGET_SUBSTS):  # no `$(…)`: no lookup inside one
        args = list(cmd.args) + [r.target for r in cmd.redirects if r.target is not None]
        for arg in args:
            for node in arg.substs:
                text = w.text(node)
                if _LOOKUPS.search(text) and _names_gateway(text):
                    return True
    if cmd.name in _BY_PATTERN:
        patterns = [v for v in cmd.values() if not v.startswith("-")]
        if any(_pattern_hits_gateway(p) for p in patterns):
            return True
    return _gateway_pid_in_line(cmd, w)


def _targets(cmd: Cmd, values: list[str]) -> tuple[list[str], list[str]]:
    """Where a command writes (redirects, -o/-O/--output, tee, dd of=, cp's last operand,
    a URL's basename for ``wget URL``/``curl -O``), and the operands it reads from."""
    targets = [
        r.target.text
        for r in cmd.redirects
        if r.target is not None and r.op in (">", ">>", ">|", "&>", "&>>")
    ]
    operands = [v for v in values if not v.startswith("-")]
    remote_name = cmd.name == "wget" or (cmd.name == "curl" and "--remote-name" in values)
    for i, value in enumerate(values):
        if cmd.name == "curl" and re.fullmatch(r"-[a-zA-Z]*O", value):
            remote_name = True
        elif value in ("-o", "--output", "-O", "--output-document") and i + 1 < len(values):
            targets.append(values[i + 1])
            remote_name = False
        elif value.startswith(("--output=", "--output-document=", "of=")):
            targets.append(value.split("=", 1)[1])
            remote_name = False
        elif re.fullmatch(r"-[a-zA-Z]+o|-[a-zA-Z]*O", value) and i + 1 < len(values):
            targets.append(values[i + 1])  # `curl -sSo FILE URL`, `wget -qO FILE URL`
            remote_name = False
    if remote_name:
        urls = [v for v in operands if "://" in v]
        targets += [u.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for u in urls]
    if cmd.name in ("tee", "sponge"):
        targets += operands
    elif cmd.name in ("cp", "mv", "install", "ln", "rsync") and len(operands) > 1:
        targets.append(operands[-1])
        return targets, operands[:-1]
    return targets, operands


def _fetched_into_steering(cmd: Cmd, w: Walker) -> None:
    if not word_bits(cmd) & STEER and not (
        cmd.redirects
        and any(word_has(r.target.text, STEER) for r in cmd.redirects if r.target is not None)
    ):
        return  # no word of the command could name a steering file: the common case
    values = cmd.values()
    targets, sources = _targets(cmd, values)
    steered = [p for p in (w.place(t).path for t in targets) if _steers(p)]
    if not steered:
        return
    made = producer_kinds(cmd.name, values)
    made |= cmd.stdin.kinds if cmd.stdin is not None else set()
    if "download" in made or any(w.fetched(s) for s in sources if s not in targets):
        # persistence: fetched text becomes what the agent reads as its instructions
        w.flag(
            "persistence",
            f"{cmd.name} writes fetched text into {steered[0]}, which steers the agent",
        )


_SERVICE_MANAGERS = frozenset({"dbus-update-activation-environment", "systemctl", "launchctl"})


def _service_env_or_stop(cmd: Cmd, values: list[str], w: Walker) -> bool:
    """A service manager told to set the gateway's environment or to stop it (flagged)."""
    verbs = [v for v in values if not v.startswith("-")]
    named = verbs if cmd.name == "dbus-update-activation-environment" else verbs[1:]
    sets_env = cmd.name == "dbus-update-activation-environment" or (
        cmd.name in ("systemctl", "launchctl") and verbs[:1] and verbs[0] in _SETS_ENV
    )
    if sets_env and any(_GATEWAY_VAR.match(v) for v in named):
        # privilege: the next gateway start reads another config or state
        w.flag("privilege", f"{cmd.name} sets the gateway's environment")
        return True
    stops = cmd.name == "launchctl" and verbs[:1] and verbs[0] in _LAUNCHD_STOPS
    if stops and any(_NAME.search(v) for v in named):
        # privilege: the gateway that judges this agent's commands is stopped
        w.flag("privilege", f"launchctl {verbs[0]} stops the gateway")
        return True
    return False


def turns_on_gateway(cmd: Cmd, w: Walker) -> None:
    """Every command: the gateway's process, its environment and the steering files."""
    if cmd.name not in _PRINTS and _looks_up_gateway(cmd, w):
        # privilege: the gateway that judges this agent's commands is signalled or read
        w.flag("privilege", f"{cmd.name} acts on the gateway's process, looked up by its name")
        return
    if cmd.name in _SERVICE_MANAGERS and _service_env_or_stop(cmd, cmd.values(), w):
        return
    if cmd.name in _LISTERS:
        for value in cmd.values():
            if value.startswith("-"):
                continue
            found = w.place(value)
            if found.kind == "state" or _PROC_VIEW.match(found.path):
                # credential_read: names of sessions, senders and keys, or another process's files
                w.flag("credential_read", f"{cmd.name} lists {found.path}")
                return
    _fetched_into_steering(cmd, w)


def _gateway_cli(cmd: Cmd, w: Walker) -> None:
    """``openclaw config set …``, ``clawkeep config set …``, ``openclaw pairing approve``."""
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if not values or set(values) <= _CLI_READS or "--help" in values or "-h" in values:
        return
    if verbs and verbs[0] in _CLI_READS and len(verbs) == 1:
        return
    # privilege: the agent reconfigures, pairs with or stops the gateway that governs it
    w.flag(
        "privilege", f"{cmd.name} {' '.join(verbs[:2])} changes the gateway that governs this agent"
    )


def _claude(cmd: Cmd, w: Walker) -> None:
    """``claude mcp add NAME -- CMD ARGS``: the server command runs at every session."""
    values = cmd.values()
    if values[:2] not in (["mcp", "add"], ["mcp", "add-json"]):
        return
    rest = cmd.args[2:]
    if values[1] == "add-json":
        _mcp_json(values[-1] if len(values) > 3 else "{}", w)
        return
    if "--" in values[2:]:
        at = values.index("--", 2)
        w.run_argv(cmd.args[at + 1 :])
        return
    takes = {"-s", "--scope", "-e", "--env", "-t", "--transport", "-H", "--header"}
    skip = False
    for index, arg in enumerate(rest):
        if skip:
            skip = False
        elif arg.text in takes:
            skip = True
        elif not arg.text.startswith("-"):
            command = rest[index + 1 :]  # after NAME: the server's argv, word for word
            if command and "://" not in command[0].text:
                w.run_argv(command)
            return


def _mcp_json(text: str, w: Walker) -> None:
    try:
        spec = json.loads(text)
    except ValueError:
        return
    if not isinstance(spec, dict) or not isinstance(spec.get("command"), str):
        return
    given = spec.get("args")
    args = given if isinstance(given, list) else []
    w.run_argv([literal(spec["command"]), *(literal(str(a)) for a in args)])


def _editor_mcp(cmd: Cmd, w: Walker) -> None:
    """``code --add-mcp '{"name":…,"command":…,"args":[…]}'``: a server the editor runs."""
    values = cmd.values()
    for i, value in enumerate(values):
        if value == "--add-mcp" and i + 1 < len(values):
            _mcp_json(values[i + 1], w)
        elif value.startswith("--add-mcp="):
            _mcp_json(value.split("=", 1)[1], w)


_CRI_READS = frozenset({"ps", "pods", "images", "img", "inspect", "inspectp", "inspecti"})
_CRI_READS |= frozenset({"logs", "stats", "statsp", "info", "version", "help", "imagefsinfo"})
_CTR_READS = frozenset({"list", "ls", "info", "ps", "metrics", "check", "version", "help"})
_CTR_VALUES = frozenset({"-n", "--namespace", "-a", "--address", "--timeout"})


def _node_runtime(cmd: Cmd, w: Walker) -> None:
    """``crictl exec``, ``ctr task exec``, ``ctr run``: the node's container runtime (the
    one Kubernetes and the gateway's sandbox run on) asked to run or change a container."""
    values = cmd.values()
    words, skip = [], False
    for value in values:
        if skip:
            skip = False
        elif value in _CTR_VALUES or value in ("-r", "--runtime-endpoint", "-i"):
            skip = True
        elif not value.startswith("-"):
            words.append(value)
    if not words or set(values) <= _CLI_READS:
        return
    if cmd.name == "crictl":
        read = words[0] in _CRI_READS
    else:
        read = words[0] in _CTR_READS or (len(words) > 1 and words[1] in _CTR_READS)
    if not read:
        # privilege: every container on the node is reachable through its runtime
        w.flag("privilege", f"{cmd.name} {' '.join(words[:2])} runs or changes a container")


GATEWAY_RULES: dict[str, Rule] = {
    name: _gateway_cli for name in ("clawkeep", "openclaw", "clawdbot", "moltbot")
}
GATEWAY_RULES |= {"claude": _claude, "crictl": _node_runtime, "ctr": _node_runtime}
GATEWAY_RULES |= {name: _editor_mcp for name in ("code", "code-insiders", "cursor", "codium")}
