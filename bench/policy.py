"""Tool policy decisions per second: resolving a turn's policy (all layers composed) and
deciding single tool names against a resolved policy (allowed, denied, bent, unknown).

Run: .venv/bin/python bench/policy.py [--n N]
"""

from __future__ import annotations

import argparse
import itertools
import time

from clawkeep.config.schema import RootConfig
from clawkeep.policy import PolicyContext, resolve_policy
from clawkeep.tools.registry import NATIVE_TOOLS

CONFIG = RootConfig.model_validate(
    {
        "tools": {"profile": "coding", "alsoAllow": ["web_fetch"], "deny": ["browser"]},
        "agents": {
            "list": [
                {"id": "main", "tools": {"deny": ["gateway", "exec", "process", "canvas", "nodes"]}}
            ]
        },
        "channels": {"telegram": {"groups": {"*": {"tools": {"deny": ["sessions_*"]}}}}},
    }
)
NAMES = ["read", "exec", " Bash", "WRITE", "sessions_send", "vm_exec", "no_such_tool", "web_fetch"]


def rate(label: str, n: int, fn: object) -> None:
    assert callable(fn)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        fn()
    w, c = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<44} {n / w:>12,.0f} /s   {c / n * 1e6:8.2f} us CPU each")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    n = parser.parse_args().n
    ctx = PolicyContext("main", channel="telegram", group="g1", sender="42")
    rate(
        "resolve policy (6 layers, offered set)",
        n // 10,
        lambda: resolve_policy(CONFIG, ctx, implemented=NATIVE_TOOLS),
    )
    policy = resolve_policy(CONFIG, ctx, implemented=NATIVE_TOOLS)
    names = itertools.cycle(NAMES)
    rate("decide one tool name (mixed)", n * 10, lambda: policy.decide(next(names)))
    rate("decide an allowed tool (read)", n * 10, lambda: policy.decide("read"))
    rate("decide a denied tool (exec)", n * 10, lambda: policy.decide("exec"))


if __name__ == "__main__":
    main()
