"""Peak memory (RSS) of three inputs that once grew the gateway past its caps.

Run: nice -n 10 .venv/bin/python bench/memory_bounds.py
Each case runs in a fresh child process and prints its peak RSS growth over the child's
own baseline (after imports), beside the cap that should bound it:

- read: the read tool's window at a huge offset in a 256 MB (sparse) file;
- jobs: 160 background jobs, each ending with 256 KB of output, in one session;
- stream: a 200 MB single-line model reply from a loopback OpenAI-style server.
"""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _read_case() -> str:
    from clawkeep.guards.file_guard import FilePolicy, read_bytes
    from clawkeep.tools._files import MAX_FILE_BYTES

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with (root / "big.log").open("wb") as fh:
            fh.truncate(256 * MB)
        base = _peak_mb()
        data = read_bytes(FilePolicy(root=root), "big.log", 4096, offset=256 * MB - 4096)
        assert isinstance(data, bytes) and len(data) == 4096
        return (
            f"read:   +{_peak_mb() - base:7.1f} MB peak  (cap: limit <= {MAX_FILE_BYTES // MB} MB)"
        )


def _jobs_case() -> str:
    from clawkeep.tools._background import MAX_ENDED_PER_SESSION, BackgroundJobs, Job

    table = BackgroundJobs()
    owner = ("main", "agent:main:webchat:direct:owner")

    async def run(_cancel: threading.Event) -> str:
        return "x" * (256 * 1024)

    async def scenario() -> int:
        for _ in range(160):
            job = table.start(owner, "make noise", run)
            assert isinstance(job, Job)
            await asyncio.wait({job.task})
        return len(table.of(owner))

    base = _peak_mb()
    kept = asyncio.run(scenario())
    return (
        f"jobs:   +{_peak_mb() - base:7.1f} MB peak, {kept} kept of 160 "
        f"(cap: {MAX_ENDED_PER_SESSION} ended jobs a session)"
    )


def _server(total: int) -> tuple[ThreadingHTTPServer, str]:
    chunk = b"A" * (256 * 1024)
    head = b'data: {"choices":[{"index":0,"delta":{"content":"'

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", "0")))
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.end_headers()
            try:
                self.wfile.write(head)
                for _ in range(total // len(chunk)):
                    self.wfile.write(chunk)
                self.wfile.write(b'"}}]}\n\ndata: [DONE]\n\n')
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/v1"


def _stream_case() -> str:
    from clawkeep.agents.providers import Message, OpenAIChatProvider, ProviderError
    from clawkeep.agents.providers._accumulate import MAX_PENDING_BYTES
    from clawkeep.agents.providers._http import HttpEngine

    server, url = _server(200 * MB)
    provider = OpenAIChatProvider(HttpEngine(60.0, 0), url, "m", "sk-bench")
    base = _peak_mb()
    try:
        asyncio.run(provider.complete("s", [Message("user", "hi")], []))
        outcome = "not cut"
    except ProviderError as exc:
        outcome = exc.code
    finally:
        server.shutdown()
    return (
        f"stream: +{_peak_mb() - base:7.1f} MB peak, {outcome} "
        f"(cap: {MAX_PENDING_BYTES / MB:.1f} MB a pending line)"
    )


CASES = {"read": _read_case, "jobs": _jobs_case, "stream": _stream_case}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(CASES[sys.argv[2]]())
        return
    for name in CASES:
        done = subprocess.run(
            [sys.executable, __file__, "--case", name],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        print(done.stdout.strip() or f"{name}: failed: {done.stderr.strip()[-300:]}")


if __name__ == "__main__":
    main()
