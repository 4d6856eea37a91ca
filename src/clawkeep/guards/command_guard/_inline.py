"""Interpreters' inline code (python -c, node -e, perl -e, ruby -e, php -r, awk programs).

The code is not executed or fully parsed: it is scanned for sockets, HTTP, process spawning,
deletes, decoding, and literal strings that are shell commands or paths (judged as shell text).
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._cmd import command_name
from clawkeep.guards.command_guard._inline_byname import (
    bound_names,
    python_aliases,
    reached_by_name,
)
from clawkeep.guards.command_guard._inline_computed import computed_spawn
from clawkeep.guards.command_guard._inline_dns import bare_run, resolves_data
from clawkeep.guards.command_guard._inline_eval import evaluates
from clawkeep.guards.command_guard._inline_made import code_writes, made_by_code, written_by_call
from clawkeep.guards.command_guard._inline_paths import join_paths
from clawkeep.guards.command_guard._inline_serve import kernel_calls, modes_and_copies, serves_files
from clawkeep.guards.command_guard._io_write import planted_option, write_target
from clawkeep.guards.command_guard._langs import LANGS, Gated, LangRules
from clawkeep.guards.command_guard._net_reach import loopback_code
from clawkeep.guards.command_guard._net_secrets import secret_in_code
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._word_types import literal

__all__ = ["SHELL_CODE", "SOCKET_CODE", "judge_code"]

SOCKET_CODE = Gated(
    "sock net /dev/ connection ztcp",
    r"socket\.socket|\bsocket\s*\(|[\"']socket[\"']|fsockopen|stream_socket_client|TCPSocket"
    r"|UDPSocket|IO::Socket|\bSocket::|net\.Dial|\bnet\.(connect|createConnection|Socket)"
    r"|new\s+Socket|/inet/(tcp|udp)/|/dev/(tcp|udp)/|create_connection|\bztcp\b|Net::Telnet"
    r"|require\([\"']net[\"']\)|java\.net\.Socket",
)
SHELL_CODE = Gated(
    "/bin/ cmd.exe powershell spawn dup2 exec popen subprocess child_process passthru system"
    " proc_open runtime getline ` %x{",
    r"/bin/(ba|z|da|k|c|tc)?sh\b|cmd\.exe|powershell|pty\.spawn|\bdup2\b|exec\s+sprintf"
    r"|IO\.popen|\bsubprocess\b|child_process|shell_exec|passthru|\bsystem\s*\(|\bpopen\s*\("
    r"|proc_open|\bexec\s*\(|\bspawn\s*\(|exec\.Command|Runtime\.getRuntime|\|&\s*getline"
    r"|`[^`]+`|%x\{",
)
_HTTP = Gated(
    "url requests http fetch axios lwp uri curl_ download websocket ftplib smtplib paramiko"
    " connection",
    r"urllib|urlopen|urlretrieve|requests\.(get|post|put|request|Session)|\bhttps?\.(request|get)"
    r"|\bfetch\s*\(|axios|XMLHttpRequest|Net::HTTP|LWP|HTTP::Tiny|open-uri|URI\.open|httpx|aiohttp"
    r"|file_get_contents\s*\(\s*[\"']https?:|curl_(exec|init)|\bdownload\s*\(|HTTP\.(get|post)"
    r"|require\([\"']https?[\"']\)|WebSocket|ftplib|smtplib|paramiko"
    r"|http\.client|HTTPS?Connection",  # Python's low-level client: c.request(…)
)
_READS_FILE = re.compile(
    r"\bopen\s*\(|readFile|createReadStream|File\.(read|open)|file_get_contents\s*\(\s*[\"']/"
    r"|fopen|read_text|read_bytes|IO\.read|slurp"
    # the whole environment (its tokens and keys) is local data as much as a file is
    r"|os\.environ\b(?!\s*(?:\[|\.get))|dict\s*\(\s*os\.environ|process\.env\b(?!\s*[.\[])"
    r"|%ENV\b|\bENV\.to_h|getenv\s*\(\s*\)|System\.getenv\s*\(\s*\)|\$_ENV\b(?!\s*\[)"
)
_SENDS = re.compile(
    r"post|put|\.request\s*\(|\.send|\.write|\.pipe\(|upload|data\s*=|stor(?:binary|lines)"
    r"|urlopen\s*\((?:[^(),]|\([^()]*\))+,"  # urlopen(url, data) posts data
    # data joined into the URL: "http://h/?" + d, "http://h/?&".join(d), `http://h/${d}`
    r"|[\"'`]https?://[^\"'`]*[\"'`]\s*(?:\+|\.join\s*\()|`https?://[^`]*\$\{",
    re.I,
)
_DECODE = re.compile(
    r"b64decode|base64|fromCharCode|atob\s*\(|bytes\.fromhex|unhexlify|codecs\.decode|rot.?13"
    r"|zlib\.decompress|marshal\.loads|pickle\.loads|pack\s*\(\s*[\"'][Hu]|decode\s*\(\s*[\"']hex"
    r"|Base64|decode64|unpack1?\s*\(?\s*[\"'][mu]|,\s*[\"'](?:hex|base64|base64url)[\"']\s*\)"
    r"|\\x[0-9a-fA-F]{2}.*\\x[0-9a-fA-F]{2}.*\\x[0-9a-fA-F]{2}"
)
_RUNS = Gated(
    "exec eval system subprocess shell child_process popen function compile spawn `",
    r"\bexec\s*\(|\beval\s*[(\s{]|_eval\s*[(\s{]|\bsystem\s*\(|subprocess|shell\s*=\s*True"
    r"|child_process|popen"
    r"|new\s+Function|\bcompile\s*\(|execSync|spawn|`",
)
_FORK = re.compile(
    r"fork\s*(\(\s*\))?\s*while|while\s*[(:]?.*\bfork\b|for\s*\(\s*;\s*;\s*\)\s*\{?\s*fork"
    r"|loop\s*\{\s*fork|os\.fork\(\).*while\s+True|while\s+True\s*:\s*os\.fork"
)
_QUOTED = r"(?P<q>[\"'])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)"
_CALL_STRING = re.compile(
    r"(?:system|exec|execSync|spawnSync|popen|Popen|call|run|check_output|check_call"
    r"|shell_exec|passthru|proc_open|getoutput|getstatusoutput|IO\.popen|%x|os\.execute)"
    r"\s*(?:\(\s*|\s)" + _QUOTED
)
_CALL_LIST = re.compile(
    r"(?:(?:Popen|call|run|check_output|check_call|execvp?|spawn\w*)\s*\("
    # posix_spawn(path, [argv…], env): the list is the argv the program runs under
    r"|posix_spawnp?\s*\(\s*(?:[^,()]|\([^()]*\))+,\s*(?:argv\s*=\s*)?)\s*[\[(]([^\])]*)[\])]"
)
_BACKTICKS = re.compile(r"`([^`]+)`|%x\{([^}]*)\}")
_DELETE = re.compile(
    r"(?:rmtree|rmSync|rmdirSync|unlinkSync|removedirs|remove|unlink|rmdir|rm_rf|rm_r|rm"
    r"|delete|rimraf|deleteSync)\s*\(\s*" + _QUOTED
)
_WRITE = re.compile(
    r"(file_put_contents|writeFileSync|writeFile|urlretrieve|download|copyfile|File\.write"
    r"|\bopen)\s*\(([^)]*)\)"
)
_STRING = re.compile(_QUOTED)
# A call that starts a process; its argument must be a literal we can judge.
_SPAWN = Gated(
    "os. subprocess open3 popen exec spawn passthru proc_open system",
    r"(?:os\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?)|subprocess\.\w+|Open3\.\w+|IO\.popen"
    r"|(?<![\w])(?:execSync|execFileSync|spawnSync|shell_exec|passthru|proc_open)"
    r"|(?<![\w.$])(?:system|popen|exec|spawn|Popen|posix_spawnp?)"
    # reached by name: send(:system, …), getattr(mod, "system")(…), import_module("os").system
    r"|\b(?:send|public_send|__send__)\s*\(\s*:?[\"']?(?:system|exec|spawn|popen|eval)[\"']?\s*,"
    r"|\bgetattr\s*\((?:[^()]|\([^()]*\))*,\s*[\"'](?:system|popen|exec\w*|spawn\w*|run|call"
    r"|check_output|check_call|Popen|getoutput)[\"']\s*\)"
    r"|\)\s*\.\s*(?:system|popen|exec[lv]\w*|spawn[lv]\w*))\s*(\(|(?=\s+[\"'])|(?<=,))",
)
# Perl's and Ruby's quote-like operators: qx{...} / %x(...) run their text; so do
# system/exec/spawn given q(...), qq[...], %q(...), %Q{...} or %(...).
_PERL_QUOTED = (
    r"(?:\((?P<p>[^)]*)\)|\{(?P<b>[^}]*)\}|\[(?P<k>[^\]]*)\]|<(?P<a>[^>]*)>"
    r"|/(?P<s>[^/]*)/|!(?P<e>[^!]*)!|\|(?P<v>[^|]*)\||(?P<d>[^\w\s({\[<])(?P<o>.*?)(?P=d))"
)
_PERL_RUN = re.compile(
    r"(?:\bqx\s*|%x|(?<![\w.$])(?:system|exec|spawn)\s*\(?\s*(?:qq?\s*|%[qQ]?))" + _PERL_QUOTED
)
_LITERAL_ARG = re.compile(
    r"\s*(?:"
    + _QUOTED.replace("?P<q>", "").replace("?P<s>", "").replace("(?P=q)", "\\1")
    + r")\s*(?:[,);\n]|$)"
)
_LIST_ARG = re.compile(r"\s*\[(?:\s*([\"'])(?:\\.|(?!\1).)*\1\s*,?)*\s*\]")


# Expressions every language has for the home directory: judged as the literal "~".
_HOME_EXPR = Gated(
    "home expand",
    r"(?:require\s*\(\s*[\"']os[\"']\s*\)|\bos)\.homedir\s*\(\s*\)|\bhomedir\s*\(\s*\)"
    r"|os\.path\.expanduser\s*\(\s*([\"'])~\1\s*\)|(?:\bpathlib\.)?Path\.home\s*\(\s*\)"
    r"|\bDir\.home\b"
    r"|process\.env\.HOME\b|process\.env\[\s*([\"'])HOME\2\s*\]|\$ENV\{\s*HOME\s*\}"
    r"|ENV\[\s*([\"'])HOME\3\s*\]|Deno\.env\.get\s*\(\s*([\"'])HOME\4\s*\)"
    r"|(?:os\.|Sys\.|\b)getenv\s*\(\s*([\"'])HOME\5\s*\)|os\.environ\[\s*([\"'])HOME\6\s*\]"
    r"|os\.environ\.get\s*\(\s*([\"'])HOME\7\s*\)|\$_SERVER\[\s*([\"'])HOME\8\s*\]"
    r"|File\.expand_path\s*\(\s*([\"'])~\9\s*\)"
    # R: path.expand("~"), normalizePath("~")
    r"|\b(?:path\.expand|normalizePath)\s*\(\s*([\"'])~\10\s*\)",
)
_JOINED = re.compile(r"\"([^\"\\]*)\"\s*(?:\+|\.\.|\.)\s*\"([^\"\\]*)\"")
# A call that starts a program from several string literals: an argv, not shell text.
_STR = r"(?:\"[^\"]*\"|'[^']*')"
_ARGV_CALL = re.compile(
    r"(?P<fn>\b(?:system|exec|spawn|execvp?e?|execlp?e?|spawnvp?e?|spawnlp?e?|exec\.Command"
    r"|posix_spawnp?)"
    r"|Kernel\.(?:exec"
    r"|system|spawn)|Process\.spawn)\s*\(\s*(?P<list>"
    + _STR
    + r"(?:\s*,\s*\[?\s*"
    + _STR
    + r"\s*\]?)+)"
)
# The C-style exec family (os.execl(path, arg0, …), POSIX::execv): after the program's path
# comes the name it runs under, not an argument.
_ARG0_CALLS = re.compile(r"^(?:(?:exec|spawn)[lv]|posix_spawn)")
_PERL_QW = re.compile(
    r"\b(?:system|exec)\s*\(?\s*qw\s*(?:\(([^)]*)\)|\[([^\]]*)\]|\{([^}]*)\}|/([^/]*)/|<([^>]*)>)"
)


# Ruby's :sym.to_s is the literal "sym" (`Kernel.send(:sys.to_s + "tem", …)`).
_SYMBOL_TO_S = re.compile(r"(?<![\w:]):([A-Za-z_]\w*)\s*\.\s*to_s\b")


def normalise(code: str, lang: str = "") -> str:
    """Home-directory expressions become ``"~"``; adjacent string literals are joined, and
    so are paths built from literal pieces (``_inline_paths``)."""
    code = bound_names(_HOME_EXPR.sub('"~"', code))  # s = os.system; s(…) is os.system(…)
    if lang == "python":
        code = python_aliases(code)  # import os as o; o.system(…) is os.system(…)
    if lang == "ruby":
        code = _SYMBOL_TO_S.sub(r'"\1"', code)
    for _ in range(8):
        joined = _JOINED.sub(lambda m: '"' + m.group(1) + m.group(2) + '"', code)
        joined = join_paths(joined, lang)  # "~" / ".ssh", File.join(Dir.home, ".ssh")
        if joined == code:
            break
        code = joined
    return code


def judge_code(lang: str, code: str, w: Walker) -> None:
    """Scan one inline program and judge the commands and paths it names."""
    code = normalise(code, lang)
    for path in code_writes(code):
        made_by_code(w, path)  # pathlib, Perl's open(F, ">…"), shutil/os copies and renames
    for match in _ARGV_CALL.finditer(code):
        words = [_unescape(m.group("s")) for m in _STRING.finditer(match.group("list"))]
        if _ARG0_CALLS.match(match.group("fn")) and len(words) > 1:
            words = words[:1] + words[2:]  # os.execl("/bin/sh", "sh", "-c", …): drop arg0
        w.run_argv([literal(word) for word in words])
    if lang == "perl":
        for match in _PERL_QW.finditer(code):
            words = next(g for g in match.groups() if g is not None).split()
            w.run_argv([literal(word) for word in words])
    if (rules := LANGS.get(lang)) is not None:
        _judge_lang(lang, code, rules, w)
        computed_spawn(lang, code, rules, w)  # a process started from a built string
    if lang == "pwsh":
        from clawkeep.guards.command_guard._pwsh_fx import judge_pwsh

        judge_pwsh(code, w)  # iex, downloads run, sockets, paths and the cmdlets' effects
    _judge_generic(lang, code, w)


_PIPE_RUNNERS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "python", "python3", "perl"})
_PIPE_RUNNERS |= frozenset({"ruby", "node", "php", "lua", "xargs", "parallel", "source", "eval"})
_OUTSIDE = ("root", "outside", "home", "home_root", "state", "device", "kernel")


def _string(match: re.Match[str]) -> str:
    found = match.groupdict()
    return _unescape(next((found[k] for k in ("s", "s2") if found.get(k) is not None), ""))


def _judge_lang(lang: str, code: str, rules: LangRules, w: Walker) -> None:
    """The language's own spellings of the effects (see ``_langs.LANGS``)."""
    if rules.downloads is not None:
        for match in rules.downloads.finditer(code):
            dest = _string(match)
            w.downloaded.add(dest.rsplit("/", 1)[-1])
            if dest.startswith(("/", "~")):
                write_target(w.place(dest), w, f"a download in {lang} code")
    spawns = bool(SHELL_CODE.search(code)) or any(
        r is not None and r.search(code) for r in (rules.runs, rules.argv)
    )
    if rules.socket is not None and rules.socket.search(code) and not SOCKET_CODE.search(code):
        if spawns or (rules.backticks and _BACKTICKS.search(code)):
            # reverse_shell: a socket and a process in one program is a remote shell
            w.flag("reverse_shell", f"{lang} code joins a socket to a shell or a process")
        else:
            w.flag("raw_socket", f"{lang} code opens a raw network socket")
    if rules.runs is not None:
        for match in rules.runs.finditer(code):
            text = _string(match)
            if lang == "tcl":  # `<@stdin`, `>@chan`: Tcl channels, not files; the pipeline stays
                text = re.sub(r"\s*\d?[<>]@\S+", "", text)
            w.script(text, f"a command in {lang} code")
            words = text.split()
            piped = match.groupdict().get("s2") is not None
            if piped and words and command_name(words[0]) in _PIPE_RUNNERS and "-c" not in words:
                # dynamic_command: the program's output becomes the commands a shell runs
                w.flag("dynamic_command", f"{lang} code pipes its output into {words[0]}")
    if rules.argv is not None:
        for match in rules.argv.finditer(code):
            listed = " ".join(g for g in match.groups() if g)
            argv = [literal(_unescape(m.group("s"))) for m in _STRING.finditer(listed)]
            w.run_argv(argv)
    if rules.backticks and lang not in ("ruby", "perl", "php", "sh"):
        for match in _BACKTICKS.finditer(code):
            w.script(match.group(1) or match.group(2), f"a backtick command in {lang} code")
    if rules.deletes is not None:
        for match in rules.deletes.finditer(code):
            found = w.place(_string(match))
            if found.kind in _OUTSIDE:
                w.flag("destructive_delete", f"{lang} code deletes {found.path} ({found.kind})")
    for pattern in rules.writes:
        for match in pattern.finditer(code):
            text = _string(match)
            made_by_code(w, text)
            if text.startswith(("/", "~")):
                write_target(w.place(text), w, f"{lang} code")
    if rules.reads is not None and (_HTTP.search(code) or SOCKET_CODE.search(code)):
        for match in rules.reads.finditer(code):
            if _SENDS.search(code):
                w.flag("exfiltration", f"{lang} code reads {_string(match)} and sends it away")
                break


