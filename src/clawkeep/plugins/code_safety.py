"""Heuristics over installed plugin code: what a malicious plugin tends to look like.

Python files under the state dir's extensions/ are parsed with `ast` (not grepped), so a
comment or a string that mentions `eval` is not a finding and an aliased import still is:
- env harvesting: the file reads the environment (os.environ / os.getenv) and can reach
  the network (critical: that is how credentials leave the machine);
- dynamic code: eval / exec / compile / __import__ / import_module of a computed name;
- processes: subprocess, pty, os.system / popen / exec* / spawn*;
- obfuscation: long base64 runs in string literals, many `\\x` escapes in the source.
Symlinked files are not followed; oversized or unparseable files are findings themselves.
"""

from __future__ import annotations

import ast
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clawkeep.contracts import Severity

__all__ = ["CodeFinding", "scan_plugins", "scan_source"]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILES = 5000
HEX_ESCAPES_LIMIT = 40
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{200,}={0,2}")
_HEX_ESCAPE = re.compile(r"\\x[0-9a-fA-F]{2}")

_NETWORK_TOP = frozenset(
    {
        "socket",
        "ssl",
        "requests",
        "httpx",
        "httpx2",
        "aiohttp",
        "urllib3",
        "websocket",
        "websockets",
        "ftplib",
        "smtplib",
        "telnetlib",
        "paramiko",
        "pycurl",
        "grpc",
        "dns",
    }
)
_NETWORK_FULL = frozenset({"http.client", "urllib.request", "xmlrpc.client", "http.cookiejar"})
_NETWORK_CALLS = frozenset({"open_connection", "create_connection", "urlopen"})
_PROCESS_MODULES = frozenset({"subprocess", "pty", "multiprocessing.popen_spawn_posix"})
_OS_PROCESS = re.compile(r"^(system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|fork|forkpty)$")
_ASYNC_PROCESS = frozenset({"create_subprocess_exec", "create_subprocess_shell"})
_EXEC_NAMES = frozenset({"eval", "exec", "compile", "__import__"})
_ENV_ATTRS = frozenset({"environ", "environb", "getenv", "getenvb"})


@dataclass(frozen=True, slots=True)
class CodeFinding:
    """One heuristic hit: ``rule`` is the last part of the check id."""

    rule: str
    severity: Severity
    path: Path
    line: int
    detail: str

    @property
    def check_id(self) -> str:
        return f"plugins.code_safety.{self.rule}"


@dataclass
class _Facts:
    env_line: int = 0
    network_line: int = 0
    exec_lines: list[tuple[int, str]] = field(default_factory=list)
    process_lines: list[tuple[int, str]] = field(default_factory=list)
    base64_line: int = 0


class _Visitor(ast.NodeVisitor):
    """Collects what the file does; aliases of os / os.environ are tracked by name."""

    def __init__(self) -> None:
        self.facts = _Facts()
        self.os_names: set[str] = set()
        self.env_names: set[str] = set()
        self.process_names: set[str] = set()

    def _network(self, module: str, line: int) -> None:
        if module.split(".")[0] in _NETWORK_TOP or module in _NETWORK_FULL:
            self.facts.network_line = self.facts.network_line or line

    def _process(self, module: str, line: int) -> None:
        if module.split(".")[0] in _PROCESS_MODULES or module in _PROCESS_MODULES:
            self.facts.process_lines.append((line, f"imports {module}"))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._network(alias.name, node.lineno)
            self._process(alias.name, node.lineno)
            if alias.name == "os":
                self.os_names.add(alias.asname or "os")
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            full = f"{module}.{alias.name}" if module else alias.name
            self._network(module, node.lineno)
            self._network(full, node.lineno)
            self._process(module, node.lineno)
            if module == "os" and alias.name in _ENV_ATTRS:
                self.env_names.add(alias.asname or alias.name)
                self.facts.env_line = self.facts.env_line or node.lineno
            if module == "os" and _OS_PROCESS.match(alias.name):
                self.process_names.add(alias.asname or alias.name)
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        base = node.value
        if isinstance(base, ast.Name) and base.id in self.os_names:
            if node.attr in _ENV_ATTRS:
                self.facts.env_line = self.facts.env_line or node.lineno
            elif _OS_PROCESS.match(node.attr):
                self.facts.process_lines.append((node.lineno, f"os.{node.attr}"))
        if node.attr in _ASYNC_PROCESS:
            self.facts.process_lines.append((node.lineno, node.attr))
        if node.attr in _NETWORK_CALLS:
            self.facts.network_line = self.facts.network_line or node.lineno
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in self.env_names:
            self.facts.env_line = self.facts.env_line or node.lineno
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = (
            func.id
            if isinstance(func, ast.Name)
            else func.attr
            if isinstance(func, ast.Attribute)
            else ""
        )
        if isinstance(func, ast.Name) and name in _EXEC_NAMES:
            self.facts.exec_lines.append((node.lineno, f"{name}()"))
        elif name == "import_module" and not (node.args and isinstance(node.args[0], ast.Constant)):
            self.facts.exec_lines.append((node.lineno, "import_module() of a computed name"))
        elif isinstance(func, ast.Attribute) and name in _EXEC_NAMES:
            self.facts.exec_lines.append((node.lineno, f"{name}()"))
        if isinstance(func, ast.Name) and name in self.process_names:
            self.facts.process_lines.append((node.lineno, f"{name}()"))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        if isinstance(text, str) and not self.facts.base64_line and _BASE64_RUN.search(text):
            self.facts.base64_line = node.lineno


