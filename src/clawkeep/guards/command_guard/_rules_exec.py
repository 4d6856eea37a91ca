"""Commands that run code: shells, interpreters, eval and source.

Each one is unwrapped to the argv or text it will execute, which is judged again
(``bash -c`` / ``eval`` text is re-parsed one level deeper). Code whose text is only
known at run time is refused; stdin fed from a download or a decoder is refused.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clawkeep.guards.command_guard._exec_awk import awk
from clawkeep.guards.command_guard._exec_files import program_texts
from clawkeep.guards.command_guard._langs_more import MORE_CODE_FLAGS, MORE_LANG_OF
from clawkeep.guards.command_guard._net_tables import SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker, command_name
from clawkeep.guards.command_guard._word_types import Arg
from clawkeep.guards.command_guard._zsh import as_bash

__all__ = ["EXEC_RULES"]

# Interpreter -> the flags whose next argument (or attached rest) is inline code.
_CODE_FLAGS = {
    "python": ("-c",),
    "node": ("-e", "--eval", "-p", "--print"),
    "perl": ("-e", "-E"),
    "ruby": ("-e",),
    "php": ("-r",),
    "lua": ("-e",),
    "julia": ("-e", "--eval", "-E", "--print"),
    "Rscript": ("-e",),
    "osascript": ("-e",),
    "pwsh": ("-c", "-Command", "-command", "-CommandWithArgs", "-cwa"),
    "deno": ("eval",),
    "crystal": ("eval",),
    "bun": ("-e", "--eval"),
    "R": ("-e",),
    "jrunscript": ("-e",),
    "jjs": ("-e",),
    # read their program from a file or their input only; judged in their language
    "tclsh": (),
    "wish": (),
    "irb": (),
    "pry": (),
    "expect": (),  # its -c is read by _fx_escape.expect
}
# Interpreters known by another name than their language's.
_LANG_OF = {"tclsh": "tcl", "wish": "tcl", "expect": "tcl", "irb": "ruby", "pry": "ruby"}
_CODE_FLAGS |= MORE_CODE_FLAGS  # Lisps, BEAM, JVM scripting, Haskell, Prolog ... (_langs_more)
_LANG_OF |= MORE_LANG_OF


def _lang(name: str) -> str:
    """The language a program's scripts are written in (``racket`` -> ``lisp``)."""
    return _LANG_OF.get(name, name)


_ENV_SETUP = {"ssh-agent", "pyenv", "rbenv", "nodenv", "goenv", "direnv", "opam", "brew"}
_ENV_SETUP |= {"conda", "starship", "zoxide", "fnm", "dircolors", "keychain", "mise", "rtx"}


def _stdin_consumer(cmd: Cmd, w: Walker, lang: str) -> None:
    sources: list[str] = []
    if cmd.stdin is not None:
        if cmd.stdin.kinds & {"download", "decode", "cipher"}:
            kind = "downloaded" if "download" in cmd.stdin.kinds else "decoded"
            w.flag("download_exec", f"{cmd.name} runs {kind} text piped into it")
            return
        if cmd.stdin.text is not None:
            sources.append(cmd.stdin.text)
    fed = next((r for r in cmd.redirects if r.kinds & {"download", "decode", "cipher"}), None)
    if fed is not None:
        # download_exec: `python3 <<< "$(curl …)"` runs what the download printed
        kind = "downloaded" if "download" in fed.kinds else "decoded"
        w.flag("download_exec", f"{cmd.name} runs {kind} text given as a here-string")
        return
    sources += [r.body for r in cmd.redirects if r.body is not None]
    for red in cmd.redirects:
        target = red.target if red.op in ("<", "<>") and red.body is None else None
        if target is not None and target.static and w.place(target.text).path in w.line_writes:
            # dynamic_command: `sort -o f …; sh < f` runs text the line wrote unseen
            w.flag("dynamic_command", f"{cmd.name} reads a script written by this line")
    for source in sources:
        text = as_bash(source) if lang == "zsh" else source
        if text is None:
            # parse_error: zsh code whose effect has no bash form the guard can judge
            w.flag("parse_error", "zsh input runs code in a glob qualifier or flag")
        elif lang in ("sh", "zsh"):
            w.script(text, f"text piped into {cmd.name}")
        else:
            w.code(lang, text)


def _script_file(cmd: Cmd, w: Walker, arg: Arg) -> None:
    lang = "sh" if cmd.name in SHELLS or cmd.name in ("source", ".") else _lang(cmd.name)
    # a file the line wrote is judged by its text; one it made unseen, or downloaded, is
    # refused there (_exec_files); /dev/fd/N is what the command's redirects open
    for path, text in program_texts(cmd, w, arg, cmd.name):
        w.run_written(path, text, lang=lang, same=cmd.name in ("source", "."))


