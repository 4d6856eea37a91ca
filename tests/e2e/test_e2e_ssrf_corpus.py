"""The SSRF corpus end to end: every core URL the corpus says to block is handed to the
real web_fetch tool by an attacker-obedient model, in one agent turn each; this process
must make no ``socket.connect`` at all while they run (Python's audit events witness it).

Names the corpus resolves (``[dns->IP]``) get that answer from the injected resolver;
every other name fails to resolve (this machine has no DNS), which must refuse too.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest

from clawkeep.tools import ToolServices
from tests.e2e.e2e_harness import call, install
from tests.e2e.e2e_net import connects

CORPUS = Path("/work/shared/corpora/ssrf.jsonl")
_DNS = re.compile(r"\[dns->([0-9a-fA-F.:]+)\]")


def _cases() -> list[dict[str, Any]]:
    if not CORPUS.is_file():
        return []
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    return [r for r in rows if r["expect"] == "block" and r["tier"] == "core"]


def _resolver(answers: dict[str, str]) -> Any:
    def resolve(host: str) -> list[str]:
        if host in answers:
            return [answers[host]]
        raise socket.gaierror(f"{host}: no DNS in this test")

    return resolve


def test_ssrf_corpus_block_urls_make_no_connection_through_web_fetch(tmp_path: Path) -> None:
    cases = _cases()
    if not cases:
        pytest.skip(f"SSRF CORPUS NOT FOUND at {CORPUS}")
    answers: dict[str, str] = {}
    for case in cases:
        found = _DNS.search(case["note"])
        host = re.sub(r"^[a-z]+://([^/:?#]+).*$", r"\1", case["input"])
        if found:
            answers[host] = found.group(1)
    i = install(
        tmp_path,
        # One long session: after the first fetch the untrusted-data rule would hold every
        # later URL before the network guard saw it; this corpus tests the guard.
        {"guards": {"network": {"timeoutSeconds": 3}}, "tools": {"untrusted": {"mode": "off"}}},
        services=ToolServices(resolver=_resolver(answers)),
    )
    leaked: list[str] = []
    with connects() as made:
        for case in cases:
            i.play([{"toolCalls": [call("web_fetch", url=case["input"])]}, {"text": "done"}])
            before = len(i.results("web_fetch"))
            i.turn("fetch this")
            reason = i.results("web_fetch")[before]
            if reason == "tools.ok" or made:
                leaked.append(f"{case['input']!r}: {reason} {made[:1]}")
                made.clear()
    assert leaked == []
    assert len(i.results("web_fetch")) == len(cases)  # every URL really reached the tool
