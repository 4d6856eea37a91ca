"""Which nodes of a bash syntax tree hold commands, and what each one hands the walker.

Lists, pipelines (each stage fed what the one before prints), subshells, functions, loops,
``$(…)``, assignments, redirects: each simple command goes, resolved, to ``Walker.run``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import (
    Cmd,
    Redirect,
    Stdin,
)
from clawkeep.guards.command_guard._fx_cap import judged, walks
from clawkeep.guards.command_guard._login_pipe import login_feed
from clawkeep.guards.command_guard._parse import Node
from clawkeep.guards.command_guard._secret_encode import MASKED_VALUE, encoded_print
from clawkeep.guards.command_guard._shell_lang import declared
from clawkeep.guards.command_guard._stage_groups import GROUPS
from clawkeep.guards.command_guard._walk_arrays import arrays_touched, unset_arrays
from clawkeep.guards.command_guard._walk_calls import defining
from clawkeep.guards.command_guard._walk_checks import argv_checks, pipeline_checks
from clawkeep.guards.command_guard._walk_forks import calls_itself, spawn_loop
from clawkeep.guards.command_guard._walk_heredoc import heredoc
from clawkeep.guards.command_guard._walk_kinds import holds_no_command
from clawkeep.guards.command_guard._walk_paths import FORKING, sequence
from clawkeep.guards.command_guard._walk_procin import input_files, redirected_text
from clawkeep.guards.command_guard._walk_procsub import visit_output_subst
from clawkeep.guards.command_guard._walk_stages import FILTERS as _FILTERS
from clawkeep.guards.command_guard._walk_stages import commands_in
from clawkeep.guards.command_guard._walk_stages import producer as _producer
from clawkeep.guards.command_guard._walk_stages import stage_name as _stage_name
from clawkeep.guards.command_guard._walk_vars import LOADER_VARS
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg
from clawkeep.guards.command_guard._words import resolve

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["commands_in", "redirects_of", "visit_node"]

_LOOPS = ("while_statement", "until_statement")


def _redirect_words(node: Node) -> list[Node]:
    """Words the grammar put under a redirect that bash passes to the command as arguments:
    a file redirect's words after its target, a heredoc start's words after its delimiter."""
    if node.type == "file_redirect":
        return node.children_by_field_name("destination")[1:]
    if node.type == "heredoc_redirect":
        return node.children_by_field_name("argument")
    return []


def visit_node(w: Walker, node: Node) -> None:
    if holds_no_command(node, w.src):
        return  # a plain word, number or comment, a word without a substitution
    kind = node.type
    if kind == "command":
        _simple(w, node, [])
    elif kind == "redirected_statement":
        _redirected(w, node)
    elif kind == "pipeline":
        _pipeline(w, node)
    elif kind == "function_definition":
        _function(w, node)
    elif kind == "variable_assignment":
        _assign(w, node)
    elif kind in _LOOPS and spawn_loop(w, node):
        _children(w, node)
    elif kind == "command_substitution":
        with w.child_shell():
            _substitution(w, node)
    elif kind in ("subshell", "process_substitution"):
        with w.child_shell():
            _children(w, node)
    elif kind == "for_statement":
        _for(w, node)
    elif kind in ("if_statement", "case_statement"):
        # reached outside a statement list (`if …; fi 2>/dev/null`, a pipeline stage): every
        # path is judged, and a value the paths disagree on is known only at run time
        sequence(w, [node], _visit_whole)
    elif kind == "declaration_command" and declared(w, node):
        pass  # never: `declared` judges a name known only at run time; `else` walks the rest
    elif kind == "unset_command" and unset_arrays(w, node) and "HIST" in w.text(node):
        w.flag("anti_forensics", "unsetting the history variables hides commands")
        _children(w, node)
    else:
        _children(w, node)


def _visit_whole(w: Walker, node: Node) -> None:
    if node.type in ("if_statement", "case_statement"):
        _children(w, node)  # never itself again: its paths are walked by `sequence`
    else:
        visit_node(w, node)


def _for(w: Walker, node: Node) -> None:
    """``for x in a b c``: the body is judged once for each static value (up to 8)."""
    var = node.child_by_field_name("variable")
    values = node.children_by_field_name("value")
    body = node.child_by_field_name("body")
    for value in values:
        _children_nested(w, value)
    if var is None or body is None or node.child_by_field_name("initializer") is not None:
        _children(w, node)
        return
    name = w.text(var)
    words = w.expand(values) if values else []
    if not values or not words or not all(x.static for x in words) or len(words) > 8:
        w.env.values[name] = None  # values known only at run time
        if any(x.substs or x.computed for x in words):
            w.env.computed.add(name)  # for x in $(cat f): x holds the file's words
        visit_node(w, body)
        return
    with walks(w, words, _size(body), "the values of a for loop") as each:
        for word in each:
            w.env.values[name] = word.text
            visit_node(w, body)


def _substitution(w: Walker, node: Node) -> None:
    redirects = [c for c in node.named_children if c.type == "file_redirect"]
    if redirects:  # $(<file) reads a file with no command at all
        judge_redirects = argv_checks()[0]
        judge_redirects(Cmd("", "", [], _redirects(w, redirects)), w)
    _children(w, node)


# Nodes whose children are statements run one after another (where a branch forks the rest)
_STATEMENT_LISTS = frozenset({"program", "compound_statement", "do_group", "subshell"})
_STATEMENT_LISTS |= frozenset({"else_clause", "elif_clause", "case_item", "function_definition"})
_STATEMENT_LISTS |= frozenset({"command_substitution", "process_substitution", "if_statement"})


def _children(w: Walker, node: Node) -> None:
    kids = node.named_children
    if node.type in _STATEMENT_LISTS and any(kid.type in FORKING for kid in kids):
        sequence(w, kids, visit_node)  # each path of an if, case, && or ||
        return
    for child in kids:
        visit_node(w, child)


def _assign(w: Walker, node: Node) -> None:
    name_node = node.child_by_field_name("name")
    value_node = node.child_by_field_name("value")
    for part in (value_node, name_node):
        if part is not None and not holds_no_command(part, w.src):  # `visit_node`'s first test
            _children_nested(w, part)  # a[$(cmd)]=1 runs cmd for the subscript
    if name_node is None:
        return
    name = w.text(name_node)
    appends = any(c.type == "+=" for c in node.children)  # s+=$i appends to what s held
    if arrays_touched(w, node, name_node, value_node, appends):
        return  # an array's words (or a name-reference's target) were set: _walk_arrays
    value = resolve(value_node, w.src, w.env) if value_node is not None else Arg("")
    if value.text != UNKNOWN:  # old=$IFS saves the separator; it splits nothing here
        w.tricks(value, f"value of {name}")
    if name in LOADER_VARS and w.elevated():
        # privilege: sudo sh -c 'LD_PRELOAD=… cmd' loads the caller's code as root
        w.flag("privilege", f"{name} is set for programs run as another user")
    w.command_var(name, value)
    if name in ("LD_PRELOAD", "LD_AUDIT") and value.static:
        from clawkeep.guards.command_guard._fx_programs import loads_download

        for path in value.text.replace(":", " ").split():
            loads_download(path, name, w)
    if name in ("HISTFILE", "HISTSIZE", "HISTFILESIZE") and value.text in (
        "",
        "0",
        "/dev/null",
    ):
        w.flag("anti_forensics", f"{name}={value.text} stops recording commands")
    if appends:
        before = w.env.values.get(name, "") if name in w.env.values else None
        joined = None if before is None or value.value is None else before + value.value
        w.env.values[name] = joined
        if value.computed or (value.substs and not value.static):
            w.env.computed.add(name)
        return
    w.env.values[name] = value.value
    if value.secrets:
        w.env.secrets[name] = value.secrets  # T=$GITHUB_TOKEN: $T is that secret
    else:
        w.env.secrets.pop(name, None)
    w.env.names[name] = value.names  # P=$GITHUB_PATH: $P names that run-time file
    if value.computed or (value.substs and not value.static):
        w.env.computed.add(name)  # V=$(cat .env): V holds what the command printed
    else:
        w.env.computed.discard(name)


def _children_nested(w: Walker, node: Node) -> None:
    saved, w.pending_stdin = w.pending_stdin, None
    visit_node(w, node)
    w.pending_stdin = saved


def _redirected(w: Walker, node: Node) -> None:
    body = node.child_by_field_name("body")
    redirects = [c for c in node.named_children if body is None or c.id != body.id]
    if body is not None and body.type == "command":
        _simple(w, body, redirects)
        return
    if body is not None and body.type == "list" and body.named_children[-1:]:
        # `a && b > f && c` is parsed with `> f` on the list `a && b`; bash gives it to `b`
        *first, last = body.named_children
        if last.type == "command":
            for child in first:
                visit_node(w, child)
            _simple(w, last, redirects)
            return
    parsed = _redirects(w, redirects)
    fed = [r.body for r in parsed if r.op in ("<<<", "<<") and r.body is not None]
    if body is not None:
        saved = w.pending_stdin
        try:
            _visit_fed(w, body, Stdin(frozenset(), fed[-1]) if fed else saved)
        finally:
            w.pending_stdin = saved
    judge_redirects = argv_checks()[0]
    # `curl … | base64 -d > f`: what the pipeline made is what the file holds
    # `curl … | base64 -d > f`: what the pipeline made is what the file holds; `(echo …) > f`,
    # `{ echo …; } > f`: what the group printed, where the line gave it
    made = _producer(w, body, "") if body is not None and body.type in GROUPS else None
    judge_redirects(Cmd("", "", [], parsed, made), w)


def _visit_fed(w: Walker, node: Node, stdin: Stdin | None) -> None:
    """Walk ``node`` fed ``stdin``; a read loop fed known lines, once a line it reads."""
    text = stdin.text if stdin is not None else None
    known = text is not None and UNKNOWN not in text
    lines = [line for line in text.split("\n") if line.strip()] if text and known else []
    if stdin is None or node.type not in _LOOPS or len(lines) < 2:
        w.pending_stdin = stdin
        visit_node(w, node)
        return
    # `printf 'a\n/home\n' | while read f; do rm -rf "$f"; done`, `… done <<< TEXT`: each
    # line is judged as what `read` gives the body (the first alone hid the rest); more
    # lines than `judged` takes are refused, the ones past its cap would run unjudged
    read = judged(lines, "the lines a loop reads", w)
    with walks(w, read, _size(node), "the lines a loop reads") as each:
        for line in each:
            w.pending_stdin = Stdin(stdin.kinds, line)
            visit_node(w, node)


def _size(node: Node) -> int:
    return node.end_byte - node.start_byte


def redirects_of(w: Walker, node: Node) -> None:
    """Judge a redirected statement's redirects alone (its body is walked by the caller)."""
    judge_redirects = argv_checks()[0]
    body = node.child_by_field_name("body")
    redirects = [c for c in node.named_children if body is None or c.id != body.id]
    judge_redirects(Cmd("", "", [], _redirects(w, redirects)), w)


