"""What a build file makes its tool run, read from the file's text: a makefile's recipes
(indented, or after ``target: ;``), its ``$(shell …)`` calls and ``VAR != cmd``
assignments, a justfile's backticks, CMake's ``execute_process``/``add_custom_command``
commands, Meson's ``run_command``/``command:`` lists, a Gradle script's ``exec`` and a
Maven ``pom.xml``'s ``exec`` plugin, and the shell a makefile names for its recipes.

Only reading; the rules that judge what these return live in ``_fx_builds``.
"""

from __future__ import annotations

import html
import re
import shlex

__all__ = [
    "cmake_commands",
    "included",
    "make_shell",
    "makefile_lines",
    "meson_commands",
    "pom_commands",
    "tox_commands",
]

_INLINE = re.compile(r"^[^\t#=:]+::?[^=;]*;(.*)$")  # `target: prereqs ; recipe`
_BANG_ASSIGN = re.compile(r"^\s*(?:export\s+)?[\w.-]+\s*!=\s*(.*)$")  # `V != cmd` (GNU, BSD)
_SHELL_ASSIGN = re.compile(r"^\s*(?:export\s+)?SHELL\s*[:?+]*=\s*(\S+)", re.M)
_BACKTICK = re.compile(r"`([^`\n]+)`")


def _clean(line: str) -> str:
    return line.strip().lstrip("@-+").strip().replace("$$", "$")


def makefile_lines(text: str) -> list[str]:
    """The command lines a makefile or justfile runs: recipe lines, a rule's recipe after
    ``;``, ``$(shell …)`` and ``!=`` (run when make reads the file) and, outside recipes,
    backticks (a justfile evaluates them when it reads the file)."""
    text = re.sub(r"\\\n[ \t]*", " ", text)  # a continued line is one line
    lines: list[str] = []
    for raw in text.splitlines():
        if raw[:1] in ("\t", " "):
            lines.append(_clean(raw))
            continue
        for pattern in (_INLINE, _BANG_ASSIGN):
            found = pattern.match(raw)
            if found is not None:
                lines.append(_clean(found.group(1)))
        lines += _BACKTICK.findall(raw)
    lines += [_clean(body) for body in _calls(text, ("$(shell ", "${shell "))]
    return [line for line in lines if line]


_INCLUDE = re.compile(r"^\s*[-s]?include\s+(.+)$", re.M)


def included(text: str) -> list[str]:
    """The files a makefile's ``include``/``-include``/``sinclude`` lines read."""
    return [name for found in _INCLUDE.findall(text) for name in found.split()]


def make_shell(text: str) -> str | None:
    """The program a makefile's ``SHELL = …`` runs its recipes with, if it names one."""
    found = _SHELL_ASSIGN.findall(text)
    return found[-1] if found else None


def _calls(text: str, openers: tuple[str, ...]) -> list[str]:
    """The text inside each call that starts with one of ``openers``, up to the bracket
    that closes it (brackets inside nest)."""
    bodies: list[str] = []
    for opener in openers:
        start = text.find(opener)
        while start >= 0:
            depth, index = 1, start + len(opener)
            close = ")" if opener[1] == "(" else "}"
            while index < len(text) and depth:
                depth += {opener[1]: 1, close: -1}.get(text[index], 0)
                index += 1
            bodies.append(text[start + len(opener) : index - 1])
            start = text.find(opener, index)
    return bodies


# CMake's commands that run a program: at configure time (execute_process, exec_program)
# or at build time (add_custom_command, add_custom_target).
_CMAKE_CALL = re.compile(
    r"\b(execute_process|exec_program|add_custom_command|add_custom_target|add_test|file)\s*\(",
    re.I,
)
# file() operations that delete what they name: judged as `rm -rf` of it.
_CMAKE_REMOVES = frozenset({"REMOVE", "REMOVE_RECURSE"})
# The keywords that end a COMMAND's words (cmake-commands(7)).
_CMAKE_KEYWORDS = frozenset(
    {"WORKING_DIRECTORY", "OUTPUT_VARIABLE", "RESULT_VARIABLE", "RESULTS_VARIABLE"}
    | {"ERROR_VARIABLE", "INPUT_FILE", "OUTPUT_FILE", "ERROR_FILE", "TIMEOUT", "OUTPUT_QUIET"}
    | {"ERROR_QUIET", "DEPENDS", "BYPRODUCTS", "COMMENT", "VERBATIM", "USES_TERMINAL", "ALL"}
    | {"SOURCES", "OUTPUT", "MAIN_DEPENDENCY", "IMPLICIT_DEPENDS", "COMMAND_EXPAND_LISTS"}
    | {"JOB_POOL", "JOB_SERVER_AWARE", "DEPFILE", "APPEND", "PRE_BUILD", "PRE_LINK"}
    | {"POST_BUILD", "TARGET", "COMMAND_ECHO", "ENCODING", "ECHO_OUTPUT_VARIABLE", "ARGS"}
    | {"ECHO_ERROR_VARIABLE", "OUTPUT_STRIP_TRAILING_WHITESPACE", "COMMAND_ERROR_IS_FATAL"}
    | {"ERROR_STRIP_TRAILING_WHITESPACE", "RETURN_VALUE", "CODEGEN"}
)


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=False)
    except ValueError:
        return text.split()


