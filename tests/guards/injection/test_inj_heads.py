"""Each guard scores with its own head: messages with ``chat``, tool output with ``tool``."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import numpy as np
import pytest

from clawkeep.config.schema.guard_text import ChannelGuardConfig, ContentGuardConfig
from clawkeep.guards.channel_guard import ChannelGuard
from clawkeep.guards.content_guard import ContentGuard
from clawkeep.guards.injection import InjectionClassifier
from clawkeep.guards.injection.classifier import MODEL_DIR

TEXT = "The quarterly report is attached; the totals are on page three."


def _skewed(tmp_path: Path, sure: str) -> InjectionClassifier:
    """The shipped arrays, with the head named ``sure`` certain of an injection and the
    other certain of none: which guard flags shows which head it asked."""
    with np.load(MODEL_DIR / "static.npz") as ref:
        arrays = {k: ref[k] for k in ref.files}
    for head in ("chat", "tool"):
        arrays[f"{head}_b2"] = np.asarray([50.0 if head == sure else -50.0], np.float32)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    path = tmp_path / "static.npz"
    path.write_bytes(buf.getvalue())
    return InjectionClassifier(model_path=path, model_sha256=None)


@pytest.mark.parametrize("sure", ["chat", "tool"])
def test_each_guard_asks_its_own_head(tmp_path: Path, sure: str) -> None:
    clf = _skewed(tmp_path, sure)
    assert clf.available()
    message = ChannelGuard(ChannelGuardConfig(), classifier=clf).scan(TEXT)
    content = ContentGuard(ContentGuardConfig(), classifier=clf)
    page = asyncio.run(content.check(TEXT, source="web_fetch"))
    assert (message.verdict != "allow") is (sure == "chat")
    assert (page.verdict != "allow") is (sure == "tool")


def test_the_shipped_heads_differ_where_documents_are_concerned() -> None:
    """Licence prose: the message head is quick to flag it, the tool-output head is not."""
    clf = InjectionClassifier()
    clause = (
        "You may not impose any further restrictions on the exercise of the rights granted "
        "or affirmed under this License. You must cause any modified files to carry prominent "
        "notices stating that you changed the files."
    )
    assert clf.score(clause, "tool") < ContentGuardConfig().flag_threshold
    assert clf.score(clause, "chat") != clf.score(clause, "tool")
