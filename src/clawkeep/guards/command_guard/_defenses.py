"""Commands that switch off the host's defences: mandatory access control (SELinux,
AppArmor), the audit log and host firewalls. Reading their state stays allowed.

One row a program: the words that turn a defence off (or change a firewall), or the
read-only words everything else is measured against.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = [
    "DEFENCE_RULES",
    "SERVICE_OFF",
    "WATCHERS",
    "kill_listed",
    "kill_watcher",
    "uninstalls_watcher",
]

_HELP = frozenset({"-h", "--help", "-V", "--version", "version"})

# program -> argument sequences (each word present, in any order) that turn a defence off
_OFF_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "setenforce": (("0",), ("permissive",)),
    "auditctl": (("-D",), ("-e", "0")),
    "apparmor_parser": (("-R",), ("--remove",)),
    "semanage": (("permissive", "-a"),),
    "aa-teardown": ((),),
    "aa-disable": ((),),
    "aa-complain": ((),),
}
# firewall front-ends -> their read-only first words; any other verb changes the rules
_FIREWALL_READS: dict[str, frozenset[str]] = {
    "ufw": frozenset({"status", "show", "app", "--dry-run"}),
    "firewall-cmd": frozenset(),
}
_FIREWALLD_CHANGES: tuple[str, ...] = ("--add", "--remove", "--set", "--change", "--panic")
_FIREWALLD_CHANGES += ("--reload", "--complete-reload", "--runtime-to-permanent", "--new")
_FIREWALLD_CHANGES += ("--delete",)


def _switches_off(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if values and set(values) <= _HELP:
        return
    # options compare as spelled (-R removes, -r replaces); mode names in any case
    seen = set(values) | {v.lower() for v in values if v.isalpha()}
    for words in _OFF_WORDS[cmd.name]:
        if all(word in seen for word in words):
            # privilege: access control or the audit trail off, for whatever runs next
            w.flag("privilege", f"{cmd.name} {' '.join(cmd.values())} turns a host defence off")
            return


def _firewall_front(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if not values or set(values) <= _HELP:
        return
    if cmd.name == "firewall-cmd":
        changes = [v for v in values if v.startswith(_FIREWALLD_CHANGES)]
    else:
        verbs = [v for v in values if not v.startswith("-")]
        changes = verbs[:1] if verbs and verbs[0] not in _FIREWALL_READS[cmd.name] else []
    if changes:
        # privilege: the host firewall decides what reaches this machine and what leaves it
        w.flag("privilege", f"{cmd.name} {changes[0]} changes the host firewall")


DEFENCE_RULES: dict[str, Rule] = {name: _switches_off for name in _OFF_WORDS}
DEFENCE_RULES |= {name: _firewall_front for name in _FIREWALL_READS}


# Daemons that watch the host (audit, runtime security, anti-virus, EDR, intrusion
# detection, the system log): stopping or killing one blinds the owner's monitoring.
_WATCHERS = re.compile(
    r"^(auditd|falco[\w-]*|osqueryd?|clamd|clamav[\w-]*|freshclam|wazuh[\w-]*|ossec[\w-]*"
    r"|falcon-sensor|falcond|sysmon[\w-]*|aide|fail2ban[\w-]*|apparmor|rsyslogd?|syslog-ng"
    r"|systemd-journald|auditbeat|filebeat|elastic-agent|elastic-endpoint|tetragon|tracee"
    r"|crowdstrike[\w-]*|sentinel[\w-]*|cbagentd|mdatp|wdavdaemon|sshguard|snort|suricata"
    r"|zeek|firewalld|ufw|nftables|netfilter-persistent"
    # the BSDs' and Alpine's firewalls and system log (pf, ipfw, ipfilter, iptables' service)
    r"|pf|pflogd?|ipfw|ipfilter|ipmon|ip6?tables|syslogd?|blacklistd"
    # cloud hosts' security and monitoring agents (Alibaba, Tencent, Huawei, Baidu, Qualys)
    r"|aliyun[\w-]*|aliyundun[\w-]*|alihids|alinet|alisecguard|aegis[\w-]*|cmsgoagent[\w.-]*"
    r"|cloudmonitor|argusagent|yunjing|ydservice|ydlive|stargate|barad_agent|sgagent"
    r"|hostguard|hostwatch|bcm-agent|qualys[\w-]*"
    # the gateway that judges this agent's commands (clawkeep, OpenClaw and its old names)
    r"|(ai\.)?(clawkeep|openclaw|clawdbot|moltbot)[\w.-]*)(\.service)?$",
    re.I,
)
WATCHERS = _WATCHERS
# An uninstaller by its name: run from a watcher's folder it takes the watcher away.
_UNINSTALLER = re.compile(r"^(un-?inst(all)?|uninstaller|remove|cleanup)[\w.-]*$", re.I)
_SERVICE_OFF = frozenset({"stop", "disable", "mask", "kill", "force-stop"})
# FreeBSD's rc(8) prefixes: one-, force-, fast-, quiet- (onestop runs stop without rc.conf)
_SERVICE_OFF |= frozenset({"onestop", "forcestop", "faststop", "quietstop", "onedisable"})
SERVICE_OFF = _SERVICE_OFF


def _service(cmd: Cmd, w: Walker) -> None:
    """``service NAME stop``: SysV's front end of systemctl, judged as systemctl is."""
    words = [v for v in cmd.values() if not v.startswith("-")]
    if len(words) < 2 or words[1] not in _SERVICE_OFF:
        return
    if _WATCHERS.match(words[0]):
        # privilege: the daemon that watches the host is turned off
        w.flag("privilege", f"service {words[0]} {words[1]} turns a host defence off")
    else:
        w.flag("system_impact", f"service {words[0]} {words[1]} stops a system service")


