"""Hostile JSON values: deep, wide, odd keys, odd numbers, odd strings."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ODD_STRINGS = st.sampled_from(
    ["", "\x00", "true", "yes", "1", "${HOME}", "$${X}", "../../etc/passwd", "\u202e", "🦀" * 3,
     "a" * 5000, "\\u0000", "<script>", "NaN", "-1", "1e309", "*", "$include"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    ODD_STRINGS,
)


def json_values(keys: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """Any JSON value, keys drawn from ``keys`` (plus random text)."""
    key = st.one_of(keys, st.text(max_size=12)) if keys is not None else st.text(max_size=12)
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5),
            st.dictionaries(key, inner, max_size=6),
        ),
        max_leaves=40,
    )


def nesting_bomb(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth
