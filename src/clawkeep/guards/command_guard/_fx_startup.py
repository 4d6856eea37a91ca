"""Start-up code an interpreter loads before the program it was asked to run: Node's
``--require``/``--import``/``--loader`` (on the command line, in ``NODE_OPTIONS`` or npm's
``node-options``), ``PYTHONSTARTUP``, a ``sitecustomize.py``/``usercustomize.py`` on a
``PYTHONPATH``, the import lines of a ``.pth`` file, which every Python start runs, ruby's
``-r`` (and ``RUBYOPT``) and a JVM's ``-javaagent:`` (and ``JAVA_TOOL_OPTIONS``).

What the line put there is judged as the code it is: text the line wrote, as code in its
language; a file it downloaded, as a download run; a ``data:`` URL, decoded. Set in a
file every later shell of the folder loads (direnv's ``.envrc``), a start-up file outside
the workspace is persistence: whoever planted it there runs in each of those shells.
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import re
import shlex
from urllib.parse import unquote

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

__all__ = ["STARTUP_RULES", "load_file", "node_options", "startup_var", "startup_written"]

# Node's options whose value is a module it loads before the program (node's CLI docs).
_NODE_LOADS = frozenset({"--require", "-r", "--import", "--loader", "--experimental-loader"})
_NODE_LOADS |= {"--preload"}  # bun's spelling of --require
# Kinds of place where a start-up file set for every later shell is planted, not kept.
_PLANTED = frozenset({"temp", "home", "home_root", "outside", "root"})
_SYSTEM = re.compile(r"^/(usr|opt|nix|gnu)/")  # installed software: not planted by the line
_SITE_HOOKS = ("sitecustomize.py", "usercustomize.py")
_JAVA_VARS = frozenset({"JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"})


def load_file(path: str, lang: str, what: str, w: Walker) -> None:
    """A file a program loads as code at start-up: a download, or text this line wrote."""
    if UNKNOWN in path:
        w.flag("dynamic_command", f"{what} loads a file named only at run time")
        return
    path = path.removeprefix("file://")
    if w.fetched(path):
        # download_exec: the program runs a file this line downloaded before its own code
        w.flag("download_exec", f"{what} loads {path}, downloaded by this command line")
    elif (text := w.written.get(w.place(path).path)) is not None:
        w.run_written(path, text, lang=lang)
    else:
        _planted(path, what, w)


def _planted(path: str, what: str, w: Walker) -> None:
    """Set for every later shell of a folder (an ``.envrc``): code kept outside it."""
    found = w.place(path)
    if ".envrc" in w.via and found.kind in _PLANTED and not _SYSTEM.match(found.path):
        # persistence: every later shell in the folder loads code kept outside it
        w.flag("persistence", f"{what} loads {found.path} in every shell of the folder")


def _data_url(url: str) -> str | None:
    """The text of a ``data:`` URL (``data:text/javascript,CODE``, ``;base64,…``)."""
    head, sep, body = url.removeprefix("data:").partition(",")
    if not sep:
        return None
    if head.endswith(";base64"):
        try:
            return base64.b64decode(body + "=" * (-len(body) % 4)).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return None
    return unquote(body)


def _node_load(value: str, what: str, w: Walker) -> None:
    if value.startswith("data:"):
        code = _data_url(value)
        if code is None:
            w.flag("obfuscation", f"{what} loads a data: URL that does not decode")
        else:
            w.code("node", code)
    elif value:
        load_file(value, "node", what, w)


def node_options(text: str, what: str, w: Walker) -> None:
    """The modules a Node option string loads (``--require X``, ``--import=data:…``)."""
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    for index, word in enumerate(words):
        name, eq, value = word.partition("=")
        if name in _NODE_LOADS and eq:
            at = text.find(f"{name}=data:")
            if value.startswith("data:") and at >= 0:
                value = text[at + len(name) + 1 :]  # the URL may hold spaces: all of the rest
            _node_load(value, what, w)
        elif word in _NODE_LOADS and index + 1 < len(words):
            _node_load(words[index + 1], what, w)


def startup_var(name: str, value: Arg, w: Walker) -> None:
    """A variable naming start-up code: judge what it loads, now."""
    text = value.text
    if name in ("NODE_OPTIONS", "npm_config_node_options", "NPM_CONFIG_NODE_OPTIONS"):
        node_options(text, name, w)
    elif name == "PYTHONSTARTUP" and text:
        load_file(text, "python", name, w)
    elif name in ("PERL5OPT", "PERL5DB"):
        from clawkeep.guards.command_guard._fx_perlopts import perl_env

        perl_env(name, text, w)  # -M'Foo;code' in PERL5OPT runs at every perl start
    elif name == "RUBYOPT":
        _ruby_requires(text.split(), name, w)
    elif name in _JAVA_VARS:
        _java_agents(text.split(), name, w)
    elif name in ("LD_PRELOAD", "LD_AUDIT"):  # a download loaded is judged by _walk_tree
        for path in (p for p in text.replace(":", " ").split() if UNKNOWN not in p):
            _planted(path, name, w)
    elif name in ("PYTHONPATH", "PYTHONUSERBASE"):
        for folder in (f for f in text.split(":") if f and UNKNOWN not in f):
            for hook in _SITE_HOOKS:
                path = folder.rstrip("/") + "/" + hook
                if w.fetched(path) or w.written.get(w.place(path).path) is not None:
                    load_file(path, "python", f"{name} ({hook})", w)


def _ruby_requires(words: list[str], what: str, w: Walker) -> None:
    """``-r FILE``/``-rFILE`` (ruby's command line, ``RUBYOPT``): FILE is required first."""
    for index, word in enumerate(words):
        if word == "-r" and index + 1 < len(words):
            load_file(words[index + 1], "ruby", what, w)
        elif word.startswith("-r") and len(word) > 2:
            load_file(word[2:], "ruby", what, w)


def _java_agents(words: list[str], what: str, w: Walker) -> None:
    """``-javaagent:JAR``/``-agentpath:LIB`` (java's command line, ``JAVA_TOOL_OPTIONS``):
    the agent runs inside every JVM started, before its main class."""
    from clawkeep.guards.command_guard._fx_programs import loads_download

    for word in words:
        agent = re.match(r"-(?:javaagent|agentpath):([^=]+)", word)
        if agent is not None:
            loads_download(agent.group(1), what, w)


def startup_written(path: str, text: str, w: Walker) -> None:
    """A file the line writes that Python runs at start-up when it lies on the path: a
    ``.pth`` file's ``import`` lines, ``sitecustomize.py``, ``usercustomize.py``."""
    name = posixpath.basename(path)
    if name.endswith(".pth"):
        code = "\n".join(
            line for line in text.splitlines() if re.match(r"import[ \t]", line)
        )  # site.py runs the lines that start with `import`; the others name folders
        if code:
            w.code("python", code)
    elif name in _SITE_HOOKS:
        w.code("python", text)


def _node(cmd: Cmd, w: Walker) -> None:
    """``node --require=X app.js``, ``node --import X``: X runs before the program; so do
    the modules ``NODE_OPTIONS`` names (exported before X was written, too)."""
    if options := w.env.values.get("NODE_OPTIONS"):
        node_options(options, "NODE_OPTIONS", w)
    for index, arg in enumerate(cmd.args):
        name, eq, value = arg.text.partition("=")
        if name in _NODE_LOADS and eq:
            _node_load(value, f"{cmd.name} {name}", w)
        elif arg.text in _NODE_LOADS and index + 1 < len(cmd.args):
            _node_load(cmd.args[index + 1].text, f"{cmd.name} {arg.text}", w)
        elif not arg.text.startswith("-"):
            return  # the program: what follows is its own arguments


def _ruby(cmd: Cmd, w: Walker) -> None:
    """``ruby -r FILE app.rb``: FILE runs before the program."""
    _ruby_requires(cmd.values(), cmd.name, w)


def _java(cmd: Cmd, w: Walker) -> None:
    """``java -javaagent:JAR -jar app.jar``: the agent runs before the program."""
    _java_agents(cmd.values(), cmd.name, w)


def _python(cmd: Cmd, w: Walker) -> None:
    """Python starts: a ``.pth`` or ``sitecustomize.py`` this line downloaded may run."""
    hooks = sorted(n for n in w.downloaded if n.endswith(".pth") or n in _SITE_HOOKS)
    if hooks:
        # download_exec: site.py runs a downloaded start-up file before the program
        w.flag("download_exec", f"{cmd.name} starts with {hooks[0]}, downloaded by this line")


STARTUP_RULES: dict[str, Rule] = {"node": _node, "nodejs": _node, "bun": _node}
STARTUP_RULES["python"] = _python
STARTUP_RULES["ruby"] = _ruby
STARTUP_RULES["java"] = _java
