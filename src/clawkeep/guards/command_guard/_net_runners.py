"""Whether a command registers this machine as a CI runner or build agent of a forge.

A registered runner takes jobs from the forge and runs their commands here, as the agent's
user, for whoever can push to the repository or organisation it joined: remote control of
the machine through a service, like a tunnel. The guard cannot tell the owner's
organisation from an attacker's on the same forge (`github.com/helper-org/c2`), so every
registration is refused; the owner registers a runner by hand. Listing, checking the
version or running an already registered runner is not judged here.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._walk import Cmd, Walker

__all__ = ["CI_RUNNER_RULES"]

# Agents whose sub-command joins them to a forge.
_REGISTER = {
    "gitlab-runner": {"register"},
    "act_runner": {"register"},
    "forgejo-runner": {"register"},
    "gitea-runner": {"register"},
    "buildkite-agent": {"start"},
    "circleci-runner": {"machine"},
    "woodpecker-agent": set(),
    "drone-runner-exec": set(),
    "drone-runner-docker": set(),
}
_TOKEN = ("--token", "--registration-token", "--auth", "--pat", "--agent-token")


def _option(values: list[str], names: tuple[str, ...]) -> bool:
    return any(v in names or v.startswith(tuple(f"{n}=" for n in names)) for v in values)


def _config_sh(cmd: Cmd, w: Walker) -> None:
    """GitHub's actions-runner and Azure Pipelines' agent both ship `config.sh`: joined to a
    forge by `--url` with a token."""
    values = cmd.values()
    if _option(values, ("--url",)) and _option(values, _TOKEN):
        # tunnel: the forge's jobs will run commands on this machine for its repository
        w.flag("tunnel", f"{cmd.name} registers this machine as a CI runner of a forge")


_ASKS = {"-h", "--help", "-v", "-V", "--version", "help", "version"}


def _agent(cmd: Cmd, w: Walker) -> None:
    if _ASKS & set(cmd.values()):
        return  # help and version register nothing
    values = [v for v in cmd.values() if not v.startswith("-")]
    verbs = _REGISTER[cmd.name]
    if (verbs and values[:1] and values[0] in verbs) or (not verbs and cmd.args):
        # tunnel: the forge's jobs will run commands on this machine
        w.flag("tunnel", f"{cmd.name} joins this machine to a forge as a build agent")


# The runners' `config.sh` / `config.cmd` (built here: dotted literals read as reason codes)
CI_RUNNER_RULES = {"config" + ext: _config_sh for ext in (".sh", ".cmd")}
CI_RUNNER_RULES |= {name: _agent for name in _REGISTER}
