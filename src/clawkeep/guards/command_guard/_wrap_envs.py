"""Environment runners: tools that prepare an environment (a virtualenv, a conda env, a
bundle, a tool version, a Nix shell, a ``.env`` file) and then run the argv or shell text
they are given, as ``direnv exec DIR CMD`` does: ``uv run CMD``, ``poetry run``, ``pipenv
run``, ``pdm run``, ``hatch run``, ``conda run -n ENV``, ``bundle exec``, ``npm exec``,
``mise exec -- CMD``, ``pyenv exec``, ``nix develop -c``, ``nix-shell --run``, ``dotenv
run``. What they run is judged like any wrapper's argv (or ``bash -c`` text).
"""

from __future__ import annotations

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import Arg
from clawkeep.guards.command_guard._wrap_argv import skip_options

__all__ = ["ENV_RUNNERS"]

_UV_VALUES = frozenset(
    {"--with", "--with-editable", "--with-requirements", "--python", "-p", "--package"}
    | {"--extra", "--group", "--only-group", "--no-group", "--env-file", "--directory"}
    | {"--project", "--index", "--default-index", "--index-url", "--extra-index-url"}
    | {"--find-links", "-f", "--from", "--config-file", "--cache-dir", "--color", "-C"}
    | {"--config-setting", "--prerelease", "--resolution", "--exclude-newer", "--link-mode"}
    | {"--keyring-provider", "--index-strategy", "--refresh-package", "--reinstall-package"}
    | {"--upgrade-package", "-P", "--no-binary-package", "--no-build-package", "--no-extra"}
)
_CONDA_VALUES = frozenset({"-n", "--name", "-p", "--prefix", "--cwd", "-r", "--root-prefix"})
# tool -> (the verbs that run a command, options that take a value, before or after the verb)
_RUNNERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "uv": (frozenset({"run"}), _UV_VALUES),
    "poetry": (frozenset({"run"}), frozenset({"-C", "--directory", "-P", "--project"})),
    "pipenv": (frozenset({"run"}), frozenset({"--python"})),
    "pdm": (frozenset({"run"}), frozenset({"-p", "--project", "--venv"})),
    "hatch": (frozenset({"run"}), frozenset({"-e", "--env", "-p", "--project"})),
    "rye": (frozenset({"run"}), frozenset({"--pyproject"})),
    "pixi": (frozenset({"run", "exec"}), frozenset({"-e", "--environment", "--manifest-path"})),
    "conda": (frozenset({"run"}), _CONDA_VALUES),
    "mamba": (frozenset({"run"}), _CONDA_VALUES),
    "micromamba": (frozenset({"run"}), _CONDA_VALUES),
    "bundle": (frozenset({"exec"}), frozenset({"--gemfile"})),
    "npm": (frozenset({"exec", "x"}), frozenset({"--package", "-w", "--workspace"})),
    "asdf": (frozenset({"exec"}), frozenset()),
    "pyenv": (frozenset({"exec"}), frozenset()),
    "rbenv": (frozenset({"exec"}), frozenset()),
    "nodenv": (frozenset({"exec"}), frozenset()),
    "goenv": (frozenset({"exec"}), frozenset()),
    "jenv": (frozenset({"exec"}), frozenset()),
    "dotenv": (frozenset({"run"}), frozenset({"-f", "--file", "-e", "-v", "-c"})),
    "devbox": (frozenset({"run"}), frozenset({"-c", "--config", "-e", "--env"})),
    # secret managers that run a command with the secrets in its environment
    "op": (frozenset({"run"}), frozenset({"--env-file", "--account", "--session"})),
    "doppler": (frozenset({"run"}), frozenset({"-p", "--project", "-c", "--config"})),
    "infisical": (frozenset({"run"}), frozenset({"--env", "--path", "--projectId"})),
    "aws-vault": (frozenset({"exec"}), frozenset({"-d", "--duration", "--region"})),
    # a recorder, a tracer and a task queue that run the argv after their verb
    "rr": (frozenset({"record"}), frozenset({"-o", "--output-trace-dir", "-b", "-c"})),
    "uftrace": (frozenset({"record", "live"}), frozenset({"-d", "--data", "-F", "-N", "-T"})),
    "pueue": (frozenset({"add"}), frozenset({"-w", "--working-directory", "-g", "--group"})),
    # containers that share the home folder with the host (distrobox, toolbx)
    "distrobox": (frozenset({"enter"}), frozenset({"-n", "--name"})),
    "toolbox": (frozenset({"run"}), frozenset({"-c", "--container", "-d", "--distro", "-r"})),
}
# Tools whose words before `--` name tool versions or packages, not the command.
_DASHDASH_ONLY = frozenset({"mise", "rtx", "nix", "aws-vault", "distrobox"})
# Options whose value is shell text the tool runs (npm exec -c, mise exec -c, nix-shell --run).
_SHELL_TEXT: dict[str, frozenset[str]] = {
    "npm": frozenset({"-c", "--call"}),
    "mise": frozenset({"-c", "--command"}),
    "rtx": frozenset({"-c", "--command"}),
    "nix-shell": frozenset({"--run", "--command"}),
    "doppler": frozenset({"--command"}),
}


def _text_option(cmd: Cmd, args: list[Arg], w: Walker) -> bool:
    """``npm exec -c 'cmd'``, ``mise exec -c``, ``nix-shell --run``: judge the shell text."""
    shell_text = _SHELL_TEXT.get(cmd.name, frozenset())
    for index, arg in enumerate(args[:-1]):
        if arg.text in shell_text:
            text = args[index + 1]
            if text.static:
                w.script(text.text, f"{cmd.name} {arg.text} command")
            else:
                w.flag("dynamic_command", f"{cmd.name} {arg.text} runs text known at run time")
            return True
    return False


def _env_runner(cmd: Cmd, w: Walker) -> None:
    args = list(cmd.args)
    if cmd.name == "nix-shell":
        _text_option(cmd, args, w)
        return
    if cmd.name == "nix":
        rest = skip_options(args, frozenset())
        if rest and rest[0].text in ("develop", "shell"):
            at = next((i for i, a in enumerate(rest) if a.text in ("-c", "--command")), None)
            if at is not None:  # `nix develop .#env -c CMD…`: the installables come first
                w.run_argv(rest[at + 1 :], cmd.stdin, cmd.redirects)
        return
    verbs, values = _RUNNERS.get(cmd.name, (frozenset({"exec", "x"}), frozenset()))
    rest = skip_options(args, values)
    if cmd.name == "dotenv" and args and args[0].text == "--":
        rest = [Arg("run"), *args[1:]]  # dotenv-cli: `dotenv -- CMD`
    if not rest or rest[0].text not in verbs:
        return
    after = rest[1:]
    if _text_option(cmd, after, w):
        return
    words = [a.text for a in after]
    if cmd.name in _DASHDASH_ONLY:  # `mise exec node@20 -- CMD`: the command follows `--`
        argv = after[words.index("--") + 1 :] if "--" in words else []
    else:
        argv = skip_options(after, values)  # a `--` after the command is its own word
    w.run_argv(argv, cmd.stdin, cmd.redirects)


ENV_RUNNERS: dict[str, Rule] = {name: _env_runner for name in _RUNNERS}
ENV_RUNNERS |= {name: _env_runner for name in ("mise", "rtx", "nix", "nix-shell")}
