"""Containment under load: is the owner starved by strangers, and does a proxy flood grow
the gateway?

1. Owner latency: the owner's "hello" through the real inbound pipeline (access, the
   channel guard's classifier, routing, transcripts) and the real agent turn, idle and
   then while 8 strangers (Telegram DMs) each run a slow, noisy sandboxed command
   (`sleep; yes | head`). Prints p50/p99 of both and the ratio (goal: p99 under 2x idle).
2. Proxy flood: one sandboxed command opens many connections to its egress proxy; the
   gateway's peak thread count and RSS are printed beside the configured bounds.
3. Disk quota: a command writing as fast as it can into an rw workspace; prints how far
   past `diskQuotaMb` it got before it was killed (the watch's overshoot).

Run: .venv/bin/python bench/containment.py [--owner-messages N] [--flood N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from clawkeep.agents import AgentRuntime
from clawkeep.agents.providers.types import AssistantTurn, Message, ToolCall, ToolSpec
from clawkeep.config import load_config, resolve_paths
from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline, build_pipeline
from clawkeep.sandbox import backend_available
from clawkeep.sandbox.pool import OWNER_WORKERS, WORKERS
from clawkeep.sessions import TranscriptStore

STRANGERS = 8
SLOW = "sleep 5; yes stranger-noise | head -c 200000"
FLOOD_SCRIPT = """import os, socket, time
port = int(os.environ["HTTP_PROXY"].rsplit(":", 1)[1])
held = []
for _ in range({n}):
    try:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET http://allowed.example/ HTTP/1.1\\r\\n")
        held.append(s)
    except OSError:
        pass
