"""Audit time on a state dir with 20 agents and 2,000 session files.

Run: .venv/bin/python bench/audit.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from clawkeep.audit.run import run_audit
from clawkeep.config import resolve_paths

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


def main() -> None:
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
