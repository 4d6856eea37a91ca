"""Publishing commands that send the workspace's package, or an image built from local
files, to a registry at a host nobody vouches for: ``cargo publish --index URL``, ``gem
push --host URL``, ``dotnet nuget push --source URL``, ``uv publish --publish-url URL``,
``helm push CHART oci://HOST``. The same effect as ``npm publish --registry URL``: local
files uploaded to a server the line picks. The default registries, the vetted ones and
the owner's own network pass (``unvetted_source``).

Also here: an image build whose context is the home folder, ``/``, or a folder that holds
credentials (``~/.ssh``, ``~/.config``): every file under it, keys included, is sent to the
builder and may be copied into the image.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._path_secrets import credential, holds_credentials
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["PUBLISH_RULES"]

_URL = re.compile(r"(?:[a-z][\w.-]*\+)?[a-z][\w.-]*://[^\s,'\"|)]+", re.I)

# tool -> the words (in order, options skipped) that publish
_PUBLISH_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "cargo": (("publish",),),
    "gem": (("push",),),
    "dotnet": (("nuget", "push"),),
    "nuget": (("push",),),
    "uv": (("publish",),),
    "poetry": (("publish",),),
    "hatch": (("publish",),),
    "flit": (("publish",),),
    "helm": (("push",),),
    "mvn": (("deploy",),),
}


# An OCI registry named by an address (`oci://203.0.113.7/charts`, `oci://host:5000/x`):
# a named one (ghcr.io, <account>.dkr.ecr…) takes a push only with the owner's login,
# as for `docker push`.
_ADDRESSED = re.compile(r"^oci://(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]|[\w.-]+:\d+)(?:[:/]|$)")


def _publishes(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("-")]
    if not any(tuple(words[: len(row)]) == row for row in _PUBLISH_WORDS[cmd.name]):
        return
    for value in cmd.values():
        for found in _URL.finditer(value):
            oci = found.group(0).lower().startswith("oci://")
            if oci and not _ADDRESSED.match(found.group(0)):
                continue
            if unvetted_source(found.group(0)):
                # exfiltration: the workspace's package goes to a registry the line names
                w.flag("exfiltration", f"{cmd.name} publishes to {found.group(0)}")
                return


# Build options that take a value (so the context is the operand after them).
_BUILD_VALUE = frozenset(
    {"-t", "--tag", "-f", "--file", "--build-arg", "--target", "--platform", "--label"}
    | {"--network", "--secret", "--ssh", "--cache-from", "--cache-to", "-o", "--output"}
    | {"--progress", "--builder", "--iidfile", "--add-host", "--build-context"}
)


def _build_context(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    words = [v for v in values if not v.startswith("-")]
    if words[:1] == ["buildx"]:
        values = values[values.index("buildx") + 1 :]
        words = words[1:]
    if words[:1] not in (["build"], ["image"], ["bud"]):
        return
    operands: list[str] = []
    index = values.index(words[0]) + 1
    if words[0] == "image":
        index += 1  # docker image build
    while index < len(values):
        value = values[index]
        if value in _BUILD_VALUE:
            index += 2
            continue
        if not value.startswith("-"):
            operands.append(value)
        index += 1
    home = w.ctx.home
    for operand in operands:
        place = w.place(operand)
        path = place.path.rstrip("/") or "/"
        above = home is not None and path == str(home.parent)
        wide = place.kind in ("home_root", "root") or above
        if wide or holds_credentials(place, w.ctx) or credential(place, w.ctx) is not None:
            # credential_read: every file under it (keys, tokens) goes to the builder
            w.flag("credential_read", f"{cmd.name} builds an image from {path} as context")
            return


PUBLISH_RULES: dict[str, Rule] = {name: _publishes for name in _PUBLISH_WORDS}
PUBLISH_RULES |= {name: _build_context for name in ("docker", "podman", "nerdctl", "buildah")}
