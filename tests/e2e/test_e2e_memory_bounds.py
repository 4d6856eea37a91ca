"""Memory bounded by the caps, driven through the real turn by the attacker's script.

The read tool with a huge offset reads only its window (``pread``), not the file up to it:
the bytes the gateway process read (``rchar`` in /proc/self/io) stay near the limit
however far into a large file the model asks.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.e2e_harness import call, host_files_config, install

FILE_BYTES = 256 * 1024 * 1024  # sparse: no disk, but every byte read counts in rchar
MARKER = b"THE-END-OF-THE-BIG-FILE"


def _rchar() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def _big_file(ws: Path) -> int:
    offset = FILE_BYTES - len(MARKER)
    with (ws / "big.log").open("wb") as fh:
        fh.truncate(FILE_BYTES)
        fh.seek(offset)
        fh.write(MARKER)
    return offset


def test_read_with_a_huge_offset_reads_only_its_window(tmp_path: Path) -> None:
    i = install(tmp_path, host_files_config())
    offset = _big_file(i.workspace())
    i.play(
        [
            {"toolCalls": [call("read", path="big.log", limit=4096)]},
            "done",
            {"toolCalls": [call("read", path="big.log", offset=offset, limit=4096)]},
            "done",
        ]
    )
    assert i.turn("read the start of big.log") == "done"  # warm: the guards' models loaded
    before = _rchar()
    assert i.turn("read the end of big.log") == "done"
    read = _rchar() - before
    assert i.results("read") == ["tools.ok", "tools.ok"]
    assert MARKER.decode() in i.tool_texts()[-1]  # the window at the offset, nothing before
    assert read < 16 * 1024 * 1024 < FILE_BYTES  # not the 256 MB up to the offset


def test_read_past_the_end_and_at_the_largest_offset_is_empty_not_an_error(
    tmp_path: Path,
) -> None:
    i = install(tmp_path, host_files_config())
    _big_file(i.workspace())
    i.play(
        [
            {
                "toolCalls": [
                    call("read", path="big.log", offset=FILE_BYTES + 10),
                    call("read", path="big.log", offset=1 << 62),
                    call("read", path="big.log", offset=1 << 63),  # past off_t: refused clearly
                ]
            },
            "done",
        ]
    )
    assert i.turn() == "done"
    assert i.results("read") == ["tools.ok", "tools.ok"]
    assert "tools.bad_arguments" in "\n".join(i.tool_texts())
