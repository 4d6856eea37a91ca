"""`clawkeep guard url` as a real subprocess: verdict, reason code, exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path("/work/shared/corpora/ssrf.jsonl")


def clawkeep(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clawkeep", "guard", "url", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_octal_metadata_url_is_blocked_with_exit_1() -> None:
    done = clawkeep("--no-dns", "http://0251.0376.0251.0376/")
    assert done.returncode == 1
    assert done.stdout.startswith("block network_guard.ip_literal_form")


def test_public_ip_literal_is_allowed_with_exit_0() -> None:
    done = clawkeep("--no-dns", "http://8.8.8.8/")
    assert done.returncode == 0
    assert done.stdout.startswith("allow network_guard.public")


def test_url_and_jsonl_together_is_a_usage_error() -> None:
    done = clawkeep("--jsonl", "http://8.8.8.8/")
    assert done.returncode == 2


def test_jsonl_reports_each_line_and_names_a_bad_line() -> None:
    lines = [
        json.dumps({"input": "http://[::ffff:127.0.0.1]/", "note": ""}),
        "not json",
        json.dumps({"input": "https://example.com/", "note": "[dns->93.184.216.34]"}),
        json.dumps({"input": "https://rebind.example/", "note": "[dns->169.254.169.254]"}),
    ]
    done = clawkeep("--jsonl", "--resolve-from-notes", stdin="\n".join(lines) + "\n")
    assert done.returncode == 2
    assert "stdin line 2" in done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["verdict"] for row in out] == ["block", "error", "allow", "block"]
    assert out[0]["reason"] == "network_guard.loopback"
    assert out[1] == {
        "line": 2,
        "verdict": "error",
        "reason": "cli.bad_line",
        "error": out[1]["error"],
    }
    assert out[3]["reason"] == "network_guard.metadata"


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_jsonl_on_the_core_corpus_is_fully_correct() -> None:
    text = CORPUS.read_text()
    done = clawkeep("--jsonl", "--resolve-from-notes", stdin=text)
    assert done.returncode == 0, done.stderr
    expected = [json.loads(line) for line in text.splitlines() if line.strip()]
    got = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(got) == len(expected)
    wrong = [
        (row["input"], out["reason"])
        for row, out in zip(expected, got, strict=True)
        if row["tier"] == "core" and row["expect"] != out["verdict"]
    ]
    assert wrong == []


def test_json_output_for_one_url() -> None:
    done = clawkeep("--json", "--no-dns", "http://[64:ff9b::7f00:1]/")
    assert done.returncode == 1
    out = json.loads(done.stdout)
    assert out["verdict"] == "block"
    assert out["reason"] == "network_guard.loopback"
    assert "NAT64" in out["detail"]


def test_policy_comes_from_the_named_config_file(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text('{guards: {network: {allowDomains: ["*.example.com"]}}}')
    blocked = clawkeep("--config", str(config), "--no-dns", "https://evil.example.org/")
    assert blocked.returncode == 1
    assert "network_guard.domain_not_allowed" in blocked.stdout


def test_invalid_network_config_is_exit_2_with_the_key(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text("{guards: {network: {maxRedirects: 99}}}")
    done = clawkeep("--config", str(config), "--no-dns", "https://example.com/")
    assert done.returncode == 2
    assert "maxRedirects" in done.stderr