# A program that lists a directory and deletes what it finds deletes that directory's
# entries, whatever variable carries each name.
_ENUMERATES = re.compile(
    r"\b(?:readdir|listdir|scandir|walk|glob|iglob|rglob|readdirSync|entries|children"
    r"|list\.files|dir|Dir\.glob|Dir\.entries|Dir\.children|Deno\.readDir(?:Sync)?"
    r"|opendir|File::Find|find)\s*[\(\[{]"
)
_DELETES_ANY = re.compile(
    r"\b(?:rmtree|rmSync|rm_rf|rm_r|rm|unlink|unlinkSync|remove|removeSync|rmdir|rmdirSync"
    r"|remove_tree|removedirs|delete|deleteSync|file\.remove|os\.remove)\b\s*[\(\s]"
    r"|[\"']unlink[\"']|&:unlink|FileUtils\.method\(:rm"
)


def _deletes_listed(lang: str, code: str, w: Walker) -> None:
    if not (_ENUMERATES.search(code) and _DELETES_ANY.search(code)):
        return
    for match in _STRING.finditer(code):
        text = _unescape(match.group("s"))
        if not text.startswith(("/", "~")):
            continue
        found = w.place(text.split("*", 1)[0].rstrip("/") or "/")
        if found.kind in _OUTSIDE:
            # destructive_delete: the entries it lists there are the names it deletes
            w.flag("destructive_delete", f"{lang} code deletes what it lists in {found.path}")
            return