def _shell(cmd: Cmd, w: Walker) -> None:
    args = cmd.args
    index, c_mode, stdin_mode = 0, False, False
    while index < len(args) and args[index].text[:1] in ("-", "+") and args[index].text != "-":
        flag = args[index].text
        index += 1
        if flag == "--":
            break
        if flag in ("--rcfile", "--init-file") or flag.startswith(("--rcfile=", "--init-file=")):
            given = replace(args[index - 1], text=flag.partition("=")[2]) if "=" in flag else None
            if given is None and index < len(args):
                given, index = args[index], index + 1
            if given is not None:
                # an interactive bash sources its rcfile: a file the line wrote is judged
                _script_file(cmd, w, given)
        elif flag in ("-o", "+o", "-O", "+O"):
            index += 1
        elif not flag.startswith("--") and "c" in flag[1:]:
            c_mode = True
        elif not flag.startswith("--") and "s" in flag[1:]:
            stdin_mode = True
    rest = args[index:]
    if c_mode:
        if not rest:
            if cmd.stdin is not None and cmd.stdin.text is None:
                w.flag("dynamic_command", f"{cmd.name} -c runs a script read at run time")
            return
        if not rest[0].static:
            w.flag("dynamic_command", f"{cmd.name} -c runs a script known only at run time")
            return
        text: str | None = rest[0].text
        if cmd.name == "zsh" and (text := as_bash(rest[0].text)) is None:
            # parse_error: zsh code whose effect has no bash form the guard can judge
            w.flag("parse_error", "the zsh -c script runs code in a glob qualifier or flag")
            return
        w.script(text or "", f"{cmd.name} -c script")
    elif rest and not stdin_mode and rest[0].text not in ("-", "/dev/stdin"):
        _script_file(cmd, w, rest[0])
        if cmd.stdin is not None and cmd.stdin.kinds & {"download", "decode"}:
            # download_exec: a script given downloaded input may run it (`. /dev/stdin`,
            # `exec sh`) as the shell itself would: `curl … | sh %s` in LESSOPEN
            w.flag("download_exec", f"{cmd.name} runs a script fed a download on its input")
    elif _interactive(cmd) and w.handed_over():
        # dynamic_command: a shell another program starts with no script runs whatever
        # reaches its terminal: the shell escape of that program
        w.flag("dynamic_command", f"{cmd.name} starts an interactive shell")
    else:
        _stdin_consumer(cmd, w, "zsh" if cmd.name == "zsh" else "sh")


def _interactive(cmd: Cmd) -> bool:
    """Nothing feeds the program's input: it reads the terminal (or a descriptor)."""
    if cmd.stdin is not None:
        return False
    for red in cmd.redirects:
        if red.op in ("<<", "<<<"):
            return False
        if red.op in ("<", "<>") and red.target is not None and red.target.static:
            # a script file (or /dev/null): judged like `sh FILE`; a terminal is not one
            return bool(re.match(r"^/dev/(tty\w*|pts/\w+|console)$", red.target.text))
    return True


def _attached(text: str, flag: str) -> bool:
    """The code given in the option's own word: `-eCODE`, nim's `--eval:CODE`."""
    if not text.startswith(flag) or len(text) <= len(flag) or not flag.startswith("-"):
        return False
    return len(flag) == 2 or flag.endswith((":", "="))


# pwsh takes any unique prefix of -EncodedCommand (-e, -ec, -enc ...), in any case.
_PWSH_ENCODED = re.compile(r"-(e|ec|en[a-z]*)", re.I)
_PWSH_COMMAND = re.compile(r"-(c|co|com|comm|comma|comman|command|commandwithargs|cwa)", re.I)


