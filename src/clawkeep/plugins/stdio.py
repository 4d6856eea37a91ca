"""The stdio link to one plugin process, with a bound on each message it may send.

The MCP SDK's stdio client reads a server's stdout into one growing string until a
newline: a hostile plugin could send one endless line and exhaust the gateway's memory.
This transport spawns the process itself and reads its stdout in chunks, holding at most
``max_line`` bytes of an unfinished line (plus one chunk); a line over the bound ends the
link: the process group is killed at once, `overflow` is set, and the session sees its
stream end (its pending and later calls fail). It hands the SDK's `ClientSession` the
same pair of streams the SDK's own transport does.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import TextIO

import anyio
import mcp_types as mtypes
from anyio.abc import Process
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp.shared.message import SessionMessage

__all__ = ["DEFAULT_MAX_LINE", "LinkState", "bounded_stdio"]

DEFAULT_MAX_LINE = 4 * 1024 * 1024
_EXIT_GRACE = 2.0  # seconds a plugin gets to leave after its stdin closes
_KILL_WAIT = 2.0

Streams = tuple[
    MemoryObjectReceiveStream[SessionMessage | Exception],
    MemoryObjectSendStream[SessionMessage],
]


@dataclass
class LinkState:
    """What the link saw: `overflow` is the size reached by a line over the bound."""

    max_line: int
    overflow: int = 0


def _parse(line: bytes) -> SessionMessage | Exception:
    try:
        return SessionMessage(mtypes.jsonrpc_message_adapter.validate_json(line, by_name=False))
    except ValueError as exc:  # the session surfaces a bad message; it is not fatal
        return exc


def _kill_group(process: Process, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)  # spawned in its own session: the group is its tree


async def _wait_exit(process: Process, timeout: float) -> bool:
    with anyio.move_on_after(timeout):
        await process.wait()
        return True
    return process.returncode is not None


@contextlib.asynccontextmanager
async def bounded_stdio(
    argv: Sequence[str], env: dict[str, str], errlog: TextIO, state: LinkState
) -> AsyncIterator[Streams]:
    """Spawn ``argv`` with stdin/stdout pipes; yield the session's (read, write) streams."""
    process = await anyio.open_process(list(argv), env=env, stderr=errlog, start_new_session=True)
    to_session, read_stream = anyio.create_memory_object_stream[SessionMessage | Exception](0)
    write_stream, from_session = anyio.create_memory_object_stream[SessionMessage](0)

    async def read_stdout() -> None:
        assert process.stdout is not None
        pending = bytearray()
        scanned = 0  # bytes of `pending` known to hold no newline
        async with to_session:
            with contextlib.suppress(
                anyio.EndOfStream,
                anyio.ClosedResourceError,
                anyio.BrokenResourceError,
                OSError,
            ):
                async for chunk in process.stdout:
                    pending += chunk
                    longest = 0
                    while (end := pending.find(b"\n", scanned)) >= 0:
                        line = bytes(pending[:end])
                        del pending[: end + 1]
                        scanned = 0
                        longest = max(longest, len(line))
                        if longest > state.max_line:
                            break
                        if line.strip():
                            await to_session.send(_parse(line))
                    scanned = len(pending)
                    size = max(longest, len(pending))
                    if size > state.max_line:
                        # A line over the bound: the plugin is stopped before it sends more.
                        state.overflow = size
                        _kill_group(process, signal.SIGKILL)
                        return

    async def write_stdin() -> None:
        assert process.stdin is not None
        async with from_session:
            with contextlib.suppress(anyio.ClosedResourceError, anyio.BrokenResourceError, OSError):
                async for message in from_session:
                    text = message.message.model_dump_json(by_alias=True, exclude_unset=True)
                    await process.stdin.send(text.encode() + b"\n")

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(read_stdout)
        tasks.start_soon(write_stdin)
        try:
            yield read_stream, write_stream
        finally:
            with anyio.CancelScope(shield=True):
                await _stop(process, read_stream, write_stream)
            tasks.cancel_scope.cancel()


async def _stop(
    process: Process,
    read_stream: MemoryObjectReceiveStream[SessionMessage | Exception],
    write_stream: MemoryObjectSendStream[SessionMessage],
) -> None:
    """Close stdin, give the plugin a moment to leave, then kill its process group."""
    read_stream.close()
    write_stream.close()
    assert process.stdin is not None
    with contextlib.suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError):
        await process.stdin.aclose()
    if not await _wait_exit(process, _EXIT_GRACE):
        _kill_group(process, signal.SIGKILL)
        await _wait_exit(process, _KILL_WAIT)
    with (
        anyio.move_on_after(_KILL_WAIT),
        contextlib.suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError),
    ):
        await process.aclose()
