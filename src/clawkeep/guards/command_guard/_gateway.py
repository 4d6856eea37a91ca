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

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import literal

__all__ = ["GATEWAY_RULES", "turns_on_gateway"]

_NAME = re.compile(r"clawkeep|openclaw|clawdbot|moltbot", re.I)
_LOOKUPS = re.compile(r"(^|[\s;|&(`])(pgrep|pidof|ps|pstree|lsof|fuser|systemctl|launchctl|cat)\b")
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


def _gateway_pid_in_line(cmd: Cmd, w: Walker) -> bool:
    src = w.src
    if cmd.name == "xargs" and _PIPED.search(src):
        return True
    if all(a.static for a in cmd.args):
        return False
    for found in _ASSIGNED.finditer(src):
        name = re.escape(found.group(1))
        if re.search(rb"\$(" + name + rb"\b|\{" + name + rb"\b)", src[found.end() :]):
            return True
    return False


def _looks_up_gateway(cmd: Cmd, w: Walker) -> bool:
    args = list(cmd.args) + [r.target for r in cmd.redirects if r.target is not None]
    for arg in args:
        for node in arg.substs:
            text = w.text(node)
            if _LOOKUPS.search(text) and _NAME.search(text):
                return True
    return _gateway_pid_in_line(cmd, w)


def _fetched_into_steering(cmd: Cmd, w: Walker) -> None:
    from clawkeep.guards.command_guard._net_raw import producer_kinds

    values = cmd.values()
    targets = [
        r.target.text
        for r in cmd.redirects
        if r.target is not None and r.op in (">", ">>", ">|", "&>", "&>>")
    ]
    for i, value in enumerate(values):
        if value in ("-o", "--output", "-O", "--output-document") and i + 1 < len(values):
            targets.append(values[i + 1])
        elif value.startswith(("--output=", "--output-document=")):
            targets.append(value.split("=", 1)[1])
        elif re.fullmatch(r"-[a-zA-Z]+o|-[a-zA-Z]*O", value) and i + 1 < len(values):
            targets.append(values[i + 1])  # `curl -sSo FILE URL`, `wget -qO FILE URL`
    if cmd.name == "tee":
        targets += [v for v in values if not v.startswith("-")]
    steered = [p for p in (w.place(t).path for t in targets) if _steers(p)]
    if not steered:
        return
    made = producer_kinds(cmd.name, values)
    made |= cmd.stdin.kinds if cmd.stdin is not None else set()
    for path in steered if "download" in made else []:
        if path:
            # persistence: fetched text becomes what the agent reads as its instructions
            w.flag(
                "persistence", f"{cmd.name} writes fetched text into {path}, which steers the agent"
            )
            return


def turns_on_gateway(cmd: Cmd, w: Walker) -> None:
    """Every command: the gateway's process, its environment and the steering files."""
    if cmd.name not in _PRINTS and _looks_up_gateway(cmd, w):
        # privilege: the gateway that judges this agent's commands is signalled or read
        w.flag("privilege", f"{cmd.name} acts on the gateway's process, looked up by its name")
        return
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    named = verbs if cmd.name == "dbus-update-activation-environment" else verbs[1:]
    sets_env = cmd.name == "dbus-update-activation-environment" or (
        cmd.name in ("systemctl", "launchctl") and verbs[:1] and verbs[0] in _SETS_ENV
    )
    if sets_env and any(_GATEWAY_VAR.match(v) for v in named):
        # privilege: the next gateway start reads another config or state
        w.flag("privilege", f"{cmd.name} sets the gateway's environment")
        return
    stops = cmd.name == "launchctl" and verbs[:1] and verbs[0] in _LAUNCHD_STOPS
    if stops and any(_NAME.search(v) for v in named):
        # privilege: the gateway that judges this agent's commands is stopped
        w.flag("privilege", f"launchctl {verbs[0]} stops the gateway")
        return
    if cmd.name in _LISTERS:
        for value in values:
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
