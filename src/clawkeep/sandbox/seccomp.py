"""Which system calls a sandboxed command may make: a seccomp BPF program for bwrap.

The program is built with libseccomp (through `pyseccomp`) and handed to bubblewrap with
`--seccomp FD`; bubblewrap loads it after it has set up the namespaces, so the command
(and everything it starts) can no longer mount, trace, load kernel code or leave its
namespaces. Without egress every socket family but AF_UNIX is refused as well.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import socket
import stat
from typing import Any

__all__ = ["BLOCKED_SYSCALLS", "seccomp_program"]

# Each one is a known sandbox-escape or kernel-attack primitive; none is needed by
# ordinary build, test or text-processing commands.
BLOCKED_SYSCALLS: tuple[str, ...] = (
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp",  # reading other processes
    "mount", "umount2", "pivot_root", "chroot", "mount_setattr", "move_mount",  # filesystem view
    "open_tree", "fsopen", "fsmount", "fsconfig", "fspick",
    "open_by_handle_at", "name_to_handle_at",  # escapes a bind mount by inode handle
    "unshare", "setns",  # new namespaces after bwrap's set-up
    "kexec_load", "kexec_file_load", "reboot", "init_module", "finit_module",
    "delete_module", "swapon", "swapoff", "acct", "syslog", "quotactl",
    "bpf", "perf_event_open", "userfaultfd",  # common kernel-exploit building blocks
    "keyctl", "add_key", "request_key",  # the kernel keyring is not namespaced
    "io_uring_setup", "io_uring_enter", "io_uring_register",  # bypasses seccomp per-op checks
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
    "iopl", "ioperm", "vhangup", "uselib", "personality",
)  # fmt: skip

_NAMESPACE_FLAGS = (
    0x10000000,  # CLONE_NEWUSER
    0x00020000,  # CLONE_NEWNS
    0x20000000,  # CLONE_NEWPID
    0x40000000,  # CLONE_NEWNET
    0x04000000,  # CLONE_NEWUTS
    0x08000000,  # CLONE_NEWIPC
    0x02000000,  # CLONE_NEWCGROUP
)


# Syscalls that set a file mode, with the index of their mode argument. The sandbox user
# maps to the gateway's uid, so a set-uid/set-gid file it leaves in the workspace would
# run as that user (or root) on the host for anyone who finds it.
_MODE_ARGS = {
    "chmod": 1, "fchmod": 1, "fchmodat": 2, "fchmodat2": 2,
    "open": 2, "openat": 3, "creat": 1, "mknod": 1, "mknodat": 2,
}  # fmt: skip
_SET_ID_BITS = (stat.S_ISUID, stat.S_ISGID)


def _add_mode_rules(flt: Any) -> None:
    import pyseccomp as sc

    eperm = sc.ERRNO(errno.EPERM)
    for name, index in _MODE_ARGS.items():
        for bit in _SET_ID_BITS:
            try:
                flt.add_rule(eperm, name, sc.Arg(index, sc.MASKED_EQ, bit, bit))
            except (OSError, ValueError):  # not a syscall on this architecture
                continue
    # openat2 passes its mode in memory seccomp cannot read: make libc use openat.
    with contextlib.suppress(OSError, ValueError):
        flt.add_rule(sc.ERRNO(errno.ENOSYS), "openat2")


def _add_socket_rules(flt: Any, allow_inet: bool) -> None:
    import pyseccomp as sc

    refuse = sc.ERRNO(errno.EAFNOSUPPORT)
    flt.add_rule(refuse, "socket", sc.Arg(0, sc.EQ, 0))
    if not allow_inet:
        # No egress: AF_UNIX only, so nothing can even open an IP or netlink socket.
        flt.add_rule(refuse, "socket", sc.Arg(0, sc.GE, socket.AF_UNIX + 1))
        return
    # Egress: AF_INET/AF_INET6 reach only the sandbox's own loopback (the forwarder).
    for family in range(socket.AF_INET + 1, socket.AF_INET6):
        flt.add_rule(refuse, "socket", sc.Arg(0, sc.EQ, family))
    flt.add_rule(refuse, "socket", sc.Arg(0, sc.GE, socket.AF_INET6 + 1))


def _build(allow_inet: bool) -> bytes:
    import pyseccomp as sc

    flt = sc.SyscallFilter(sc.ALLOW)
    # A syscall of a foreign ABI (i386 int 0x80, x32) would skip every rule: kill it.
    flt.set_attr(sc.Attr.ACT_BADARCH, sc.KILL_PROCESS)
    eperm = sc.ERRNO(errno.EPERM)
    for name in BLOCKED_SYSCALLS:
        try:
            flt.add_rule(eperm, name)
        except (OSError, ValueError):  # not a syscall on this architecture: nothing to block
            continue
    for flag in _NAMESPACE_FLAGS:
        flt.add_rule(eperm, "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
    # clone3 passes its flags in memory seccomp cannot read: make libc fall back to clone.
    flt.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    _add_mode_rules(flt)
    _add_socket_rules(flt, allow_inet)
    fd = os.memfd_create("clawkeep-seccomp", 0)
    with os.fdopen(fd, "w+b") as fh:
        flt.export_bpf(fh)
        fh.seek(0)
        return fh.read()


@functools.cache
def seccomp_program(*, allow_inet: bool = False) -> bytes:
    """The BPF program (struct sock_filter[]) for bwrap's ``--seccomp FD``; cached."""
    return _build(allow_inet)
