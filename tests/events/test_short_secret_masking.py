"""Masking by value with a very short secret: whole tokens only, never every line."""

from __future__ import annotations

import json
from pathlib import Path

from clawkeep.events.log import EventLog
from clawkeep.events.redact import redactor_from_settings


def _written(tmp_path: Path, secrets: list[str], **fields: object) -> dict[str, object]:
    path = tmp_path / "events.jsonl"
    log = EventLog(path, redactor=redactor_from_settings("tools", (), secrets))
    log.emit("inbound.access", "access.ok", **fields)
    rec = json.loads(path.read_text().splitlines()[-1])
    assert isinstance(rec, dict)
    return rec


def test_a_four_character_secret_does_not_eat_ids_that_contain_it(tmp_path: Path) -> None:
    rec = _written(
        tmp_path,
        ["2026"],  # a hooks token this short is flagged by the audit, and still masked
        sender="+46702026111",
        raw_id="wamid.HBgL2026xyz",
        detail="retry with token=2026 now",
    )
    assert rec["sender"] == "+46702026111"
    assert rec["raw_id"] == "wamid.HBgL2026xyz"
    assert "2026" not in str(rec["detail"])  # where it stands alone it is masked


def test_a_long_secret_is_masked_even_inside_other_text(tmp_path: Path) -> None:
    rec = _written(tmp_path, ["s3cr3tvalue"], detail="url?k=s3cr3tvalueX&y=1")
    assert "s3cr3tvalue" not in str(rec["detail"])
