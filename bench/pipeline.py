"""Messages per second through the real inbound pipeline with a zero-latency responder.

Scenarios: admitted DMs (access + routing + two transcript writes), dropped DMs
(allowlist miss), pending pairing (a store lookup and a write transaction), and group
messages without a mention. Real SQLite files in a temporary state dir.

The channel guard (a classifier) runs on admitted messages only; ``--no-guard`` measures
the pipeline's own cost.

Run: .venv/bin/python bench/pipeline.py [--messages N] [--no-guard]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from clawkeep.config import load_config, resolve_paths
from clawkeep.contracts import InboundMessage, TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline, build_pipeline

CONFIG = {
    "channels": {
        "telegram": {
            "allowFrom": [str(i) for i in range(100)],
            "groupAllowFrom": ["*"],
            "groups": {"-100": {"requireMention": True}},
            "accounts": {"strict": {"dmPolicy": "allowlist"}},
        }
    },
    "session": {"dmScope": "per-channel-peer"},
}


class Instant:
    async def respond(self, request: TurnRequest) -> str | None:
        return "ok"


def build(root: Path, guard: bool) -> InboundPipeline:
    state = root / "state"
    state.mkdir(mode=0o700)
    (state / "clawkeep.json").write_text(json.dumps(CONFIG))
    loaded = load_config(resolve_paths({"HOME": str(root)}, config=state / "clawkeep.json"), env={})
    events = EventLog(state / "logs" / "e.jsonl")
    return build_pipeline(loaded, responder=Instant(), events=events, use_channel_guard=guard)


def scenario(
    pipe: InboundPipeline, n: int, make: Callable[[int], InboundMessage]
) -> tuple[float, float]:
    async def go() -> None:
        for i in range(n):
            await pipe.handle(make(i))

    wall, cpu = time.perf_counter(), time.process_time()
    asyncio.run(go())
    return n / (time.perf_counter() - wall), (time.process_time() - cpu) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--no-guard", action="store_true", help="leave the channel guard out")
    args = parser.parse_args()
    n, guard = args.messages, not args.no_guard
    cases: dict[str, Callable[[int], InboundMessage]] = {
        "admitted DM (2 transcript writes)": lambda i: InboundMessage(
            "telegram", "default", str(i % 100), "direct", f"hello {i}", str(i)
        ),
        "dropped DM (not on allowlist)": lambda i: InboundMessage(
            "telegram", "strict", "stranger", "direct", "hi", str(i)
        ),
        "pairing pending (repeat sender)": lambda i: InboundMessage(
            "telegram", "default", "p1", "direct", "hi", str(i)
        ),
        "group, no mention (dropped)": lambda i: InboundMessage(
            "telegram",
            "default",
            "5",
            "group",
            "chatter",
            str(i),
            group="-100",
            mentioned_self=False,
        ),
    }
    with tempfile.TemporaryDirectory() as tmp:
        pipe = build(Path(tmp), guard)
        print(f"messages per scenario: {n}; channel guard {'on' if guard else 'off'}")
        for name, make in cases.items():
            rate, cpu_us = scenario(pipe, n, make)
            print(f"{name:40s} {rate:9.0f} msg/s   {cpu_us:7.1f} us CPU/msg")
        print(f"transcript rows written: {pipe.store.count()}")


if __name__ == "__main__":
    main()