def kill_watcher(cmd: Cmd, w: Walker) -> None:
    """``pkill -f clamd``, ``killall auditd``, ``kill $(pidof auditd)``: a host defence
    killed by name, or by the process ids a lookup of its name prints."""
    for arg in cmd.args:
        for node in arg.substs:
            # `kill $(pidof auditd)`, `kill $(ps aux | grep aliyun | awk '{print $2}')`
            looked_up = re.findall(r"[\w./-]+", w.text(node))
            if any(_WATCHERS.match(name.rsplit("/", 1)[-1]) for name in looked_up):
                # privilege: the daemon that watches the host is killed
                w.flag("privilege", f"{cmd.name} kills a host defence it looks up by name")
                return
    for value in cmd.values():
        if not value.startswith("-") and _WATCHERS.match(value.rsplit("/", 1)[-1]):
            # privilege: the daemon that watches the host is killed
            w.flag("privilege", f"{cmd.name} {value} kills a host defence")
            return


DEFENCE_RULES |= {"service": _service, "killall": kill_watcher}


def uninstalls_watcher(cmd: Cmd, w: Walker) -> None:
    """``/usr/local/qcloud/YunJing/uninst.sh``, ``bash /usr/local/aegis/uninstall.sh``: a
    host watcher's own uninstaller, run by its path, takes the watcher away."""
    shell = cmd.name in ("sh", "bash", "dash", "zsh", "ksh", "busybox")
    if not shell and "/" not in cmd.word:
        return
    paths = [cmd.word] if "/" in cmd.word else []
    if shell:
        paths += [v for v in cmd.values() if not v.startswith("-")][:1]
    for path in (w.place(p).path for p in paths):  # `cd /usr/local/aegis && ./uninstall.sh`
        parts = path.split("/")
        watcher = any(_WATCHERS.match(part) for part in parts[:-1])
        if len(parts) > 1 and _UNINSTALLER.match(parts[-1]) and watcher:
            # privilege: the daemon that watches the host is removed
            w.flag("privilege", f"{path} uninstalls a host defence")
            return


_KILLS = re.compile(r"(^|[\s;|&(`])(kill|pkill|killall|skill)\b")


def kill_listed(stages: list[str], w: Walker) -> None:
    """``ps aux | grep -E 'aliyun|AliYunDun' | awk '{print $2}' | xargs kill -9``: a stage
    that kills what an earlier stage picked out by a host watcher's name."""
    for index, stage in enumerate(stages[1:], 1):
        if not _KILLS.search(stage):
            continue
        words = {t for before in stages[:index] for t in re.findall(r"[\w.-]+", before)}
        named = sorted(t for t in words if _WATCHERS.match(t))
        if named:
            # privilege: the daemon that watches the host is killed
            w.flag("privilege", f"a pipeline kills the processes named {named[0]}, a host defence")
            return
