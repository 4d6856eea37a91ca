"""The config's JSON Schema is printed for editors, and docs/config.md stays current."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from clawkeep.config.schema_doc import config_docs, config_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "config.md"


def test_docs_config_md_is_current() -> None:
    assert DOC.read_text() == config_docs(), "run: clawkeep config docs > docs/config.md"


def test_schema_cli_prints_a_schema_that_names_the_seed_keys() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clawkeep", "config", "schema"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert schema == json.loads(json.dumps(config_schema()))
    props = schema["properties"]
    for key in ("gateway", "channels", "agents", "tools", "session", "logging"):
        assert key in props
    assert schema["additionalProperties"] is False  # unknown keys are errors
    doc = config_docs()
    for path in ("`gateway.auth.mode`", "`session.dmScope`", "`channels.<id>.dmPolicy`"):
        assert path in doc
