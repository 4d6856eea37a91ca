"""Parsing shell text with the real bash grammar; what counts as unparseable.

Input with a syntax error is refused, with one exception: an unterminated quote at the
very end. bash refuses to run that last command, and what runs before it is judged on
the text with the quote closed, which executes a superset of what bash would. Two forms
the grammar lacks are read as forms with the same effect or more (`<>` as `>`, an extglob
group as `*`, `${x:$n}` as `${x:$(($n))}`).

Characters outside the Basic Multilingual Plane and lone surrogates reach the grammar as
U+FFFD: tree-sitter-bash 0.25.1 reads out of bounds on some of them (``x{\U000c8360}``
crashed the process in fuzzing), and a model's command must never crash the gateway.
They can only ever be literal word characters to bash, so judging the line with a
stand-in character decides the same.

A tree that reads the text otherwise than bash is refused too, as unparseable: a comment
the grammar starts inside a word (``echo \\ #; rm …``), one word it cuts in two (at a bare
`$` in ``$w/$u/..``, at a backtick, at an escaped blank it skips) and a here-document it
ends on another line than bash (a line joined by backslash-newline, ``<<$'EOF'``).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import tree_sitter
import tree_sitter_bash

__all__ = ["Node", "parse"]

Node = tree_sitter.Node

# Astral-plane characters and lone surrogates: the grammar's scanner is not safe on them.
_UNSAFE_FOR_GRAMMAR = re.compile("[\U00010000-\U0010ffff\ud800-\udfff]")


# Forms bash accepts that the grammar does not, judged as a form it reads with the same
# effect or more: the read-write redirection `N<>FILE` as a write (it may write), and an
# extglob group `!(*.pyc)`, `@(a|b)` as the glob `*` (any name it could match).
_READ_WRITE = re.compile(r"(?<![<>])<>(?!>)")
# `${x:$n}`, `${@:$#}`: an offset read from a variable, the same as `${x:$(($n))}`.
_VAR_OFFSET = re.compile(r"(\$\{[^{}:]+:-?)(\$(?:[A-Za-z_]\w*|[#?!$@*-]|\d))")
_EXTGLOB = re.compile(r"(?<![\w$\\])[!@+?*]\([^()'\"`$]*\)")


# What may stand right before a `#` that starts a comment: a blank, a newline, an operator.
# Not `\r`: the grammar skips it as a blank, bash reads it as a word character.
_COMMENT_AFTER = frozenset({b" ", b"\t", b"\n", b";", b"&", b"|", b"(", b")"})
# The nodes whose closing `)` ends a word: a subshell, a case item's pattern.
# What ends a here-document's delimiter word to bash: a blank, a newline, an operator.
_DELIMITER_ENDS = frozenset({b" ", b"\t", b"\n", b";", b"&", b"|", b"(", b")", b"<", b">"})
_CLOSES_STATEMENT = frozenset({"subshell", "case_item", ")"})
# Nodes that are one word, or a piece of one, to bash (and the bare `$` the grammar leaves).
_WORDISH = frozenset({"word", "concatenation", "string", "raw_string", "ansi_c_string", "$"})
_WORDISH |= frozenset({"translated_string", "simple_expansion", "expansion", "number"})
_WORDISH |= frozenset({"command_substitution", "process_substitution", "arithmetic_expansion"})
_WORDISH |= frozenset({"command_name", "brace_expression", "extglob_pattern", "command"})
_WORDISH |= frozenset({"variable_assignment", "declaration_command", "unset_command", "!"})
# A redirect ends with its word: one touching a word after it cut bash's word short.
_TAKES_A_WORD = frozenset({"file_redirect", "herestring_redirect"})
# `cmd - <<EOF`: the grammar drops the `-`, and the walk puts it back (_walk_tree).
_LONE_DASH = ("command", b"-", "heredoc_redirect")
# Nodes whose text the grammar need not cover with children (a quoted string's text).
_TEXT = frozenset({"string", "translated_string", "raw_string", "ansi_c_string", "comment"})
_TEXT |= frozenset({"heredoc_body", "heredoc_content", "regex"})
# Nodes built of touching pieces (one word, one expansion, one document): not split there.
_ONE_WORD = frozenset({"concatenation", "string", "translated_string", "simple_expansion"})
_ONE_WORD |= frozenset({"expansion", "arithmetic_expansion", "subscript", "brace_expression"})
_ONE_WORD |= frozenset({"heredoc_body", "regex", "extglob_pattern", "word", "raw_string"})


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))


def _clean(text: str) -> tuple[Node, bytes] | None:
    source = text.encode("utf-8", "surrogatepass")
    root = _parser().parse(source).root_node
    if root.has_error:  # ERROR and MISSING nodes both set has_error
        return None
    if not _as_bash_reads(root, source):
        return None  # the grammar's words, comment or document are not bash's: fail closed
    return root, source


def _as_bash_reads(root: Node, src: bytes) -> bool:
    """Whether the tree's word boundaries, comments and here-documents are bash's own."""
    if not _blank(src[: root.start_byte]) or not _blank(src[root.end_byte :]):
        return False  # `\\ rm …`: the grammar's program starts after what bash reads
    stack = [root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind == "comment" and not _comment_starts_word(node, src):
            return False
        if kind == "heredoc_redirect" and not _heredoc_ends_as_bash(node, src):
            return False
        if kind not in _TEXT and not _words_apart(node, src, split=kind not in _ONE_WORD):
            return False
        stack.extend(node.children)
    return True


def _escaped(src: bytes, at: int) -> bool:
    """Whether the byte at ``at`` follows an odd run of backslashes (is quoted by one)."""
    run = 0
    while at - run > 0 and src[at - run - 1] == 0x5C:
        run += 1
    return run % 2 == 1


def _comment_starts_word(node: Node, src: bytes) -> bool:
    """Whether bash reads this ``#`` as a comment: at the start of a word, after an unquoted
    blank, newline or operator. ``echo \\ #; rm …`` is a word `` #`` to bash and a comment
    hiding ``rm`` to the grammar."""
    at = node.start_byte
    if at == 0:
        return True
    before = src[at - 1 : at]
    if before not in _COMMENT_AFTER or _escaped(src, at - 1):
        return False  # `\ #`, `\<tab>#`, `\<newline>#`, `x\r#`: `#` is inside a word
    if before == b")":
        # `)` ends a word only when it closes a subshell or a case pattern: after `$(…)`,
        # `$((…))` or `<(…)` the word goes on, and `#` is a literal character of it.
        closing = node.prev_sibling
        return closing is not None and closing.type in _CLOSES_STATEMENT
    return True


def _heredoc_ends_as_bash(node: Node, src: bytes) -> bool:
    """Whether bash ends this here-document on the line the grammar does. bash compares
    each line with the delimiter after quote removal (``<<$'EOF'`` ends at ``EOF``), and for
    an unquoted delimiter after joining backslash-newline (``EO\\<newline>F`` ends it);
    ``<<-`` strips leading tabs first. The grammar does neither, so a line it reads as the
    document could run as a command."""
    start = _first(node, "heredoc_start")
    end = _first(node, "heredoc_end")
    if start is None or end is None:
        return False
    word = src[start.start_byte : start.end_byte]
    after = src[start.end_byte : start.end_byte + 1]
    if after and after not in _DELIMITER_ENDS:
        return False  # `<<EOF\r`: bash's delimiter goes on where the grammar's stopped
    delimiter = _unquoted(word)
    if delimiter is None:
        return False  # `$'…'`, `$"…"`, a newline, an unclosed quote: refused, not guessed
    first = _body_start(node, src)
    if first < 0:
        return False  # the document starts on another line to bash than to the grammar
    ends = src.rfind(b"\n", 0, end.start_byte) + 1  # the grammar's last line
    quoted = delimiter != word  # a quoted delimiter: the lines are not joined
    tabs = src[node.start_byte : start.start_byte].rstrip(b" \t").endswith(b"<<-")
    return _bash_end(src, first, delimiter, joins=not quoted, tabs=tabs) == ends


def _body_start(node: Node, src: bytes) -> int:
    """Where bash starts reading the document: after the first newline (not a line
    continuation, not inside a word) that follows ``<<EOF``; -1 where the grammar's document
    starts elsewhere (``cat <<EOF`` then ``\\<newline>EOF``: the grammar reads `EOF` as a word
    of the command line, bash as a document line joined to the delimiter)."""
    children = node.children
    last = next(i for i, c in enumerate(children) if c.type in ("heredoc_body", "heredoc_end"))
    for i in range(1, last + 1):
        gap = range(children[i - 1].end_byte, children[i].start_byte)
        bare = next((at for at in gap if src[at] == 0x0A and not _escaped(src, at)), -1)
        if i < last and bare >= 0:
            return -1  # a newline ends the line before the grammar's document starts
        if i == last:
            if bare < 0 or src[bare + 1 : children[i].start_byte].strip(b"\t"):
                return -1
            return bare + 1
    return -1


def _bash_end(src: bytes, at: int, delimiter: bytes, *, joins: bool, tabs: bool) -> int:
    """Where the line that ends the document starts, reading it as bash and dash do, or -1
    where they disagree or never end it."""
    while at < len(src):
        stop = src.find(b"\n", at)
        stop = len(src) if stop < 0 else stop
        line, nxt = src[at:stop], stop + 1
        if tabs:
            line = line.lstrip(b"\t")  # dash strips a line's tabs before it joins lines
        while joins and line.endswith(b"\\") and _escaped(src, stop) and nxt < len(src):
            stop = src.find(b"\n", nxt)
            stop = len(src) if stop < 0 else stop
            line, nxt = line[:-1] + src[nxt:stop], stop + 1
        as_bash = line.lstrip(b"\t") if tabs else line  # bash strips the joined line's
        if (line == delimiter) != (as_bash == delimiter):
            return -1  # bash and dash end it apart: no single reading to judge
        if line == delimiter:
            return at
        at = nxt
    return -1


def _unquoted(word: bytes) -> bytes | None:
    """The delimiter bash compares lines with: the word after quote removal; None where it
    is not a plain quoted or unquoted word."""
    if b"\n" in word or b"$'" in word or b'$"' in word:
        return None  # bash quote-removes `$'EOF'` to `EOF`, which the grammar never matches
    out, i = bytearray(), 0
    while i < len(word):
        c = word[i : i + 1]
        if c == b"'":
            close = word.find(b"'", i + 1)
            if close < 0:
                return None
            out += word[i + 1 : close]
            i = close + 1
        elif c == b'"':
            i += 1
            while i < len(word) and word[i : i + 1] != b'"':
                if word[i : i + 1] == b"\\" and word[i + 1 : i + 2] in b'\\"$`':
                    i += 1
                out += word[i : i + 1]
                i += 1
            if i >= len(word):
                return None
            i += 1
        elif c == b"\\":
            out += word[i + 1 : i + 2]
            i += 2
        else:
            out += c
            i += 1
    return bytes(out)


def _first(node: Node, kind: str) -> Node | None:
    return next((c for c in node.named_children if c.type == kind), None)


def _words_apart(node: Node, src: bytes, *, split: bool) -> bool:
    """Whether the node's children split where bash splits words: no two word pieces touch
    (the grammar ends a word at a bare `$` in ``$w/$u/..``, at a backtick, at a brace where
    bash reads one word on), and what lies between children is only blanks, newlines and
    line continuations (the grammar skips ``\\<space>`` and `\r` as blanks, to bash they are
    characters of a word). ``split``: the children are words of their own, not pieces."""
    children = node.children
    for left, right in itertools.pairwise(children):
        if left.end_byte != right.start_byte:
            gap = src[left.end_byte : right.start_byte]
            if _blank(gap) or (left.type, gap.strip(), right.type) == _LONE_DASH:
                continue  # `make -f - <<EOF`: the walk restores the `-` the grammar drops
            return False  # `a\\ b`, `x\r y`, `$\\ z`: bash reads a word on there
        if not split or right.type not in _WORDISH:
            continue
        if left.type == "$" and src[right.start_byte : right.start_byte + 1] == b'"':
            continue  # `$"…"` (a translated string) as `$` and `"…"`: one word's text
        if left.type in _WORDISH or left.type in _TAKES_A_WORD:
            return False  # two pieces of one bash word judged as two words
    if children and not _blank(src[node.start_byte : children[0].start_byte]):
        return False  # `\\ rm` at the start of a line: bash's command is ` rm`
    return not children or _blank(src[children[-1].end_byte : node.end_byte])


def _blank(gap: bytes) -> bool:
    """Whether text the grammar skipped between nodes is blank to bash too."""
    return not gap.replace(b"\\\n", b"").strip(b" \t\n")


def parse(text: str) -> tuple[Node, bytes] | None:
    """The syntax tree and source bytes, or None when bash would not accept the text."""
    if "\x00" in text:
        return None  # NUL cannot appear in a bash command line: the text is not shell
    text = _UNSAFE_FOR_GRAMMAR.sub("\ufffd", text)  # never feed the scanner what crashes it
    # A final newline ends the last command as bash's end of input does; without it the
    # grammar explores many parses of a 3+ stage pipeline at EOF (~100 us instead of ~4 us).
    # Not after a trailing backslash, which a newline would turn into a line continuation.
    escaped_end = (len(text) - len(text.rstrip("\\"))) % 2 == 1
    end = "" if text.endswith("\n") or escaped_end else "\n"
    parsed = _clean(text + end)
    if parsed is not None:
        return parsed
    widened = _EXTGLOB.sub("*", _READ_WRITE.sub(">", text))
    widened = _VAR_OFFSET.sub(r"\1$((\2))", widened)
    if widened != text and (parsed := _clean(widened + end)) is not None:
        return parsed
    for closing in ('"', "'"):
        # An unterminated trailing quote: bash runs nothing of the final command.
        repaired = _clean(text + closing + end)
        if repaired is not None:
            return repaired
    return None
