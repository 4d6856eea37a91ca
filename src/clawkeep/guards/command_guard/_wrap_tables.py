"""The prefix wrappers, as data: each one's options that take a value, and how many
operands come before the command it runs; the editors and pagers that run nothing more.
"""

from __future__ import annotations

__all__ = ["EDITORS", "PAGERS", "WRAP_SPEC"]


WRAP_SPEC: dict[str, tuple[set[str], int]] = {
    "sudo": ({"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "-a", "--user"}, 0),
    "doas": ({"-u", "-C"}, 0),
    "nice": ({"-n", "--adjustment"}, 0),
    "nohup": (set(), 0),
    "timeout": ({"-s", "--signal", "-k", "--kill-after"}, 1),
    "stdbuf": ({"-i", "-o", "-e"}, 0),
    "ionice": ({"-c", "-n", "-t", "-p"}, 0),
    "chrt": (set(), 1),
    "taskset": (set(), 1),
    "time": ({"-f", "-o", "--format", "--output"}, 0),
    "exec": ({"-a"}, 0),
    "builtin": (set(), 0),
    "busybox": (set(), 0),
    "setsid": (set(), 0),
    "unbuffer": (set(), 0),
    "strace": ({"-o", "-e", "-p", "-s", "-u", "-E", "-P"}, 0),
    "ltrace": ({"-o", "-e", "-p", "-s", "-u"}, 0),
    "chroot": (set(), 1),
    "nsenter": ({"-t", "--target", "-S", "--setuid", "-G", "--setgid", "--wdns"}, 0),
    # unshare(1)'s options that take their value as the next word (--propagation unchanged)
    "unshare": (
        {"--propagation", "--setgroups", "-S", "--setuid", "-G", "--setgid", "-R", "--root"}
        | {"-w", "--wd", "--map-user", "--map-group", "--map-users", "--map-groups"}
        | {"--monotonic", "--boottime"},
        0,
    ),
    "firejail": (set(), 0),
    "xvfb-run": ({"-n", "-s", "-e", "-f", "-p", "-w", "--server-num", "--server-args"}, 0),
    "pkexec": ({"--user"}, 0),
    "cpulimit": ({"-l", "--limit", "-p", "--pid", "-e", "--exe", "-c", "--cpu"}, 0),
    "rlwrap": ({"-f", "-H", "-l", "-p", "-S", "-P", "-s", "-w", "-z", "-t", "-e", "-O"}, 0),
    "systemd-run": ({"-u", "--unit", "-p", "--property", "-E", "--setenv", "-M", "-H"}, 0),
    "ts": (set(), 0),
    "setarch": (set(), 1),
    "linux32": (set(), 0),
    "linux64": (set(), 0),
    "logsave": (set(), 1),
    "dtach": ({"-c", "-n", "-A", "-a", "-e", "-r", "-z"}, 0),
    "multitime": ({"-n", "-s"}, 0),
    "cgexec": ({"-g"}, 0),
    "valgrind": (set(), 0),
    "torify": (set(), 0),
    "tsocks": (set(), 0),
    "pexec": (set(), 0),
    "sem": ({"-j", "--id"}, 0),
    "chpst": ({"-u", "-U", "-e", "-/", "-n", "-l", "-L", "-m", "-d", "-o", "-p", "-f", "-c"}, 0),
    "setpriv": ({"--reuid", "--regid", "--groups", "--inh-caps", "--bounding-set"}, 0),
    "prlimit": ({"-p", "--pid"}, 0),
    "numactl": ({"-C", "-N", "-m", "-i", "-p", "--physcpubind", "--cpunodebind"}, 0),
    "dbus-run-session": (set(), 0),
    "catchsegv": (set(), 0),
    "caffeinate": ({"-t", "-w"}, 0),
    # WSL's launcher runs its argv in a distribution (-e/--exec: without a shell); a
    # FreeBSD jail's argv runs after the jail's name
    "wsl": ({"-d", "--distribution", "-u", "--user", "--cd", "--distribution-id"}, 0),
    "jexec": ({"-u", "-U"}, 1),
    "proxychains": ({"-f"}, 0),
    "proxychains4": ({"-f"}, 0),
    "torsocks": (set(), 0),
    "faketime": (set(), 1),
    "runuser": ({"-u", "-g"}, 0),
    "sg": (set(), 1),
    # run the argv after their options: a password, an agent, a message filter, the loader
    "sshpass": ({"-p", "-f", "-d", "-P"}, 0),
    "ssh-agent": ({"-a", "-E", "-t", "-P"}, 0),
    "msgfilter": ({"-i", "--input", "-o", "--output-file", "-D", "--directory", "-w"}, 0),
    "ld.so": ({"--library-path", "--preload", "--argv0", "--audit"}, 0),
    "ld-linux.so.2": ({"--library-path", "--preload", "--argv0", "--audit"}, 0),
    "ld-linux-x86-64.so.2": ({"--library-path", "--preload", "--argv0", "--audit"}, 0),
    "ld-linux-aarch64.so.1": ({"--library-path", "--preload", "--argv0", "--audit"}, 0),
}


# Editors and pagers git may be told to start: a bare name (with options) runs nothing more.
EDITORS = frozenset({"vim", "vi", "nvim", "nano", "emacs", "emacsclient", "micro", "hx"})
EDITORS |= frozenset({"kak", "code", "code-insiders", "subl", "mate", "gedit", "kate", "zed"})
EDITORS |= frozenset({"joe", "mcedit", "helix", "notepad", "cursor", "windsurf"})
PAGERS = frozenset({"less", "more", "cat", "delta", "diff-so-fancy", "bat", "most", "moar"})