def _redirects(w: Walker, nodes: list[Node]) -> list[Redirect]:
    out: list[Redirect] = []
    for node in nodes:
        if node.type == "heredoc_redirect":  # its text, and the redirects and stages after it
            out += heredoc(w, node, _redirects, _children_nested)
            continue
        _children_nested(w, node)
        op = next((c.type for c in node.children if not c.is_named), "")
        if node.type == "herestring_redirect":
            value = node.named_children[-1] if node.named_children else None
            word = resolve(value, w.src, w.env) if value is not None else None
            kinds = frozenset(w.subst_kinds(word)) if word is not None and word.substs else None
            if word is not None and word.secrets:  # `rev <<< "$TOKEN"`: the secret is fed
                kinds = (kinds or frozenset()) | {MASKED_VALUE}
            out.append(Redirect("<<<", None, word.text if word else "", kinds or frozenset()))
        else:
            dest = node.child_by_field_name("destination")
            if dest is None or dest.type == "number" or w.text(dest) == "-":
                continue  # an fd duplication, not a file
            target = resolve(dest, w.src, w.env)
            # `bash < /tmp/x`, `sh < <(echo …)`: input the line wrote, read like a heredoc
            out.append(Redirect(op, target, redirected_text(w, op, dest, target)))
    return out


