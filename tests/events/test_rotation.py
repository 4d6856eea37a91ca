"""Log files rotate by size and keep a bounded number; config backups are kept to five."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from clawkeep.config.edit import ConfigEdit, apply_edits
from clawkeep.events.log import EventLog
from clawkeep.logfiles import RotatingFile, prune_backups


def test_a_flood_of_events_never_grows_past_the_bound(tmp_path: Path) -> None:
    log = EventLog(tmp_path / "logs" / "events.jsonl")
    log._file = RotatingFile(tmp_path / "logs" / "events.jsonl", max_bytes=4096, keep=3)
    for i in range(2000):
        log.emit("test", "test.flood", n=i, pad="x" * 50)
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files == ["events.jsonl", "events.jsonl.1", "events.jsonl.2", "events.jsonl.3"]
    total = sum(p.stat().st_size for p in (tmp_path / "logs").iterdir())
    assert total <= 4 * 4096
    last = (tmp_path / "logs" / "events.jsonl").read_text().splitlines()[-1]
    assert json.loads(last)["n"] == 1999  # the newest is in the live file, whole
    for p in (tmp_path / "logs").iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600


def test_config_backups_are_kept_to_the_newest_five(tmp_path: Path) -> None:
    cfg = tmp_path / "clawkeep.json"
    cfg.write_text("{}")
    for i in range(8):
        old = cfg.with_name(f"clawkeep.json.bak-2026010{i}-000000")
        old.write_text(str(i))
        os.utime(old, (1_700_000_000 + i, 1_700_000_000 + i))
    apply_edits(cfg, [ConfigEdit(("gateway", "port"), 18790)])
    left = sorted(cfg.parent.glob("clawkeep.json.bak-*"))
    assert len(left) == 5
    assert "clawkeep.json.bak-20260100-000000" not in {p.name for p in left}
    assert prune_backups(cfg, keep=5) == []
