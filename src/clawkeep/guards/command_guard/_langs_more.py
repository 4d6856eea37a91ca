"""The inline-code table, second part: languages whose interpreters take code on the command
line or their input but spell running a command, deleting and writing their own way: the
Lisps and Schemes (``(system "…")``, ``(run-program "/bin/sh" '("-c" "…"))``), Clojure and
babashka, Elixir and Erlang, the JVM's scripting languages (Groovy's ``"…".execute()``,
Scala's ``"…".!``, Kotlin and jshell's ``ProcessBuilder``), Haskell, OCaml, Prolog, Pike,
Forth, Nim and zx.

Each interpreter's options that carry code are listed with it (``racket -e``, ``sbcl
--eval``, ``erl -eval``, ``swipl -g``); the code is judged by its language's row here and by
the generic patterns every language's code meets (``_inline``).
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._langs_base import QUOTED, QUOTED2, LangRules, calls

__all__ = ["MORE_CODE_FLAGS", "MORE_LANGS", "MORE_LANG_OF"]

# interpreter -> the options whose value (or attached rest) is inline code; () for those
# that read their program only from a file or their input
MORE_CODE_FLAGS: dict[str, tuple[str, ...]] = {
    "guile": ("-c",),
    "racket": ("-e", "--eval"),
    "sbcl": ("--eval",),
    "clisp": ("-x",),
    "ecl": ("-eval", "--eval"),
    "csi": ("-e", "-p", "-P"),
    "mit-scheme": ("--eval",),
    "gosh": ("-e",),
    "chibi-scheme": ("-e", "-p"),
    "gxi": ("-e",),
    "scheme": (),
    "chez": (),
    "petite": (),
    "hy": ("-c",),
    "fennel": ("-e", "--eval"),
    "bb": ("-e", "--eval"),
    "clojure": ("-e", "--eval"),
    "clj": ("-e", "--eval"),
    "elixir": ("-e", "--eval"),
    "iex": ("-e", "--eval"),
    "erl": ("-eval",),
    "escript": (),
    "groovy": ("-e",),
    "scala": ("-e",),
    "kotlin": ("-e",),
    "kotlinc": ("-e",),
    "jshell": (),
    "ghc": ("-e",),
    "runghc": (),
    "runhaskell": (),
    "ocaml": (),
    "swipl": ("-g", "-t"),
    "pike": ("-e",),
    "gforth": ("-e", "--evaluate"),
    "nim": ("--eval:", "--eval="),
    "zx": ("-e", "--eval"),
    "sage": ("-c",),
    "maxima": ("--batch-string", "--batch-string=", "-r", "--run-string", "--run-string="),
    "gnuplot": ("-e",),
    "dc": ("-e", "--expression", "--expression="),
    "raku": ("-e",),
    "perl6": ("-e",),
    "rakudo": ("-e",),
    "qjs": ("-e", "--eval"),
    "quickjs": ("-e", "--eval"),
}
_LISPS = ("guile", "racket", "sbcl", "clisp", "ecl", "csi", "mit-scheme", "gosh", "chibi-scheme")
_LISPS_2 = ("gxi", "scheme", "chez", "petite", "hy", "fennel")
_JVM = ("groovy", "scala", "kotlin", "kotlinc", "jshell")
MORE_LANG_OF: dict[str, str] = {
    **dict.fromkeys(_LISPS + _LISPS_2, "lisp"),
    **dict.fromkeys(("bb", "clojure", "clj"), "clojure"),
    **dict.fromkeys(("elixir", "iex"), "elixir"),
    **dict.fromkeys(("erl", "escript"), "erlang"),
    **dict.fromkeys(_JVM, "jvm"),
    **dict.fromkeys(("ghc", "runghc", "runhaskell"), "haskell"),
    "ocaml": "ocaml",
    "swipl": "prolog",
    "pike": "pike",
    "gforth": "forth",
    "nim": "nim",
    "zx": "zx",
    "sage": "python",
    "maxima": "maxima",
    "gnuplot": "gnuplot",
    "dc": "dc",
    **dict.fromkeys(("raku", "perl6", "rakudo"), "raku"),
    **dict.fromkeys(("qjs", "quickjs"), "quickjs"),
}

_S = r"\"(?:\\.|[^\"\\])*\""  # one double-quoted literal
_PKG = r"(?:[\w.-]+(?::{1,2}|/))?"  # a package prefix: sb-ext:, uiop:, clojure.java.shell/
# Lisp forms are `(name "arg" …)`: the name follows the parenthesis.
_LISP_RUNS = (
    r"system|run-program|shell|run-shell-command|shell-command|process|sys-system"
    r"|os\.system|os\.popen|os\.execute|io\.popen|open-input-pipe|open-output-pipe"
    r"|open-pipe|call-process-shell-command|subprocess\.(?:run|call|check_output|Popen)"
)
_LISP_ARGV = (
    r"system\*|process\*|sys-exec|open-pipe\*\s+\S+"
    r"|subprocess(?:\s+(?:#[ft]|\([^()]*\)|[\w-]+)){0,3}"
)
_NOT_LITERAL = r"(?![\"'])"  # what follows a process call is not a string literal
_JVM_FILE = r"(?:new\s+)?File\s*\(\s*" + QUOTED + r"\s*\)\s*\.\s*"
_JVM_PATH2 = r"(?:Paths\.get|Path\.of)\s*\(\s*" + QUOTED2

MORE_LANGS: dict[str, LangRules] = {
    "lisp": LangRules(
        computed=re.compile(
            r"\("
            + _PKG
            + r"(?:"
            + _LISP_RUNS
            + r"|"
            + _LISP_ARGV
            + r"|run-program)\s+"
            + _NOT_LITERAL
        ),
        socket=re.compile(
            r"\(" + _PKG + r"(?:tcp-connect|udp-open-socket|socket-connect|make-socket"
            r"|open-socket-stream|make-client-socket|open-tcp-stream|make-inet-socket"
            r"|socket\s+(?:PF|AF)_INET)\b"
        ),
        runs=re.compile(r"\(" + _PKG + r"(?:" + _LISP_RUNS + r")\s+" + QUOTED),
        argv=re.compile(
            r"\(" + _PKG + r"(?:run-program)\s+(" + _S + r")\s+(?::arguments\s+)?"
            r"(?:'|#|`)?\(\s*(?:list\s+|vector\s+)?((?:\s*" + _S + r")*)"
            r"|\(" + _PKG + r"(?:" + _LISP_ARGV + r")\s+((?:\s*" + _S + r")+)"
        ),
        deletes=re.compile(
            r"\(" + _PKG + r"(?:delete-file|delete-directory(?:/files|-tree)?|rm-rf"
            r"|remove-file|sys-unlink|sys-remove|file-delete|shutil\.rmtree|os\.remove)"
            r"\s+(?:#p)?" + QUOTED
        ),
        writes=(
            re.compile(
                r"\(" + _PKG + r"(?:with-output-to-file|call-with-output-file|open-output-file"
                r"|display-to-file|write-to-file)\s+(?:#p)?" + QUOTED
            ),
            re.compile(r"\(with-open-file\s+\(\s*\S+\s+(?:#p)?" + QUOTED + r"[^)]*:output"),
        ),
        reads=re.compile(
            r"\(" + _PKG + r"(?:with-input-from-file|call-with-input-file|open-input-file"
            r"|file->string|file->bytes|file->lines|read-file|read-file-string"
            r"|read-file-into-string)\s+(?:#p)?"
            + QUOTED
            + r"|\(with-open-file\s+\(\s*\S+\s+(?:#p)?"
            + QUOTED2
        ),
    ),
    "clojure": LangRules(
        computed=re.compile(
            r"\(" + _PKG + r"(?:shell|process|sh)\s+(?:\{[^}]*\}\s*)?" + _NOT_LITERAL
        ),
        socket=re.compile(r"java\.net\.Socket|\(Socket\.\s|\(java\.net\.Socket\."),
        runs=re.compile(r"\(" + _PKG + r"(?:shell|process)\s+(?:\{[^}]*\}\s*)?" + QUOTED),
        argv=re.compile(r"\(" + _PKG + r"sh\s+((?:\s*" + _S + r")+)"),
        deletes=re.compile(
            r"\(" + _PKG + r"(?:delete-tree|delete-file|delete|delete-if-exists)\s+" + QUOTED
        ),
        writes=(re.compile(r"\(" + _PKG + r"(?:spit|write-bytes|write-lines)\s+" + QUOTED),),
        reads=re.compile(r"\(" + _PKG + r"(?:slurp|read-all-bytes|read-all-lines)\s+" + QUOTED),
    ),
    "elixir": LangRules(
        computed=re.compile(
            r"(?:System\.(?:shell|cmd)|:os\.cmd)\s*\(?\s*(?:~c)?"
            + _NOT_LITERAL
            + r"|Port\.open\s*\(\s*\{\s*:spawn\s*,\s*"
            + _NOT_LITERAL
            + r'|(?:System\.shell|:os\.cmd)\s*\(?\s*"[^"\n]*"\s*<>'  # joined: built
        ),
        socket=re.compile(r":gen_tcp\.connect|:gen_udp\.open|:ssl\.connect"),
        runs=re.compile(
            r"(?:System\.shell|:os\.cmd)\s*\(?\s*(?:~c)?"
            + QUOTED
            + r"|Port\.open\s*\(\s*\{\s*:spawn\s*,\s*"
            + QUOTED2
        ),
        argv=re.compile(r"System\.cmd\s*\(?\s*(" + _S + r")\s*,\s*\[([^\]]*)\]"),
        deletes=calls(r"File\.rm(?:_rf|dir)?!?"),
        writes=(calls(r"File\.write!?"), calls(r"File\.(?:cp|cp_r|rename)!?", first=False)),
        reads=calls(r"File\.read!?"),
    ),
    "erlang": LangRules(
        computed=re.compile(
            r"\bos:cmd\s*\(\s*"
            + _NOT_LITERAL
            + r"|\bopen_port\s*\(\s*\{\s*spawn\s*,\s*"
            + _NOT_LITERAL
            + r'|\bos:cmd\s*\(\s*"[^"\n]*"\s*\+\+'  # a literal joined to more: built
        ),
        socket=re.compile(r"\bgen_tcp:connect|\bgen_udp:open|\bssl:connect"),
        runs=re.compile(
            r"\bos:cmd\s*\(\s*" + QUOTED + r"|\bopen_port\s*\(\s*\{\s*spawn\s*,\s*" + QUOTED2
        ),
        argv=re.compile(
            r"\bopen_port\s*\(\s*\{\s*spawn_executable\s*,\s*(" + _S + r")\s*\}"
            r"\s*,\s*\[[^\]]*?\{\s*args\s*,\s*\[([^\]]*)\]"
        ),
        deletes=calls(r"\bfile:(?:delete|del_dir_r|del_dir)"),
        writes=(calls(r"\bfile:write_file"),),
        reads=calls(r"\bfile:read_file"),
    ),
    "jvm": LangRules(
        # `("rm -rf " + dir).execute()`, `(cmd).!`: a built string run; `Process(cmd)`
        computed=re.compile(
            r"(?<![\w\]])\((?:[^()\n]|\([^()\n]*\))*\)\s*\.\s*(?:execute\b|!!?(?!=))"
            r"|\bProcess\s*\(\s*" + _NOT_LITERAL + r"(?!(?:Seq|List)\s*\()"
        ),
        socket=re.compile(r"java\.net\.(?:Server)?Socket|\bSocket\s*\(\s*\"|DatagramSocket"),
        runs=re.compile(
            QUOTED + r"\s*\.\s*(?:execute\b|!!?(?!=))"  # Groovy "…".execute(), Scala "…".!
            r"|\bProcess\s*\(\s*" + QUOTED2
        ),
        argv=re.compile(
            r"\[([^\]]*)\]\s*\.\s*execute\b"
            r"|\b(?:Seq|List)\s*\(([^)]*)\)\s*\.?\s*!!?(?!=)"
            r"|\bProcess\s*\(\s*(?:Seq|List)\s*\(([^)]*)\)"
            r"|\bProcessBuilder\s*\(\s*(?:listOf\s*\(|List\.of\s*\(|Arrays\.asList\s*\("
            r"|new\s+String\s*\[\s*\]\s*\{)?([^(){}]*)"
        ),
        deletes=re.compile(
            _JVM_FILE + r"(?:delete|deleteDir|deleteRecursively|deleteOnExit)\b"
            r"|Files\.delete\w*\s*\(\s*" + _JVM_PATH2
        ),
        writes=(
            re.compile(_JVM_FILE + r"(?:write|append|writeText|writeBytes|appendText|newWriter)"),
            calls(r"\bFileWriter|\bFileOutputStream|\bPrintWriter"),
        ),
        reads=re.compile(
            _JVM_FILE + r"(?:text|bytes|readText|readBytes|readLines|getText|eachLine)\b"
            r"|Source\.fromFile\s*\(\s*" + QUOTED2
        ),
    ),
    "haskell": LangRules(
        computed=re.compile(
            r"\b(?:callCommand|system|spawnCommand|runCommand|shell|callProcess|rawSystem"
            r"|readProcess|proc|spawnProcess)\s+" + _NOT_LITERAL + r"(?![\w.]*\s*$)"
        ),
        socket=re.compile(r"\bconnectTo\b|Network\.Socket|\bopenSocket\b"),
        runs=calls(r"\b(?:callCommand|system|spawnCommand|runCommand|shell)\b"),
        argv=re.compile(
            r"\b(?:callProcess|rawSystem|readProcess(?:WithExitCode)?|proc|spawnProcess"
            r"|runProcess)\s+(" + _S + r")\s+\[([^\]]*)\]"
        ),
        deletes=calls(
            r"\b(?:removeDirectoryRecursive|removePathForcibly|removeFile|removeDirectory)\b"
        ),
        writes=(calls(r"\b(?:writeFile|appendFile)\b"),),
        reads=calls(r"\breadFile\b"),
    ),
    "ocaml": LangRules(
        socket=re.compile(r"Unix\.(?:socket|open_connection)\b"),
        runs=calls(r"\b(?:Sys\.command|Unix\.system|Unix\.open_process(?:_in|_out|_full)?)\b"),
        argv=re.compile(r"\bUnix\.(?:execvp?|create_process)\s+(" + _S + r")\s+\[\|([^|]*)\|\]"),
        deletes=calls(r"\b(?:Sys\.remove|Unix\.unlink|Sys\.rmdir|Unix\.rmdir)\b"),
        writes=(calls(r"\b(?:open_out|open_out_bin|Out_channel\.with_open_\w+)\b"),),
        reads=calls(r"\b(?:open_in|open_in_bin|In_channel\.with_open_\w+)\b"),
    ),
    "prolog": LangRules(
        computed=re.compile(r"\bshell\s*\(\s*" + _NOT_LITERAL),
        socket=re.compile(r"\btcp_connect\b|\btcp_socket\b|\budp_socket\b"),
        runs=re.compile(
            r"\bshell\s*\(\s*"
            + QUOTED
            + r"|\bprocess_create\s*\(\s*path\(\s*(?:ba|da|z)?sh\s*\)\s*,\s*\[\s*['\"]-c['\"]"
            r"\s*,\s*" + QUOTED2
        ),
        deletes=calls(r"\b(?:delete_file|delete_directory)\b"),
        writes=(re.compile(r"\bopen\s*\(\s*" + QUOTED + r"\s*,\s*(?:write|append)\b"),),
        reads=calls(r"\b(?:read_file_to_string|read_file_to_terms)\b"),
    ),
    "pike": LangRules(
        computed=re.compile(r"Process\.(?:system|popen|spawn|run)\s*\(\s*" + _NOT_LITERAL),
        socket=re.compile(r"Stdio\.(?:File|Port)\s*\(\s*\)\s*->\s*connect|Stdio\.UDP"),
        runs=calls(r"Process\.(?:system|popen|spawn|run)\b"),
        argv=re.compile(r"Process\.(?:create_process|run|Process)\s*\(\s*\(\{([^}]*)\}\)"),
        deletes=calls(r"\b(?:rm|Stdio\.recursive_rm)\b"),
        writes=(calls(r"Stdio\.write_file\b"),),
        reads=calls(r"Stdio\.read_(?:file|bytes)\b"),
    ),
    "forth": LangRules(
        # gforth: s" text" system (the text runs in a shell); s" path" delete-file
        runs=re.compile(r"\bs\"\s(?P<s>[^\"]*)\"\s+system\b", re.I),
        deletes=re.compile(r"\bs\"\s(?P<s>[^\"]*)\"\s+delete-file\b", re.I),
    ),
    "gnuplot": LangRules(
        # a line (or statement) starting with ! is a shell command; `…` substitutes one
        runs=re.compile(r"(?:^|[;\n])\s*!(?P<s>[^;\n]*)"),
        backticks=True,
    ),
    "dc": LangRules(
        # ! runs the rest of the line in a shell (!<, !>, != are comparisons)
        runs=re.compile(r"!(?![<>=])(?P<s>[^\n]*)"),
    ),
    "nim": LangRules(
        computed=re.compile(
            r"\b(?:execCmd|execCmdEx|execShellCmd|execProcess|startProcess)\s*\(\s*"
            + _NOT_LITERAL
            + r'|\b(?:execCmd|execCmdEx|execShellCmd|execProcess|startProcess)\s*\([^)\n]*"\s*&'
        ),
        socket=re.compile(r"\bnewSocket\b|\bdial\s*\(|\bnewAsyncSocket\b"),
        runs=calls(r"\b(?:execCmd|execCmdEx|execShellCmd|execProcess|startProcess)\b"),
        deletes=calls(r"\b(?:removeDir|removeFile|tryRemoveFile)\b"),
        writes=(calls(r"\bwriteFile\b"),),
        reads=calls(r"\breadFile\b"),
    ),
}
# Raku: `shell "…"`, qx{…}/qqx{…} and `run <…>` run commands (a word list is shell words),
# `run "prog", "arg"` and Proc::Async an argv; EVAL runs code built at run time.
MORE_LANGS["raku"] = LangRules(
    computed=re.compile(
        r"\b(?:shell|run)\s*\(?\s*(?![\"'<\s(])|\bEVAL\b|\bqq?x\s*[{(\[/|!][^})\]/|!]*\$"
    ),
    socket=re.compile(r"IO::Socket::(?:INET|Async)"),
    runs=re.compile(
        r"\bshell\s*\(?\s*" + QUOTED + r"|(?:\bqq?x\s*[{(\[/|!]|\brun\s*\(?\s*<)(?P<s2>[^})\]>|!]*)"
    ),
    argv=re.compile(r"\b(?:run|Proc::Async\.new)\s*\(?\s*((?:(?:" + _S + r"|'[^']*')\s*,?\s*)+)"),
    deletes=re.compile(
        r"\b(?:unlink|rmdir)\s*\(?\s*" + QUOTED + r"|" + QUOTED2 + r"\.IO\.(?:unlink|rmdir)"
    ),
    writes=(calls(r"\bspurt\b"), re.compile(QUOTED + r"\.IO\.(?:spurt|open\s*\(\s*:[wa])")),
    reads=re.compile(r"\bslurp\s*\(?\s*" + QUOTED + r"|" + QUOTED2 + r"\.IO\.(?:slurp|lines)"),
)
# QuickJS (qjs --std): os.exec([argv]) runs a program, std.popen("…") a shell command;
# std.evalScript runs code built at run time.
MORE_LANGS["quickjs"] = LangRules(
    computed=re.compile(
        r"\b(?:os\.exec|std\.popen)\s*\(\s*(?![\[\"'])|\bstd\.evalScript\s*\(\s*(?![\"'])"
    ),
    runs=re.compile(r"\bstd\.popen\s*\(\s*" + QUOTED),
    argv=re.compile(r"\bos\.exec\s*\(\s*\[([^\]]*)\]"),
    deletes=calls(r"\bos\.remove\b"),
    writes=(
        calls(r"\bstd\.open(?=[^)]*[\"'][wa+])|\bstd\.writeFile\b"),
        calls(r"\bos\.(?:rename|symlink)\b", first=False),
    ),
    reads=calls(r"\bstd\.(?:loadFile|open)\b"),
)
