"""command-guard: decides whether a shell command an agent wants to run may run.

The command is parsed with the real bash grammar (tree-sitter-bash); every simple
command in it, including those inside ``$(…)``, backticks, subshells, pipelines,
heredocs fed to shells, ``bash -c``, ``eval``, wrappers (sudo, env, xargs, find -exec,
parallel ...) and interpreters' inline code, is judged by table-driven rules. Input that
bash would not accept is refused. The first blocking finding is the verdict's reason;
all findings are kept for ``--json`` output.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from clawkeep.config.schema.guard_command import CommandGuardConfig
from clawkeep.guards.command_guard._bsd import BSD_RULES
from clawkeep.guards.command_guard._db_host import DB_HOST_RULES
from clawkeep.guards.command_guard._destroy_data import DATA_RULES
from clawkeep.guards.command_guard._destroy_remote import REMOTE_DESTROY_RULES
from clawkeep.guards.command_guard._effects import EFFECT_RULES, SCHEME_RULES
from clawkeep.guards.command_guard._fx_archives import ARCHIVE_RULES
from clawkeep.guards.command_guard._fx_attach import ATTACH_RULES
from clawkeep.guards.command_guard._fx_builds import BUILD_RULES
from clawkeep.guards.command_guard._fx_compiled import COMPILED_RULES
from clawkeep.guards.command_guard._fx_compose import COMPOSE_RULES
from clawkeep.guards.command_guard._fx_dbclient import DBCLIENT_RULES
from clawkeep.guards.command_guard._fx_desktop import DESKTOP_RULES
from clawkeep.guards.command_guard._fx_direnv import DIRENV_RULES
from clawkeep.guards.command_guard._fx_docs import DOC_RULES
from clawkeep.guards.command_guard._fx_editor import EDITOR_RULES
from clawkeep.guards.command_guard._fx_engines import ENGINE_RULES
from clawkeep.guards.command_guard._fx_gitenv import GITENV_RULES
from clawkeep.guards.command_guard._fx_hooks import HOOK_RULES
from clawkeep.guards.command_guard._fx_imports import IMPORT_RULES
from clawkeep.guards.command_guard._fx_jq_scripts import JQ_SCRIPT_RULES
from clawkeep.guards.command_guard._fx_m4 import M4_RULES
from clawkeep.guards.command_guard._fx_manifests import MANIFEST_RULES
from clawkeep.guards.command_guard._fx_options import OPTION_RULES
from clawkeep.guards.command_guard._fx_outputs import OUTPUT_RULES
from clawkeep.guards.command_guard._fx_pagers import PAGER_RULES
from clawkeep.guards.command_guard._fx_patch import PATCH_RULES
from clawkeep.guards.command_guard._fx_perlopts import PERL_RULES
from clawkeep.guards.command_guard._fx_pkgconf import PKGCONF_RULES
from clawkeep.guards.command_guard._fx_precommit import PRECOMMIT_RULES
from clawkeep.guards.command_guard._fx_programs import PROGRAM_RULES
from clawkeep.guards.command_guard._fx_removes import REMOVE_RULES
from clawkeep.guards.command_guard._fx_runners import RUNNER_RULES
from clawkeep.guards.command_guard._fx_startup import STARTUP_RULES
from clawkeep.guards.command_guard._fx_tree_builds import TREE_BUILD_RULES
from clawkeep.guards.command_guard._fx_trees import TREE_RULES
from clawkeep.guards.command_guard._fx_unpack import UNPACK_RULES
from clawkeep.guards.command_guard._gateway import GATEWAY_RULES
from clawkeep.guards.command_guard._gateway_runtime import RUNTIME_RULES
from clawkeep.guards.command_guard._macos import MACOS_RULES
from clawkeep.guards.command_guard._macos_fx import MACOS_FX_RULES
from clawkeep.guards.command_guard._model import REASONS, CommandContext, CommandVerdict, Finding
from clawkeep.guards.command_guard._net_installers import INSTALLER_RULES
from clawkeep.guards.command_guard._net_publish import PUBLISH_RULES
from clawkeep.guards.command_guard._net_runners import CI_RUNNER_RULES
from clawkeep.guards.command_guard._net_secret_args import SECRET_ARG_RULES
from clawkeep.guards.command_guard._net_sources import SOURCE_RULES
from clawkeep.guards.command_guard._net_trust import TRUST_RULES
from clawkeep.guards.command_guard._parse import parse
from clawkeep.guards.command_guard._rules_exec import EXEC_RULES
from clawkeep.guards.command_guard._rules_io import FS_RULES
from clawkeep.guards.command_guard._rules_misc import MISC_RULES
from clawkeep.guards.command_guard._rules_net import NET_RULES
from clawkeep.guards.command_guard._rules_wrap import WRAPPERS
from clawkeep.guards.command_guard._secret_dumps import DUMP_RULES
from clawkeep.guards.command_guard._secret_encode import ENCODE_RULES
from clawkeep.guards.command_guard._shell_lang import BUILTIN_RULES
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._walk_calls import CALL_RULES, no_arguments
from clawkeep.guards.command_guard._windows import WINDOWS_RULES
from clawkeep.guards.command_guard._wrap_runs import RAKU_RULES
from clawkeep.guards.command_guard._zsh import as_bash

__all__ = [
    "REASONS",
    "CommandContext",
    "CommandVerdict",
    "Finding",
    "context_from_config",
    "judge",
]


def _merge(*tables: Mapping[str, Rule]) -> dict[str, Rule]:
    """One rule table; a command named in several tables gets every rule, in order."""
    merged: dict[str, list[Rule]] = {}
    for table in tables:
        for name, rule in table.items():
            merged.setdefault(name, []).append(rule)
    return {name: rules[0] if len(rules) == 1 else _chain(rules) for name, rules in merged.items()}


def _chain(rules: list[Rule]) -> Rule:
    def chained(cmd: Cmd, walker: Walker) -> None:
        for rule in rules:
            rule(cmd, walker)

    return chained


_RULES = _merge(
    SCHEME_RULES,
    FS_RULES,
    NET_RULES,
    SECRET_ARG_RULES,
    EFFECT_RULES,
    OPTION_RULES,
    EDITOR_RULES,
    PROGRAM_RULES,
    COMPILED_RULES,
    RUNNER_RULES,
    BUILD_RULES,
    TREE_RULES,
    TREE_BUILD_RULES,
    MANIFEST_RULES,
    HOOK_RULES,
    COMPOSE_RULES,
    RUNTIME_RULES,
    PATCH_RULES,
    IMPORT_RULES,
    JQ_SCRIPT_RULES,
    GITENV_RULES,
    PRECOMMIT_RULES,
    DIRENV_RULES,
    GATEWAY_RULES,
    STARTUP_RULES,
    PERL_RULES,
    PKGCONF_RULES,
    SOURCE_RULES,
    TRUST_RULES,
    INSTALLER_RULES,
    PUBLISH_RULES,
    CI_RUNNER_RULES,
    REMOTE_DESTROY_RULES,
    DATA_RULES,
    DB_HOST_RULES,
    ATTACH_RULES,
    ENGINE_RULES,
    REMOVE_RULES,
    UNPACK_RULES,
    DUMP_RULES,
    CALL_RULES,
    MISC_RULES,
    MACOS_RULES,
    MACOS_FX_RULES,
    BSD_RULES,
    WINDOWS_RULES,
    EXEC_RULES,
    BUILTIN_RULES,
    ENCODE_RULES,
    DBCLIENT_RULES,
    DOC_RULES,
    PAGER_RULES,
    DESKTOP_RULES,
    ARCHIVE_RULES,
    M4_RULES,
    OUTPUT_RULES,
    RAKU_RULES,
)
_MAX_INPUT = 100_000  # longer input is not a command an agent needs; refuse, do not parse


def context_from_config(
    cfg: CommandGuardConfig,
    *,
    egress: bool,
    workspace: Path | None,
    home: Path | None,
    state_dir: Path | None,
    only_commands: frozenset[str] | None = None,
) -> CommandContext:
    """The guard's context from its config section and the agent's runtime facts."""
    return CommandContext(
        egress=egress,
        workspace=workspace,
        home=home,
        state_dir=state_dir,
        deny_commands=frozenset(cfg.deny_commands),
        allow_commands=frozenset(cfg.allow_commands) - frozenset(cfg.deny_commands),
        max_depth=cfg.max_depth,
        only_commands=only_commands,
    )


def judge(command: str, ctx: CommandContext) -> CommandVerdict:
    """Judge one shell command line; allowed only when no rule found anything."""
    if len(command) > _MAX_INPUT:
        return _deny(Finding("command_guard.parse_error", "the command is longer than 100 kB"))
    parsed = parse(command)
    if parsed is None and (zsh := as_bash(command)) not in (None, command):
        parsed = parse(zsh)  # zsh's forms (macOS's login shell), as the bash that does the same
    if parsed is None:
        return _deny(Finding("command_guard.parse_error", "the command is not valid bash"))
    root, src = parsed
    walker = Walker(ctx, _RULES, WRAPPERS)
    walker.src = src
    no_arguments(walker, command)  # run as `sh -c LINE`: no positional parameters
    try:
        walker.visit(root)
    except RecursionError:  # fail closed: nesting this deep is not a command a person writes
        return _deny(Finding("command_guard.too_deep", "the command nests too deeply to judge"))
    if not walker.findings:
        return CommandVerdict(allowed=True)
    first = walker.findings[0]
    return CommandVerdict(False, first.reason, first.detail, tuple(walker.findings))


def _deny(finding: Finding) -> CommandVerdict:
    return CommandVerdict(False, finding.reason, finding.detail, (finding,))
