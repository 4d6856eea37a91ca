"""The word and argv shortcuts change no verdict.

Words whose spelling fixes their value are resolved once per spelling, a word that is one
variable skips the tree walk, what a stage produces is kept per name and words, and a pipe
into a stage plainly no registry login is not expanded again: with each turned off, every
corpus line is judged the same. The per-word bits and the substring gates in front of the
database-client and platform-CLI scans pass every form the scan they guard matches.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clawkeep.guards.command_guard import CommandContext, judge
from clawkeep.guards.command_guard import _fx_dbclient as dbclient
from clawkeep.guards.command_guard import _login_pipe as login_pipe
from clawkeep.guards.command_guard import _net_raw as net_raw
from clawkeep.guards.command_guard import _secret_cli as secret_cli
from clawkeep.guards.command_guard import _word_fixed as word_fixed
from clawkeep.guards.command_guard import _words as words
from clawkeep.guards.command_guard._cmd import Cmd
from clawkeep.guards.command_guard._fx_programs import _NAMED_PROGRAM
from clawkeep.guards.command_guard._parse import parse
from clawkeep.guards.command_guard._word_facts import DISPLAY, DOUBLE_DASH, STEER, word_bits
from clawkeep.guards.command_guard._word_types import Env, literal
from tests.guards.command_guard.test_speedups import corpus_inputs

HERE = Path(__file__).parent
HOME = Path("/home/agent")
CONTEXTS = [
    CommandContext(egress=True, workspace=Path("/srv/ws"), home=HOME, state_dir=HOME / ".clawkeep"),
    CommandContext(egress=False, workspace=HOME / "proj", home=HOME, state_dir=HOME / ".openclaw"),
]


def _verdicts() -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for ctx in CONTEXTS:
        for text in corpus_inputs():
            verdict = judge(text, ctx)
            out.append((verdict.allowed, verdict.reason, verdict.detail, verdict.findings))
    return out


def test_every_corpus_verdict_is_the_same_with_the_word_shortcuts_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast = _verdicts()
    word_fixed.FIXED.clear()
    monkeypatch.setattr(words, "FIXED", {})  # nothing resolved before
    monkeypatch.setattr(words, "remember", lambda kind, spelled, arg: None)
    monkeypatch.setattr(words, "_LONE_NAME", re.compile(rb"(?!)"))  # the tree walk, always
    monkeypatch.setattr(  # what a stage produces, asked anew each time
        net_raw, "_cached_kinds", lambda name, values: frozenset(net_raw._kinds(name, list(values)))
    )
    monkeypatch.setattr(login_pipe, "_no_login", lambda w, printer, login: False)
    assert _verdicts() == fast


@pytest.mark.parametrize(
    "word",
    ['"$x"', "$x", '"$IFS"', "$IFS", '"$HOME"', "$PWD", '"$TMPDIR"', "$RANDOM", '"$GH_TOKEN"'],
)
@pytest.mark.parametrize(
    "values",
    [{}, {"x": "a b"}, {"x": None}, {"x": "/etc/shadow"}, {"&x": "y", "y": "z"}, {"IFS": ","}],
)
def test_a_lone_variable_resolves_as_the_tree_walk_does(
    word: str, values: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = parse(f"echo {word}")
    assert parsed is not None
    root, src = parsed
    node = root.named_children[0].children_by_field_name("argument")[0]
    env = Env(values=dict(values), computed={"x"}, secrets={"x": ("T",)}, home="/home/agent")
    fast = words.resolve(node, src, env)
    monkeypatch.setattr(words, "_LONE_NAME", re.compile(rb"(?!)"))
    assert words.resolve(node, src, env) == fast


# One line per alternative of the client escape and pipe patterns, the extension loads and
# the engine's file reads: each passes the substring gate in front of its scan.
ESCAPES = [".shell id", ".system id", "\\! id", "\\setenv PAGER x", "PAGER less", "\\P less"]
ESCAPES += [".output |sh", ".once '|sh'", ".read '|sh'", "\\o |sh", "\\g |sh", ".import '|sh' t"]
LOADS = [".load ./x.so", "SELECT load_extension('x');", "LOAD 'x';"]
READS = ["read_text('/x')", "READ_CSV_AUTO('/x')", "readfile('/x')", "FILE('/x')"]
READS += ["sniff_csv('/x')"]


@pytest.mark.parametrize("line", ESCAPES)
def test_every_client_escape_passes_the_gate(line: str) -> None:
    matched = dbclient._PIPED.match(line) or dbclient._ESCAPE.match(line)
    assert matched is not None, line
    low = line.lower()
    assert "|" in line or any(mark in low for mark in dbclient._ESCAPE_MARKS), line


@pytest.mark.parametrize("text", LOADS + READS)
def test_every_extension_load_and_file_read_passes_the_gate(text: str) -> None:
    low = text.lower()
    if text in LOADS:
        assert dbclient._LOADS.search(text) is not None and "load" in low
    else:
        assert dbclient._READS.search(text) is not None
        assert "read" in low or "file" in low or "sniff_csv" in low


@pytest.mark.parametrize(
    "values",
    [
        ["auth", "token"],
        ["secrets", "versions", "access", "latest"],
        ["keyvault", "secret", "show"],
        ["get", "--show-token"],
        ["ssm", "get-parameter", "--with-decryption"],
        ["kv", "get", "--reveal"],
        ["apikeys", "get-key-string"],
        ["creds", "show"],
    ],
)
def test_a_platform_cli_revealing_a_secret_passes_the_gate(values: list[str]) -> None:
    low = "\n".join(values).lower()
    assert any(mark in low for mark in secret_cli._MARKS), values


@pytest.mark.parametrize("option", ["-display", "--display", "-display=h:0", "-d", "-disp"])
def test_every_spelling_of_the_display_option_sets_its_bit(option: str) -> None:
    assert word_bits(Cmd("xterm", "xterm", [literal(option), literal("h:0")])) & DISPLAY


def test_a_named_program_option_sets_the_long_option_bit() -> None:
    option = "--ssh-program=sh -c id"
    assert _NAMED_PROGRAM.match(option) is not None
    assert word_bits(Cmd("x", "x", [literal(option)])) & DOUBLE_DASH


@pytest.mark.parametrize("target", ["AGENTS.md", "x/.cursorrules", "mcp.json", "CLAUDE.md"])
def test_a_steering_file_sets_its_bit(target: str) -> None:
    assert word_bits(Cmd("tee", "tee", [literal(target)])) & STEER


def test_a_function_calling_itself_in_the_background_is_still_found() -> None:
    assert judge("f() { f | f & }; f", CONTEXTS[0]).reason == "command_guard.fork_bomb"
    assert judge("g() { echo g; }; g", CONTEXTS[0]).allowed  # its name only printed