def _function(w: Walker, node: Node) -> None:
    name_node = node.child_by_field_name("name")
    name = w.text(name_node) if name_node is not None else ""
    body = node.child_by_field_name("body")
    if body is not None and name and calls_itself(w, body, name):
        w.flag("fork_bomb", f"function {name} starts copies of itself in the background")
    w.functions.add(name)
    if body is not None and name:
        w.bodies[name] = (w.src, body)  # what a pipeline stage calling it produces
    with defining(w, name, w.text(node)):  # a "$@" it runs is judged at each call
        _children(w, node)


def _pipeline(w: Walker, node: Node) -> None:
    stages = [c for c in node.named_children if c.type != "comment"]
    pipeline_rules, kill_listed = pipeline_checks()

    names = [_stage_name(w, s) for s in stages]
    pipeline_rules(names, w)
    kill_listed([w.text(s) for s in stages], w)
    saved = w.pending_stdin
    feed: Stdin | None = saved
    outer_login = w.login_feed
    fed_kinds: list[frozenset[str]] = []
    for index, stage in enumerate(stages):
        w.pending_stdin = feed
        fed_kinds.append(feed.kinds if feed is not None else frozenset())
        w.login_feed = login_feed(w, stages, index)  # a registry token into its own login
        keys = feed is not None and any(k.startswith("key_names=") for k in feed.kinds)
        handed = names[index] not in _FILTERS | {"xargs", "parallel"}  # those fill it in
        if keys and handed:
            # credential_read: every name under a folder that holds keys, handed to a
            # program that may open them (while read f; do cat "$f"; done)
            w.flag("credential_read", f"{names[index]} gets the names of every file by a key")
        if feed is not None and "secret_names" in feed.kinds and names[index] not in _FILTERS:
            # credential_read: names listed in a key folder, handed to a program that
            # may open them (xargs cat, while read …)
            w.flag("credential_read", f"{names[index]} gets the names in a key folder")
        if len(stages) > 1:
            with w.child_shell():  # every stage of a pipeline runs in a subshell
                _visit_fed(w, stage, feed)
        else:
            _visit_fed(w, stage, feed)
        produced = _producer(w, stage, names[index], fed=feed.text if feed else None)
        # Bytes from a download stay downloaded through tee, cat, sed ... stages.
        carried = feed.kinds if feed is not None else frozenset()
        feed = Stdin(produced.kinds | carried, produced.text)
    w.pending_stdin, w.login_feed = saved, outer_login
    encoded_print(w, stages, names, fed_kinds)  # `echo $TOKEN | base64`: past exec's mask


