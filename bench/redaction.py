"""Redaction cost per record: the merged pattern vs a loop of separate patterns.

Run: .venv/bin/python bench/redaction.py
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from functools import partial

from clawkeep.events.redact import _BUILTIN, build_redactor

CLEAN = (
    "Fetched https://docs.example.com/guide and summarised it. The page explains how to "
    "configure the agent, which tools are enabled, and how sessions are scoped per peer. "
) * 6  # ~1 KB of ordinary tool output
DIRTY = (
    CLEAN[:400]
    + " export OPENAI_API_KEY=sk-proj-Zq8vT3xK9mW2pL7rZq8vT3xK9mW2pL7r and "
    + "curl -H 'Authorization: Bearer abcdefghijklmnop123' --token s3cr3tvalue "
    + CLEAN[:400]
)
RECORD = {
    "tool": "exec",
    "args": {"cmd": "curl -s https://api.example.com/v1 -H 'Authorization: Bearer abc12345678'"},
    "env": {"GITHUB_TOKEN": "ghp_Zq8vT3xK9mW2pL7rZq8vT3xK9mW2pL7r", "HOME": "/home/agent"},
    "result": CLEAN,
}


def per_call_us(fn: Callable[[], object], rounds: int = 3000) -> float:
    start = time.process_time()
    for _ in range(rounds):
        fn()
    return (time.process_time() - start) / rounds * 1e6


def main() -> None:
    redact = build_redactor()
    separate = [re.compile(f"({keep})({secret})") for keep, secret in _BUILTIN]

    def loop(text: str) -> str:
        for pattern in separate:
            text = pattern.sub(r"\1[REDACTED]", text)
        return text

    record_json = json.dumps(RECORD)
    print(f"patterns: {len(_BUILTIN)} built-in alternatives in one regex")
    for label, text in (("1 KB clean text", CLEAN), ("1 KB text with 3 secrets", DIRTY)):
        merged = per_call_us(partial(redact, text))
        looped = per_call_us(partial(loop, text))
        print(f"{label:28s}: merged {merged:7.1f} us/record, separate loop {looped:7.1f} us/record")
    us = per_call_us(lambda: redact(record_json))
    print(f"{'event record (JSON, 1.3 KB)':28s}: merged {us:7.1f} us/record (parse, walk, dump)")
    extra = build_redactor([r"ACME-[0-9]{6}", r"internal-[a-f0-9]{8}"])
    us = per_call_us(lambda: extra(DIRTY))
    print(f"{'with 2 extra patterns':28s}: merged {us:7.1f} us/record")
    for label, text in (("100 KB of 'a_'", "a_" * 50_000), ("100 KB of quotes", '"' * 100_000)):
        print(f"{label:28s}: merged {per_call_us(partial(redact, text), 20):9.1f} us")


if __name__ == "__main__":
    main()
