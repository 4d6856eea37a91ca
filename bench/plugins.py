"""Plugins: time to start one sandboxed MCP tool server (bwrap, handshake, tools/list) and
the p50 of one plugin tool call through the MCP session.

Run: .venv/bin/python bench/plugins.py
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the test server's source

from tests.plugins.mcp_server import install_plugin

from clawkeep.config import load_config, resolve_paths
from clawkeep.plugins.host import start_plugins
from clawkeep.tools import ToolContext

STARTS = 10
CALLS = 200


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state"
        state.mkdir(mode=0o700)
        (state / "clawkeep.json").write_text(json.dumps({"plugins": {"allow": ["demo"]}}))
        install_plugin(state / "extensions" / "demo").close()
        loaded = load_config(resolve_paths({"HOME": tmp}, config=state / "clawkeep.json"), env={})
        starts: list[float] = []
        for _ in range(STARTS):
            t0 = time.perf_counter()
            host = start_plugins(loaded.config, loaded.paths)
            starts.append(time.perf_counter() - t0)
            assert host.decisions["demo"].allowed, host.decisions
            host.close()
        host = start_plugins(loaded.config, loaded.paths)
        tool = next(t for t in host.tools if t.name == "demo_echo")
        ctx: ToolContext = None  # type: ignore[assignment]  # plugin handlers do not read it

        async def calls() -> list[float]:
            out: list[float] = []
            args = tool.args.model_validate({"text": "ping"})
            for _ in range(CALLS):
                t0 = time.perf_counter()
                result = await tool.handler(args, ctx)
                out.append(time.perf_counter() - t0)
                assert result.ok, result
            return out

        took = asyncio.run(calls())
        host.close()
    print(f"plugin start (sandbox + MCP handshake + tools/list), n={STARTS}:")
    print(f"  p50 {statistics.median(starts) * 1000:.1f} ms  max {max(starts) * 1000:.1f} ms")
    print(f"plugin tool call (echo), n={CALLS}:")
    q = statistics.quantiles(took, n=100)
    print(f"  p50 {statistics.median(took) * 1000:.2f} ms  p95 {q[94] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