def scan_source(source: str, path: Path) -> list[CodeFinding]:
    """The heuristic hits in one file's source."""
    try:
        tree = ast.parse(source, filename=str(path))
    except (SyntaxError, ValueError, RecursionError) as exc:
        return [
            CodeFinding(
                "unparseable", "warn", path, 0, f"cannot be parsed ({exc}); it was not checked"
            )
        ]
    visitor = _Visitor()
    try:
        visitor.visit(tree)
    except RecursionError:
        return [CodeFinding("unparseable", "warn", path, 0, "nested too deeply to check")]
    return _findings(visitor.facts, source, path)


def _findings(facts: _Facts, source: str, path: Path) -> list[CodeFinding]:
    out: list[CodeFinding] = []
    if facts.env_line and facts.network_line:
        out.append(
            CodeFinding(
                "env_harvesting",
                "critical",
                path,
                facts.env_line,
                f"reads the environment (line {facts.env_line}) and can reach the network "
                f"(line {facts.network_line}): secrets in the environment can leave the machine",
            )
        )
    escapes = len(_HEX_ESCAPE.findall(source))
    obfuscated = bool(facts.base64_line) or escapes >= HEX_ESCAPES_LIMIT
    for line, what in facts.exec_lines[:5]:
        # Decoding a blob and executing it is how payloads hide from review.
        severity: Severity = "critical" if obfuscated else "warn"
        out.append(CodeFinding("dynamic_exec", severity, path, line, f"runs dynamic code: {what}"))
    for line, what in facts.process_lines[:5]:
        out.append(CodeFinding("subprocess", "warn", path, line, f"starts processes: {what}"))
    if facts.base64_line:
        out.append(
            CodeFinding(
                "obfuscation",
                "warn",
                path,
                facts.base64_line,
                "holds a long base64-like string literal",
            )
        )
    if escapes >= HEX_ESCAPES_LIMIT:
        out.append(
            CodeFinding("obfuscation", "warn", path, 0, f"has {escapes} \\x escapes in its source")
        )
    return out


def _python_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", ".git"))
        for name in sorted(files):
            if name.endswith((".py", ".pyw")):
                yield Path(folder) / name


def _read(path: Path) -> str | CodeFinding:
    try:
        # O_NOFOLLOW: a plugin file that is a symlink is reported, never followed.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return CodeFinding("unreadable", "warn", path, 0, f"not checked: {exc.strerror}")
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            return CodeFinding("unreadable", "warn", path, 0, "not a regular file; not checked")
        if st.st_size > MAX_FILE_BYTES:
            return CodeFinding(
                "too_large", "warn", path, 0, f"{st.st_size} bytes: too large to check"
            )
        return fh.read().decode("utf-8", errors="replace")


def scan_plugins(extensions_dir: Path) -> list[CodeFinding]:
    """Scan every Python file under ``extensions_dir`` (missing dir: nothing to scan)."""
    if not extensions_dir.is_dir():
        return []
    out: list[CodeFinding] = []
    for count, path in enumerate(_python_files(extensions_dir)):
        if count >= MAX_FILES:
            out.append(
                CodeFinding(
                    "too_many_files",
                    "warn",
                    extensions_dir,
                    0,
                    f"more than {MAX_FILES} Python files; the rest not checked",
                )
            )
            break
        if path.is_symlink():
            out.append(
                CodeFinding(
                    "symlink", "warn", path, 0, f"is a symlink to {os.readlink(path)}; not followed"
                )
            )
            continue
        text = _read(path)
        out.extend([text] if isinstance(text, CodeFinding) else scan_source(text, path))
    return out
