"""Rules about files: deletes of roots, writes outside the workspace, disks, permissions,
credential reads, and where redirects point.

A path rule judges the place a path resolves to (see ``_paths``), never its spelling, so
``/bin/rm -rf "/home/user"``, ``rm -rf ~`` and ``rm -rf $TMPDIR/../x`` meet the same check.
This module names each program's rule; the ``_io_*`` modules decide.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._io_cmds import copy, dd, disk, mkdir, perms, rm, tee
from clawkeep.guards.command_guard._io_read import git_objects
from clawkeep.guards.command_guard._io_sed import sed

__all__ = ["FS_RULES"]


FS_RULES = {
    "git": git_objects,
    "rm": rm,
    "unlink": rm,
    "rmdir": rm,
    "shred": rm,
    "srm": rm,
    "wipe": rm,
    "dd": dd,
    "mkfs": disk,
    "wipefs": disk,
    "blkdiscard": disk,
    "sfdisk": disk,
    "sgdisk": disk,
    "gdisk": disk,
    "fdisk": disk,
    "parted": disk,
    "cryptsetup": disk,
    "chmod": perms,
    "chown": perms,
    "chgrp": perms,
    "chattr": perms,
    "setfacl": perms,
    "mkdir": mkdir,
    "cp": copy,
    "mv": copy,
    "install": copy,
    "ln": copy,
    "tee": tee,
    "truncate": tee,
    "touch": tee,
    "sed": sed,
}