def _simple(w: Walker, node: Node, outer: list[Node]) -> None:
    stdin, w.pending_stdin = w.pending_stdin, None
    inner_redirects: list[Node] = []
    for child in node.named_children:
        kind = child.type
        if kind == "variable_assignment":
            _assign(w, child)
        elif kind.endswith("_redirect"):
            inner_redirects.append(child)
        elif kind == "word" and not child.named_child_count:
            continue  # a plain word (`holds_no_command`'s first test, asked directly)
        elif holds_no_command(child, w.src):
            continue  # a plain word, or one without a substitution
        elif kind != "process_substitution" or not visit_output_subst(w, child, node, stdin):
            _children_nested(w, child)  # `tee >(sh)`: sh reads what tee writes (above)
    redirected = inner_redirects + outer if inner_redirects or outer else None
    redirects = _redirects(w, redirected) if redirected else []
    name_node = node.child_by_field_name("name")
    if name_node is None:
        judge_redirects = argv_checks()[0]
        judge_redirects(Cmd("", "", [], redirects), w)
        return
    arguments = [
        a
        for a in node.children_by_field_name("argument")
        # `sh 0<&2`: the grammar reads the descriptor as an argument; bash does not
        if not (a.type == "number" and w.src[a.end_byte : a.end_byte + 1] in (b"<", b">"))
    ]
    # `rm -r 2>&1 -f /`: bash gives the words after a redirect's target to the command;
    # the grammar files them under the redirect
    arguments += [x for r in redirected for x in _redirect_words(r)] if redirected else []
    words = w.expand([name_node, *arguments])
    if not words:
        return
    words = input_files(w, words)  # `sh <(echo …)`: the file holds what the line gave
    heredocs = [r for r in outer if r.type == "heredoc_redirect"] if outer else None
    if heredocs and w.src[node.end_byte : heredocs[0].start_byte].strip() == b"-":
        words.append(Arg("-"))  # `make -f - <<EOF`: the grammar drops a lone `-` there
    w.run(words[0], words[1:], redirects, stdin)
