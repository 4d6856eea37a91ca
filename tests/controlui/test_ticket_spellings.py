"""Sign-in tickets in other spellings: each is a counted, clean refusal.

A ticket whose MAC part is not ASCII (a look-alike letter, a fullwidth digit) used to
raise inside the constant-time compare: a 500 with a traceback in the log, and a guess
the failed-auth limiter never counted, so such guesses were free. Every malformed
ticket is now a 401 `controlui.ticket_invalid` that counts toward the lockout.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clawkeep.controlui import make_ticket
from tests.controlui.ui_helpers import TOKEN, Browserish, UiLive, ui_gateway


@pytest.fixture
def ui(tmp_path: Path) -> Iterator[UiLive]:
    with ui_gateway(tmp_path) as running:
        yield running


def _respelled(ticket: str, mac: str) -> str:
    expiry, nonce, _ = ticket.split(".")
    return f"{expiry}.{nonce}.{mac}"


@pytest.mark.parametrize(
    "mac",
    [
        "\u0430" * 64,  # Cyrillic a: looks like a hex digit
        "\uff10" * 64,  # fullwidth zero
        "é",
        "\udcff",  # a lone surrogate, as a JSON \\udcff escape sends it
    ],
)
def test_a_non_ascii_ticket_is_a_counted_refusal_not_a_crash(ui: UiLive, mac: str) -> None:
    page = Browserish(ui.port)
    forged = _respelled(make_ticket(TOKEN), mac)
    status, body = page.request("POST", "/ui/api/redeem", {"ticket": forged})
    assert status == 401, body
    assert body["error"] == "controlui.ticket_invalid"
    # Each such guess is a failed sign-in: after the limiter's budget the client is
    # locked out, even with a real ticket.
    for _ in range(2):
        page.request("POST", "/ui/api/redeem", {"ticket": forged})
    status, body = page.request("POST", "/ui/api/redeem", {"ticket": make_ticket(TOKEN)})
    assert status == 429, body


def test_unicode_digits_in_the_expiry_are_not_read_as_a_time(ui: UiLive) -> None:
    # '\u0661' is ARABIC-INDIC DIGIT ONE: str.isdigit() and int() accept it.
    page = Browserish(ui.port)
    status, body = page.request("POST", "/ui/api/redeem", {"ticket": "\u0661\u0662.ab.cd"})
    assert (status, body["error"]) == (401, "controlui.ticket_invalid")
