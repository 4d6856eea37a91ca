"""The install's one event log: logs/events.jsonl, redacted per `logging.redactSensitive`."""

from __future__ import annotations

from clawkeep.config.loader import LoadedConfig
from clawkeep.events.log import EventLog
from clawkeep.events.redact import redactor_from_settings
from clawkeep.events.secret_values import config_secrets

__all__ = ["install_event_log"]


def install_event_log(loaded: LoadedConfig) -> EventLog:
    """Every writer of events.jsonl opens it here, so none writes unredacted records."""
    logging_cfg = loaded.config.logging
    redactor = redactor_from_settings(
        logging_cfg.redact_sensitive,
        logging_cfg.redact_patterns,
        config_secrets(loaded.config, loaded.env_secrets),
    )
    return EventLog(loaded.paths.logs_dir / "events.jsonl", redactor=redactor)
