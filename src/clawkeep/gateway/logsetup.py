"""The gateway process's Python logging: one handler, every record redacted first.

Records go to stderr (and to `logging.file`, created 0600, when set) at `logging.level`.
The redactor of `logging.redactSensitive` runs as a filter on each handler, so a secret
in a library's log line is masked before any handler formats it; every secret the config
holds is masked by its value, whatever its shape. The HTTP client's per-request lines
(whose URLs carry the Telegram bot token) are not written below `debug`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from clawkeep.config.loader import LoadedConfig
from clawkeep.events.redact import RedactingFilter, redactor_from_settings
from clawkeep.events.secret_values import config_secrets
from clawkeep.fsutil import PRIVATE_FILE_MODE, ensure_private_dir

__all__ = ["QUIET_LOGGERS", "install_logging"]

# One INFO line per HTTP request, with the full URL (`/bot<token>/getUpdates`).
QUIET_LOGGERS = ("httpx2", "httpx", "httpcore", "httpcore2", "hpack")

_LEVELS = {
    "silent": logging.CRITICAL + 10,
    "fatal": logging.CRITICAL,
    "error": logging.ERROR,
    "warn": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
    "trace": logging.DEBUG,
}


def install_logging(loaded: LoadedConfig) -> list[logging.Handler]:
    """Attach redacting handlers to the root logger; returns them (for removal in tests)."""
    cfg = loaded.config.logging
    secrets = config_secrets(loaded.config, loaded.env_secrets)
    redactor = redactor_from_settings(cfg.redact_sensitive, cfg.redact_patterns, secrets)
    redacting = RedactingFilter(redactor)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if cfg.file:
        path = Path(cfg.file).expanduser()
        ensure_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
        os.close(fd)  # created 0600 before the handler opens it
        handlers.append(logging.FileHandler(path, encoding="utf-8"))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    for handler in handlers:
        handler.addFilter(redacting)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(_LEVELS[cfg.level])
    quiet = logging.DEBUG if cfg.level in ("debug", "trace") else logging.WARNING
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
    return handlers
