"""What a pipeline stage is called and what it prints to the next: producer kinds
(downloads, key names …) and, for ``echo``/``printf``, the literal text."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Stdin, command_name
from clawkeep.guards.command_guard._cmd import canonical as _canonical
from clawkeep.guards.command_guard._echo import echo_text
from clawkeep.guards.command_guard._parse import Node
from clawkeep.guards.command_guard._secret_encode import MASKED_VALUE
from clawkeep.guards.command_guard._sed_text import sed_output
from clawkeep.guards.command_guard._stage_cuts import cuts_lines
from clawkeep.guards.command_guard._stage_groups import GROUPS, grouped
from clawkeep.guards.command_guard._walk_calls import alias_text
from clawkeep.guards.command_guard._walk_names import listing_kinds
from clawkeep.guards.command_guard._words import resolve

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker
    from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["FILTERS", "commands_in", "producer", "reads_text", "stage_name"]


def stage_name(walker: Walker, node: Node) -> str:
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
    words = walker.expand([name_node])  # `$LDR` with LDR="wget -q -O -": its first word
    return _canonical(command_name(words[0].text if words else ""))


@cache
def _late() -> tuple[
    Callable[[str, list[str]], set[str]],
    Callable[[Walker, list[Arg]], str | None],
    Callable[[Walker, Node], str | None],
]:
    """The helpers ``producer`` calls, from modules that import this one: bound once."""
    from clawkeep.guards.command_guard._net_raw import producer_kinds
    from clawkeep.guards.command_guard._walk_procin import operand_text, stage_input

    return producer_kinds, operand_text, stage_input


def producer(
    walker: Walker, node: Node, name: str, *, inner: bool = False, fed: str | None = None
) -> Stdin:
    producer_kinds, operand_text, stage_input = _late()
    redirected = node.type == "redirected_statement" and node.named_children
    group = node.named_children[0] if redirected else node
    if group.type in GROUPS:
        # `(echo 'rm -rf ~') | sh`, `echo … | cat 2>/dev/null | sh`: what the group prints
        return grouped(walker, group, fed, inner, producer, stage_name)
    kinds: set[str] = set()
    literal: str | None = None
    for child in node.named_children:
        here = child.type == "herestring_redirect" and child.named_children
        fed_word = child.named_children[-1] if here else None
        if fed_word is not None and resolve(fed_word, walker.src, walker.env).secrets:
            kinds.add(MASKED_VALUE)  # `cat <<< "$TOKEN" | base64`: the secret passes on
    for cmd_node in commands_in(node):
        if cmd_node.child_by_field_name("name") is None:
            continue
        word, *args = walker.argv_of(cmd_node)  # `$C URL` with C="curl -s": split as bash does
        cname = _canonical(command_name(word.text))
        kinds |= producer_kinds(cname, [a.text for a in args])
        if (aliased := alias_text(walker, cname)) is not None:
            # `alias x=curl; x URL | sh`: the stage prints what the alias's program prints
            words = aliased.split() + [a.text for a in args]
            kinds |= (
                producer_kinds(_canonical(command_name(words[0])), words[1:]) if words else set()
            )
        body = walker.bodies.get(cname)
        if body is not None and body[0] == walker.src and not inner:
            # `f() { curl …; }; f | sh`: the function prints what its body produces
            kinds |= producer(walker, body[1], cname, inner=True).kinds
        kinds |= listing_kinds(walker, cname, args)  # names of keys, or of a whole tree
        if cname in ("echo", "printf") and any(a.secrets for a in args):
            kinds.add(MASKED_VALUE)  # its value, which exec masks only as printed
        if cmd_node is node or node.type == "redirected_statement":
            literal = echo_text(cname, args)
            given = _here_string(walker, node, fed)
            if given is None:
                given = stage_input(walker, node)  # `cat < /tmp/x | sh`
            if given is None and cname in PASS_THROUGH | TRANSFORMS:
                given = operand_text(walker, args)  # `cat /tmp/x | sh`: the file it wrote
            if cname == "sed":  # `sed 's/^/cat /' <<< /etc/shadow | sh`: its output, computed
                literal = sed_output([a.text for a in args], given)
            if literal is None and given is not None:
                kind, literal = reads_text(cname, given, [a.text for a in args])
                kinds |= kind
    return Stdin(frozenset(kinds), literal)


def reads_text(name: str, given: str, argv: list[str] | None = None) -> tuple[set[str], str | None]:
    """What a program prints from text the line itself gave it (a here-string, a
    here-document, an earlier stage's known output)."""
    if name in PASS_THROUGH and not cuts_lines(name, argv or []):
        # `echo 'rm -rf ~' | cat | sh`: at most the lines it was given, so a shell reading
        # them is judged on all of them
        return set(), given
    if name in TRANSFORMS or name in PASS_THROUGH:
        # obfuscation: text the line wrote, changed by code the guard does not follow,
        # before a shell reads it (`awk '{print}' <<< 'rm -rf ~' | sh`)
        return {"decode"}, None
    return set(), None


def _here_string(walker: Walker, node: Node, fed: str | None) -> str | None:
    """The text a stage reads: its here-string (bash adds a newline), else what it is fed."""
    for child in node.named_children:
        if child.type == "herestring_redirect" and child.named_children:
            word = resolve(child.named_children[-1], walker.src, walker.env)
            return word.text + "\n" if word.static else None
    return fed


# Programs whose output is some of the lines they read, unchanged or reordered.
PASS_THROUGH = frozenset({"cat", "tac", "sort", "uniq", "head", "tail", "grep", "egrep", "fgrep"})
PASS_THROUGH |= frozenset({"rg", "tee", "less", "more", "dd", "sponge", "stdbuf", "shuf"})
# Programs that print text computed from what they read, by a script or options.
TRANSFORMS = frozenset({"sed", "awk", "gawk", "mawk", "nawk", "perl", "python", "python3"})
TRANSFORMS |= frozenset({"ruby", "node", "php", "lua", "tr", "cut", "fold", "paste", "nl"})
TRANSFORMS |= frozenset({"expand", "unexpand", "iconv", "jq", "yq", "envsubst", "m4", "rev"})
TRANSFORMS |= frozenset({"fmt", "pr", "column", "colrm", "join", "comm"})  # join, refill lines

# Programs that only print, count or filter the lines they read (never open them as paths).
FILTERS = frozenset({"sort", "uniq", "wc", "head", "tail", "grep", "egrep", "fgrep", "rg"})
FILTERS |= frozenset({"column", "cut", "tr", "nl", "less", "more", "cat", "fmt", "fold", "tee"})


def commands_in(node: Node) -> list[Node]:
    """Every simple command in ``node``, itself included."""
    text = node.text if node.type == "command" else None
    if text is not None and b"(" not in text and b"`" not in text:
        return [node]  # a command holds another only in a substitution: `$(`, `` ` ``, `<(`
    found = [node] if node.type == "command" else []
    for child in node.named_children:
        if child.named_child_count:
            found.extend(commands_in(child))
        elif child.type == "command":  # a leaf: no call for it (most are words)
            found.append(child)
    return found
