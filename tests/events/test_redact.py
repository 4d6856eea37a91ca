"""Redaction: secrets in tool arguments and results never reach logs or the event log."""

from __future__ import annotations

import io
import itertools
import json
import logging
from pathlib import Path

import pytest

from clawkeep.events.log import EventLog
from clawkeep.events.redact import (
    MASK,
    RedactingFilter,
    build_redactor,
    redactor_from_settings,
)

REDACT = build_redactor()

SECRET = "Zq8vT3xK9mW2pL7r"  # a value that must never survive, whatever wraps it

LEAKS = [
    f"OPENAI_API_KEY={SECRET}",
    f"export GITHUB_TOKEN='{SECRET}'",
    f'DB_PASSWORD="{SECRET} with spaces"',
    f"client_secret: {SECRET}",
    f"clientSecret={SECRET}",
    f"accessToken: {SECRET}",
    f"x-api-key: {SECRET}",
    f"Authorization: Bearer {SECRET}",
    f"authorization=Basic {SECRET}",
    f"curl -H 'Authorization: Bearer {SECRET}' https://api.example.com",
    f"tool --token {SECRET} --verbose",
    f"tool --api-key={SECRET}",
    f"tool -password {SECRET}",
    f"curl -u admin:{SECRET} https://x.example",
    f"postgres://admin:{SECRET}@db.example.com:5432/app",
    f"https://user:{SECRET}@example.com/",
    f"https://api.example.com/v1?token={SECRET}&page=2",
    f"key is sk-proj-{SECRET}abc",
    f"sk-ant-api03-{SECRET}{SECRET}",
    f"ghp_{SECRET}{SECRET}",
    f"github_pat_11AB{SECRET}_{SECRET}",
    f"xoxb-123456-{SECRET}",
    f"AIzaSy{SECRET}{SECRET}xyz",
    f"sk_live_{SECRET}",
    f"hf_{SECRET}{SECRET}",
    f"glpat-{SECRET}{SECRET}",
    f"bot token 123456789:AA{SECRET}{SECRET}",
    f"TELEGRAM 123456789:AA{SECRET}{SECRET}",
    f"GET https://api.telegram.org/bot123456789:AA{SECRET}{SECRET}/getMe",
    f"PASSWORD=[{SECRET}]",
    f"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx{SECRET}.{SECRET}",
    f"-----BEGIN RSA PRIVATE KEY-----\nMIIE{SECRET}\n-----END RSA PRIVATE KEY-----",
    f"-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl{SECRET} (log cut here",
    f"password={SECRET}\\tail",
    f"password={SECRET}ä",
    f'{{"password": "{SECRET}"}}',
    f'{{"apiKey": "{SECRET}", "user": "bob"}}',
    f'{{"pin_password": 12345{SECRET[:0]}}}',
]


@pytest.mark.parametrize("text", LEAKS, ids=lambda t: t[:40])
def test_secret_in_tool_text_is_fully_masked(text: str) -> None:
    out = REDACT(text)
    assert MASK in out
    assert SECRET not in out
    assert SECRET[:6] not in out  # no partial secret either
    if "pin_password" in text:
        assert "12345" not in out


@pytest.mark.parametrize("text", LEAKS, ids=lambda t: t[:40])
def test_secret_inside_json_of_an_event_is_masked_and_json_stays_valid(text: str) -> None:
    for wrapped in ({"args": {"cmd": text}}, {"result": ["line one", text, "end"]}, [text]):
        dumped = json.dumps(wrapped)
        out = REDACT(dumped)
        json.loads(out)
        assert SECRET not in out
        assert SECRET[:6] not in out


def test_secrets_behind_json_newline_escapes_are_masked() -> None:
    text = f"line\nPASSWORD={SECRET}\nsk-{SECRET}\n--token {SECRET}\nBearer {SECRET}"
    out = REDACT(json.dumps({"stdout": text}))
    assert SECRET not in out
    assert json.loads(out)["stdout"].startswith("line\nPASSWORD=")


def test_argv_list_with_a_secret_flag_is_masked() -> None:
    out = REDACT(json.dumps({"argv": ["deploy", "--token", SECRET, "--region", "eu"]}))
    assert SECRET not in out
    assert json.loads(out)["argv"][3:] == ["--region", "eu"]


KEYS = ["password", "api_key", "GITHUB_TOKEN", "clientSecret", "x-auth-token", "session_cookie"]
VALUES = [SECRET, f"{SECRET} two words", f'{SECRET}"quote', f"{SECRET}\\back", f"{SECRET}\nnl"]
SHAPES = ["{k}={v}", "{k}: {v}", '{k}="{v}"', "{k}='{v}'", '"{k}": "{v}"']


@pytest.mark.parametrize(("key", "shape"), list(itertools.product(KEYS, SHAPES)))
def test_many_key_and_quoting_shapes_keep_json_valid_and_secret_hidden(
    key: str, shape: str
) -> None:
    for value in VALUES:
        record = {"tool": "exec", "args": shape.format(k=key, v=value), "nested": {key: value}}
        out = REDACT(json.dumps(record))
        parsed = json.loads(out)
        assert parsed["tool"] == "exec"
        assert SECRET not in out
        assert SECRET not in REDACT(shape.format(k=key, v=value))


