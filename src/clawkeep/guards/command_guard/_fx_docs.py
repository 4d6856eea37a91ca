"""Document and media processors that run commands or code, read files or send output
where their input says: ImageMagick's scripts and delegates (``msl:``, MVG ``url()``,
``delegates.xml`` through ``MAGICK_CONFIGURE_PATH``, ``label:@FILE``), Ghostscript's
``%pipe%`` files and outputs, ffmpeg's network outputs and ``textfile=``, pandoc's filters
and Lua, TeX's ``\\directlua`` and piped ``\\input``, latexmk's Perl, enscript's input
filter, groff's ``.sy`` requests and ``GROFF_BIN_PATH``, exiftool's Perl.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_args import value_of
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._net_reach import loopback_only, unvetted_source
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["DOC_RULES", "TEX_ESCAPES"]


def _values(cmd: Cmd, flags: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for index, arg in enumerate(cmd.args):
        for flag in flags:
            value = value_of(cmd.args, index, flag)
            if value == "" and arg.text.endswith("=") and index + 1 < len(cmd.args):
                value = cmd.args[index + 1].text  # `--lua-filter=<(…)`: the word goes on
            if value is not None and not (len(flag) == 2 and arg.text.startswith("--")):
                found.append(value)
    return found


def _written(path: str, w: Walker) -> str | None:
    return None if UNKNOWN in path else w.written.get(w.place(path).path)


def _read(path: str, cmd: Cmd, w: Walker) -> None:
    path = path.strip("'\"")
    if not path or UNKNOWN in path or "://" in path:
        return
    why = credential(w.place(path), w.ctx)
    if why is not None:
        # credential_read: the program opens the file and puts its text in its output
        w.flag("credential_read", f"{cmd.name} reads {path}: {why}")


def _command(text: str, what: str, w: Walker) -> None:
    if UNKNOWN in text:
        w.flag("dynamic_command", f"{what} runs a command known only at run time")
    elif text.strip():
        w.script(text, what)


# -- ImageMagick ------------------------------------------------------------------------
# a coder that reads a file's text into the image (`label:@F`, `caption:@F`, `text:F`, `@F`)
_IM_READS = re.compile(r"^(?:(?:label|caption|pango):@|text:|txt:|@)(.+)$", re.I)
# an MSL write, and a delegate's URL or filename that carries shell text
_MSL_WRITE = re.compile(r"<write\b[^>]*\bfilename\s*=\s*[\"']([^\"']+)")
_IM_SHELL = re.compile(r"url\([^)]*[\"`|;$]|filename\s*=\s*[\"']\|")
_DELEGATE = re.compile(r"\bcommand\s*=\s*\"([^\"]*)\"")


def _delegates(w: Walker, cmd: Cmd) -> None:
    folders = w.env.values.get("MAGICK_CONFIGURE_PATH") or ""
    for folder in folders.split(":"):
        text = _written(folder.rstrip("/") + "/delegates.xml", w) if folder else None
        for command in _DELEGATE.findall(text or ""):
            command = command.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<")
            # the delegate runs through a shell whenever a file of its format is read
            _command(command.replace("%i", "in").replace("%o", "out"), "a delegate", w)


def imagemagick(cmd: Cmd, w: Walker) -> None:
    _delegates(w, cmd)
    for arg in cmd.args:
        text = arg.text
        if (match := _IM_READS.match(text)) is not None:
            _read(match.group(1), cmd, w)
        path = text.split(":", 1)[1] if re.match(r"^(?:msl|mvg|svg):", text, re.I) else text
        if re.match(r"^msl:|.*\.msl$", text, re.I) and w.fetched(path):
            # download_exec: an MSL script reads and writes whatever files it names
            w.flag("download_exec", f"{cmd.name} runs the MSL script {path}, downloaded")
        script = _written(path, w)
        if script is None:
            continue
        for target in _MSL_WRITE.findall(script):
            write_target(w.place(target), w, f"{cmd.name}'s MSL script")
        if _IM_SHELL.search(script):
            # dynamic_command: a quote or pipe in a URL or filename reaches a delegate's shell
            w.flag("dynamic_command", f"{cmd.name} reads {path}, whose URL carries shell text")


# -- Ghostscript ------------------------------------------------------------------------
_PS_PIPE = re.compile(r"%pipe%((?:\\.|[^()\\])*)")
_PS_FILE = re.compile(r"\(((?:/|~)[^()]*)\)\s*\((?:r|r\+)\)\s*file|\(((?:/|~)[^()]*)\)\s*run")


def ghostscript(cmd: Cmd, w: Walker) -> None:
    for output in _values(cmd, ("-sOutputFile", "-o")):
        output = output.removeprefix("=")
        if output.startswith(("%pipe%", "|")):
            # the output device writes into a command's input: Ghostscript starts it
            _command(output.removeprefix("%pipe%").removeprefix("|"), "gs's output pipe", w)
    code = " ".join(a.text for a in cmd.args if not a.text.startswith("-sOutputFile"))
    for command in _PS_PIPE.findall(code):
        _command(command, "a PostScript %pipe% file", w)
    for match in _PS_FILE.finditer(code):
        _read(match.group(1) or match.group(2), cmd, w)


# -- ffmpeg -----------------------------------------------------------------------------
_NET_OUT = re.compile(
    r"(?:^|[|\]])((?:udp|tcp|rtp|srtp|rtmp[est]?|rtmpte|rtsp|srt|rist|https?|ftp|sftp|icecast"
    r"|tls|zmq|mmsh|mmst|gopher)://[^|\s]+)"
)
_TEXTFILE = re.compile(r"\b(?:textfile|filename|movie|amovie)\s*=\s*('[^']*'|[^:,;\s]+)")


def ffmpeg(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    inputs = {i + 1 for i, v in enumerate(values) if v == "-i"}
    local = False
    for index, value in enumerate(values):
        for match in _TEXTFILE.finditer(value):
            _read(match.group(1), cmd, w)
            local = True
        if index in inputs:
            for path in value.removeprefix("concat:").split("|"):
                _read(path.removeprefix("file:"), cmd, w)  # file:/x and concat:/a|/b read too
            local = local or "://" not in value
            continue
        for url in _NET_OUT.findall(value):
            if local and not loopback_only([url]) and unvetted_source(url):
                # exfiltration: a local file, encoded as media, streamed to another host
                w.flag("exfiltration", f"{cmd.name} sends a local file's data to {url}")


# -- pandoc -----------------------------------------------------------------------------
def pandoc(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if values[:1] == ["lua"]:
        codes = _values(cmd, ("-e",))
        codes += [t for v in values[1:] if (t := _written(v, w)) is not None]
        for code in codes:
            w.code("lua", code)  # `pandoc lua` is a Lua interpreter
        return
    for flag, lang in ((("--filter", "-F"), "sh"), (("--lua-filter", "-L"), "lua")):
        for path in _values(cmd, flag):
            if UNKNOWN in path or path.startswith("/dev/fd/"):
                # dynamic_command: a filter is a program pandoc runs on every document
                w.flag("dynamic_command", "pandoc runs a filter known only at run time")
            elif w.fetched(path):
                w.flag("download_exec", f"pandoc runs the filter {path}, downloaded by this line")
            elif (text := _written(path, w)) is not None:
                w.run_written(path, text, lang=lang)
    options = " ".join(_values(cmd, ("--pdf-engine-opt",)))
    if "shell-escape" in options or "enable-write18" in options:
        for text in values + [t for v in values if (t := _written(v, w)) is not None]:
            tex_text(text, cmd, w)


# -- TeX --------------------------------------------------------------------------------
_WRITE18 = re.compile(
    r"\\(?:(?:immediate\s*\\)?write18|(?:Delayed)?ShellEscape)\s*\{((?:[^{}]|\{[^{}]*\})*)\}"
)
# latexmk's options naming the programs it runs (`-pdflatex="CMD %O %S"`)
_LATEXMK_PROGRAM = re.compile(
    r"^-(?:pdf|lua|xe|dvi)?(?:latex|lualatex|xelatex|bibtex|biber"
    r"|makeindex|dvipdf|ps2pdf|dvips|pdf|lpr|print_type)=(.+)$",
    re.S,
)
_PIPED_INPUT = re.compile(r"\\(?:input|openin\w*\s*=?)\s*\{?\s*\|\s*['\"]?([^'\"}]+)")
_DIRECTLUA = re.compile(r"\\(?:directlua|luaexec|luadirect)\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
TEX_ESCAPES = frozenset({"tex", "etex", "pdftex", "latex", "pdflatex", "xelatex", "xetex"})
TEX_ESCAPES |= frozenset({"lualatex", "luatex", "latexmk", "context", "luahbtex"})


def tex_text(text: str, cmd: Cmd, w: Walker) -> None:
    """TeX source: what ``\\write18``, a piped ``\\input`` and ``\\directlua`` run."""
    for match in _WRITE18.finditer(text):
        _command(match.group(1), f"{cmd.name} \\write18", w)
    for match in _PIPED_INPUT.finditer(text):
        _command(match.group(1), f"{cmd.name} piped \\input", w)
    for match in _DIRECTLUA.finditer(text):
        w.code("lua", match.group(1))


def tex(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "latexmk":
        for code in _values(cmd, ("-e",)):
            w.code("perl", code)  # latexmk -e: Perl code run before the build
        for path in _values(cmd, ("-r",)):
            if (text := _written(path, w)) is not None:
                w.code("perl", text)
        for value in values:
            if (match := _LATEXMK_PROGRAM.match(value)) is not None:
                command = re.sub(r"%[A-Za-z]", "file", match.group(1))
                _command(command, "a program latexmk runs", w)
    for text in values + cmd.fed_texts():
        tex_text(text, cmd, w)
    for value in values:
        if (text := _written(value, w)) is not None:
            tex_text(text, cmd, w)


# -- enscript, groff, exiftool ------------------------------------------------------------
_ROFF_RUNS = re.compile(r"^\.(?:sy|pso|pi)\s+(.+)$", re.M)


def groff(cmd: Cmd, w: Walker) -> None:
    texts = cmd.fed_texts() + [t for v in cmd.values() if (t := _written(v, w)) is not None]
    for text in texts:
        for command in _ROFF_RUNS.findall(text):
            # .sy/.pso/.pi hand the rest of the request to a shell (groff -U)
            _command(command, f"a {cmd.name} request", w)
    folders = w.env.values.get("GROFF_BIN_PATH") or ""
    for folder in (f for f in folders.split(":") if f and UNKNOWN not in f):
        prefix = w.place(folder).path.rstrip("/") + "/"
        for path, text in list(w.written.items()):
            if path.startswith(prefix) and "/" not in path[len(prefix) :]:
                w.run_written(path, text)  # the front end runs its helpers from that folder


# exiftool's advanced formatting: `${TAG;EXPR}` runs EXPR as Perl on the value
_EXIF_EXPR = re.compile(r"\$\{[\w:#-]*;((?:[^{}]|\{[^{}]*\})*)\}")


def exiftool(cmd: Cmd, w: Walker) -> None:
    codes = _values(cmd, ("-if",))
    codes += [v.split("=", 1)[1] for v in _values(cmd, ("-api",)) if v.lower().startswith("filter")]
    codes += [m for a in cmd.args for m in _EXIF_EXPR.findall(a.text)]
    for code in codes:
        w.code("perl", code)  # -if EXPR, -api Filter=EXPR, ${TAG;EXPR}: Perl, run per file
    for path in _values(cmd, ("-config",)):
        if w.fetched(path):
            w.flag("download_exec", f"exiftool loads {path}, downloaded by this line")
        elif (text := _written(path, w)) is not None:
            w.code("perl", text)  # the config file is Perl, run at start-up


def enscript(cmd: Cmd, w: Walker) -> None:
    for command in _values(cmd, ("-I", "--filter")):
        # the input filter runs through a shell for every file
        _command(command.replace("%s", "file"), "enscript's input filter", w)


_MAGICK = ("convert", "magick", "mogrify", "montage", "composite", "conjure", "compare")
DOC_RULES: dict[str, Rule] = {name: imagemagick for name in _MAGICK}
DOC_RULES |= {n: ghostscript for n in ("gs", "gsc", "gsx", "ps2pdf", "ps2ps", "pdf2ps")}
DOC_RULES |= {"ffmpeg": ffmpeg, "ffplay": ffmpeg, "pandoc": pandoc, "exiftool": exiftool}
DOC_RULES |= {name: tex for name in TEX_ESCAPES}
DOC_RULES |= {n: groff for n in ("groff", "troff", "nroff", "gtroff", "gnroff")}
DOC_RULES |= {"enscript": enscript}
