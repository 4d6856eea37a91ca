"""`GET /metrics`: Prometheus text behind the gateway's auth, counting what happened."""

from __future__ import annotations

import re
from pathlib import Path

import httpx2

from tests.agents.provider_fakes import fake_server, openai_stream
from tests.cli.cli_support import gateway
from tests.cli.cli_support import run_cli as _run


def test_metrics_need_the_token_and_count_messages_and_provider_calls(tmp_path: Path) -> None:
    with fake_server([openai_stream("pong")]) as provider:
        init = _run(
            tmp_path,
            "init",
            "--yes",
            "--provider",
            "openai-compatible",
            "--base-url",
            provider.url + "/v1",
        )
        assert init.returncode == 0
        token = re.search(
            r"CLAWKEEP_GATEWAY_TOKEN=(\w+)", (tmp_path / "state" / ".env").read_text()
        )
        assert token is not None
        extra = {"CLAWKEEP_PROVIDER_API_KEY": "k"}
        with gateway(tmp_path, **extra) as gw:
            port = gw.port
            url = f"http://127.0.0.1:{port}/metrics"
            assert httpx2.get(url).status_code == 401  # no token, no metrics
            chat = _run(
                tmp_path, "chat", "--url", f"ws://127.0.0.1:{port}/ws", "-m", "ping", **extra
            )
            assert "pong" in chat.stdout, chat.stderr
            got = httpx2.get(url, headers={"Authorization": f"Bearer {token.group(1)}"})
            assert got.status_code == 200
            assert got.headers["content-type"].startswith("text/plain")
            text = got.text
            assert re.search(r'clawkeep_messages_total\{action="admit",channel="webchat"', text)
            assert re.search(
                r'clawkeep_provider_seconds_count\{agent="main",outcome="ok"\} 1\.0', text
            )
            assert token.group(1) not in text


def test_tool_names_a_model_makes_up_do_not_become_metric_labels(tmp_path: Path) -> None:
    # A stranger's message steers the model into calling hundreds of invented tools: each
    # name must not become a time series (unbounded memory, attacker text in /metrics).
    invented: list[tuple[str, str, dict[str, object]]] = [
        (f"call{i}", f"exfil_{i:04d}", {}) for i in range(300)
    ]
    with fake_server([openai_stream(calls=invented), openai_stream("done")]) as provider:
        init = _run(
            tmp_path,
            "init",
            "--yes",
            "--provider",
            "openai-compatible",
            "--base-url",
            provider.url + "/v1",
        )
        assert init.returncode == 0
        token = re.search(
            r"CLAWKEEP_GATEWAY_TOKEN=(\w+)", (tmp_path / "state" / ".env").read_text()
        )
        assert token is not None
        extra = {"CLAWKEEP_PROVIDER_API_KEY": "k"}
        with gateway(tmp_path, **extra) as gw:
            port = gw.port
            chat = _run(tmp_path, "chat", "--url", f"ws://127.0.0.1:{port}/ws", "-m", "go", **extra)
            assert chat.returncode == 0, chat.stderr
            got = httpx2.get(
                f"http://127.0.0.1:{port}/metrics",
                headers={"Authorization": f"Bearer {token.group(1)}"},
            )
            assert got.status_code == 200
            refused = re.findall(
                r'clawkeep_tool_calls_refused_total\{[^}]*tool="([^"]*)"', got.text
            )
            assert refused, got.text  # the refusals are counted...
            assert not any(name.startswith("exfil_") for name in refused)  # ...not by name
            assert len(set(refused)) <= 2
