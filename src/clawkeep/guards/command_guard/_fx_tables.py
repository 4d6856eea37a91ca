"""The effect tables, as data: programs by effect, and the options or operands that carry it.

A new program with a known effect is a new row here, not a new special case; the
``_fx_*`` module named in each section's heading reads it.
"""

from __future__ import annotations

__all__ = [
    "CLOUD_COPY",
    "COMMAND_OPTIONS",
    "ESCAPE_OPTIONS",
    "HTTPIE",
    "IN_PLACE",
    "LOOKUP",
    "PUT_SWITCHES",
    "SENDS_FILE_OPTION",
    "SERVES",
    "SOCKET_SERVERS",
    "STDIN_BODY",
    "TELNETDS",
    "URL_CLIENTS",
    "WEB_SHELLS",
    "WRITES",
]

# -- sends a local file: HTTP benchmarkers and clients (_fx_send) --------------------------
# program -> options whose value is a local file the program sends as a request body.
SENDS_FILE_OPTION: dict[str, frozenset[str]] = {
    "ab": frozenset({"-p", "-u"}),
    "hey": frozenset({"-D"}),
    "oha": frozenset({"-D"}),
    "h2load": frozenset({"-d", "--data"}),
    "vegeta": frozenset({"-body"}),
    "wget": frozenset({"--post-file", "--body-file"}),
    "mosquitto_pub": frozenset({"-f", "--file"}),
    "tftp": frozenset(),
    "atftp": frozenset(),
    "ftpput": frozenset(),
}
# Clients that upload their local-file operands: always (busybox's ftpput HOST REMOTE
# LOCAL…), or given a put switch (busybox/atftp `tftp -p -l FILE HOST`).
PUT_SWITCHES: dict[str, frozenset[str] | None] = {
    "ftpput": None,
    "tftp": frozenset({"-p", "--put"}),
    "atftp": frozenset({"-p", "--put"}),
}
# HTTPie-style clients: request items ``field@file``, ``@file``, ``field=@file`` send a file.
HTTPIE = frozenset({"http", "https", "xh", "xhs", "httpie"})
# Clients that send their standard input as the request body when it is a file or a pipe.
STDIN_BODY = frozenset({"http", "https", "xh", "xhs", "lwp-request", "POST", "PUT", "siege"})


# -- a lookup that carries data: DNS and other name clients (_fx_send) ---------------------
# A name computed at run time ($(…), a variable set from a command) carries data out in
# the query itself, to whoever runs the zone's name server.
LOOKUP = frozenset({"dig", "nslookup", "host", "drill", "delv", "kdig", "ping", "ping6"})
LOOKUP |= frozenset({"whois", "traceroute", "tracepath", "mtr", "getent", "resolvectl"})


# -- cloud copies: the destination decides (_fx_send) --------------------------------------
# program -> verbs that copy; the copy leaves the machine when its last operand is remote.
CLOUD_COPY: dict[str, frozenset[str]] = {
    "aws": frozenset({"cp", "sync", "mv"}),
    "gsutil": frozenset({"cp", "rsync", "mv"}),
    "gcloud": frozenset({"cp", "rsync", "mv"}),
    "rclone": frozenset({"copy", "sync", "move", "copyto", "moveto", "bisync"}),
    "s3cmd": frozenset({"put", "sync", "cp", "mv"}),
    "azcopy": frozenset({"copy", "cp", "sync"}),
    "mc": frozenset({"cp", "mirror", "mv"}),
    "mcli": frozenset({"cp", "mirror", "mv"}),  # MinIO's client as Debian names it
    "b2": frozenset({"upload-file", "sync"}),
}