_URL_IN_CODE = re.compile(r"\bhttps?://[^\s\"'`/?#]+")


def _judge_generic(lang: str, code: str, w: Walker) -> None:
    _deletes_listed(lang, code, w)
    serves_files(lang, code, w)
    evaluates(lang, code, w)
    from clawkeep.guards.command_guard._fx_url import api_port, metadata_host

    if any(api_port(m.group(0), f"{lang} code", w) for m in _URL_IN_CODE.finditer(code)):
        pass  # flagged: a container engine's or kubelet's API
    elif any(metadata_host(m.group(0)) for m in _URL_IN_CODE.finditer(code)):
        # credential_read: the metadata service hands out the machine's cloud keys
        w.flag("credential_read", f"{lang} code asks a cloud metadata service")
    socket = SOCKET_CODE.search(code)
    if socket and SHELL_CODE.search(code):
        w.flag("reverse_shell", f"{lang} code joins a socket to a shell or a process")
    elif socket and not loopback_code(code):  # a loopback-only client stays allowed
        w.flag("raw_socket", f"{lang} code opens a raw network socket")
    elif secret_in_code(lang, code, w):  # whatever library or option does the sending
        pass  # flagged: a secret of the environment sent to a host not its own
    elif _HTTP.search(code):
        if _READS_FILE.search(code) and _SENDS.search(code):
            w.flag("exfiltration", f"{lang} code reads a file and sends it over the network")
        elif not w.ctx.egress:
            w.flag(
                "network_no_egress", f"{lang} code uses the network and this agent has no egress"
            )
    if _DECODE.search(code) and _RUNS.search(code):
        w.flag("obfuscation", f"{lang} code decodes text and runs it")
    if _FORK.search(code):
        w.flag("fork_bomb", f"{lang} code forks in a loop")
    reached_by_name(lang, code, w)  # getattr(os, "system")(…), $f = "system"; $f(…)
    resolves_data(lang, code, w)  # a DNS name built from data carries the data out
    bare_run(lang, code, w)  # Perl's and Ruby's `system $cmd`, `exec @ARGV`
    for match in _SPAWN.finditer(code):
        rest = code[match.end() :]
        if not (_LITERAL_ARG.match(rest) or _LIST_ARG.match(rest) or rest.strip() == ""):
            w.flag("dynamic_command", f"{lang} code starts a process from a computed string")
            break
    for match in _CALL_STRING.finditer(code):
        w.script(_unescape(match.group("s")), f"a command in {lang} code")
    if lang in ("perl", "ruby"):
        for match in _PERL_RUN.finditer(code):
            text = next(v for k, v in match.groupdict().items() if v is not None and k != "d")
            w.script(text, f"a command in {lang} code")  # q#…#, q~…~: any delimiter
    for match in _BACKTICKS.finditer(code):
        if lang in ("ruby", "perl", "php", "sh"):
            w.script(match.group(1) or match.group(2), f"a backtick command in {lang} code")
    for match in _CALL_LIST.finditer(code):
        argv = [literal(_unescape(m.group("s"))) for m in _STRING.finditer(match.group(1))]
        w.run_argv(argv)
    for match in _DELETE.finditer(code):
        found = w.place(_unescape(match.group("s")))
        if found.kind in ("root", "outside", "home", "home_root", "state", "device", "kernel"):
            w.flag("destructive_delete", f"{lang} code deletes {found.path} ({found.kind})")
    for match in _WRITE.finditer(code):
        strings = [_unescape(m.group("s")) for m in _STRING.finditer(match.group(2))]
        for text in written_by_call(match.group(1), strings):
            planted_option(w.place(text), w, f"{lang} code")  # open("--checkpoint-action=…")
            made_by_code(w, text)
            if text.startswith(("/", "~")) and not re.match(r"^[rb]+$", text):
                write_target(w.place(text), w, f"{lang} code")
    modes_and_copies(lang, code, w)
    kernel_calls(lang, code, w)
    for match in _STRING.finditer(code):
        text = _unescape(match.group("s"))
        if text.startswith(("/", "~")) and len(text) < 4096:
            why = credential(w.place(text), w.ctx)
            if why is not None:
                w.flag("credential_read", f"{lang} code names {text}: {why}")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)
