"""Rules by command name: persistence, accounts and privilege, power, history wiping,
and printing the environment (destroying volumes, backups and infrastructure:
``_destroy``). One entry a command, so a new rule is one line."""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._cloud_cli import CLOUD_RULES
from clawkeep.guards.command_guard._defenses import DEFENCE_RULES, kill_watcher
from clawkeep.guards.command_guard._destroy import DESTROY_RULES, HELP_WORDS, INFRA_RULES, also
from clawkeep.guards.command_guard._secret_cli import SECRET_CLI_RULES, SECRET_TABLE
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["MISC_RULES"]

_SECRET_TABLE = frozenset(SECRET_TABLE)

_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASS|CRED|AUTH|SESSION|COOKIE", re.I)


# Coin miners by their programs' names (T1496 resource hijacking).
_MINERS: tuple[str, ...] = (
    "xmrig",
    "xmr-stak",
    "xmr-stak-rx",
    "cpuminer",
    "cpuminer-multi",
    "minerd",
)
_MINERS += ("t-rex", "nbminer", "lolminer", "ethminer", "phoenixminer", "cgminer", "bfgminer")
_MINERS += ("ccminer", "nanominer", "gminer", "srbminer-multi", "teamredminer", "xmrig-cuda")


def _always(reason: str, detail: str) -> Rule:
    def rule(cmd: Cmd, w: Walker) -> None:
        if cmd.args and set(cmd.values()) <= HELP_WORDS:
            return
        w.flag(reason, f"{cmd.name} {detail}")

    return rule


