"""The file-rule tables, as data: shells, interpreters, commands that never open their
arguments, searchers, secret trees, raw and bulk readers, roots a delete may not touch.
"""

from __future__ import annotations

import re

__all__ = [
    "BULK_READERS",
    "CACHE",
    "DELETE_BLOCKED",
    "DISK",
    "INTERPRETERS",
    "LOCATORS",
    "MEMORY_DUMPERS",
    "NO_READ",
    "POOL",
    "PRINTERS",
    "RAW_READERS",
    "SEARCHERS",
    "SECRET_TREES",
    "SHELLS",
    "TEMP_ROOTS",
    "names_pool",
]


SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "tcsh", "csh", "exec"}
SHELLS |= {"ksh93", "yash", "posh", "oksh", "loksh", "pdksh", "rbash", "hush", "bosh"}
INTERPRETERS = {"python", "perl", "ruby", "php", "node", "lua", "julia"}
# Commands that never open their arguments as files (their words are data).
NO_READ = {"test", "[", "[[", "which", "type", "whereis", "basename"}
NO_READ |= {"dirname", "true", "false", ":", "hash", "alias", "command", "mkdir", "git"}
CACHE = re.compile(
    r"/\.cache/.|/\.npm/_cacache(/|$)|/\.cargo/registry/cache(/|$)"
    r"|/Library/Caches/.|/Library/Developer/Xcode/DerivedData(/|$)"  # macOS's own caches
)
SEARCHERS = {"grep", "egrep", "fgrep", "rg", "ag", "ack", "zgrep"}
SECRET_TREES = {"/", "/etc", "/home", "/root", "/var", "/opt", "/Users", "/proc"}
RAW_READERS = {"dd", "cat", "strings", "xxd", "hexdump", "od", "head", "tail", "cp", "gzip"}
RAW_READERS |= {"base64", "less", "more", "tar", "debugfs", "pv"}
BULK_READERS = {"cp", "tar", "zip", "rsync", "scp", "7z", "rclone", "cpio", "bsdtar"}
DELETE_BLOCKED = {"root", "outside", "home", "home_root", "state", "device", "kernel"}
TEMP_ROOTS = frozenset({"/tmp", "/var/tmp", "/dev/shm"})  # noqa: S108 - classifying paths
DISK = re.compile(r"^/dev/(sd|hd|vd|xvd|nvme|mmcblk|loop|dm-|md|mapper/|disk|mem$|kmem$|port$)")


PRINTERS = frozenset({"echo", "printf"})


# Programs that copy a running process's memory (its keys, tokens and passwords) to a file.
MEMORY_DUMPERS = frozenset({"gcore", "procdump", "avml", "memdump", "lime-dump"})
# File-name database searches: what they print is where a name lies, as `find -name` does.
LOCATORS = frozenset({"locate", "plocate", "mlocate", "slocate", "mdfind"})  # name indexes


# A mining pool's address (the stratum protocol), on a command line or in a file it writes.
POOL = re.compile(
    r"\bstratum\d?\+(?:tcp|ssl|tls|ws|wss)://"
    r"|(?<![\w/+=])[48][1-9A-HJ-NP-Za-km-z]{94}(?![\w/+=])"  # a Monero wallet the miner pays
)


def names_pool(text: str) -> bool:
    """``POOL.search``, skipped where it cannot match: no "stratum" and shorter than a wallet."""
    return ("stratum" in text or len(text) >= 95) and POOL.search(text) is not None
