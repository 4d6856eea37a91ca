"""Which programs run their argv as another user, and which variables carry code or a
command line into the programs that read them.
"""

from __future__ import annotations

__all__ = ["COMMAND_VARS", "ELEVATE", "ENV_READ", "LESS_VARS", "LOADER_VARS"]

# Programs that run their argv as another user (root): what reaches them runs with its rights.
ELEVATE = frozenset({"sudo", "doas", "runuser", "pkexec", "su", "setpriv", "chroot", "run0"})
# Variables that make a program load or run code it was not asked to: the dynamic loader's
# and the interpreters' start-up hooks. Handed to a program run as another user (root),
# they run the caller's code with that user's rights.
LOADER_VARS = frozenset({"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "GCONV_PATH", "BASH_ENV"})
LOADER_VARS |= frozenset({"PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PERL5LIB"})
LOADER_VARS |= frozenset({"PERL5OPT", "PERLLIB", "RUBYOPT", "RUBYLIB", "NODE_OPTIONS"})
# Variables whose value is a command line a tool hands to a shell later (git, less, man,
# ssh, bash): `GIT_SSH_COMMAND="rm -rf /" git fetch` runs rm.
COMMAND_VARS = frozenset({"GIT_SSH_COMMAND", "GIT_SSH", "GIT_PAGER", "GIT_EDITOR", "PAGER"})
COMMAND_VARS |= frozenset({"EDITOR", "VISUAL", "MANPAGER", "LESSOPEN", "LESSCLOSE", "BROWSER"})
COMMAND_VARS |= frozenset({"GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "SSH_ASKPASS", "SUDO_ASKPASS"})
COMMAND_VARS |= frozenset({"PROMPT_COMMAND", "GIT_PROXY_COMMAND", "RSYNC_RSH", "FCEDIT"})
COMMAND_VARS |= frozenset({"GIT_SEQUENCE_EDITOR", "SYSTEMD_PAGER", "SYSTEMD_EDITOR"})
COMMAND_VARS |= frozenset({"PSQL_PAGER", "PSQL_EDITOR", "MYSQL_PAGER"})
# Variables whose value is less's (or man's) options (`LESS='+!cmd'`): read by every later run.
LESS_VARS = frozenset({"LESS", "SYSTEMD_LESS", "MANLESS", "MANOPT"})
# Every variable above, and the others a rule reads from a program's environment: a later
# program reads them without the line naming them (`… && export MAGICK_CONFIGURE_PATH=D;
# convert …`), so paths that leave them different are each judged.
ENV_READ = COMMAND_VARS | LESS_VARS | LOADER_VARS
ENV_READ |= frozenset({"MAGICK_CONFIGURE_PATH", "GROFF_BIN_PATH", "GOFLAGS", "GIT_DIR", "ENV"})
ENV_READ |= frozenset({"DYLD_INSERT_LIBRARIES", "BASH_LOADABLES_PATH"})
