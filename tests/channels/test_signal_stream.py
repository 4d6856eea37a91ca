"""Signal's event stream from a hostile or broken daemon: memory stays bounded."""

from __future__ import annotations

import asyncio
import json
import tracemalloc

import pytest

from clawkeep.channels.signal.client import SignalClient, SignalError
from clawkeep.channels.signal_address import DaemonAddress

_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"


async def _serve(body_parts: list[bytes], hold_open: asyncio.Event) -> asyncio.Server:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(_HEAD)
        for part in body_parts:
            writer.write(part)
            await writer.drain()
        await hold_open.wait()  # like a daemon that never finishes the line
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


async def _read_all(client: SignalClient) -> list[object]:
    return [e async for e in client.events("+15550002222")]


def test_a_line_that_never_ends_is_cut_off_not_buffered() -> None:
    async def main() -> tuple[BaseException | None, int]:
        hold = asyncio.Event()
        chunk = b"data: " + b"x" * (1 << 20)
        server = await _serve([chunk] * 6, hold)  # 6 MiB, no newline, then silence
        port = server.sockets[0].getsockname()[1]
        client = SignalClient(DaemonAddress(f"http://127.0.0.1:{port}"))
        tracemalloc.start()
        err: BaseException | None = None
        try:
            await asyncio.wait_for(_read_all(client), 20)
        except (SignalError, TimeoutError) as exc:
            err = exc
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        hold.set()
        await client.aclose()
        server.close()
        return err, peak

    err, peak = asyncio.run(main())
    assert isinstance(err, SignalError) and "longer than" in str(err)
    assert peak < 4 * (1 << 20), peak  # never the whole 6 MiB line


def test_events_split_across_reads_and_crlf_lines_still_arrive() -> None:
    event = {"envelope": {"sourceNumber": "+46700000001", "timestamp": 1}}
    raw = b"event: receive\r\ndata: " + json.dumps(event).encode() + b"\r\n\r\n"

    async def main() -> list[object]:
        hold = asyncio.Event()
        hold.set()
        server = await _serve([raw[i : i + 7] for i in range(0, len(raw), 7)] * 2, hold)
        port = server.sockets[0].getsockname()[1]
        client = SignalClient(DaemonAddress(f"http://127.0.0.1:{port}"))
        try:
            return await asyncio.wait_for(_read_all(client), 20)
        finally:
            await client.aclose()
            server.close()

    assert asyncio.run(main()) == [event, event]


@pytest.mark.parametrize("size", [1_100_000])
def test_an_oversized_but_finished_event_is_dropped_and_the_stream_goes_on(size: int) -> None:
    good = {"envelope": {"sourceNumber": "+46700000001", "timestamp": 2}}
    parts = [b"data: " + b"y" * 1000 + b"\n"] * (size // 1000) + [
        b"\n",
        b"data: " + json.dumps(good).encode() + b"\n\n",
    ]

    async def main() -> list[object]:
        hold = asyncio.Event()
        hold.set()
        server = await _serve(parts, hold)
        port = server.sockets[0].getsockname()[1]
        client = SignalClient(DaemonAddress(f"http://127.0.0.1:{port}"))
        try:
            return await asyncio.wait_for(_read_all(client), 20)
        finally:
            await client.aclose()
            server.close()

    assert asyncio.run(main()) == [good]
