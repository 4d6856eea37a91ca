"""The gateway's Python logging masks secrets before any handler writes them."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from clawkeep.config import load_config, resolve_paths
from clawkeep.gateway.logsetup import install_logging

SECRET = "ghp_" + "Z9y8X7w6V5u4" * 3


def test_library_log_lines_are_redacted_in_the_log_file(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "gateway.log"
    config = tmp_path / "clawkeep.json"
    config.write_text(f'{{ logging: {{ file: "{log_file}", level: "info" }} }}')
    handlers = install_logging(load_config(resolve_paths({}, config=config), env={}))
    try:
        logging.getLogger("some.library").info("calling with token=%s", SECRET)
        for handler in handlers:
            handler.flush()
        text = log_file.read_text()
        assert "calling with token=" in text
        assert SECRET not in text
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    finally:
        root = logging.getLogger()
        for handler in handlers:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(logging.WARNING)