def _mount(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    types = {v for i, v in enumerate(values) if i and values[i - 1] == "-t"}
    if set(values) - types <= HELP_WORDS | {"-t", "--show-labels"}:
        return  # `mount`, `mount -l`, `mount -t ext4`: list what is mounted
    w.flag("privilege", f"{cmd.name} mounts a filesystem")


# FUSE mounters: ``prog [options] SOURCE MOUNTPOINT``; a user may run them, but a mount
# point outside the workspace, or `allow_other`, puts the mount where others reach it.
_FUSE_MOUNTERS = frozenset({"sshfs", "s3fs", "curlftpfs", "gcsfuse", "goofys", "bindfs"})
_FUSE_MOUNTERS |= frozenset({"rclone", "httpdirfs", "davfs2", "mount.davfs", "encfs"})
_FUSE_OPTIONS = frozenset({"-o", "-p", "--port", "-F", "--config", "--allow-other"})


def _fuse_mount(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "rclone":
        if not values or values[0] not in ("mount", "nfsmount"):
            return
        values = values[1:]
    if set(values) & HELP_WORDS and len(values) <= 1:
        return
    operands = [
        v
        for i, v in enumerate(values)
        if not v.startswith("-") and (i == 0 or values[i - 1] not in _FUSE_OPTIONS)
    ]
    shared = any("allow_other" in v or v == "--allow-other" for v in values)
    where = w.place(operands[-1]) if len(operands) >= 2 else None
    if cmd.name in ("bindfs", "encfs") and operands:
        source = w.place(operands[0])
        if source.kind not in ("workspace", "workspace_root", "temp"):
            # privilege: a folder beyond the workspace shown inside it, past the path rules
            w.flag("privilege", f"{cmd.name} mounts {source.path} where the agent reads it")
            return
    if shared or (where is not None and where.kind not in ("workspace", "temp")):
        # privilege: a filesystem mounted where other users or programs of the machine find it
        w.flag("privilege", f"{cmd.name} mounts a filesystem outside the workspace or for all")


# Package managers' settings whose value is a program they start later (every `npm run`,
# `npm install` of a git dependency …): tool -> keys.
_RUN_SETTINGS: dict[str, frozenset[str]] = {
    "npm": frozenset({"script-shell", "shell", "git", "editor", "browser", "viewer"})
    | frozenset({"node-options", "onload-script"}),
    "pnpm": frozenset({"script-shell", "shell", "git", "editor", "node-options"}),
    "yarn": frozenset({"script-shell", "shell", "editor", "node-options"}),
}
_PLAIN_PROGRAM = re.compile(r"^((/usr(/local)?)?/s?bin/)?[\w.+-]+$")
_LOADS_CODE = re.compile(r"(^|\s)(-r|--require|--import|--loader|--experimental-loader)\b")


_RUN_OPTIONS = frozenset({"-c", "--cmd", "-e", "--eval", "-x", "--command", "-S", "+"})


def _plain_command(value: str) -> bool:
    """``bash``, ``/usr/bin/vim``, ``code --wait``: a system program and plain options."""
    words = value.split()
    return (
        bool(words)
        and bool(_PLAIN_PROGRAM.match(words[0]))
        and all(re.fullmatch(r"--?[A-Za-z][\w-]*", o) for o in words[1:])
        and not _RUN_OPTIONS & set(words)
    )


def _run_settings(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")]
    if verbs[:2] != ["config", "set"] and verbs[:1] != ["set"]:
        return
    rest = values[values.index("set") + 1 :]
    while rest and rest[0].startswith("-"):
        rest = rest[1:]  # --global, -g, --location=project
    if not rest:
        return
    key, _, value = rest[0].partition("=")
    value = value if "=" in rest[0] else " ".join(rest[1:2])
    if key not in _RUN_SETTINGS[cmd.name]:
        return
    if key == "node-options":
        if not _LOADS_CODE.search(value):
            return  # --max-old-space-size=4096: no code rides along
    elif _plain_command(value):
        return  # script-shell bash, editor "code --wait": a program of the system
    # persistence: every later run of the tool starts this program (or loads this code)
    w.flag("persistence", f"{cmd.name} config {key} makes {cmd.name} run {value!r} later")


# Options that change the firewall (listing it with -L / -S / `nft list` changes nothing).
_FIREWALL_CHANGES = re.compile(
    r"^-[a-zA-Z]*[AIDRFZNXPE]|^--(append|insert|delete|replace|flush|zero|new-chain"
    r"|delete-chain|policy|rename-chain)"
)


def _firewall(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "nft":
        words = [v for v in values if not v.startswith("-")]
        if words[:1] == ["list"]:
            return
    elif not any(_FIREWALL_CHANGES.match(v) for v in values):
        return
    w.flag("privilege", f"{cmd.name} changes the firewall")


def _sysctl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    writes = any(v in ("-w", "--write", "-p", "--load", "--system") or "=" in v for v in values)
    if writes or any(v.startswith(("-p", "--load=")) for v in values):
        w.flag("privilege", f"{cmd.name} changes kernel settings")


def _crontab(cmd: Cmd, w: Walker) -> None:
    if set(cmd.values()) <= {"-l", "-u"} | {v for v in cmd.values() if not v.startswith("-")} and (
        "-l" in cmd.values()
    ):
        return  # listing the table changes nothing
    w.flag("persistence", "crontab installs a scheduled job")


def _systemctl(cmd: Cmd, w: Walker) -> None:
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    verb = verbs[0] if verbs else ""
    if verb in ("enable", "link", "edit", "preset", "set-default", "add-wants", "revert"):
        w.flag("persistence", f"systemctl {verb} makes a unit start on its own")
    elif verb in ("poweroff", "reboot", "halt", "kexec", "suspend", "hibernate", "rescue"):
        w.flag("system_impact", f"systemctl {verb} takes the machine down")
    elif verb in ("mask", "disable", "stop", "kill", "isolate", "emergency"):
        w.flag("system_impact", f"systemctl {verb} stops system services")


def _kill(cmd: Cmd, w: Walker) -> None:
    kill_watcher(cmd, w)  # pkill clamd, kill $(pidof auditd)
    if {"-1", "1"} & {v for v in cmd.values() if not v.startswith("-") or v == "-1"}:
        w.flag("system_impact", f"{cmd.name} signals init or every process")


def _history(cmd: Cmd, w: Walker) -> None:
    if {"-c", "-w", "-d"} & set(cmd.values()):
        w.flag("anti_forensics", "history -c/-d/-w rewrites the shell history")


def _journalctl(cmd: Cmd, w: Walker) -> None:
    if any(v.startswith(("--vacuum", "--rotate", "--flush")) for v in cmd.values()):
        w.flag("anti_forensics", "journalctl deletes or rotates away the system log")


def _set(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "history" in values and "+o" in values:
        w.flag("anti_forensics", "set +o history stops recording commands")


def _printenv(cmd: Cmd, w: Walker) -> None:
    names = [v for v in cmd.values() if not v.startswith("-")]
    # the whole environment is built for the command (see `env`); asking for a
    # secret-looking variable by name is asking for the secret
    if any(_SECRET_NAME.search(n) for n in names):
        w.flag("credential_read", "printenv prints secrets from the environment")


# systemd-run options that leave a unit behind to run later (a timer, a path or socket
# trigger) or again (Restart=): scheduled work outlives the command line.
_SYSTEMD_LATER = re.compile(
    r"--on-(calendar|active|boot|startup|unit-active|unit-inactive|clock-change|timezone-change)"
    r"|--(timer|path|socket)-property|--remain-after-exit|^-p?Restart=|^--property=Restart="
)


def _systemd_run(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    later = [v for v in values if _SYSTEMD_LATER.search(v)]
    later += [
        b
        for a, b in itertools.pairwise(values)
        if a in ("-p", "--property") and b.startswith("Restart=")
    ]
    if later:
        # persistence: a timer or restartable unit runs its command after this line ends
        w.flag("persistence", f"systemd-run {later[0]} schedules a command to run later")


def _mknod(cmd: Cmd, w: Walker) -> None:
    kinds = [v for v in cmd.values() if v in ("b", "c", "u")]
    if kinds:
        # privilege: a device node opens a disk or device, past the files' permissions
        w.flag("privilege", f"mknod makes a {'block' if kinds[0] == 'b' else 'character'} device")


def _dmesg(cmd: Cmd, w: Walker) -> None:
    clears = ("--clear", "--read-clear", "--console-off")
    # long options may be cut to any unique prefix (`--clea`), short ones bundled (`-Tc`)
    if any(
        (len(v) > 3 and any(c.startswith(v.split("=", 1)[0]) for c in clears))
        or re.fullmatch(r"-[a-zA-Z]*[cCD][a-zA-Z]*", v)
        for v in cmd.values()
    ):
        w.flag("anti_forensics", "dmesg clears the kernel log")


def _init(cmd: Cmd, w: Walker) -> None:
    if set(cmd.values()) & {"0", "6", "1", "s", "S"}:
        w.flag("system_impact", f"{cmd.name} changes the run level")


MISC_RULES: dict[str, Rule] = {
    "crontab": _crontab,
    "at": _always("persistence", "schedules a job"),
    "batch": _always("persistence", "schedules a job"),
    "update-rc.d": _always("persistence", "registers a boot script"),
    "chkconfig": _always("persistence", "registers a boot service"),
    "systemctl": _systemctl,
    "passwd": _always("privilege", "changes an account password"),
    "chpasswd": _always("privilege", "changes account passwords"),
    "useradd": _always("privilege", "creates an account"),
    "adduser": _always("privilege", "creates an account"),
    "userdel": _always("privilege", "deletes an account"),
    "deluser": _always("privilege", "deletes an account"),
    "usermod": _always("privilege", "changes an account"),
    "groupadd": _always("privilege", "creates a group"),
    "gpasswd": _always("privilege", "changes group membership"),
    "visudo": _always("privilege", "edits sudo rules"),
    "setcap": _always("privilege", "grants file capabilities"),
    "insmod": _always("privilege", "loads a kernel module"),
    "modprobe": _always("privilege", "loads a kernel module"),
    "rmmod": _always("privilege", "unloads a kernel module"),
    "mount": _mount,
    "mknod": _mknod,
    "dmesg": _dmesg,
    **{name: _run_settings for name in _RUN_SETTINGS},
    **{name: _fuse_mount for name in _FUSE_MOUNTERS},
    "umount": _always("privilege", "unmounts a filesystem"),
    "iptables": _firewall,
    "ip6tables": _firewall,
    "nft": _firewall,
    "sysctl": _sysctl,
    "shutdown": _always("system_impact", "takes the machine down"),
    "reboot": _always("system_impact", "takes the machine down"),
    "halt": _always("system_impact", "takes the machine down"),
    "poweroff": _always("system_impact", "takes the machine down"),
    "init": _init,
    "telinit": _init,
    "kill": _kill,
    "pkill": _kill,
    "killall5": _always("system_impact", "signals every process"),
    "swapoff": _always("system_impact", "disables swap"),
    # raw_socket: a coin miner speaks stratum to its pool (from its options or its config)
    **dict.fromkeys(_MINERS, _always("raw_socket", "mines for a pool (stratum)")),
    "history": _history,
    "journalctl": _journalctl,
    "set": _set,
    "printenv": _printenv,
    **{name: rule for name, rule in SECRET_CLI_RULES.items() if name in _SECRET_TABLE},
    "systemd-run": _systemd_run,
    **DESTROY_RULES,
    **DEFENCE_RULES,
}


# platform CLIs that have a rule above too (npm's settings): keep both
MISC_RULES |= {
    name: also(MISC_RULES.get(name), rule)
    for name, rule in SECRET_CLI_RULES.items()
    if name not in _SECRET_TABLE
}
# aws, gcloud and kubectl have a rule above too (secrets they print); keep both
MISC_RULES |= {name: also(MISC_RULES.get(name), rule) for name, rule in INFRA_RULES.items()}
# cloud and cluster control planes: audit off, access granted, credentials minted
MISC_RULES |= {name: also(MISC_RULES.get(name), rule) for name, rule in CLOUD_RULES.items()}