def cmake_commands(text: str) -> list[list[str]]:
    """The argv of every program a CMake file runs (``COMMAND sh -c "…"``), and of the
    ``rm -rf`` a ``file(REMOVE_RECURSE …)`` amounts to."""
    out: list[list[str]] = []
    for match in _CMAKE_CALL.finditer(text):
        words = _words(_balanced(text, match.end()))
        if match.group(1).lower() == "file":
            if words[:1] and words[0] in _CMAKE_REMOVES:
                out.append(["rm", "-rf", *words[1:]])
            continue
        if match.group(1).lower() == "add_test" and "COMMAND" not in words:
            out.append(_until_keyword(words[1:]))  # add_test(name prog args…), the old form
            continue
        if match.group(1).lower() == "exec_program":  # exec_program(prog [ARGS a b] …)
            words = [w for w in words if w != "ARGS"]
            out.append(_until_keyword(words))
            continue
        for index, word in enumerate(words):
            if word == "COMMAND":
                out.append(_until_keyword(words[index + 1 :]))
    # ${CMAKE_COMMAND} is cmake itself (`-E rm -rf …`); the rest of the argv as written
    return [["cmake", *a[1:]] if a[0] == "${CMAKE_COMMAND}" else a for a in out if a]


def _balanced(text: str, start: int) -> str:
    """The text from ``start`` to the ``)`` that closes the call (quoted text skipped)."""
    depth, index, quote = 1, start, ""
    while index < len(text) and depth:
        char = text[index]
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        else:
            depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
    return text[start : index - 1]


def _until_keyword(words: list[str]) -> list[str]:
    argv: list[str] = []
    for word in words:
        if word in _CMAKE_KEYWORDS or word == "COMMAND":
            break
        argv.append(word)
    return argv


_TOX_COMMANDS = re.compile(r"^(commands(?:_pre|_post)?)\s*=(.*)$")


def tox_commands(text: str) -> list[str]:
    """The command lines of a ``tox.ini``'s (or ``setup.cfg``'s) ``commands`` settings,
    continuation lines included."""
    out: list[str] = []
    taking = False
    for raw in text.splitlines():
        found = _TOX_COMMANDS.match(raw)
        if found is not None:
            out.append(found.group(2).strip())
            taking = True
        elif taking and raw[:1] in (" ", "\t") and raw.strip():
            out.append(raw.strip())
        else:
            taking = False
    return [line.rstrip("\\").strip() for line in out if line]


_MESON_STRING = re.compile(r"'((?:\\.|[^'\\])*)'")
_MESON_RUNS = re.compile(r"\brun_command\s*\(|\bcommand\s*:\s*\[")


def meson_commands(text: str) -> list[list[str]]:
    """The argv of ``run_command('sh', '-c', …)`` and of each ``command: [ … ]`` list
    (``custom_target``, ``run_target``, ``generator``) a ``meson.build`` names."""
    out: list[list[str]] = []
    for match in _MESON_RUNS.finditer(text):
        if match.group(0).endswith("("):  # run_command(find_program('sh'), '-c', …)
            body = _balanced(text, match.end())
        else:
            end = text.find("]", match.end())
            body = text[match.end() : end if end >= 0 else len(text)]
        words = [m.group(1).replace("\\'", "'") for m in _MESON_STRING.finditer(body)]
        if words:
            out.append(words)
    return out


_POM_EXEC = re.compile(r"<executable>\s*([^<]+?)\s*</executable>(.*?)</configuration>", re.S)
_POM_ARG = re.compile(r"<argument>\s*([^<]*?)\s*</argument>")
_ANT_EXEC = re.compile(r"<exec\b[^>]*\bexecutable=\"([^\"]+)\"[^>]*>(.*?)</exec>", re.S)
_ANT_ARG = re.compile(r"<arg\b[^>]*\b(?:value|line)=\"([^\"]*)\"")


def pom_commands(text: str) -> list[list[str]]:
    """The argv of exec-maven-plugin's ``<executable>``/``<argument>``s and of antrun's
    ``<exec executable=…><arg value=…/>`` in a ``pom.xml`` (or an Ant ``build.xml``)."""
    out = [[m.group(1), *_POM_ARG.findall(m.group(2))] for m in _POM_EXEC.finditer(text)]
    out += [[m.group(1), *_ANT_ARG.findall(m.group(2))] for m in _ANT_EXEC.finditer(text)]
    return [[html.unescape(word) for word in argv] for argv in out]  # &amp;&amp; is &&
