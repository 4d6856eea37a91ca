"""Whether a command destroys what recovery needs: volumes, snapshots and backups on this
machine, or infrastructure beyond the workspace through an API (a namespace, a cloud
stack, a database, a bucket). Both are ``destructive_delete``."""

from __future__ import annotations

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["DESTROY_RULES", "HELP_WORDS", "INFRA_RULES", "also"]

# Words that only ask a tool what it is or has: never a change.
HELP_WORDS = frozenset(
    {"-h", "--help", "-V", "--version", "-l", "--list", "status", "list", "show"}
)


# Verbs that destroy volumes, snapshots or backups (what a restore would need).
_DESTROY_VERBS: dict[str, tuple[tuple[str, ...], ...]] = {
    "zfs": (("destroy",), ("rollback",)),
    "zpool": (("destroy",), ("labelclear",)),
    "snapper": (("delete",), ("rm",), ("remove",)),
    "timeshift": (("--delete",), ("--delete-all",)),
    "restic": (("forget",), ("prune",)),
    "borg": (("delete",), ("prune",)),
    "lvremove": ((),),
    "vgremove": ((),),
    "pvremove": ((),),
    "lvreduce": ((),),
    "vgreduce": ((),),
    # every volume no container uses, of every project on the machine (databases' data)
    "docker": (("volume", "prune"), ("system", "prune", "--volumes")),
    "podman": (("volume", "prune"), ("system", "prune", "--volumes")),
}


def _destroys(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if values and set(values) <= HELP_WORDS:
        return
    words = [v for v in values if not v.startswith("-") or v.startswith("--delete")]
    if cmd.name == "btrfs":
        # btrfs takes any unique prefix of its groups and commands: `btrfs sub del`
        hit = (
            len(words) >= 2
            and "subvolume".startswith(words[0])
            and len(words[0]) >= 2
            and words[1] in ("delete", "del", "de", "d")
        )
    else:
        hit = any(all(v in values for v in verbs) for verbs in _DESTROY_VERBS[cmd.name])
    if hit:
        # destructive_delete: volumes, snapshots and backups are what recovery needs
        w.flag("destructive_delete", f"{cmd.name} destroys a volume, snapshot or backup")


# Deletes through an API of what lives beyond the workspace: a cluster's namespaces, nodes
# and volumes, a whole stack of cloud resources, a database, a bucket, a project. Each row
# is a set of words that must all appear (options included); a word ending in "/" matches
# the `type/name` spelling (`kubectl delete ns/prod`).
_INFRA_DELETES: dict[str, tuple[frozenset[str], ...]] = {
    "kubectl": tuple(
        frozenset({"delete", kind})
        for kind in (
            "ns",
            "namespace",
            "namespaces",
            "ns/",
            "namespace/",
            "namespaces/",
            "node",
            "nodes",
            "node/",
            "nodes/",
            "pv",
            "pv/",
            "persistentvolume",
            "persistentvolumes",
            "crd",
            "crd/",
            "crds",
            "customresourcedefinition",
            "customresourcedefinitions",
            "-A",
            "--all-namespaces",
        )
    ),
    "terraform": (frozenset({"destroy"}), frozenset({"apply", "-destroy"})),
    "tofu": (frozenset({"destroy"}), frozenset({"apply", "-destroy"})),
    "terragrunt": (frozenset({"destroy"}), frozenset({"run-all", "destroy"})),
    "pulumi": (frozenset({"destroy"}), frozenset({"down"})),
    "cdk": (frozenset({"destroy"}),),
    "dropdb": (frozenset(),),
    "aws": (frozenset({"s3", "rb"}), frozenset({"s3", "rm", "--recursive"})),
    "gsutil": (frozenset({"rb"}), frozenset({"rm", "-r"})),
    "gcloud": (frozenset({"projects", "delete"}),),
    "az": (frozenset({"group", "delete"}),),
    # a hosted repository: its history, issues, releases and settings
    "gh": (frozenset({"repo", "delete"}),),
    "glab": (frozenset({"repo", "delete"}),),
}


def _infra_delete(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if (not values and cmd.name != "dropdb") or set(values) & {"--help", "-help", "help"}:
        return
    words = set(values) | {v.split("/", 1)[0] + "/" for v in values if "/" in v}
    words |= {"-destroy" for v in values if v in ("--destroy", "-destroy=true")}
    if any(row <= words for row in _INFRA_DELETES[cmd.name]):
        # destructive_delete: it deletes, through an API, what lives beyond the workspace
        # (a namespace and all in it, a cloud stack, a database) with no local undo
        w.flag("destructive_delete", f"{cmd.name} deletes infrastructure beyond the workspace")


DESTROY_RULES: dict[str, Rule] = {
    "btrfs": _destroys,
    **{name: _destroys for name in _DESTROY_VERBS},
}
INFRA_RULES: dict[str, Rule] = {name: _infra_delete for name in _INFRA_DELETES}


def also(first: Rule | None, then: Rule) -> Rule:
    """``first`` then ``then`` on the same command (``then`` alone without ``first``)."""
    if first is None:
        return then

    def both(cmd: Cmd, w: Walker) -> None:
        first(cmd, w)
        then(cmd, w)

    return both
