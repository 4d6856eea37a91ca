"""Wrappers: commands that run another command given in their arguments or options.

sudo, env, nice, timeout, xargs, parallel, find -exec, watch, trap, alias, direnv exec,
environment runners (uv run, poetry run, conda run, bundle exec …), and options
such as tar --checkpoint-action=exec= or ssh -o ProxyCommand= are unwrapped to the
argv or shell text they will run, which is judged like any other command. This module
only names the rule of each wrapper; the ``_wrap_*`` modules decide.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._fx_direnv import direnv
from clawkeep.guards.command_guard._walk import Rule
from clawkeep.guards.command_guard._wrap_argv import command, env, nsenter, su, wrapper
from clawkeep.guards.command_guard._wrap_carried import carried
from clawkeep.guards.command_guard._wrap_envs import ENV_RUNNERS
from clawkeep.guards.command_guard._wrap_input import fd, find, parallel, xargs
from clawkeep.guards.command_guard._wrap_more import MORE_WRAPPERS
from clawkeep.guards.command_guard._wrap_runs import RUN_WRAPPERS
from clawkeep.guards.command_guard._wrap_tables import WRAP_SPEC
from clawkeep.guards.command_guard._wrap_tools import (
    alias,
    capsh,
    coproc,
    flock,
    gdb,
    make,
    npx,
    perf,
    screen,
    script_cmd,
    start_stop,
    tmux,
    trap,
    watch,
)

__all__ = ["WRAPPERS"]


WRAPPERS: dict[str, Rule] = {name: wrapper for name in WRAP_SPEC}
WRAPPERS["nsenter"] = nsenter
WRAPPERS |= {"command": command, "su": su, "env": env, "xargs": xargs}
WRAPPERS |= {"parallel": parallel, "find": find, "alias": alias, "trap": trap}
WRAPPERS |= {"fd": fd, "fdfind": fd}
WRAPPERS |= {"watch": watch, "coproc": coproc, "flock": flock, "script": script_cmd}
WRAPPERS |= {"tmux": tmux, "screen": screen, "start-stop-daemon": start_stop, "gdb": gdb}
WRAPPERS["byobu"] = tmux  # byobu passes its commands to tmux
WRAPPERS |= {"make": make, "gmake": make, "npx": npx, "bunx": npx, "pnpm": npx}
WRAPPERS |= {"yarn": npx, "capsh": capsh, "perf": perf, "direnv": direnv}
WRAPPERS |= {n: carried for n in ("tar", "rsync", "ssh", "scp", "sftp", "git", "zip", "vim")}
WRAPPERS |= {n: carried for n in ("vi", "nvim", "ex", "view", "less", "man")}
WRAPPERS |= MORE_WRAPPERS  # hyperfine, entr, terminals' -e, bwrap, cset, keyctl
WRAPPERS |= RUN_WRAPPERS  # pee, mispipe, niceload, nodemon, watchexec, lldb, ansible, rename
WRAPPERS |= ENV_RUNNERS  # uv run, poetry run, conda run, bundle exec, nix develop -c …
