"""Walking a bash syntax tree: every simple command, wherever it hides, gets judged.

The walker visits commands inside lists, pipelines, subshells, functions, loops,
``$(…)``, backticks, process substitutions and redirect targets. A simple command is
resolved to its argv (after quote removal) and handed to the rule table; wrappers and
``bash -c`` / ``eval`` strings come back here one level deeper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from clawkeep.guards.command_guard._cmd import (
    Cmd,
    Redirect,
    Rule,
    Stdin,
    command_name,
)
from clawkeep.guards.command_guard._cmd import canonical as _canonical
from clawkeep.guards.command_guard._model import CODES, CommandContext, Finding
from clawkeep.guards.command_guard._parse import Node, parse
from clawkeep.guards.command_guard._paths import LISTS, Place, place
from clawkeep.guards.command_guard._words import UNKNOWN, Arg, Env, fields, resolve

_SPAWN_LOOP = re.compile(
    r"^(while\s+(true|:|\[\s*1\s*\]|\(\(\s*1\s*\)\))|until\s+false)\s*;?\s*do\b.*[^&>]&(?![&>])",
    re.DOTALL,
)
__all__ = ["Cmd", "Redirect", "Rule", "Stdin", "Walker", "command_name", "echo_text"]


# Builtins with no effect beyond the shell itself: allowed in allowlist mode.
_READERS = frozenset({"read", "mapfile", "readarray", "printf"})
# Programs that run their argv as another user (root): what reaches them runs with its rights.
ELEVATE = frozenset({"sudo", "doas", "runuser", "pkexec", "su", "setpriv", "chroot"})
# Variables that make a program load or run code it was not asked to: the dynamic loader's
# and the interpreters' start-up hooks. Handed to a program run as another user (root),
# they run the caller's code with that user's rights.
LOADER_VARS = frozenset({"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "GCONV_PATH", "BASH_ENV"})
LOADER_VARS |= frozenset({"PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PERL5LIB"})
LOADER_VARS |= frozenset({"PERL5OPT", "PERLLIB", "RUBYOPT", "RUBYLIB", "NODE_OPTIONS"})
# Variables whose value is a command line a tool hands to a shell later (git, less, man,
# ssh, bash): `GIT_SSH_COMMAND="rm -rf /" git fetch` runs rm.
COMMAND_VARS = frozenset({"GIT_SSH_COMMAND", "GIT_SSH", "GIT_PAGER", "GIT_EDITOR", "PAGER"})
COMMAND_VARS |= frozenset({"EDITOR", "VISUAL", "MANPAGER", "LESSOPEN", "LESSCLOSE", "BROWSER"})
COMMAND_VARS |= frozenset({"GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "SSH_ASKPASS", "SUDO_ASKPASS"})
COMMAND_VARS |= frozenset({"PROMPT_COMMAND", "GIT_PROXY_COMMAND", "RSYNC_RSH", "FCEDIT"})
COMMAND_VARS |= frozenset({"GIT_SEQUENCE_EDITOR", "SYSTEMD_PAGER", "SYSTEMD_EDITOR"})
# Options that take a value (`read -d , -p "? " x`, `mapfile -n 5 -t arr`); read -a names
# the array.
_READ_VALUE_OPTIONS = {
    "read": frozenset({"-d", "-i", "-n", "-N", "-p", "-t", "-u"}),
    "mapfile": frozenset({"-d", "-n", "-O", "-s", "-u", "-C", "-c"}),
}
_ALLOWLIST_BUILTINS = frozenset({"cd", "echo", "printf", "true", "false", "test", "[", "pwd", ":"})


class Walker:
    """Collects findings for one input; ``depth`` counts re-parsed nesting levels."""

    def __init__(self, ctx: CommandContext, rules: dict[str, Rule], wrappers: dict[str, Rule]):
        self.ctx = ctx
        self.rules = rules
        self.wrappers = wrappers
        self.findings: list[Finding] = []
        self.env = Env(
            home=str(ctx.home) if ctx.home else "~",
            workspace=str(ctx.workspace) if ctx.workspace else ".",
        )
        self.downloaded: set[str] = set()
        # Files this line wrote with text known here (echo/printf/heredoc > f): running one
        # (sh f, ./f, source f, python f) runs that text, judged like bash -c.
        self.written: dict[str, str] = {}
        self.remotes: set[str] = set()
        self.depth = 0
        self.src = b""
        self._stdin: Stdin | None = None
        self.functions: set[str] = set()
        self.cwd: str | None = None  # set by cd; None: the workspace
        self.via: list[str] = []  # the commands that handed over the argv being judged
        self._judged: set[tuple[object, ...]] = set()  # (text and the state it was judged in)
        self._current = ""

    def place(self, text: str) -> Place:
        """Where a path argument points, from the current directory of the script."""
        return place(text, self.ctx, self.cwd)

    def _cd(self, args: list[Arg]) -> None:
        target = [a for a in args if not a.text.startswith("-") or a.text == "-"]
        if not target or target[0].text == "~":
            self.cwd = self.env.home if self.env.home != "~" else UNKNOWN
        elif not target[0].static or target[0].text == "-":
            self.cwd = UNKNOWN
        else:
            found = self.place(target[0].text)
            self.cwd = UNKNOWN if found.kind == "unknown" else found.path
        self.env.workspace = self.cwd

    # -- findings ---------------------------------------------------------------
    def flag(self, reason: str, detail: str) -> None:
        finding = Finding(CODES[reason], detail)  # KeyError: a rule named an unlisted effect
        if finding not in self.findings:
            self.findings.append(finding)

    # -- entry points -------------------------------------------------------------
    def script(self, text: str, what: str = "nested script", *, scope: str = "child") -> None:
        """Parse and judge shell text found inside the command (bash -c, eval ...).

        ``scope`` says whether the text can change this shell's directory and variables:
        ``"child"`` (``bash -c``, ``ssh host …``: another process, restored after it),
        ``"same"`` (``eval``: kept) or ``"maybe"`` (a trap or alias body that may or may
        not run before the rest of the line: whatever it changes becomes unknown).
        """
        if scope == "same":
            self._script(text, what)
            return
        with self.child_shell(merge=scope == "maybe"):
            self._script(text, what)

    @contextmanager
    def child_shell(self, *, merge: bool = False) -> Iterator[None]:
        """A subshell, a nested shell or a pipeline stage: its cd and assignments stay in it.

        Without this a ``(cd /srv/ws)`` or ``bash -c 'd=build'`` would make the walker
        judge the rest of the line in a directory, or with a value, the shell never has.
        With ``merge`` what the text changed is kept as unknown: it may or may not happen.
        """
        cwd, workspace, values = self.cwd, self.env.workspace, dict(self.env.values)
        computed = set(self.env.computed)
        try:
            yield
        finally:
            if merge:
                computed |= self.env.computed
            self.env.computed = computed
            changed_cwd = self.cwd != cwd
            changed = {k for k, v in self.env.values.items() if values.get(k, v) != v}
            changed |= set(self.env.values) - set(values)
            self.cwd, self.env.workspace, self.env.values = cwd, workspace, values
            if merge and changed_cwd:
                self.cwd = self.env.workspace = UNKNOWN
            if merge:
                for name in changed:
                    self.env.values[name] = None  # set or not, only known at run time

    def _script(self, text: str, what: str) -> None:
        if self.depth >= self.ctx.max_depth:
            self.flag("too_deep", f"{what} nests deeper than {self.ctx.max_depth} levels")
            return
        # The same text reached again by another route (an argv and a string in one inline
        # program) in the same state finds the same things: judge it once.
        state = (
            text,
            self.cwd,
            self.depth,
            frozenset(self.env.values.items()),
            frozenset(self.downloaded | self.remotes | self.functions),
        )
        if state in self._judged:
            return
        self._judged.add(state)
        parsed = parse(text)
        if parsed is None:
            self.flag("parse_error", f"{what} is not valid bash: {text[:60]!r}")
            return
        root, src = parsed
        saved, saved_stdin = self.src, self._stdin
        self.src, self._stdin = src, None
        self.depth += 1
        try:
            self.visit(root)
        finally:
            self.depth -= 1
            self.src, self._stdin = saved, saved_stdin

    def code(self, lang: str, text: str) -> None:
        """Judge an interpreter's inline program (python -c, node -e ...)."""
        from clawkeep.guards.command_guard._inline import judge_code

        if self.depth >= self.ctx.max_depth:
            self.flag("too_deep", f"{lang} code nests deeper than {self.ctx.max_depth} levels")
            return
        self.depth += 1
        try:
            judge_code(lang, text, self)
        finally:
            self.depth -= 1

    # -- tree walking -------------------------------------------------------------
    def visit(self, node: Node) -> None:
        kind = node.type
        if kind == "command":
            self._simple(node, [])
        elif kind == "redirected_statement":
            self._redirected(node)
        elif kind == "pipeline":
            self._pipeline(node)
        elif kind == "function_definition":
            self._function(node)
        elif kind == "variable_assignment":
            self._assign(node)
        elif kind in ("while_statement", "until_statement") and _SPAWN_LOOP.match(self.text(node)):
            self.flag("fork_bomb", "an endless loop starts background processes")
            self._children(node)
        elif kind == "command_substitution":
            with self.child_shell():
                self._substitution(node)
        elif kind in ("subshell", "process_substitution"):
            with self.child_shell():
                self._children(node)
        elif kind == "for_statement":
            self._for(node)
        elif kind == "unset_command" and "HIST" in self.text(node):
            self.flag("anti_forensics", "unsetting the history variables hides commands")
            self._children(node)
        else:
            self._children(node)

    def _for(self, node: Node) -> None:
        """``for x in a b c``: the body is judged once for each static value (up to 8)."""
        var = node.child_by_field_name("variable")
        values = node.children_by_field_name("value")
        body = node.child_by_field_name("body")
        for value in values:
            self._children_nested(value)
        if var is None or body is None or node.child_by_field_name("initializer") is not None:
            self._children(node)
            return
        name = self.text(var)
        words = self.expand(values) if values else []
        if not values or not words or not all(w.static for w in words) or len(words) > 8:
            self.env.values[name] = None  # values known only at run time
            if any(w.substs or w.computed for w in words):
                self.env.computed.add(name)  # for x in $(cat f): x holds the file's words
            self.visit(body)
            return
        for word in words:
            self.env.values[name] = word.text
            self.visit(body)

    def _substitution(self, node: Node) -> None:
        redirects = [c for c in node.named_children if c.type == "file_redirect"]
        if redirects:  # $(<file) reads a file with no command at all
            from clawkeep.guards.command_guard._rules_io import judge_redirects

            judge_redirects(Cmd("", "", [], self._redirects(redirects)), self)
        self._children(node)

    def _children(self, node: Node) -> None:
        for child in node.named_children:
            self.visit(child)

    def _assign(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        value_node = node.child_by_field_name("value")
        if value_node is not None:
            self._children_nested(value_node)
        if name_node is None:
            return
        name = self.text(name_node)
        value = resolve(value_node, self.src, self.env) if value_node is not None else Arg("")
        self._tricks(value, f"value of {name}")
        if name in LOADER_VARS and self.elevated():
            # privilege: sudo sh -c 'LD_PRELOAD=… cmd' loads the caller's code as root
            self.flag("privilege", f"{name} is set for programs run as another user")
        self.command_var(name, value)
        if name in ("HISTFILE", "HISTSIZE", "HISTFILESIZE") and value.text in (
            "",
            "0",
            "/dev/null",
        ):
            self.flag("anti_forensics", f"{name}={value.text} stops recording commands")
        if any(c.type == "+=" for c in node.children):  # s+=$i appends to what s held
            before = self.env.values.get(name, "") if name in self.env.values else None
            joined = None if before is None or value.value is None else before + value.value
            self.env.values[name] = joined
            if value.computed or (value.substs and not value.static):
                self.env.computed.add(name)
            return
        self.env.values[name] = value.value
        if value.computed or (value.substs and not value.static):
            self.env.computed.add(name)  # V=$(cat .env): V holds what the command printed
        else:
            self.env.computed.discard(name)

    def _children_nested(self, node: Node) -> None:
        saved, self._stdin = self._stdin, None
        self.visit(node)
        self._stdin = saved

    def text(self, node: Node) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "surrogateescape")

    def _redirected(self, node: Node) -> None:
        body = node.child_by_field_name("body")
        redirects = [c for c in node.named_children if body is None or c.id != body.id]
        if body is not None and body.type == "command":
            self._simple(body, redirects)
            return
        parsed = self._redirects(redirects)
        fed = [r.body for r in parsed if r.op in ("<<<", "<<") and r.body is not None]
        if body is not None:
            saved = self._stdin
            # `while read f; do …; done <<< "$HOME/.ssh/id_rsa"`: the loop reads this text,
            # a line a turn (the body is judged once a line, up to 8, like a `for`)
            lines = [line for line in fed[-1].split("\n") if line.strip()] if fed else []
            looped = body.type in ("while_statement", "until_statement") and len(lines) > 1
            try:
                for line in lines[:8] if looped else [fed[-1]] if fed else [None]:
                    self._stdin = Stdin(frozenset(), line) if line is not None else saved
                    self.visit(body)
            finally:
                self._stdin = saved
        from clawkeep.guards.command_guard._rules_io import judge_redirects

        judge_redirects(Cmd("", "", [], parsed), self)

    def _redirects(self, nodes: list[Node]) -> list[Redirect]:
        out: list[Redirect] = []
        for node in nodes:
            self._children_nested(node)
            op = next((c.type for c in node.children if not c.is_named), "")
            if node.type == "heredoc_redirect":
                body = next((c for c in node.named_children if c.type == "heredoc_body"), None)
                out.append(Redirect("<<", None, self.text(body) if body is not None else ""))
            elif node.type == "herestring_redirect":
                value = node.named_children[-1] if node.named_children else None
                text = resolve(value, self.src, self.env).text if value is not None else ""
                out.append(Redirect("<<<", None, text))
            else:
                dest = node.child_by_field_name("destination")
                if dest is None or dest.type == "number" or self.text(dest) == "-":
                    continue  # an fd duplication, not a file
                out.append(Redirect(op, resolve(dest, self.src, self.env)))
        return out

    def _function(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else ""
        body = node.child_by_field_name("body")
        if body is not None and name and _calls_itself(self, body, name):
            self.flag("fork_bomb", f"function {name} starts copies of itself in the background")
        self.functions.add(name)
        self._children(node)

    def _pipeline(self, node: Node) -> None:
        stages = [c for c in node.named_children if c.type != "comment"]
        from clawkeep.guards.command_guard._rules_net import pipeline_rules

        names = [_stage_name(self, s) for s in stages]
        pipeline_rules(names, self)
        saved = self._stdin
        feed: Stdin | None = saved
        for index, stage in enumerate(stages):
            self._stdin = feed
            if feed is not None and "secret_names" in feed.kinds and names[index] not in _FILTERS:
                # credential_read: names listed in a key folder, handed to a program that
                # may open them (xargs cat, while read …)
                self.flag("credential_read", f"{names[index]} gets the names in a key folder")
            if len(stages) > 1:
                with self.child_shell():  # every stage of a pipeline runs in a subshell
                    self.visit(stage)
            else:
                self.visit(stage)
            produced = _producer(self, stage, names[index])
            # Bytes from a download stay downloaded through tee, cat, sed ... stages.
            carried = feed.kinds if feed is not None else frozenset()
            feed = Stdin(produced.kinds | carried, produced.text)
        self._stdin = saved

    # -- simple commands ----------------------------------------------------------
    def _simple(self, node: Node, outer: list[Node]) -> None:
        stdin, self._stdin = self._stdin, None
        inner_redirects: list[Node] = []
        for child in node.named_children:
            if child.type == "variable_assignment":
                self._assign(child)
            elif child.type.endswith("_redirect"):
                inner_redirects.append(child)
            else:
                self._children_nested(child)
        redirects = self._redirects(inner_redirects + outer)
        name_node = node.child_by_field_name("name")
        if name_node is None:
            from clawkeep.guards.command_guard._rules_io import judge_redirects

            judge_redirects(Cmd("", "", [], redirects), self)
            return
        arguments = [
            a
            for a in node.children_by_field_name("argument")
            # `sh 0<&2`: the grammar reads the descriptor as an argument; bash does not
            if not (a.type == "number" and self.src[a.end_byte : a.end_byte + 1] in (b"<", b">"))
        ]
        # `rm -r 2>&1 -f /`: bash gives the words after a redirect's target to the command;
        # the grammar files them under the redirect
        arguments += [w for r in inner_redirects + outer for w in _redirect_words(r)]
        words = self.expand([name_node, *arguments])
        if not words:
            return
        heredocs = [r for r in outer if r.type == "heredoc_redirect"]
        if heredocs and self.src[node.end_byte : heredocs[0].start_byte].strip() == b"-":
            words.append(Arg("-"))  # `make -f - <<EOF`: the grammar drops a lone `-` there
        self.run(words[0], words[1:], redirects, stdin)

    def expand(self, nodes: list[Node]) -> list[Arg]:
        """The words bash passes: each node resolved, field-split and brace-expanded."""
        ifs = self.env.values.get("IFS") if "IFS" in self.env.values else None
        out: list[Arg] = []
        for node in nodes:
            out.extend(fields(resolve(node, self.src, self.env), ifs))
        return out

    def run(
        self,
        word: Arg,
        args: list[Arg],
        redirects: list[Redirect] | None = None,
        stdin: Stdin | None = None,
    ) -> None:
        """Judge one argv: the command word, its arguments, redirects and stdin."""
        from clawkeep.guards.command_guard._rules_io import judge_args, judge_redirects

        self._tricks(word, f"command word {_show(word)}")
        if not word.static:
            self.flag(
                "dynamic_command", f"the command word {_show(word)} is only known at run time"
            )
            return
        if word.glob:
            self.flag("obfuscation", f"the command word {word.text!r} is a glob pattern")
        name = command_name(word.text)
        cmd = Cmd(_canonical(name), word.text, args, redirects or [], stdin)
        if name in self.ctx.deny_commands:
            self.flag("denied_command", f"{name} is on this agent's deny list")
        only = self.ctx.only_commands
        if only is not None and name not in only and name not in _ALLOWLIST_BUILTINS:
            # allowlist mode: every command of the line, nested or wrapped, must be listed
            self.flag("not_allowlisted", f"{name} is not in tools.exec.safeBins")
        if name in self.downloaded and "/" in word.text:
            self.flag("download_exec", f"{word.text} was downloaded by this command line")
        if "/" in word.text and (text := self.written.get(self.place(word.text).path)):
            self.run_written(word.text, text)
        if cmd.name in ("cd", "pushd", "chdir"):
            self._cd(args)
        if cmd.name in _READERS:
            self._read_into(cmd)
        judge_redirects(cmd, self)
        judge_args(cmd, self)
        for arg in args:
            if arg.substs and "decode" in self.subst_kinds(arg):
                self.flag("obfuscation", f"an argument of {name} is decoded at run time")
        wrapper = self.wrappers.get(cmd.name)
        if wrapper is not None:
            self._current = cmd.name
            wrapper(cmd, self)
        rule = self.rules.get(cmd.name)
        if rule is not None and name not in self.ctx.allow_commands:
            self._current = cmd.name
            rule(cmd, self)

    def _read_into(self, cmd: Cmd) -> None:
        """``read a b``, ``mapfile -t arr``: the named variables hold input data from now on."""
        values = cmd.values()
        if cmd.name == "printf":
            # printf -v NAME FORMAT …: NAME holds the formatted text
            at = values.index("-v") if "-v" in values else -1
            if 0 <= at < len(values) - 1 and any(not a.static or a.computed for a in cmd.args):
                self.env.values[values[at + 1]] = None
                self.env.computed.add(values[at + 1])
            return
        takes = _READ_VALUE_OPTIONS["read" if cmd.name == "read" else "mapfile"]
        names = [
            v
            for i, v in enumerate(values)
            if re.fullmatch(r"[A-Za-z_]\w*", v) and (i == 0 or values[i - 1] not in takes)
        ]
        if cmd.name in ("mapfile", "readarray"):
            names = names[-1:] or ["MAPFILE"]
        given = [r.body for r in cmd.redirects if r.op in ("<<<", "<<") and r.body is not None]
        text = given[-1] if given else (cmd.stdin.text if cmd.stdin is not None else None)
        line = text.split("\n", 1)[0] if text is not None and UNKNOWN not in text else None
        if line is not None and cmd.name == "read" and "-a" not in values:
            # read from text known here: the variables hold its words (the last, the rest)
            words = line.split(None, max(len(names or ["REPLY"]) - 1, 0))
            for index, name in enumerate(names or ["REPLY"]):
                self.env.values[name] = words[index] if index < len(words) else ""
                self.env.computed.discard(name)
            return
        for name in names or ["REPLY"]:
            self.env.values[name] = None
            self.env.computed.add(name)

    def run_written(self, path: str, text: str, *, lang: str = "sh", same: bool = False) -> None:
        """Judge a file this line wrote, now run: by its shebang's language, else ``lang``."""
        first = text.split("\n", 1)[0]
        if first.startswith("#!"):
            found = re.search(r"\b(python|node|perl|ruby|php|lua)[\d.]*\b", first)
            lang = found.group(1) if found else "sh"
        if lang == "sh":
            self.script(text, f"{path}, written by this line", scope="same" if same else "child")
        else:
            self.code(lang, text)

    def run_argv(self, argv: list[Arg], stdin: Stdin | None = None) -> None:
        """Judge an argv a wrapper will exec (sudo, env, xargs, find -exec ...)."""
        if argv:
            self.via.append(self._current)
            try:
                self.run(argv[0], argv[1:], [], stdin)
            finally:
                self.via.pop()

    def command_var(self, name: str, value: Arg) -> None:
        """A variable naming a command a tool runs later: judge that command line now."""
        if name not in COMMAND_VARS or not value.text.strip():
            return
        if not value.static:
            self.flag("dynamic_command", f"{name} names a command known only at run time")
            return
        # LESSOPEN="|cmd %s": the pipe marks a preprocessor; %s is the file name
        text = value.text.lstrip().lstrip("|").replace("%s", "file")
        self.script(text, f"the command in {name}")

    def elevated(self) -> bool:
        """The text being judged runs as another user: sudo, doas, su -c … handed it over."""
        return bool(set(self.via) & ELEVATE)

    def handed_over(self) -> bool:
        """The command being judged was started by another program or from nested text.

        The shell's own ``exec``/``command``/``builtin`` do not count: they are the line's.
        """
        return self.depth > 0 or any(v not in ("exec", "command", "builtin") for v in self.via)

    def subst_kinds(self, arg: Arg) -> set[str]:
        """Producer kinds (download, decode) of the commands inside a word's $(…)."""
        from clawkeep.guards.command_guard._rules_net import producer_kinds

        kinds: set[str] = set()
        for node in arg.substs:
            for inner in _commands_in(node):
                name_node = inner.child_by_field_name("name")
                if name_node is None:
                    continue
                word = resolve(name_node, self.src, self.env)
                values = [
                    resolve(a, self.src, self.env).text
                    for a in inner.children_by_field_name("argument")
                ]
                kinds |= producer_kinds(_canonical(command_name(word.text)), values)
        return kinds

    def _tricks(self, arg: Arg, where: str) -> None:
        for trick in arg.tricks:
            if "quotes inside a word" in trick and not where.startswith("command"):
                continue
            if trick == "backslash inside a word" and not where.startswith("command"):
                continue
            if trick.startswith("substring or pattern") and not where.startswith("command"):
                continue  # ${f%.png}, ${PATH//:/ } in an argument: its value is judged instead
            self.flag("obfuscation", f"{trick} in the {where}")


def _redirect_words(node: Node) -> list[Node]:
    """Words the grammar put under a redirect that bash passes to the command as arguments:
    a file redirect's words after its target, a heredoc start's words after its delimiter."""
    if node.type == "file_redirect":
        return node.children_by_field_name("destination")[1:]
    if node.type == "heredoc_redirect":
        return node.children_by_field_name("argument")
    return []


def _show(arg: Arg) -> str:
    return repr(arg.text.replace(UNKNOWN, "$…"))


def _stage_name(walker: Walker, node: Node) -> str:
    while node.type in ("redirected_statement", "negated_command") and node.named_children:
        body = node.child_by_field_name("body") or node.named_children[0]
        if body is node:
            break
        node = body
    if node.type != "command":
        return node.type
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return ""
    return _canonical(command_name(resolve(name_node, walker.src, walker.env).text))


def _producer(walker: Walker, node: Node, name: str) -> Stdin:
    from clawkeep.guards.command_guard._rules_net import producer_kinds

    kinds: set[str] = set()
    literal: str | None = None
    for cmd_node in _commands_in(node):
        name_node = cmd_node.child_by_field_name("name")
        if name_node is None:
            continue
        word = resolve(name_node, walker.src, walker.env)
        args = [
            resolve(a, walker.src, walker.env) for a in cmd_node.children_by_field_name("argument")
        ]
        cname = _canonical(command_name(word.text))
        kinds |= producer_kinds(cname, [a.text for a in args])
        if cname in LISTS and any(_secret_place(walker, a) for a in args):
            kinds.add("secret_names")
        if cmd_node is node or node.type == "redirected_statement":
            literal = echo_text(cname, args)
    return Stdin(frozenset(kinds), literal)


# Programs that only print, count or filter the lines they read (never open them as paths).
_FILTERS = frozenset({"sort", "uniq", "wc", "head", "tail", "grep", "egrep", "fgrep", "rg"})
_FILTERS |= frozenset({"column", "cut", "tr", "nl", "less", "more", "cat", "fmt", "fold", "tee"})


def _secret_place(walker: Walker, arg: Arg) -> bool:
    from clawkeep.guards.command_guard._paths import credential

    if not arg.static or arg.text.startswith("-"):
        return False
    return credential(walker.place(arg.text), walker.ctx) is not None


def echo_text(name: str, args: list[Arg]) -> str | None:
    if name not in ("echo", "printf") or not all(a.static for a in args):
        return None
    words = [a.text for a in args]
    while name == "echo" and words and re.fullmatch(r"-[neE]+", words[0]):
        words = words[1:]
    if name == "printf" and words and "%" in words[0]:
        return _printf(words[0], words[1:]).replace("\\n", "\n")
    return " ".join(words).replace("\\n", "\n")


_PRINTF_SPEC = re.compile(r"%%|%[-+ #0-9.*]*[a-zA-Z]")


def _printf(fmt: str, args: list[str]) -> str:
    """What ``printf FORMAT ARGS`` prints: the format applied until the arguments run out."""
    out: list[str] = []
    rest = list(args)
    for _ in range(64):  # printf reuses the format while arguments remain

        def one(match: re.Match[str]) -> str:
            return "%" if match.group(0) == "%%" else (rest.pop(0) if rest else "")

        out.append(_PRINTF_SPEC.sub(one, fmt))
        if not rest:
            break
    return "".join(out)


def _commands_in(node: Node) -> list[Node]:
    found = [node] if node.type == "command" else []
    for child in node.named_children:
        found.extend(_commands_in(child))
    return found


def _calls_itself(walker: Walker, body: Node, name: str) -> bool:
    for cmd in _commands_in(body):
        name_node = cmd.child_by_field_name("name")
        if name_node is None or walker.text(name_node) != name:
            continue
        parent = cmd.parent
        while parent is not None and parent is not body:
            if parent.type == "pipeline":
                return True
            parent = parent.parent
        after = cmd.next_sibling
        if after is not None and after.type == "&":
            return True
    return False
