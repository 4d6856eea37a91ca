"""A config the gateway refuses never repeats a secret in its error.

The refusal goes to the terminal, the service journal and the audit's output. A token
written in the wrong shape (a list where an object goes), a token pulled by ``${VAR}``
into a key whose value is wrong, and a secret-named variable's value inside a bad plain
value are described, never printed.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.cli_support import run_cli

BOT_TOKEN = "123456789:AAHq7Zx0vTq2mR8sLkP4wNcYbE1jUoFhG3d"
GATEWAY_TOKEN = "gw-9c41e7d2b85a4f06a3e1"


def _write(home: Path, config: object) -> None:
    state = home / "state"
    state.mkdir(mode=0o700, exist_ok=True)
    (state / "clawkeep.json").write_text(json.dumps(config))
    (state / "clawkeep.json").chmod(0o600)


def test_gateway_run_does_not_print_a_token_inside_a_list_of_the_wrong_shape(
    tmp_path: Path,
) -> None:
    _write(tmp_path, {"channels": {"telegram": {"accounts": [{"botToken": BOT_TOKEN}]}}})
    out = run_cli(tmp_path, "gateway", "run", "--port", "0")
    shown = out.stdout + out.stderr
    assert out.returncode != 0
    assert "channels.telegram.accounts" in shown  # the place is still named
    assert BOT_TOKEN not in shown
    assert "AAHq7Zx0" not in shown


def test_gateway_run_does_not_print_an_env_value_put_in_the_wrong_key(tmp_path: Path) -> None:
    _write(tmp_path, {"gateway": {"auth": {"mode": "${GATEWAY_TOKEN}"}}})
    out = run_cli(tmp_path, "gateway", "run", "--port", "0", GATEWAY_TOKEN=GATEWAY_TOKEN)
    shown = out.stdout + out.stderr
    assert out.returncode != 0
    assert "gateway.auth.mode" in shown
    assert GATEWAY_TOKEN not in shown


def test_audit_does_not_print_a_secret_variable_inside_a_bad_plain_value(tmp_path: Path) -> None:
    # A literal with the secret pasted into it (not a ${VAR} of its own path) and a
    # secret-named variable elsewhere: the value is masked by what the variable holds.
    _write(
        tmp_path,
        {
            "gateway": {"auth": {"mode": "token", "token": "${GATEWAY_TOKEN}"}, "bind": 7},
            "ui": {"assistant": {"name": 5}},
            "session": {"dmScope": f"per-{GATEWAY_TOKEN}"},
        },
    )
    out = run_cli(tmp_path, "security", "audit", "--json", GATEWAY_TOKEN=GATEWAY_TOKEN)
    shown = out.stdout + out.stderr
    assert "session.dmScope" in shown or "dmScope" in shown, shown
    assert GATEWAY_TOKEN not in shown
