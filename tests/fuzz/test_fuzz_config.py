"""The config loader on hostile files: a LoadedConfig or a ConfigError, nothing else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clawkeep.config import ConfigError, load_config, resolve_paths
from tests.fuzz.strategies import json_values, nesting_bomb

KEYS = st.sampled_from(
    ["gateway", "auth", "token", "port", "bind", "channels", "telegram", "groups", "*",
     "requireMention", "allowFrom", "dmPolicy", "commands", "bash", "tools", "agents",
     "defaults", "logging", "redactPatterns", "level", "$include", "hooks", "sandbox",
     "models", "providers", "apiKey", "enabled", "accounts", "rateLimit", "maxAttempts"]
)  # fmt: skip


def _load_text(text: str, extra: dict[str, str] | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "clawkeep.json"
        config.write_text(text, encoding="utf-8", errors="surrogatepass")
        for name, body in (extra or {}).items():
            if "/" not in name and "\x00" not in name and name not in ("", ".", ".."):
                (folder / name).write_text(body)
        paths = resolve_paths({"HOME": tmp}, config=config, flavor="clawkeep")
        for strict in (True, False):
            try:
                load_config(paths, strict=strict, env={"HOME": tmp})
            except ConfigError as exc:
                assert exc.issues  # every refusal says what and where


@given(json_values(KEYS))
def test_any_json_tree(tree: Any) -> None:
    _load_text(json.dumps(tree))


@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    _load_text(text)


@given(
    st.dictionaries(
        st.sampled_from(["a.json5", "b.json5", "c.json5"]),
        st.lists(st.sampled_from(["a.json5", "b.json5", "c.json5", "x\x00", "../x", "/etc"])),
        max_size=3,
    )
)
def test_include_graphs(graph: dict[str, list[str]]) -> None:
    files = {name: json.dumps({"$include": targets}) for name, targets in graph.items()}
    _load_text(json.dumps({"$include": sorted(graph)}), files)


def test_nesting_bombs() -> None:
    for depth in (31, 32, 33, 5000, 200_000):
        _load_text('{"a": ' + nesting_bomb(depth) + "}")
        _load_text(nesting_bomb(depth, "{a:", "}").replace("{a:}", "{}"))