time.sleep(3)
print("opened", len(held))
"""


FILL = "i=0; while [ $i -lt 1024 ]; do head -c 8388608 /dev/zero > f$i || break; i=$((i+1)); done"
# Plain requests (the channel guard passes them); the model "decides" to run these commands.
COMMANDS = {
    "could you tidy up my notes folder": SLOW,
    "please check the weather for me": "python3 flood.py",
    "can you back up my photos": FILL,
}


class Obedient:
    """A model that runs the command its script ties to the message, then says ok."""

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn:
        last = messages[-1]
        command = COMMANDS.get(last.content.strip()) if last.role == "user" else None
        if command is not None:
            return AssistantTurn("", (ToolCall("c1", "exec", {"command": command}),), "tool_use")
        return AssistantTurn("ok")


def _config(ws: Path, egress: dict[str, Any] | None = None) -> dict[str, Any]:
    sandbox: dict[str, Any] = {
        "mode": "all",
        "workspaceAccess": "rw",
        "limits": {"wallSeconds": 30, "processes": 1024, "diskQuotaMb": 64},
    }
    if egress:
        sandbox["egress"] = egress
    return {
        "channels": {"telegram": {"dmPolicy": "open", "allowFrom": ["*"]}},
        "session": {"dmScope": "per-channel-peer"},
        "tools": {"exec": {"security": "full"}},
        "guards": {"content": {"enabled": False}},
        "agents": {"list": [{"id": "main", "workspace": str(ws), "sandbox": sandbox}]},
    }


def _build(root: Path, raw: dict[str, Any]) -> tuple[InboundPipeline, AgentRuntime]:
    state = root / "state"
    state.mkdir(mode=0o700)
    (state / "clawkeep.json").write_text(json.dumps(raw))
    loaded = load_config(resolve_paths({"HOME": str(root)}, config=state / "clawkeep.json"), env={})
    events = EventLog(state / "logs" / "e.jsonl")
    store = TranscriptStore.open(state / "transcripts.sqlite")
    runtime = AgentRuntime(
        loaded.config, loaded.paths, store=store, events=events, providers={"main": Obedient()}
    )
    pipe = build_pipeline(loaded, responder=runtime, events=events)
    return pipe, runtime


def _owner(text: str, n: int) -> InboundMessage:
    return InboundMessage("webchat", "default", "owner", "direct", text, f"o{n}", is_owner=True)


def _stranger(n: int, text: str) -> InboundMessage:
    return InboundMessage("telegram", "default", f"{1000 + n}", "direct", text, f"s{n}")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


async def _owner_latencies(pipe: InboundPipeline, n: int, offset: int) -> list[float]:
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        outcome = await pipe.handle(_owner("hello", offset + i))
        out.append(time.perf_counter() - t0)
        if getattr(outcome, "reply", None) != "ok":
            raise SystemExit(f"owner turn failed: {outcome}")
        await asyncio.sleep(0.02)
    return out


async def owner_latency(root: Path, n: int) -> None:
    ws = root / "ws"
    ws.mkdir()
    pipe, runtime = _build(root, _config(ws))
    await _owner_latencies(pipe, 3, 0)  # warm: classifier, sandbox probe
    idle = await _owner_latencies(pipe, n, 100)
    strangers = [
        asyncio.create_task(pipe.handle(_stranger(k, "could you tidy up my notes folder")))
        for k in range(STRANGERS)
    ]
    await asyncio.sleep(0.5)  # their commands are running
    loaded: list[float] = []
    while not all(t.done() for t in strangers) and len(loaded) < n:
        loaded += await _owner_latencies(pipe, 1, 1000 + len(loaded))
    await asyncio.gather(*strangers)
    events = runtime.events.recent if runtime.events is not None else []
    ran = len(
        [
            e
            for e in events
            if e.kind == "tool.result" and e.reason == "tools.ok" and e.fields.get("tool") == "exec"
        ]
    )
    print(
        f"owner latency, idle:              p50 {_pct(idle, 0.5) * 1e3:7.1f} ms   p99 {_pct(idle, 0.99) * 1e3:7.1f} ms   ({len(idle)} messages)"
    )
    print(
        f"owner latency, {STRANGERS} strangers busy:  p50 {_pct(loaded, 0.5) * 1e3:7.1f} ms   p99 {_pct(loaded, 0.99) * 1e3:7.1f} ms   ({len(loaded)} messages; {ran}/{STRANGERS} stranger commands ran)"
    )
    print(f"  p99 busy / p99 idle: {_pct(loaded, 0.99) / _pct(idle, 0.99):.2f}x (goal < 2x)")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def proxy_flood(root: Path, connections: int) -> None:
    ws = root / "ws-flood"
    ws.mkdir()
    (ws / "flood.py").write_text(FLOOD_SCRIPT.format(n=connections))
    per, total = 16, 64
    egress = {
        "allowDomains": ["allowed.example"],
        "maxConnections": per,
        "maxConnectionsTotal": total,
    }
    (root / "f").mkdir()
    pipe, _ = _build(root / "f", _config(ws, egress))
    before_threads, before_rss = threading.active_count(), _rss_mb()
    peak: list[float] = [before_threads, before_rss]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], threading.active_count())
            peak[1] = max(peak[1], _rss_mb())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    outcome = await pipe.handle(_owner("please check the weather for me", 1))
    done.set()
    sampler.join()
    bound = 1 + 2 * per  # accept thread + (serve + pipe) per admitted connection
    print(
        f"proxy flood ({connections} connections from one command): reply {getattr(outcome, 'reply', outcome)!r}"
    )
    print(
        f"  gateway threads: {before_threads} before, peak {peak[0]:.0f} (+{peak[0] - before_threads:.0f}); bound per sandbox {bound}, sandbox pools {WORKERS}+{OWNER_WORKERS}, egress maxConnections {per} / maxConnectionsTotal {total}"
    )
    print(
        f"  gateway RSS: {before_rss:.0f} MiB before, peak {peak[1]:.0f} MiB (+{peak[1] - before_rss:.1f})"
    )


async def disk_quota(root: Path) -> None:
    ws = root / "ws-disk"
    ws.mkdir()
    (root / "d").mkdir()
    pipe, _ = _build(root / "d", _config(ws))
    t0 = time.perf_counter()
    await pipe.handle(_owner("can you back up my photos", 2))
    took = time.perf_counter() - t0
    written = sum(p.stat().st_blocks * 512 for p in ws.rglob("*") if p.is_file())
    print(
        f"disk quota 64 MiB (rw workspace, 8 MiB files as fast as possible, 8 GiB asked): {written / 2**20:.0f} MiB on disk when killed ({(written / 2**20) - 64:+.0f} MiB past the quota), {took:.1f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--owner-messages", type=int, default=100)
    parser.add_argument("--flood", type=int, default=400)
    args = parser.parse_args()
    available = backend_available("bwrap")
    if isinstance(available, Deny):
        print(f"bubblewrap cannot run here: {available.detail}")
        return 1
    with tempfile.TemporaryDirectory(prefix="clawkeep-bench-") as tmp:
        root = Path(tmp)
        os.chmod(root, 0o700)
        asyncio.run(owner_latency(root, args.owner_messages))
        asyncio.run(proxy_flood(root, args.flood))
        asyncio.run(disk_quota(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
