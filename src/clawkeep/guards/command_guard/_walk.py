"""Walking a bash syntax tree: every simple command, wherever it hides, gets judged.

The walker holds what one line knows as it runs (directory, variables, files written or
downloaded, who handed the argv over) and judges each argv (``run``): the command word,
the allowlist, redirects, arguments, then the wrapper and rule tables. ``_walk_tree`` finds
the commands in lists, pipelines, subshells, functions, loops, ``$(…)``, backticks, process
substitutions and redirect targets; wrappers and ``bash -c`` / ``eval`` strings come back
here one level deeper.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._cmd import OUT_OPS, Cmd, Redirect, Rule, Stdin, command_name
from clawkeep.guards.command_guard._cmd import canonical as _canonical
from clawkeep.guards.command_guard._model import CODES, CommandContext, Finding
from clawkeep.guards.command_guard._parse import Node, parse
from clawkeep.guards.command_guard._paths import Place, place
from clawkeep.guards.command_guard._shell_lang import HASHED, shell_var
from clawkeep.guards.command_guard._walk_calls import arguments_given, run_file, unknown_word
from clawkeep.guards.command_guard._walk_checks import argv_checks
from clawkeep.guards.command_guard._walk_links import through_links
from clawkeep.guards.command_guard._walk_scope import ChildShell
from clawkeep.guards.command_guard._walk_tree import commands_in, visit_node
from clawkeep.guards.command_guard._walk_vars import COMMAND_VARS, ELEVATE
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg, Env
from clawkeep.guards.command_guard._words import expand_words

__all__ = ["Cmd", "Redirect", "Rule", "Stdin", "Walker", "command_name"]


# Builtins with no effect beyond the shell itself: allowed in allowlist mode.
_READERS = frozenset({"read", "mapfile", "readarray", "printf"})
# Options that take a value (`read -d , -p "? " x`, `mapfile -n 5 -t arr`); read -a names
# the array.
_READ_VALUE_OPTIONS = {
    "read": frozenset({"-d", "-i", "-n", "-N", "-p", "-t", "-u"}),
    "mapfile": frozenset({"-d", "-n", "-O", "-s", "-u", "-C", "-c"}),
}
_ALLOWLIST_BUILTINS = frozenset({"cd", "echo", "printf", "true", "false", "test", "[", "pwd", ":"})


# Where other sessions' ssh-agents listen (OpenSSH's /tmp/ssh-XXXX/agent.PID, the desktop
# keyrings' /run/user/UID/…, another process's environment).
_OTHER_AGENT = re.compile(r"^(/tmp/ssh-|/var/tmp/ssh-|/run/user/\d+/|/proc/)")


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
        # Paths this line copied or linked a program to (cp /bin/sh /tmp/sshd): that program.
        self.aliases: dict[str, str] = {}
        self.search: list[str] = []  # folders a PATH the line set puts first
        self.remotes: set[str] = set()
        # Settings this line gave a tool for its later runs (git's core.hooksPath): name -> value.
        self.settings: dict[str, str] = {}
        self.touched: set[str] = set()  # every path the line writes, copies or links to
        self.trees: dict[str, str] = {}  # folders and archives from an unvetted host -> URL
        self.depth = 0
        self.src = b""
        self.pending_stdin: Stdin | None = None  # what the next simple command reads
        self.login_feed: tuple[str, ...] = ()  # argv whose token goes into its login (_login_pipe)
        self.functions: set[str] = set()
        self.bodies: dict[str, tuple[bytes, Node]] = {}  # function name -> (source, body)
        self.cwd: str | None = None  # set by cd; None: the workspace
        self.via: list[str] = []  # the commands that handed over the argv being judged
        self._judged: set[tuple[object, ...]] = set()  # (text and the state it was judged in)
        self.forks = 0  # the rest of the line walked again for another path (_walk_paths)
        self.links: dict[str, str] = {}  # symbolic links the line made: path -> target
        self.repeat = 1  # walks of the loop bodies around the walk's place (_fx_cap.walks)
        self._current = ""
        self.writer: Cmd | None = None  # the command being judged, for `line_writes`
        # Files written by a command fed text the line spells (`sort -o f <<< …`, `shuf -e
        # … -o f`, `echo "$C" > f`) whose text the walk does not know: running one is
        # refused, as `sh -c` of that text would be (_exec_files)
        self.line_writes: set[str] = set()

    def place(self, text: str) -> Place:
        """Where a path argument points, from the current directory of the script."""
        return place(text, self.ctx, self.cwd)

    def _cd(self, args: list[Arg]) -> None:
        before = self.env.workspace  # $PWD before the cd: $OLDPWD and `~-` after it
        target = [a for a in args if not a.text.startswith("-") or a.text == "-"]
        cdpath = self.env.values.get("CDPATH", "") if "CDPATH" in self.env.values else ""
        if not target or target[0].text == "~":
            self.cwd = self.env.home if self.env.home != "~" else UNKNOWN
        elif not target[0].static or target[0].text == "-":
            self.cwd = UNKNOWN
        elif cdpath not in ("", ".") and not re.match(r"\.{0,2}(/|$)", target[0].text):
            # a CDPATH the line set: `CDPATH=/home cd agent` lands in a folder it lists
            self.cwd = UNKNOWN
        else:
            found = self.place(target[0].text)
            self.cwd = UNKNOWN if found.kind == "unknown" else found.path
        self.env.workspace = self.cwd
        self.env.values["OLDPWD"] = before if UNKNOWN not in before else None
        self.env.values["PWD"] = self.cwd if UNKNOWN not in self.cwd else None

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
            arguments_given(self, scope)  # bash -c '…' _ ARGS: its own, unknown here
            self._script(text, what)

    def child_shell(self, *, merge: bool = False) -> ChildShell:
        """A subshell, a nested shell or a pipeline stage: its cd and assignments stay in it.

        Without this a ``(cd /srv/ws)`` or ``bash -c 'd=build'`` would make the walker
        judge the rest of the line in a directory, or with a value, the shell never has.
        With ``merge`` what the text changed is kept as unknown: it may or may not happen.
        """
        return ChildShell(self, merge)

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
        saved, saved_stdin = self.src, self.pending_stdin
        self.src, self.pending_stdin = src, None
        self.depth += 1
        try:
            self.visit(root)
        finally:
            self.depth -= 1
            self.src, self.pending_stdin = saved, saved_stdin

    def visit(self, node: Node) -> None:
        visit_node(self, node)

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

    def text(self, node: Node) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "surrogateescape")

    def expand(self, nodes: list[Node]) -> list[Arg]:
        """The words bash passes: each node resolved, field-split and brace-expanded."""
        ifs = self.env.values.get("IFS") if "IFS" in self.env.values else None
        return expand_words(nodes, self.src, self.env, ifs)

    def argv_of(self, node: Node) -> list[Arg]:
        """The words a command node runs, split and expanded as bash does (``$C URL`` with
        ``C="curl -s"``, ``"${cmd[@]}"``): the name first; ``[Arg("")]`` when it has none."""
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return [Arg("")]
        return self.expand([name_node, *node.children_by_field_name("argument")]) or [Arg("")]

    def run(
        self,
        word: Arg,
        args: list[Arg],
        redirects: list[Redirect] | None = None,
        stdin: Stdin | None = None,
    ) -> None:
        """Judge one argv: the command word, its arguments, redirects and stdin."""
        judge_redirects, judge_args, named_programs = argv_checks()
        if self.links:  # every path through a link the line made is judged where it lands
            word, args, redirects = through_links(self, word, args, redirects or [])
        if word.tricks:
            self.tricks(word, f"command word {_show(word)}")
        if not word.static:
            unknown_word(self, word)  # refused, unless "$@" of a function: judged at calls
            return
        if word.glob:
            self.flag("obfuscation", f"the command word {word.text!r} is a glob pattern")
        name = command_name(word.text)
        looked = [self.place(d + "/" + name).path for d in self.search] if self.search else []
        looked = looked if "/" not in word.text else []
        hit = next((p for p in looked if p in self.aliases), "") if looked else ""
        alias = self.aliases.get(hit)
        if alias is not None and _canonical(alias) != _canonical(name) and HASHED not in hit:
            # obfuscation: a copy of one program put first on PATH under another's name
            # (`hash -p PROG NAME` names PROG on the line: NAME is judged as PROG below)
            self.flag("obfuscation", f"{name} runs a copy of {alias} through PATH")
        if alias is not None or (
            "/" in word.text and (alias := self.aliases.get(self.place(word.text).path))
        ):
            name = alias  # a renamed copy runs as the program it copies, rules and all
            if UNKNOWN in alias:
                self.flag("dynamic_command", f"{word.text} copies a program known at run time")
        cmd = Cmd(_canonical(name), word.text, args, redirects or [], stdin)
        self.writer = cmd
        if name in self.ctx.deny_commands:
            self.flag("denied_command", f"{name} is on this agent's deny list")
        only = self.ctx.only_commands
        if only is not None and name not in only and name not in _ALLOWLIST_BUILTINS:
            # allowlist mode: every command of the line, nested or wrapped, must be listed
            self.flag("not_allowlisted", f"{name} is not in tools.exec.safeBins")
        run_file(self, cmd)  # a file the line downloaded or wrote, a helper's arguments
        if cmd.name in ("cd", "pushd", "chdir"):
            self._cd(args)
        if cmd.name in _READERS:
            self._read_into(cmd)
        judge_redirects(cmd, self)
        judge_args(cmd, self)
        named_programs(cmd, self)
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

    def fetched(self, path: str) -> bool:
        """The file, or a folder it lies in, was downloaded by this line (``rsync
        rsync://host/tools/ t/ && t/run``: what the folder holds came with it, as a tree)."""
        if not self.downloaded and not self.trees:
            return False  # the line fetched nothing (the common case)
        found = self.place(path).path
        parts = [p for p in found.split("/") if p]
        trees = [*self.trees, *(t for t in self.downloaded if t.startswith("/"))]  # unpacked
        tree = any(found == t or found.startswith(t.rstrip("/") + "/") for t in trees)
        return tree or (bool(parts) and any(p in self.downloaded for p in parts[-1:] + parts[1:-1]))

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

    def run_argv(
        self, argv: list[Arg], stdin: Stdin | None = None, out: list[Redirect] | None = None
    ) -> None:
        """Judge an argv a wrapper will exec (sudo, env, xargs, find -exec ...); ``out``: the
        wrapper's own output redirects, which a prefix wrapper's program writes through."""
        if argv:
            self.via.append(self._current)
            try:
                # and its input the line gave (`exec sh < /tmp/x`): the program reads it
                kept = [r for r in out or [] if r.op in OUT_OPS or r.body is not None]
                self.run(argv[0], argv[1:], kept, stdin)
            finally:
                self.via.pop()

    def command_var(self, name: str, value: Arg) -> None:
        """A variable naming a command a tool runs later: judge that command line now."""
        found = bool(value.substs) or value.computed  # $(find /tmp -name 'agent.*')
        shell_var(name, value, self)  # PS4, BASH_ENV, BASH_FUNC_*, a[$(…)]: bash runs it
        if name == "SSH_AUTH_SOCK" and (found or _OTHER_AGENT.match(value.text)):
            # credential_read: another session's ssh-agent signs for whoever holds its socket
            self.flag("credential_read", "SSH_AUTH_SOCK points at another session's ssh-agent")
        if name == "DISPLAY" and value.static:  # every X client started later connects there
            from clawkeep.guards.command_guard._fx_programs import remote_display

            remote_display(value.text, "DISPLAY", self)
        if name == "PATH":  # PATH=.:$PATH ls: a copy the line made named ls runs instead
            self.search = [d or "." for d in value.text.split(":") if UNKNOWN not in d]
        if name not in COMMAND_VARS or not value.text.strip():
            return
        if not value.static:
            self.flag("dynamic_command", f"{name} names a command known only at run time")
            return
        # LESSOPEN="|cmd %s" (lesspipe's "|-cmd" too): the pipe marks a preprocessor
        text = value.text.lstrip().lstrip("|").removeprefix("-").replace("%s", "file")
        self.script(text, f"the command in {name}")

    def elevated(self) -> bool:
        """The text being judged runs as another user: sudo, doas, su -c … handed it over."""
        return bool(set(self.via) & ELEVATE)

    def handed_over(self) -> bool:
        """Started by another program or from nested text (not exec/command/builtin)."""
        return self.depth > 0 or any(v not in ("exec", "command", "builtin") for v in self.via)

    def subst_kinds(self, arg: Arg) -> set[str]:
        """Producer kinds (download, decode) of the commands inside a word's $(…)."""
        from clawkeep.guards.command_guard._net_raw import producer_kinds

        kinds: set[str] = set()
        for node in arg.substs:
            for inner in commands_in(node):
                name_node = inner.child_by_field_name("name")
                if name_node is None:
                    continue
                argv = self.argv_of(inner)
                values = [a.text for a in argv[1:]]
                kinds |= producer_kinds(_canonical(command_name(argv[0].text)), values)
        return kinds

    def tricks(self, arg: Arg, where: str) -> None:
        """Flag the obfuscation tricks seen in a word (the command word gets every one)."""
        for trick in arg.tricks:
            if trick.startswith(_VALUE_JUDGED) and not where.startswith("command"):
                continue  # ${f%.png}, ${!name}, a"b" in an argument: its value is judged
            if trick.startswith("single char") and len(arg.text) == 1 and where == "argument":
                continue  # "${HOME:0:1}" alone spells nothing
            self.flag("obfuscation", f"{trick} in the {where}")


# Tricks whose value (or UNKNOWN) is what an argument holds: judged by value, not by spelling.
_VALUE_JUDGED: tuple[str, ...] = ("substring or pattern", "variable indirection", "backslash")
_VALUE_JUDGED += ("quotes inside a word", "empty quotes inside a word")


def _show(arg: Arg) -> str:
    return repr(arg.text.replace(UNKNOWN, "$…"))
