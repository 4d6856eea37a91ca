"""`$include`: merge other JSON5 files into the config, only from inside its own folder.

An include path is checked twice: lexically (no `..` or absolute path leaving the folder)
and by realpath (no symlink leading out), so a config cannot pull in /etc or ~/.ssh.
Each file is read once: a file included twice (a diamond) is refused, and the whole tree is
bounded in files and bytes, so no include graph grows the work exponentially. A key written
twice in one object is refused with both line numbers (JSON5 parsers keep the last silently).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyjson5

from clawkeep.config._locate import KeyPath, duplicate_keys, line_col_of
from clawkeep.config.errors import ConfigError, ConfigIssue

__all__ = ["Source", "read_config_bytes", "read_tree"]

_MAX_DEPTH = 8
_MAX_BYTES = 4 * 1024 * 1024
_MAX_FILES = 64  # every file of one config, the main file included
# State-dir folders that hold secrets and sessions, never config (with .env* anywhere).
_SECRET_DIRS = frozenset({"credentials", "identity", "agents", "logs"})


@dataclass
class Source:
    """Every file that went into the config, and which file each key path came from."""

    texts: dict[Path, str] = field(default_factory=dict)
    origin: dict[KeyPath, Path] = field(default_factory=dict)
    mounts: dict[Path, KeyPath] = field(default_factory=dict)

    def file_of(self, path: KeyPath) -> tuple[Path, KeyPath] | None:
        """The file that set ``path`` and the path inside that file, or None."""
        for cut in range(len(path), -1, -1):
            file = self.origin.get(path[:cut])
            if file is not None:
                mount = self.mounts.get(file, ())
                return file, path[len(mount) :]
        return None


def read_tree(path: Path, *, trusted_only: bool = False) -> tuple[dict[str, Any], Source]:
    """Parse ``path`` and its includes into one tree; raise ConfigError on any problem.

    ``trusted_only`` (the strict load that runs a gateway) also refuses a file another
    local user owns or could write; the audit reads such a file to report it.
    """
    source = Source()
    root_dir = path.parent
    tree = _load(path, (), root_dir, source, chain=(), trusted_only=trusted_only)
    return tree, source


def _refused(kind: str, path: Path, message: str, hint: str) -> ConfigError:
    return ConfigError([ConfigIssue(kind, (), message, path, hint=hint)])


def _check_trusted(path: Path, st: os.stat_result) -> None:
    """Refuse a config file another local user could have written (strict loads only)."""
    if st.st_uid not in (os.geteuid(), 0):
        # Another account's file decides what this gateway lets strangers do: not ours.
        raise _refused(
            "config.foreign_owner",
            path,
            f"the file belongs to another user (uid {st.st_uid}).",
            f"chown it to this user, or copy it: chown $(id -u) {path}",
        )
    if stat.S_IMODE(st.st_mode) & 0o002:
        # Any local account could turn on host exec or open the DMs: never load it.
        raise _refused(
            "config.writable_by_others",
            path,
            "the file is writable by every user on this machine.",
            f"chmod 600 {path}",
        )
    for folder in {path.parent, Path(os.path.realpath(path)).parent}:
        try:
            mode = os.stat(folder).st_mode
        except OSError:
            continue
        if mode & 0o002 and not mode & stat.S_ISVTX:
            # Anyone may replace a file in a world-writable folder without the sticky bit.
            raise _refused(
                "config.writable_by_others",
                path,
                f"its folder {folder} is writable by every user, who could replace the file.",
                f"chmod o-w {folder}, or move the config into a private folder",
            )


def read_config_bytes(path: Path) -> bytes:
    """The bytes of the regular file ``path`` (bounded), never blocking on a FIFO."""
    return _read_file(path, trusted_only=False)


def _read_file(path: Path, trusted_only: bool) -> bytes:
    """The bytes of a regular file, never blocking on a FIFO or a device."""
    try:
        # O_NONBLOCK: a FIFO in the config's place must not hang every command.
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as exc:
        raise ConfigError(
            [ConfigIssue("config.unreadable", (), f"cannot read the file ({exc.strerror}).", path)]
        ) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # a FIFO, a device or a directory: never read
            raise _refused(
                "config.not_a_file",
                path,
                "this is not a regular file (a FIFO, a device or a folder).",
                "replace it with a plain JSON5 file",
            )
        if trusted_only:
            _check_trusted(path, st)
        chunks: list[bytes] = []
        size = 0
        while size <= _MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, _MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ConfigError(
            [ConfigIssue("config.unreadable", (), f"cannot read the file ({exc.strerror}).", path)]
        ) from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


def _parse(path: Path, source: Source, trusted_only: bool) -> Any:
    raw = _read_file(path, trusted_only)
    if len(raw) > _MAX_BYTES:
        raise ConfigError([ConfigIssue("config.too_large", (), "the file is over 4 MiB.", path)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [ConfigIssue("config.encoding", (), "the file is not UTF-8 text.", path)]
        ) from exc
    total = len(raw) + sum(len(t) for t in source.texts.values())
    if total > _MAX_BYTES:
        raise ConfigError(
            [ConfigIssue("config.too_large", (), "the config and its includes pass 4 MiB.", path)]
        )
    source.texts[path] = text
    try:
        tree = pyjson5.decode(text)
    except pyjson5.Json5DecoderException as exc:
        offset = _offset_of(exc)
        line, col = line_col_of(text, offset) if offset is not None else (None, None)
        message = getattr(exc, "message", str(exc))
        raise ConfigError(
            [
                ConfigIssue(
                    "config.syntax",
                    (),
                    f"not valid JSON5 ({_tidy(message)}).",
                    path,
                    line,
                    col,
                    "check for a missing comma, quote or bracket just before this point.",
                )
            ]
        ) from None
    _refuse_duplicates(path, text)
    return tree


def _refuse_duplicates(path: Path, text: str) -> None:
    found = duplicate_keys(text)
    if not found:
        return
    issues = [
        ConfigIssue(
            "config.duplicate_key",
            dup.path,
            f"this key is written twice in one object (lines {dup.first_line} and {dup.line}); "
            "a JSON5 reader would silently keep only the last.",
            path,
            dup.line,
            dup.column,
            "keep one of them.",
        )
        for dup in found
    ]
    raise ConfigError(issues)


def _offset_of(exc: BaseException) -> int | None:
    import re

    m = re.search(r"near (\d+)", str(exc))
    return int(m.group(1)) if m else None


def _tidy(message: str) -> str:
    import re

    return re.sub(r"\s*near \d+", "", message).replace("b'JSON5Value'", "a value")


def _load(
    path: Path,
    at: KeyPath,
    root_dir: Path,
    source: Source,
    chain: tuple[Path, ...],
    *,
    trusted_only: bool,
) -> dict[str, Any]:
    if len(chain) > _MAX_DEPTH:
        raise ConfigError(
            [ConfigIssue("config.include_depth", at, "includes nest too deep.", path)]
        )
    if path in source.texts:
        # Read each file once: a diamond of includes would otherwise double at every level.
        raise ConfigError(
            [
                ConfigIssue(
                    "config.include_repeated",
                    at,
                    f"{path.name} is included more than once.",
                    chain[-1] if chain else path,
                    hint="include each file from one place only.",
                )
            ]
        )
    if len(source.texts) >= _MAX_FILES:
        raise ConfigError(
            [ConfigIssue("config.include_too_many", at, "more than 64 config files.", path)]
        )
    tree = _parse(path, source, trusted_only)
    source.mounts.setdefault(path, at)
    if not isinstance(tree, dict):
        raise ConfigError(
            [ConfigIssue("config.not_object", at, "the top level must be an object { ... }.", path)]
        )
    return _expand(tree, at, path, root_dir, source, (*chain, path), trusted_only)


def _expand(
    node: dict[str, Any],
    at: KeyPath,
    file: Path,
    root_dir: Path,
    source: Source,
    chain: tuple[Path, ...],
    trusted_only: bool,
) -> dict[str, Any]:
    source.origin.setdefault(at, file)
    merged: dict[str, Any] = {}
    if "$include" in node:
        targets = node["$include"]
        names = [targets] if isinstance(targets, str) else targets
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(
                [
                    ConfigIssue(
                        "config.include_invalid",
                        (*at, "$include"),
                        "$include must be a file name or a list of file names.",
                        file,
                    )
                ]
            )
        for name in names:
            target = _contained(name, file, root_dir, at)
            if target in chain:
                raise ConfigError(
                    [ConfigIssue("config.include_cycle", at, f"{name} includes itself.", file)]
                )
            loaded = _load(target, at, root_dir, source, chain, trusted_only=trusted_only)
            merged = _merge(merged, loaded, at, target, source)
    own = {k: v for k, v in node.items() if k != "$include"}
    for key, value in own.items():
        path = (*at, key)
        source.origin[path] = file
        if isinstance(value, dict):
            own[key] = _expand(value, path, file, root_dir, source, chain, trusted_only)
    return _merge(merged, own, at, file, source)


def _contained(name: str, file: Path, root_dir: Path, at: KeyPath) -> Path:
    if "\x00" in name or not name.strip():
        # A NUL byte cannot be in a file name (and would crash the path functions).
        raise ConfigError(
            [
                ConfigIssue(
                    "config.include_invalid",
                    (*at, "$include"),
                    f"$include {name!r} is not a file name.",
                    file,
                    hint="name a JSON5 file next to the config file.",
                )
            ]
        )
    lexical = Path(os.path.normpath(file.parent / name))
    root = Path(os.path.normpath(root_dir))
    refused = ConfigIssue(
        "config.include_outside",
        (*at, "$include"),
        f"$include {name!r} points outside the config's folder {root}.",
        file,
        hint="keep included files next to the config file.",
    )
    # Lexical check: `..` and absolute paths that leave the folder.
    if lexical != root and root not in lexical.parents:
        raise ConfigError([refused])
    # Realpath check: a symlink inside the folder that leads out of it.
    real, real_root = Path(os.path.realpath(lexical)), Path(os.path.realpath(root))
    if real_root not in real.parents:
        raise ConfigError([refused])
    for inside in (lexical.relative_to(root), real.relative_to(real_root)):
        if set(inside.parts[:1]) & _SECRET_DIRS or any(
            part.lower().startswith(".env") for part in inside.parts
        ):
            # The config's folder is the state dir: its .env and credentials are no config,
            # and a parse error would quote them to whoever proposed it (config.apply).
            raise ConfigError(
                [
                    ConfigIssue(
                        "config.include_secret",
                        (*at, "$include"),
                        f"$include {name!r} names a file of the state dir's secrets.",
                        file,
                        hint="include only config files; secrets come in by ${VAR}.",
                    )
                ]
            )
    return lexical


def _merge(
    base: dict[str, Any], top: dict[str, Any], at: KeyPath, file: Path, source: Source
) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value, (*at, key), file, source)
        else:
            out[key] = value
            source.origin[(*at, key)] = file
    return out
