"""Every command-guard verdict (decision, reason, detail, all findings) of every input of the
guard's corpora, under five contexts, one JSON line each: the evidence that a latency change
changed no verdict. Run it before and after a change and compare the two files byte for
byte (the details do not depend on the hash seed; `test_fixed_details.py` checks one that did).

    .venv/bin/python bench/command_verdicts.py before.jsonl
    .venv/bin/python bench/command_verdicts.py after.jsonl
    cmp before.jsonl after.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from clawkeep.guards.command_guard import CommandContext, CommandVerdict, judge

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "guards" / "command_guard"
SHARED = ROOT.parent / "shared" / "corpora" / "commands.jsonl"
HOME = Path("/home/agent")
CONTEXTS = {
    "test": CommandContext(
        egress=True, workspace=Path("/srv/ws"), home=HOME, state_dir=HOME / ".clawkeep"
    ),
    "no_egress_home_ws": CommandContext(
        egress=False, workspace=HOME / "proj", home=HOME, state_dir=HOME / ".openclaw"
    ),
    "gateway_in_ws_lists": CommandContext(
        egress=True,
        workspace=Path("/tmp/work"),
        home=Path("/root"),
        state_dir=Path("/tmp/work/.clawkeep"),
        deny_commands=frozenset({"curl", "perl", "nc"}),
        allow_commands=frozenset({"git", "docker", "ssh"}),
        max_depth=3,
    ),
    "allowlist_nopaths": CommandContext(
        egress=False,
        only_commands=frozenset({"ls", "cat", "git", "python3", "echo", "grep", "make"}),
    ),
    "etc_state": CommandContext(
        egress=True,
        workspace=Path("/"),
        home=Path("/Users/me"),
        state_dir=Path("/etc/clawkeep"),
        max_depth=10,
    ),
}


def inputs() -> list[tuple[str, str]]:
    """(source, command) for every line of the corpora and the plain-text lists."""
    out: list[tuple[str, str]] = []
    for path in sorted((HERE / "corpus").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out += [(path.name, json.loads(line)["input"]) for line in lines if line]
    if SHARED.exists():
        lines = SHARED.read_text(encoding="utf-8").splitlines()
        out += [("shared", json.loads(line)["input"]) for line in lines if line]
    for name in ("attacks.txt", "benign.txt", "no_egress.txt"):
        lines = (HERE / name).read_text(encoding="utf-8").splitlines()
        out += [(name, line.replace("\\n", "\n")) for line in lines if line]
    return out


def _line(context: str, source: str, text: str, verdict: CommandVerdict) -> str:
    findings = [[f.reason, f.detail] for f in verdict.findings]
    row = [context, source, text, verdict.allowed, verdict.reason, verdict.detail, findings]
    return json.dumps(row) + "\n"


def main() -> None:
    rows = inputs()
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for name, ctx in CONTEXTS.items():
            for source, text in rows:
                out.write(_line(name, source, text, judge(text, ctx)))
        for source, text in reversed(rows):  # again, caches warm, in the other order
            out.write(_line("test-again", source, text, judge(text, CONTEXTS["test"])))
    print(f"{len(rows)} inputs x {len(CONTEXTS) + 1} runs")


if __name__ == "__main__":
    main()
