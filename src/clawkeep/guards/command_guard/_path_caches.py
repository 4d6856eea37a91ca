"""Which folders outside the workspace hold only what a package manager downloads and
rebuilds by itself: the entries of apt's list and archive caches, apk's, dnf's, yum's,
zypper's and pacman's package caches. Deleting their entries (the last step of every
Dockerfile ``RUN`` that installs packages) loses nothing the next update does not fetch
again; deleting the folder itself, or a path that only starts like one, stays a delete.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._paths import Place

__all__ = ["regenerable"]

_CACHES = (
    "/var/lib/apt/lists",
    "/var/cache/apt",
    "/var/cache/apk",
    "/var/cache/dnf",
    "/var/cache/yum",
    "/var/cache/zypp",
    "/var/cache/pacman/pkg",
)


def regenerable(found: Place) -> bool:
    """``found`` is an entry of a package manager's download cache (``/var/lib/apt/lists/*``,
    ``/var/cache/apt/archives/x.deb``), not the cache folder or anything above it."""
    if found.kind != "outside":
        return False
    path = found.path.rstrip("/")
    return any(
        (path == cache and found.contents) or path.startswith(cache + "/") for cache in _CACHES
    )
