"""Raw sockets and reverse shells: nc, socat, telnet and their kin, a shell and a network
tool in one pipeline, and what each pipeline stage produces (downloaded or decoded bytes).
"""

from __future__ import annotations

import re
from functools import lru_cache

from clawkeep.guards.command_guard._fx_trees import unvetted_url
from clawkeep.guards.command_guard._net_reach import egress, loopback_only
from clawkeep.guards.command_guard._net_tables import (
    DECODE_FLAGS,
    DOWNLOADERS,
    NETWORK,
    RAW_SOCKET,
    SHELLS,
)
from clawkeep.guards.command_guard._secret_dumps import dumps_environment
from clawkeep.guards.command_guard._walk import Cmd, Walker, command_name
from clawkeep.guards.command_guard._word_types import Arg
from clawkeep.guards.command_guard._wrap_argv import skip_options
from clawkeep.guards.command_guard._wrap_more import runs_argv
from clawkeep.guards.command_guard._wrap_tables import WRAP_SPEC

__all__ = ["pipeline_rules", "producer_kinds", "raw"]


# Options of telnet and the nc family that listen, run a program or use a unix socket.
_SERVES_OR_RUNS = re.compile(r"^-(-listen|-exec|-sh-exec|-lua-exec|-unixsock|[a-zA-Z]*[lLeEcU])")


def _loopback_client(cmd: Cmd, values: list[str]) -> bool:
    """``telnet localhost 8080``, ``nc 127.0.0.1 6379``: a plain client of a local port."""
    if cmd.name not in ("telnet", "nc", "ncat", "netcat"):
        return False
    if any(_SERVES_OR_RUNS.match(v) for v in values):
        return False
    hosts = [v for v in values if not v.startswith("-") and not v.isdigit()]
    return len(hosts) == 1 and loopback_only(hosts) and hosts[0] != "0.0.0.0"  # noqa: S104


def raw(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    joined = " ".join(values)
    if cmd.name == "openssl":
        if not values or values[0] not in ("s_client", "s_server"):
            return
        if (
            values[0] == "s_client"
            and not cmd.stdin
            and not any(
                r.op == "<" and r.target and r.target.text != "/dev/null" for r in cmd.redirects
            )
        ):
            egress(cmd, w)
            return
    if set(values) <= {"-h", "--help", "-V", "--version"}:
        return
    if cmd.name == "finger" and not any("@" in v for v in values):
        return  # finger USER: this machine's own login records, no host asked
    scan = {v for v in values if v.startswith("-")} <= {"-z", "-v", "-zv", "-vz", "-w1", "-w"}
    hosts = [v for v in values if not v.startswith("-") and not v.isdigit() and v != "1"]
    is_nc = cmd.name in ("nc", "ncat", "netcat")
    zero_io = any(v.startswith("-") and "z" in v for v in values)
    if is_nc and zero_io and scan and hosts and loopback_only(hosts):
        return  # a port check against this machine moves no data
    if _loopback_client(cmd, values):
        return  # a client of a service on this machine: nothing leaves it, nothing listens
    shell_flag = re.search(r"(^|\s)(-e|-c|-s|--exec|--sh-exec|--lua-exec)\b", joined)
    if shell_flag or re.search(r"\b(exec|system):", joined, re.I):
        w.flag("reverse_shell", f"{cmd.name} hands a shell to a network peer")
    else:
        w.flag("raw_socket", f"{cmd.name} moves bytes to or from a host past the network guard")


def producer_kinds(name: str, values: list[str]) -> set[str]:
    """What a pipeline stage produces: downloaded bytes, decoded bytes, text put through a
    character cipher (``cipher``: harmless as an argument, obfuscation when a shell reads
    it), only numbers (``digits``: no character a shell would act on), or nothing known.

    Pure in the name and words, and asked again for the same stage (its producer, the
    redirect it writes through, a substitution's kinds): kept for words of a usual length.
    Each caller gets its own set."""
    if all(len(value) <= _CACHED_WORD for value in values):
        return set(_cached_kinds(name, tuple(values)))
    return _kinds(name, values)


_CACHED_WORD = 256


@lru_cache(maxsize=4096)
def _cached_kinds(name: str, values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_kinds(name, list(values)))


def _kinds(name: str, values: list[str]) -> set[str]:
    if name in WRAP_SPEC:
        # `busybox wget -O- URL`, `sudo curl URL`, `time curl URL` (time and strace write
        # their own report to stderr): the program the wrapper runs prints it
        rest = [a.text for a in skip_options([Arg(v) for v in values], *WRAP_SPEC[name])]
        return producer_kinds(command_name(rest[0]), rest[1:]) if rest else set()
    if (passed := runs_argv(name, values)) is not None:  # `command curl URL`, `flock F curl`
        return producer_kinds(command_name(passed[0]), passed[1:]) if passed else set()
    if name in ("seq", "jot", "nproc") and not any(v in ("-f", "--format", "-s") for v in values):
        return {"digits"}
    if dumps_environment(name, values):
        return {"environment"}  # every exported value, the agent's tokens among them
    if name in DOWNLOADERS or name in RAW_SOCKET or name in NETWORK or name == "scp":
        # unvetted: from a host nobody vouches for (what a tree extracted from it holds)
        return {"download", "unvetted"} if unvetted_url(values) else {"download"}
    if name in ("zcat", "bzcat", "xzcat", "zstdcat", "gunzip", "unxz", "funzip") or (
        name in ("gzip", "bzip2", "xz", "zstd", "unzip")
        and set(values) & {"-d", "-dc", "-p", "-cd"}
    ):
        return {"decode"}
    if name in ("base64", "base32", "basenc", "xxd", "uudecode", "openssl", "rev") and (
        set(values) & DECODE_FLAGS or name in ("uudecode", "rev") or "enc" in values
    ):
        return {"decode"}
    if name in ("echo", "printf") and any(
        re.search(r"\\x[0-9a-fA-F]|\\[0-7]{3}", v) for v in values
    ):
        return {"decode"}
    sets = [v for v in values if not v.startswith("-")]
    if name == "tr" and len(sets) >= 2 and not {"-d", "--delete"} & set(values):
        return {"cipher"}  # tr 'a-z' 'n-za-m': a character cipher (rot13 and the like)
    if name == "sed" and any(re.match(r"^\s*(\d+|\$)?\s*y(.).*\2.*\2\s*$", v) for v in sets):
        return {"cipher"}  # sed y/abc/nop/: the same cipher in sed
    return set()


def pipeline_rules(names: list[str], w: Walker) -> None:
    """A shell and a network tool in one pipeline is a reverse shell."""
    if set(names) & SHELLS and set(names) & (RAW_SOCKET | {"ssh"}):
        w.flag("reverse_shell", "a shell is piped to and from a network connection")
    dumps = [i for i, n in enumerate(names) if n in ("env", "printenv", "set", "export")]
    if dumps and set(names[dumps[0] + 1 :]) & SHELLS:
        # dynamic_command: a value like FOO='$(…)' becomes code once a shell reads the listing
        w.flag("dynamic_command", "a listing of the environment is run as shell commands")