@pytest.mark.parametrize(
    "text",
    [
        "max_tokens=1024 temperature=0.2",
        "monkey=banana keyboard=us",
        "token_count: 5, tokens: 7",
        "Basic information about the key idea",
        "https://example.com/path?q=1&page=2",
        "the password policy requires 12 characters",
        '{"role": "user", "content": "hello"}',
        "ssh-keygen -t ed25519",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert REDACT(text) == text


def test_event_log_file_never_receives_a_secret(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "events.jsonl"
    log = EventLog(path, redactor=build_redactor())
    log.emit(
        "tool.call",
        "policy.allowed",
        tool="exec",
        args={
            "cmd": f"curl -H 'Authorization: Bearer {SECRET}' https://x",
            "env": {"API_KEY": SECRET},
        },
        result=f"ok\nGITHUB_TOKEN=ghp_{SECRET}{SECRET}\n",
    )
    text = path.read_text()
    assert SECRET not in text
    record = json.loads(text)
    assert record["tool"] == "exec"
    assert record["args"]["env"]["API_KEY"] == MASK


def test_logging_filter_masks_message_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter(build_redactor()))
    logger = logging.getLogger("clawkeep.test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling with %s", f"--token {SECRET}")
        try:
            raise RuntimeError(f"failed with password={SECRET}")
        except RuntimeError:
            logger.exception("tool failed")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert SECRET not in out
    assert "calling with --token" in out
    assert "RuntimeError: failed with password=" in out


def test_extra_patterns_extend_the_built_ins() -> None:
    redact = build_redactor([r"ACME-[0-9]{6}", r"internal-[a-f0-9]{8}"])
    out = redact(f"ticket ACME-123456 ref internal-deadbeef and API_KEY={SECRET}")
    assert "123456" not in out and "deadbeef" not in out and SECRET not in out


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("(unclosed", "not a valid regular expression"),
        ("(a+)+$", "repeat inside a repeat"),
        ("(x*)*y", "repeat inside a repeat"),
        (r"(a)\1", "back-references"),
        ("a*", "matches empty text"),
        ("(?P<k0>x)", "named groups"),
    ],
)
def test_unsafe_extra_pattern_is_rejected_with_a_reason(pattern: str, why: str) -> None:
    with pytest.raises(ValueError, match="redactPatterns") as caught:
        build_redactor([pattern])
    assert why in str(caught.value)


def test_redaction_off_is_explicit_and_tools_is_the_default_behaviour() -> None:
    assert redactor_from_settings("off", ())(f"API_KEY={SECRET}") == f"API_KEY={SECRET}"
    assert SECRET not in redactor_from_settings("tools", ())(f"API_KEY={SECRET}")


def test_adversarial_long_inputs_finish() -> None:
    for text in [
        "a_" * 20_000,
        "password=" + "\\" * 20_000,
        "-----BEGIN RSA PRIVATE KEY-----" * 2_000,
        '"' * 20_000,
        "Bearer " * 5_000,
        "x" * 100_000,
    ]:
        assert isinstance(REDACT(text), str)


def test_extra_pattern_with_its_own_groups_and_alternation_is_masked_whole() -> None:
    redact = build_redactor([r"(corp|org)-id-[0-9]{4}", r"PIN\s*[0-9]{4}"])
    assert redact("ids corp-id-1234 org-id-9999 PIN 4321") == f"ids {MASK} {MASK} {MASK}"


def test_extra_pattern_with_global_flags_is_rejected_with_a_hint() -> None:
    with pytest.raises(ValueError, match=r"\(\?i:"):
        build_redactor(["(?i)acme-[0-9]{4}"])


def test_identifier_keys_that_end_in_key_stay_readable_in_events() -> None:
    out = json.loads(
        REDACT(json.dumps({"session_key": "agent:main:dm:42", "publicKey": "ssh-ed25519 AAAA"}))
    )
    assert out == {"session_key": "agent:main:dm:42", "publicKey": "ssh-ed25519 AAAA"}


def test_redacting_twice_changes_nothing_more() -> None:
    for text in LEAKS:
        once = REDACT(text)
        assert REDACT(once) == once


def test_random_records_with_secret_shaped_pieces_stay_valid_json() -> None:
    import random

    atoms = [
        "password", "api_key", "TOKEN", "Bearer ", "--token", " ", "=", ":", '"', "'",
        "\\", "\n", "{", "}", "[", "]", ",", "sk-", "abcdefghijklmnopqrstu", "123456789",
        ":AA", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "://",
        "@", "ä", "&", ";", "eyJabcdefghij.", "\t", "-u ", "Basic ",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 12)))
        record = rng.choice([{"a": text}, [text, "x"], {text: 1}, {"k": {"password": text}}])
        out = REDACT(json.dumps(record, ensure_ascii=rng.random() < 0.5))
        json.loads(out)
