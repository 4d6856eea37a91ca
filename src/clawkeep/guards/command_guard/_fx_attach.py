"""Programs that read what other programs hold or say: a tracer attached to a running
process (strace/ltrace -p print the bytes it reads and writes: keys, tokens, passwords in
flight; reptyr takes its terminal; frida and bpftrace read its memory), and packet capture
on a real interface (every program's traffic). Both read credentials the agent was never
given, as ``/proc/PID/mem`` does. A debugger's backtrace of a process (``gdb -p PID -ex
bt``) stays a lookup; its core dumps are judged in ``_wrap_tools``.
"""

from __future__ import annotations

import itertools

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["ATTACH_RULES"]

# tracer -> options that attach it to a running process
_ATTACH: dict[str, frozenset[str]] = {
    "strace": frozenset({"-p", "--attach"}),
    "ltrace": frozenset({"-p"}),
    "bpftrace": frozenset({"-p"}),
    "frida": frozenset({"-p", "--attach-pid", "-n", "--attach-name"}),
    "frida-trace": frozenset({"-p", "--attach-pid", "-n", "--attach-name"}),
    "reptyr": frozenset(),
}
_SNIFFERS = frozenset({"tcpdump", "tshark", "dumpcap", "ngrep", "ettercap", "bettercap"})
_SNIFFERS |= frozenset({"dsniff", "tcpflow", "termshark", "urlsnarf", "sniffglue"})
_READS_CAPTURE = frozenset({"-r", "--read-file", "-D", "--list-interfaces", "-h", "--help"})
_READS_CAPTURE |= frozenset({"--version", "-v", "-L", "--list-data-link-types"})
_LOOPBACK = frozenset({"lo", "lo0", "loopback"})


def _attaches(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    options = _ATTACH[cmd.name]
    by_option = any(v in options or v.split("=", 1)[0] in options for v in values)
    operands = [v for v in values if not v.startswith("-")]
    by_operand = cmd.name == "reptyr" and bool(operands)
    if by_option or by_operand:
        # credential_read: another process's memory and I/O hold its keys and tokens
        w.flag("credential_read", f"{cmd.name} attaches to a running process and reads it")


def _sniffs(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if set(values) & _READS_CAPTURE or any(v.startswith("--read-file=") for v in values):
        return  # a capture file read back, or the tool asked what it can do
    interfaces = [b for a, b in itertools.pairwise(values) if a in ("-i", "--interface")]
    interfaces += [v[2:] for v in values if v.startswith("-i") and len(v) > 2]
    if interfaces and all(i in _LOOPBACK for i in interfaces):
        return  # this machine's own loopback traffic: the agent's own services
    # credential_read: packets of every program on the machine, passwords in clear included
    w.flag("credential_read", f"{cmd.name} captures other programs' network traffic")


ATTACH_RULES: dict[str, Rule] = {name: _attaches for name in _ATTACH}
ATTACH_RULES |= {name: _sniffs for name in _SNIFFERS}