# -- serves files: one-line web servers and proxies (_fx_serve) ----------------------------
# program -> (options naming the served root, which operand is the root (1: the first
#             operand, 2: the second, 0: none), options naming the listen address).
#             Unless told otherwise they listen on every interface, so the served files
#             are readable from other machines.
SERVES: dict[str, tuple[frozenset[str], int, frozenset[str]]] = {
    "httpd": (frozenset({"-h"}), 0, frozenset({"-p"})),
    "http-server": (frozenset(), 1, frozenset({"-a"})),
    "serve": (frozenset(), 1, frozenset({"-l", "--listen"})),
    "live-server": (frozenset({"--root"}), 1, frozenset({"--host"})),
    "twistd": (frozenset({"--path"}), 0, frozenset({"--listen", "--port"})),
    "webfsd": (frozenset({"-r"}), 0, frozenset({"-i"})),
    "darkhttpd": (frozenset(), 1, frozenset({"--addr"})),
    "miniserve": (frozenset(), 1, frozenset({"-i", "--interfaces"})),
    "caddy": (frozenset({"--root", "-r"}), 0, frozenset({"--listen", "-l"})),
    "uploadserver": (frozenset({"-d", "--directory"}), 0, frozenset({"-b", "--bind"})),
    "http.server": (frozenset({"-d", "--directory"}), 0, frozenset({"-b", "--bind"})),
    "pyftpdlib": (frozenset({"-d", "--directory"}), 0, frozenset({"-i", "--interface"})),
    "updog": (frozenset({"-d", "--directory"}), 0, frozenset()),
    "ruby-httpd": (frozenset(), 1, frozenset({"-b", "--bind-address"})),
    "goshs": (frozenset({"-d", "--dir"}), 0, frozenset({"-i", "--ip"})),
    "atftpd": (frozenset(), 1, frozenset({"--bind-address"})),
    "ptftpd": (frozenset(), 2, frozenset()),  # ptftpd [-p PORT] IFACE ROOT
    "pure-ftpd": (frozenset(), 0, frozenset({"-S", "--bind"})),
    "vsftpd": (frozenset(), 0, frozenset()),
    "ftp-srv": (frozenset({"--root", "-r"}), 0, frozenset()),
    "ftpd": (frozenset(), 1, frozenset()),  # busybox ftpd [-w] ROOT, run by tcpsvd or inetd
}


# -- hands each connection on a port to a program (_fx_serve) ------------------------------
# program -> options that take a value; after them come IP PORT PROG ARGS (ucspi style).
SOCKET_SERVERS: dict[str, frozenset[str]] = {
    "tcpsvd": frozenset({"-c", "-C", "-b", "-u", "-l", "-x", "-B", "-t"}),
    "udpsvd": frozenset({"-c", "-C", "-b", "-u", "-l", "-x", "-B", "-t"}),
    "tcpserver": frozenset({"-c", "-b", "-x", "-u", "-g", "-l", "-t", "-T", "-B"}),
    "s6-tcpserver": frozenset({"-c", "-C", "-b", "-u", "-g"}),
}
# Telnet daemons: whoever connects gets the login program (-l PROG: that program).
TELNETDS = frozenset({"telnetd", "utelnetd", "in.telnetd"})


# -- raw protocols through a URL (_fx_url) -------------------------------------------------
URL_CLIENTS = frozenset({"curl", "wget", "aria2c", "xh", "xhs", "http", "https", "lwp-request"})
URL_CLIENTS |= frozenset({"GET", "POST", "HEAD", "PUT", "fetch", "httpie"})


# -- runs a command given in an option or in its input (shell escapes) (_fx_escape) --------
# program -> options whose value is text the program hands to a shell after a prefix
# (`\! cmd` in mysql, `.shell cmd` in sqlite3 ...); the same prefixes in its input.
ESCAPE_OPTIONS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "sqlite3": (frozenset({"-cmd", "--cmd"}), (".shell ", ".system ")),
    "mysql": (frozenset({"-e", "--execute"}), ("\\!", "system ")),
    "mariadb": (frozenset({"-e", "--execute"}), ("\\!", "system ")),
    "psql": (frozenset({"-c", "--command"}), ("\\!",)),
    "ed": (frozenset(), ("!",)),
    "ex": (frozenset(), ("!",)),
    "ftp": (frozenset(), ("!",)),
    "sftp": (frozenset(), ("!",)),
    "lftp": (frozenset({"-e", "-c"}), ("!",)),
    "smbclient": (frozenset({"-c", "--command"}), ("!",)),
    "gdb": (frozenset(), ("shell ", "!")),
    "pdb": (frozenset(), ("!",)),
    "redis-cli": (frozenset(), ()),
}
# program -> options whose whole value is a shell command it runs.
COMMAND_OPTIONS: dict[str, frozenset[str]] = {
    "openvpn": frozenset({"--up", "--down", "--route-up", "--route-pre-down", "--ipchange"})
    | frozenset({"--client-connect", "--client-disconnect", "--learn-address", "--tls-verify"})
    | frozenset({"--auth-user-pass-verify", "--iproute"}),
    "gem": frozenset({"-e", "--editor"}),
    # nano/pico -s PROG: the spell checker runs through a shell on the buffer
    "nano": frozenset({"-s", "--speller"}),
    "rnano": frozenset({"-s", "--speller"}),
    "pico": frozenset({"-s"}),
    "git": frozenset(),
    "less": frozenset(),
    "dtrace": frozenset({"-c"}),
    "inotifywait": frozenset(),
    "entr": frozenset(),
    "ssh-agent": frozenset(),
    "crash": frozenset({"-c"}),
    "nmap": frozenset(),
}