def _interpreter(cmd: Cmd, w: Walker) -> None:
    if cmd.name == "pwsh" and any(_PWSH_ENCODED.fullmatch(a.text) for a in cmd.args):
        # obfuscation: the program is base64 text, decoded by pwsh and run
        w.flag("obfuscation", "pwsh runs an encoded command")
        return
    flags = _CODE_FLAGS.get(cmd.name, ())
    values = cmd.args
    lang = _lang(cmd.name)
    # Every word that may carry code is judged, not only the first: perl and ruby run each
    # -e, and a cluster such as ruby's `-rfiddle` (-r's value) only looks like one ending
    # in -e. Judging a word that is not code as code costs nothing; skipping code lets it run.
    codes: list[Arg] = []
    for index, arg in enumerate(values):
        text = arg.text
        code: Arg | None = None
        if (
            text in flags
            or (cmd.name == "pwsh" and _PWSH_COMMAND.fullmatch(text))
            or (re.fullmatch(r"-[a-zA-Z]*[eEcr]", text) and "-" + text[-1] in flags)
        ):
            code = values[index + 1] if index + 1 < len(values) else None
            if code is None and not text.startswith("-"):
                _stdin_consumer(cmd, w, lang)  # `crystal eval` with no code reads its input
                return
        elif attached := next((f for f in flags if _attached(text, f)), None):
            code = Arg(text[len(attached) :], arg.tricks, arg.glob, arg.substs)
        if code is None:
            continue
        if cmd.name == "pwsh" and code.text == "-":
            _stdin_consumer(cmd, w, lang)  # -Command -: the program is read from stdin
            return
        codes.append(code)
    if codes:
        if not all(code.static for code in codes):
            w.flag("dynamic_command", f"{cmd.name} runs inline code known only at run time")
        else:
            w.code(lang, "\n".join(code.text for code in codes))
        return
    texts = [a.text for a in values]
    # osascript -l JavaScript -: the language is an option's value, `-` the program on stdin
    takes = ("-l", "-s") if cmd.name == "osascript" else ()
    operands = [
        a
        for i, a in enumerate(values)
        if not a.text.startswith("-") and texts[i - 1 : i] not in [[t] for t in takes]
    ]
    if cmd.name == "python" and "-m" in texts:
        module = texts[texts.index("-m") + 1] if texts.index("-m") + 1 < len(texts) else ""
        if module in ("http.server", "SimpleHTTPServer", "uploadserver", "RangeHTTPServer"):
            from clawkeep.guards.command_guard._fx_serve import serve_argv

            after = cmd.args[texts.index("-m") + 2 :]
            serve_argv(cmd, w, "http.server", after)
        elif module in ("pyftpdlib", "updog"):
            from clawkeep.guards.command_guard._fx_serve import serve_argv

            serve_argv(cmd, w, module, cmd.args[texts.index("-m") + 2 :])
        elif module in w.rules:
            # `python -m pip install …`, `python -m twine upload …`: the module is the tool
            w.run_argv([Arg(module), *cmd.args[texts.index("-m") + 2 :]], cmd.stdin)
        return
    if cmd.name == "php" and "-S" in texts:
        _php_server(cmd, w, texts)
        return
    if operands and operands[0].text not in ("-", "/dev/stdin"):
        _script_file(cmd, w, operands[0])
    elif not any(a.text in ("-v", "--version", "-V", "-h", "--help") for a in values):
        if _interactive(cmd) and w.handed_over() and cmd.name not in ("deno", "osascript"):
            # dynamic_command: a REPL runs whatever reaches its terminal
            w.flag("dynamic_command", f"{cmd.name} starts an interactive interpreter")
            return
        _stdin_consumer(cmd, w, lang)


def _php_server(cmd: Cmd, w: Walker, texts: list[str]) -> None:
    from clawkeep.guards.command_guard._fx_serve import serve_root

    address = texts[texts.index("-S") + 1] if texts.index("-S") + 1 < len(texts) else ""
    root = texts[texts.index("-t") + 1] if "-t" in texts[:-1] else "."
    serve_root(cmd, w, root, "php -S", address.rsplit(":", 1)[0] if ":" in address else None)


def _eval(cmd: Cmd, w: Walker) -> None:
    if all(a.static for a in cmd.args):
        if cmd.args:
            w.script(" ".join(a.text for a in cmd.args), "eval text", scope="same")
        return
    if len(cmd.args) == 1 and len(cmd.args[0].substs) == 1:
        match = re.match(r"^\$\(\s*(?:command\s+)?([\w./-]+)", w.text(cmd.args[0].substs[0]))
        if match and command_name(match.group(1)) in _ENV_SETUP:
            return  # the shell set-up hook of a known tool; that tool was judged itself
    w.flag("dynamic_command", "eval runs text known only at run time")


def _source(cmd: Cmd, w: Walker) -> None:
    args = cmd.args[1:] if cmd.args[:1] and cmd.args[0].text == "--" else cmd.args
    if args:
        target = args[0]  # `source -- FILE`: the file after the end of options
        if target.text in ("/dev/stdin", "-"):
            _stdin_consumer(cmd, w, "sh")
        else:
            _script_file(cmd, w, target)


def _cpan(cmd: Cmd, w: Walker) -> None:
    """The cpan shell runs a line starting with ``!`` as perl code."""
    for text in cmd.fed_texts():
        for line in text.split("\n"):
            if line.lstrip().startswith("!"):
                w.code("perl", line.lstrip()[1:])


_INTERPRETER_NAMES = set(_CODE_FLAGS) - {"deno", "pwsh", "osascript"}
EXEC_RULES: dict[str, Rule] = {name: _shell for name in SHELLS}
EXEC_RULES |= {name: _interpreter for name in _INTERPRETER_NAMES | {"deno", "pwsh", "osascript"}}
EXEC_RULES |= {n: awk for n in ("awk", "gawk", "mawk", "nawk")}
EXEC_RULES |= {"eval": _eval, "source": _source, ".": _source, "cpan": _cpan}
