"""The inline-code table: per language, the calls that open sockets, run shell commands,
run an argv, delete, write or download to a path.

Every language's code is also scanned by the generic patterns in ``_inline``; a row here
adds what only that language spells its own way (julia's backtick commands, R's
``system()``, deno's ``Deno.Command``, awk's ``"cmd" | getline`` ...).
"""

from __future__ import annotations

import re
from dataclasses import replace

from clawkeep.guards.command_guard._langs_base import QUOTED, QUOTED2, Gated, LangRules, calls
from clawkeep.guards.command_guard._langs_more import MORE_LANGS

__all__ = ["LANGS", "QUOTED", "Gated", "LangRules"]

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
        runs=calls(r"\brun\s*\(\s*Cmd|\bpipeline"),
        deletes=calls(r"\brm\b"),
        writes=(
            calls(r"\bwrite\b|\bopen\b(?=[^)]*\"[wa]\")"),
            calls(r"\bcp\b|\bmv\b|\bsymlink\b", first=False),
        ),
        downloads=calls(r"\bdownload|\bDownloads\.download", first=False),
        reads=calls(r"\bread\b|\breadlines\b|\bopen\b"),
        backticks=True,
    ),
    "jrunscript": LangRules(
        socket=re.compile(r"java\.net\.(Server)?Socket|SocketChannel|DatagramSocket"),
        runs=calls(r"\bexec\b|\.exec\b"),
        argv=re.compile(r"ProcessBuilder\s*\(\s*(?:Java\.to\s*\(\s*)?\[([^\]]*)\]"),
        deletes=calls(r"\brm\b|\bdel\b|\bFiles\.delete\w*"),
        writes=(
            calls(r"\bFileWriter\b|\bFileOutputStream\b|\bPrintWriter\b"),
            calls(r"\bcp\b|\bmv\b|\bFiles\.(?:copy|move|write)", first=False),
        ),
        reads=calls(r"\bcat\b|\bcp\b|\bFileReader\b|\bFileInputStream\b|\breadAllBytes\b"),
    ),
    "Rscript": LangRules(
        socket=re.compile(r"socketConnection|make\.socket|socketAccept|serverSocket"),
        runs=calls(r"\bsystem\b|\bshell\b|\bpipe\b"),
        argv=re.compile(
            r"\bsystem2\s*\(\s*([\"'][^\"']*[\"'])\s*(?:,\s*(?:args\s*=\s*)?c\s*\(([^)]*)\))?"
        ),
        deletes=calls(r"\bunlink\b|\bfile\.remove\b"),
        writes=(
            calls(r"\bfile\.copy\b|\bwriteLines\b|\bsaveRDS\b|\bwrite\.csv\b", first=False),
            calls(r"\bfile\.create\b|\bsink\b"),
        ),
        downloads=calls(r"\bdownload\.file\b", first=False),
        reads=calls(r"\breadLines\b|\bread\.\w+\b|\bscan\b|\breadRDS\b|\bfile\b"),
    ),
    "awk": LangRules(
        socket=re.compile(r"/inet[46]?/(tcp|udp)/"),
        runs=re.compile(QUOTED + r"\s*\|&?\s*getline|\|&?\s*" + QUOTED2),
        writes=(re.compile(r">>?\s*" + QUOTED),),
        reads=re.compile(r"getline\s*(?:\w+\s*)?<\s*" + QUOTED),
    ),
    "deno": LangRules(
        socket=re.compile(r"Deno\.(connect|connectTls|listen|listenTls|listenDatagram)\b"),
        argv=re.compile(
            r"Deno\.(?:Command|run)\s*\(\s*([\"'][^\"']*[\"'])(?:\s*,\s*\{[^}]*?args\s*:\s*\[([^\]]*)\])?"
            r"|Deno\.run\s*\(\s*\{[^}]*?cmd\s*:\s*\[([^\]]*)\]"
        ),
        deletes=calls(r"Deno\.remove(?:Sync)?"),
        writes=(
            calls(r"Deno\.write(?:Text)?File(?:Sync)?|Deno\.create(?:Sync)?|Deno\.open(?:Sync)?"),
            calls(r"Deno\.copyFile(?:Sync)?|Deno\.rename(?:Sync)?", first=False),
        ),
        reads=calls(r"Deno\.read(?:Text)?File(?:Sync)?|Deno\.open(?:Sync)?"),
    ),
    "bun": LangRules(
        socket=re.compile(r"Bun\.(connect|listen|udpSocket)\b"),
        argv=re.compile(r"Bun\.spawn(?:Sync)?\s*\(\s*\[([^\]]*)\]|" + _NODE_ARGV.pattern),
        deletes=calls(_JS_FS),
        writes=(calls(r"Bun\.write|writeFileSync|writeFile|appendFileSync"),),
        reads=calls(r"Bun\.file|readFileSync|readFile"),
        backticks=True,
    ),
    "node": LangRules(
        argv=_NODE_ARGV,
        deletes=calls(_JS_FS),
        writes=(
            calls(r"writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream"),
            calls(r"copyFileSync|copyFile|renameSync|symlinkSync|cpSync", first=False),
        ),
        reads=calls(r"readFileSync|readFile|createReadStream"),
    ),
    "perl": LangRules(
        socket=re.compile(r"IO::Socket|\bsocket\s*\(|Net::(Telnet|FTP|SMTP)"),
        runs=_PERL_PIPES,
        argv=re.compile(r"\b(?:exec|system)\s*\{[^}]*\}\s*((?:[\"'][^\"']*[\"']\s*,?\s*)+)"),
        deletes=calls(r"\bunlink\b|\brmdir\b|\brmtree\b|\bremove_tree\b"),
        reads=re.compile(r"\bopen\s*\(?\s*\w*\s*,?\s*(?:[\"']<[\"']\s*,\s*)?" + QUOTED),
        backticks=True,
    ),
    "ruby": LangRules(
        socket=re.compile(r"TCPSocket|UDPSocket|\bSocket\.(new|tcp)|TCPServer"),
        deletes=calls(r"File\.(?:delete|unlink)|FileUtils\.(?:rm\w*|remove\w*)|Dir\.rmdir"),
        writes=(
            calls(r"File\.(?:write|open)(?=[^)]*[\"'][wa])|File\.write"),
            calls(r"FileUtils\.(?:cp|mv|ln_s)", first=False),
        ),
        reads=calls(r"File\.(?:read|readlines|open|binread)|IO\.read"),
        backticks=True,
    ),
    "php": LangRules(
        socket=re.compile(r"fsockopen|stream_socket_(client|server)|socket_create"),
        deletes=calls(r"\bunlink\b|\brmdir\b"),
        writes=(
            calls(r"\bfile_put_contents\b|\bfopen\b(?=[^)]*[\"'][wax])"),
            calls(r"\bcopy\b|\brename\b|\bsymlink\b", first=False),
        ),
        reads=calls(r"\bfile_get_contents\b|\bfile\b|\breadfile\b|\bfopen\b|\bhighlight_file\b"),
        backticks=True,
    ),
    "lua": LangRules(
        socket=re.compile(r"require\s*\(?\s*[\"']socket[\"']|socket\.(tcp|udp|connect)"),
        runs=calls(r"os\.execute|io\.popen"),
        deletes=calls(r"os\.remove|os\.rename"),
        writes=(calls(r"io\.open(?=[^)]*[\"'][wa])|io\.output"),),
        reads=calls(r"io\.open|io\.lines|io\.input|dofile|loadfile"),
    ),
    "python": LangRules(
        argv=re.compile(r"pty\.spawn\s*\(\s*([\"'][^\"']*[\"'])|pty\.spawn\s*\(\s*\[([^\]]*)\]"),
        deletes=calls(r"os\.remove|os\.unlink|shutil\.rmtree|os\.rmdir"),
        reads=calls(r"\bopen\b"),
    ),
}
LANGS["crystal"] = LangRules(
    socket=re.compile(r"\bSocket\.(tcp|udp|unix)\b|TCPSocket|UDPSocket|TCPServer|UNIXSocket"),
    runs=calls(r"\bsystem\b|Process\.(?:run|new|exec)"),
    deletes=calls(r"File\.delete|FileUtils\.rm\w*|Dir\.delete"),
    writes=(calls(r"File\.(?:write|open)"), calls(r"FileUtils\.(?:cp|mv|ln_s)", first=False)),
    reads=calls(r"File\.(?:read|read_lines|open)"),
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
LANGS |= MORE_LANGS
# zx: JavaScript whose $`…` template literals are shell commands
LANGS["zx"] = replace(LANGS["node"], backticks=True)