# -- hands out a shell over the web: notebooks, web IDEs and web terminals (_fx_serve) -----
# program -> (options naming the listen address, whether it listens on every interface
#             unless told otherwise). On another machine's reach, each is a shell there.
WEB_SHELLS: dict[str, tuple[frozenset[str], bool]] = {
    "jupyter": (frozenset({"--ip", "--ServerApp.ip", "--NotebookApp.ip"}), False),
    "jupyter-lab": (frozenset({"--ip", "--ServerApp.ip"}), False),
    "jupyter-notebook": (frozenset({"--ip", "--NotebookApp.ip"}), False),
    "code-server": (frozenset({"--bind-addr"}), False),
    "openvscode-server": (frozenset({"--host"}), False),
    "ttyd": (frozenset({"-i", "--interface"}), True),
    "gotty": (frozenset({"-a", "--address"}), True),
    "wetty": (frozenset({"--host"}), True),
}


# -- writes where an option or its last operand says (_fx_writes) --------------------------
# program -> (options whose value is a path written or extracted into, whether the last
#             operand is a destination, the flag letters/words that make it write at all)
WRITES: dict[str, tuple[frozenset[str], bool, tuple[str, ...]]] = {
    "tar": (frozenset({"-C", "--directory"}), False, ("x", "--extract", "--get")),
    "bsdtar": (frozenset({"-C", "--directory"}), False, ("x",)),
    "unzip": (frozenset({"-d"}), False, ()),
    "7z": (frozenset({"-o"}), False, ()),
    "7za": (frozenset({"-o"}), False, ()),
    "7zr": (frozenset({"-o"}), False, ()),
    "7zz": (frozenset({"-o"}), False, ()),
    "sort": (frozenset({"-o", "--output"}), False, ()),
    "exiftool": (
        frozenset({"-o", "-filename", "-FileName", "-directory", "-Directory"}),
        False,
        (),
    ),
    "split": (frozenset(), True, ()),
    "csplit": (frozenset({"-f", "--prefix"}), False, ()),
    "patch": (frozenset({"-o", "--output", "-d", "--directory"}), False, ()),
    "rsync": (frozenset(), True, ()),
    "curl": (frozenset({"--output-dir"}), False, ()),
    "cpio": (frozenset({"-D", "--directory"}), False, ()),
    "xz": (frozenset(), False, ()),
    # converters, encoders and compressors whose output option names the file they write
    # (operand-named outputs, sponge, uniq, xxd, lz4, objcopy, uudecode: _fx_outputs)
    "shuf": (frozenset({"-o", "--output"}), False, ()),
    "iconv": (frozenset({"-o", "--output"}), False, ()),
    "uconv": (frozenset({"-o"}), False, ()),
    "openssl": (frozenset({"-out", "-keyout"}), False, ()),
    "gpg": (frozenset({"-o", "--output"}), False, ()),
    "gpg2": (frozenset({"-o", "--output"}), False, ()),
    "pandoc": (frozenset({"-o", "--output", "--extract-media"}), False, ()),
    "msgfmt": (frozenset({"-o", "--output-file", "-D", "--directory"}), False, ()),
    "msgmerge": (frozenset({"-o", "--output-file"}), False, ()),
    "msgcat": (frozenset({"-o", "--output-file"}), False, ()),
    "msgunfmt": (frozenset({"-o", "--output-file"}), False, ()),
    "zstd": (frozenset({"-o", "--output-dir-flat", "--output-dir-mirror"}), False, ()),
    "unzstd": (frozenset({"-o", "--output-dir-flat", "--output-dir-mirror"}), False, ()),
    "brotli": (frozenset({"-o", "--output"}), False, ()),
    "base64": (frozenset({"-o", "--output"}), False, ()),  # macOS base64 -o FILE
}
# Compilers and linkers: -o names the file they write (a library put where the loader reads).
for _cc in ("gcc", "g++", "cc", "c++", "clang", "clang++", "ld", "tcc", "musl-gcc", "as"):
    WRITES[_cc] = (frozenset({"-o"}), False, ())

# Binary tools that rewrite each file operand in place unless told where to write:
# program -> (options naming the output instead, options that only read or print)
IN_PLACE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "upx": (frozenset({"-o", "--output"}), frozenset({"-t", "--test", "-l", "--list"})),
    "strip": (frozenset({"-o"}), frozenset()),
    "patchelf": (frozenset({"--output"}), frozenset({"--print-interpreter", "--print-rpath"})),
    "chrpath": (frozenset(), frozenset({"-l", "--list"})),
    "execstack": (frozenset(), frozenset({"-q", "--query"})),
}
