"""Config problems as values: what was wrong, where (key path, file:line:col), and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ConfigError", "ConfigIssue", "format_path"]


def format_path(path: tuple[str | int, ...]) -> str:
    """`('channels', 'x', 'groups', '*')` -> `channels.x.groups["*"]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier() or part.replace("-", "_").isidentifier():
            out += f".{part}" if out else part
        else:
            out += f'["{part}"]'
    return out or "(root)"


@dataclass(frozen=True, slots=True)
class ConfigIssue:
    """One problem in a config file. ``kind`` is a stable code (config.unknown_key ...)."""

    kind: str
    path: tuple[str | int, ...]
    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    hint: str = ""

    @property
    def where(self) -> str:
        if self.file is None:
            return format_path(self.path)
        if self.line is None:
            return f"{self.file}: {format_path(self.path)}"
        return f"{self.file}:{self.line}:{self.column}: {format_path(self.path)}"

    def sentence(self) -> str:
        text = f"{self.where}: {self.message}"
        if self.hint:
            text += f" Hint: {self.hint}"
        return text


class ConfigError(Exception):
    """The config cannot be used as it is; every issue is a sentence with a place and a fix."""

    def __init__(self, issues: list[ConfigIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(issue.sentence() for issue in issues))
