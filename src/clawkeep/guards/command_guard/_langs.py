"""The inline-code table: per language, the calls that open sockets, run shell commands,
run an argv, delete, write or download to a path.

Every language's code is also scanned by the generic patterns in ``_inline``; a row here
adds what only that language spells its own way (julia's backtick commands, R's
``system()``, deno's ``Deno.Command``, awk's ``"cmd" | getline`` ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["LANGS", "QUOTED", "Gated", "LangRules"]

QUOTED = r"(?P<q>[\"'])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)"


class Gated:
    """A pattern of many alternatives, tried only when the text holds one of ``needles``.

    Every alternative of the pattern must contain one of the needles (compared in lower
    case): a text without any needle cannot match, so skipping the scan changes nothing.
    Python's ``re`` tries each alternative at each position; the substring test is ~50x
    cheaper on a few hundred characters of inline code.
    """

    __slots__ = ("needles", "pattern")

    def __init__(self, needles: str, pattern: str, flags: int = 0) -> None:
        self.needles = tuple(needles.lower().split())  # space-separated
        self.pattern = re.compile(pattern, flags)

    def _may_match(self, text: str) -> bool:
        low = text.lower()
        return any(needle in low for needle in self.needles)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self._may_match(text) else iter(())

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text) if self._may_match(text) else text


def _calls(names: str, *, first: bool = True) -> re.Pattern[str]:
    """A call to one of ``names`` whose first (or second) argument is a string literal."""
    # one character or one parenthesised group a step: a nested repetition here made a
    # failed search try every split of the first argument (exponential time on a long URL)
    skip = r"" if first else r"(?:[^,()]|\([^()]*\))*,\s*"
    return re.compile(r"(?:" + names + r")\s*\(?\s*" + skip + QUOTED)


@dataclass(frozen=True, slots=True)
class LangRules:
    """What one language can do, as patterns over its source text.

    ``runs``: the string argument is a shell command. ``argv``: group 1 is a list of
    string literals exec'd as an argv. ``deletes`` / ``writes`` / ``downloads``: the
    string argument is a path deleted, written, or where a download is saved.
    ``reads``: the string argument is a path read. ``socket``: the code opens a raw
    socket. ``backticks``: text in backticks (or ``Bun.$`…```) is a shell command.
    """

    socket: re.Pattern[str] | None = None
    runs: re.Pattern[str] | None = None
    argv: re.Pattern[str] | None = None
    deletes: re.Pattern[str] | None = None
    writes: tuple[re.Pattern[str], ...] = ()
    downloads: re.Pattern[str] | None = None
    reads: re.Pattern[str] | None = None
    backticks: bool = False


# Perl's other ways to run shell text: readpipe(), and open() of a pipe (`"cmd |"`,
# `"| cmd"`, or the three-argument `"-|"`/`"|-"` mode); `exec {"prog"} LIST` runs an argv.
_PERL_PIPES = re.compile(
    r"(?:\breadpipe\s*\(?\s*|\bopen\s*\(?[^,;]*,\s*[\"'](?:-\||\|-)[\"']\s*,\s*"
    r"|\bopen\s*\(?[^,;]*,\s*(?=[\"']\s*\||[\"'][^\"']*\|\s*[\"']))"
    r"(?P<q>[\"'])\|?\s*(?P<s>(?:\\.|(?!(?P=q)).)*?)\s*\|?(?P=q)"
)
_NODE_ARGV = re.compile(
    r"(?:spawn|spawnSync|execFile|execFileSync|fork)\s*\(\s*([\"'][^\"']*[\"'])\s*"
    r"(?:,\s*\[([^\]]*)\])?"
)
_JS_FS = r"(?:fs\.)?(?:rmSync|rm|rmdirSync|rmdir|unlinkSync|unlink|promises\.rm)"

LANGS: dict[str, LangRules] = {
    "julia": LangRules(
        socket=re.compile(r"\busing\s+Sockets\b|\bSockets\.connect|\blisten\s*\(\s*(ip|IPv)"),
        runs=_calls(r"\brun\s*\(\s*Cmd|\bpipeline"),
        deletes=_calls(r"\brm\b"),
        writes=(
            _calls(r"\bwrite\b|\bopen\b(?=[^)]*\"[wa]\")"),
            _calls(r"\bcp\b|\bmv\b|\bsymlink\b", first=False),
        ),
        downloads=_calls(r"\bdownload|\bDownloads\.download", first=False),
        reads=_calls(r"\bread\b|\breadlines\b|\bopen\b"),
        backticks=True,
    ),
    "jrunscript": LangRules(
        socket=re.compile(r"java\.net\.(Server)?Socket|SocketChannel|DatagramSocket"),
        runs=_calls(r"\bexec\b|\.exec\b"),
        argv=re.compile(r"ProcessBuilder\s*\(\s*(?:Java\.to\s*\(\s*)?\[([^\]]*)\]"),
        deletes=_calls(r"\brm\b|\bdel\b|\bFiles\.delete\w*"),
        writes=(
            _calls(r"\bFileWriter\b|\bFileOutputStream\b|\bPrintWriter\b"),
            _calls(r"\bcp\b|\bmv\b|\bFiles\.(?:copy|move|write)", first=False),
        ),
        reads=_calls(r"\bcat\b|\bcp\b|\bFileReader\b|\bFileInputStream\b|\breadAllBytes\b"),
    ),
    "Rscript": LangRules(
        socket=re.compile(r"socketConnection|make\.socket|socketAccept|serverSocket"),
        runs=_calls(r"\bsystem\b|\bshell\b|\bpipe\b"),
        argv=re.compile(
            r"\bsystem2\s*\(\s*([\"'][^\"']*[\"'])\s*(?:,\s*(?:args\s*=\s*)?c\s*\(([^)]*)\))?"
        ),
        deletes=_calls(r"\bunlink\b|\bfile\.remove\b"),
        writes=(
            _calls(r"\bfile\.copy\b|\bwriteLines\b|\bsaveRDS\b|\bwrite\.csv\b", first=False),
            _calls(r"\bfile\.create\b|\bsink\b"),
        ),
        downloads=_calls(r"\bdownload\.file\b", first=False),
        reads=_calls(r"\breadLines\b|\bread\.\w+\b|\bscan\b|\breadRDS\b|\bfile\b"),
    ),
    "awk": LangRules(
        socket=re.compile(r"/inet[46]?/(tcp|udp)/"),
        runs=re.compile(
            QUOTED
            + r"\s*\|&?\s*getline|\|&?\s*"
            + QUOTED.replace("q>", "q2>").replace("s>", "s2>").replace("(?P=q)", "(?P=q2)")
        ),
        writes=(re.compile(r">>?\s*" + QUOTED),),
        reads=re.compile(r"getline\s*(?:\w+\s*)?<\s*" + QUOTED),
    ),
    "deno": LangRules(
        socket=re.compile(r"Deno\.(connect|connectTls|listen|listenTls|listenDatagram)\b"),
        argv=re.compile(
            r"Deno\.(?:Command|run)\s*\(\s*([\"'][^\"']*[\"'])(?:\s*,\s*\{[^}]*?args\s*:\s*\[([^\]]*)\])?"
            r"|Deno\.run\s*\(\s*\{[^}]*?cmd\s*:\s*\[([^\]]*)\]"
        ),
        deletes=_calls(r"Deno\.remove(?:Sync)?"),
        writes=(
            _calls(r"Deno\.write(?:Text)?File(?:Sync)?|Deno\.create(?:Sync)?|Deno\.open(?:Sync)?"),
            _calls(r"Deno\.copyFile(?:Sync)?|Deno\.rename(?:Sync)?", first=False),
        ),
        reads=_calls(r"Deno\.read(?:Text)?File(?:Sync)?|Deno\.open(?:Sync)?"),
    ),
    "bun": LangRules(
        socket=re.compile(r"Bun\.(connect|listen|udpSocket)\b"),
        argv=re.compile(r"Bun\.spawn(?:Sync)?\s*\(\s*\[([^\]]*)\]|" + _NODE_ARGV.pattern),
        deletes=_calls(_JS_FS),
        writes=(_calls(r"Bun\.write|writeFileSync|writeFile|appendFileSync"),),
        reads=_calls(r"Bun\.file|readFileSync|readFile"),
        backticks=True,
    ),
    "node": LangRules(
        argv=_NODE_ARGV,
        deletes=_calls(_JS_FS),
        writes=(
            _calls(r"writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream"),
            _calls(r"copyFileSync|copyFile|renameSync|symlinkSync|cpSync", first=False),
        ),
        reads=_calls(r"readFileSync|readFile|createReadStream"),
    ),
    "perl": LangRules(
        socket=re.compile(r"IO::Socket|\bsocket\s*\(|Net::(Telnet|FTP|SMTP)"),
        runs=_PERL_PIPES,
        argv=re.compile(r"\b(?:exec|system)\s*\{[^}]*\}\s*((?:[\"'][^\"']*[\"']\s*,?\s*)+)"),
        deletes=_calls(r"\bunlink\b|\brmdir\b|\brmtree\b|\bremove_tree\b"),
        reads=re.compile(r"\bopen\s*\(?\s*\w*\s*,?\s*(?:[\"']<[\"']\s*,\s*)?" + QUOTED),
        backticks=True,
    ),
    "ruby": LangRules(
        socket=re.compile(r"TCPSocket|UDPSocket|\bSocket\.(new|tcp)|TCPServer"),
        deletes=_calls(r"File\.(?:delete|unlink)|FileUtils\.(?:rm\w*|remove\w*)|Dir\.rmdir"),
        writes=(
            _calls(r"File\.(?:write|open)(?=[^)]*[\"'][wa])|File\.write"),
            _calls(r"FileUtils\.(?:cp|mv|ln_s)", first=False),
        ),
        reads=_calls(r"File\.(?:read|readlines|open|binread)|IO\.read"),
        backticks=True,
    ),
    "php": LangRules(
        socket=re.compile(r"fsockopen|stream_socket_(client|server)|socket_create"),
        deletes=_calls(r"\bunlink\b|\brmdir\b"),
        writes=(
            _calls(r"\bfile_put_contents\b|\bfopen\b(?=[^)]*[\"'][wax])"),
            _calls(r"\bcopy\b|\brename\b|\bsymlink\b", first=False),
        ),
        reads=_calls(r"\bfile_get_contents\b|\bfile\b|\breadfile\b|\bfopen\b|\bhighlight_file\b"),
        backticks=True,
    ),
    "lua": LangRules(
        socket=re.compile(r"require\s*\(?\s*[\"']socket[\"']|socket\.(tcp|udp|connect)"),
        runs=_calls(r"os\.execute|io\.popen"),
        deletes=_calls(r"os\.remove|os\.rename"),
        writes=(_calls(r"io\.open(?=[^)]*[\"'][wa])|io\.output"),),
        reads=_calls(r"io\.open|io\.lines|io\.input|dofile|loadfile"),
    ),
    "python": LangRules(
        argv=re.compile(r"pty\.spawn\s*\(\s*([\"'][^\"']*[\"'])|pty\.spawn\s*\(\s*\[([^\]]*)\]"),
        deletes=_calls(r"os\.remove|os\.unlink|shutil\.rmtree|os\.rmdir"),
        reads=_calls(r"\bopen\b"),
    ),
}
LANGS["crystal"] = LangRules(
    socket=re.compile(r"\bSocket\.(tcp|udp|unix)\b|TCPSocket|UDPSocket|TCPServer|UNIXSocket"),
    runs=_calls(r"\bsystem\b|Process\.(?:run|new|exec)"),
    deletes=_calls(r"File\.delete|FileUtils\.rm\w*|Dir\.delete"),
    writes=(_calls(r"File\.(?:write|open)"), _calls(r"FileUtils\.(?:cp|mv|ln_s)", first=False)),
    reads=_calls(r"File\.(?:read|read_lines|open)"),
    backticks=True,
)
# Tcl (tclsh, wish, expect): `exec` runs a pipeline of programs, `open "|cmd"` one too;
# expect's `spawn` starts one.
LANGS["tcl"] = LangRules(
    socket=re.compile(r"\bsocket\s+(-server\s+\S+\s+)?(-\w+\s+)*[\w.:-]+\s+\d+"),
    runs=re.compile(
        r"(?:^|[;\n\[{]\s*)(?:exec|spawn)\s+(?:-\S+\s+)*(?P<s>[^;\n\]}]+)"
        r"|\bopen\s+[\"{]\|(?P<s2>[^\"}]+)[\"}]"
    ),
    deletes=re.compile(r"\bfile\s+delete\s+(?:-force\s+)?(?:--\s+)?[\"{]?(?P<s>[^\s\"}]+)"),
    reads=re.compile(r"\bopen\s+[\"{]?(?P<s>[^\s\"}|]+)"),
)
LANGS["osascript"] = LangRules(
    # AppleScript's `do shell script "…"`, Terminal's `do script "…"`, JXA's
    # app.doShellScript("…"), Terminal().doScript("…") and libc's $.system("…")
    runs=re.compile(
        r"(?:do\s+shell\s+script|do\s+script|doShellScript\s*\(|doScript\s*\(|\$\.system\s*\()\s*"
        + QUOTED
    ),
    # JXA through Objective-C: $.NSTask.launchedTaskWithLaunchPathArguments("/bin/sh", [...])
    argv=re.compile(
        r"launchedTaskWithLaunchPathArguments\s*\(\s*([\"'][^\"']*[\"'])\s*,\s*\[([^\]]*)\]"
    ),
)
LANGS["R"] = LANGS["Rscript"]
LANGS["jjs"] = LANGS["jrunscript"]
for _awk in ("gawk", "mawk", "nawk", "busybox-awk"):
    LANGS[_awk] = LANGS["awk"]
