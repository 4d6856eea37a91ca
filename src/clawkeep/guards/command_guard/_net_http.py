"""Whether an HTTP client (curl, wget) sends local data, reads its options from a file,
or reaches beyond loopback without egress.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._net_literal_post import literal_body
from clawkeep.guards.command_guard._net_reach import egress, loopback_only, runtime_payload, urls_in
from clawkeep.guards.command_guard._net_secrets import secret_sent
from clawkeep.guards.command_guard._net_urllist import fed_input, secret_file, url_list
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import SECRET_VAR

__all__ = ["curl"]


# Short options that take a value, per client: `-sd @f` is `-s -d @f`, `-Tf` is `-T f`.
_SHORT_VALUES = {
    "curl": frozenset("AbcCdDeEFHKmoPQrTtuUwxXyYz"),
    "wget": frozenset("aAbBDeiIlnOoPQRTtUwXY"),
    "fetch": frozenset("BiNoSTh"),  # FreeBSD fetch(1): `-qo FILE` is `-q -o FILE`
    "ftp": frozenset("cDoPrsSUwk"),  # OpenBSD ftp(1)
}
# Options that read more options from a file (curl -K, wget --config) or run wgetrc
# commands (wget -e post_file=…): what they send is not on the line.
_OPTION_FILES = re.compile(r"^(-K|--config|-e|--execute)(=.*)?$")
_WGETRC_SENDS = re.compile(r"^\s*(post|body)_(file|data)\s*=", re.I)


def _split_short(values: list[str], letters: frozenset[str]) -> list[str]:
    """Clusters of short options as separate words, attached values as the next word."""
    out: list[str] = []
    for value in values:
        if not value.startswith("-") or value.startswith("--") or len(value) <= 2:
            out.append(value)
            continue
        for position, letter in enumerate(value[1:], start=1):
            out.append("-" + letter)
            if letter in letters:
                if position < len(value) - 1:
                    out.append(value[position + 1 :])
                break
    return out


# curl's long options whose value is a host it reaches (`--doh-url=URL`, `--proxy=URL`):
# spelled with `=`, the value is judged as the separate word it would be.
_URL_OPTIONS = ("--url", "--doh-url", "--proxy", "--preproxy", "--resolve", "--connect-to")


def _split_url_options(values: list[str]) -> list[str]:
    """``--doh-url=URL`` as ``--doh-url URL``."""
    out: list[str] = []
    for value in values:
        option, equals, given = value.partition("=")
        out.extend([option, given] if equals and option in _URL_OPTIONS else [value])
    return out


def _cookie_file(values: list[str], cmd: Cmd, w: Walker, urls: list[str]) -> bool:
    """curl -b FILE / --cookie FILE: a value without `=` is a file curl reads cookies from
    and sends them; a file of secrets (`.env`) goes out as cookies."""
    for index, value in enumerate(values):
        if value.startswith("--cookie="):
            given = value.split("=", 1)[1]
        elif value in ("-b", "--cookie") and index + 1 < len(values):
            given = values[index + 1]
        else:
            continue
        path = given[1:] if given.startswith("@") else given
        if "=" in given or not path or loopback_only(urls):
            continue  # `-b 'a=b'`: cookies the line spells; a request to this machine
        if fed_input(cmd, w)[2] if path in ("-", "/dev/stdin") else secret_file(w, path):
            # exfiltration: curl parses the secrets file as cookies and sends them to the host
            w.flag("exfiltration", f"curl sends {path} as cookies to {', '.join(urls) or 'a host'}")
            return True
    return False


def _option_file(values: list[str], cmd: Cmd, w: Walker) -> bool:
    """curl -K FILE / wget --config FILE, wget -e post_file=…: options that may upload."""
    for index, value in enumerate(values):
        match = _OPTION_FILES.match(value)
        if match is None or (cmd.name == "curl") == value.startswith(("-e", "--execute")):
            continue
        given = match.group(2)[1:] if match.group(2) else values[index + 1 : index + 2]
        setting = given if isinstance(given, str) else (given[0] if given else "")
        if value.startswith(("-e", "--execute")):
            if not _WGETRC_SENDS.match(setting):
                continue
            w.flag("exfiltration", "wget -e post_file/body_data sends local data")
            return True
        text = w.written.get(w.place(setting).path) if setting else None
        if text is not None and not re.search(
            r"^\s*-*(data|form|upload|json|post|body|url-query|variable|[dFT]\b)", text, re.M
        ):
            continue  # a config this line wrote that sends nothing
        # exfiltration: the option file may name files to upload or data to post
        w.flag("exfiltration", f"{cmd.name} takes options (uploads, posts) from {setting}")
        return True
    return False


_PINS = ("--resolve", "--connect-to")
_URL_HOST = re.compile(r"^(\w+://)?([^/:@]+)")


def _pinned(values: list[str]) -> list[str]:
    """The URLs a request goes to: a host pinned by ``--resolve HOST:PORT:ADDR`` or
    ``--connect-to HOST:PORT:ADDR:PORT`` is the address it is pinned to (a pin to an
    address elsewhere is judged by ``_net_redirect``)."""
    pins: dict[str, str] = {}
    for i, value in enumerate(values[1:], 1):
        parts = value.lstrip("+").split(":")
        if values[i - 1] in _PINS and len(parts) >= 3 and parts[0] and parts[2]:
            pins[parts[0].lower()] = parts[2].strip("[]")
    urls = []
    for i, url in enumerate(values):
        if (i and values[i - 1] in _PINS) or url not in urls_in([url]):
            continue
        host = _URL_HOST.match(url)
        to = pins.get(host.group(2).lower(), pins.get("*")) if host is not None else None
        if host is not None and to is not None:  # `--resolve '*:443:ADDR'` pins every host
            url = url.replace(host.group(2), to, 1)
        urls.append(url)
    return urls


# The options that send a payload: data, a form, a file upload (the value after `=` or next).
# A header option reads its headers from a file when its value starts with `@` (`-H @-`).
_PAYLOAD_FLAG = re.compile(
    r"^(-[dFTH]|--data[\w-]*|--form[\w-]*|--upload-file|--json|--post-(file|data)"
    r"|--body-(file|data)|--url-query|--variable|--header|--proxy-header)(=(.*))?$"
)
_HEADER_FLAGS = ("-H", "--header", "--proxy-header")
# curl's --variable %NAME: the environment variable NAME, expanded by --expand-* options.
_ENV_VARIABLE = re.compile(r"^(?:--variable=)?%([A-Za-z_]\w*)")


def _curl_env_secrets(values: list[str]) -> tuple[str, ...]:
    """The secret-named environment variables curl imports with ``--variable %NAME``."""
    names = []
    for index, value in enumerate(values):
        given = value if value.startswith("--variable=") else ""
        if index and values[index - 1] == "--variable":
            given = value
        found = _ENV_VARIABLE.match(given) if given else None
        if found is not None and SECRET_VAR.search(found.group(1)):
            names.append(found.group(1))
    return tuple(names)


def curl(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name in _SHORT_VALUES:
        values = _split_short(values, _SHORT_VALUES[cmd.name])
    if cmd.name == "curl":
        values = _split_url_options(values)
    if runtime_payload(cmd, w):
        return
    urls = _pinned(values)
    # --variable %OPENAI_API_KEY --expand-url …/{{OPENAI_API_KEY}}: the secret, by name
    extra = _curl_env_secrets(values) if cmd.name == "curl" else ()
    if secret_sent(cmd, w, urls, extra):
        return
    if set(values) & {"--version", "-V", "--help", "-h"} and not urls:
        return
    if cmd.name in ("curl", "wget") and _option_file(values, cmd, w):
        return
    if cmd.name == "curl" and _cookie_file(values, cmd, w, urls):
        return
    if url_list(cmd, w, values):
        return
    for index, arg in enumerate(values):
        flag = _PAYLOAD_FLAG.match(arg)
        if flag is None:
            continue
        payload = (
            flag.group(5)
            if flag.group(4)
            else (values[index + 1] if index + 1 < len(values) else "")
        )
        if flag.group(1) in _HEADER_FLAGS and (cmd.name != "curl" or payload[:1] != "@"):
            continue  # -H "Name: text": a header the line spells (secrets judged above)
        if arg == "--variable" and "@" not in payload:
            continue  # --variable name=text: a literal, nothing read from a file
        if arg == "--url-query" and "@" not in payload:
            continue  # --url-query name=text: a literal part of the URL
        is_file = arg in ("-T", "--upload-file") or "file" in arg or payload.startswith(("@", "<"))
        if not is_file and literal_body(cmd, arg, payload, urls):
            continue  # text the line carries, to a public name: nothing of this machine
        if not loopback_only(urls):  # a request to this machine sends nothing away
            what = "uploads a file" if is_file else "posts data"
            w.flag("exfiltration", f"{cmd.name} {what} to {', '.join(urls) or 'a host'}")
            return
    for index, arg in enumerate(values):
        if arg in ("-o", "--output", "-O", "--output-document", "-P") and index + 1 < len(values):
            if arg == "-O" and cmd.name == "curl":
                continue
            write_target(w.place(values[index + 1]), w, cmd.name)
            w.downloaded.add(posixpath.basename(values[index + 1]))
        elif arg.startswith(("--output=", "--output-document=")):
            write_target(w.place(arg.split("=", 1)[1]), w, cmd.name)
            w.downloaded.add(posixpath.basename(arg.split("=", 1)[1]))
    for red in cmd.redirects:
        if red.target is not None and red.op in (">", ">>", ">|", "&>"):
            w.downloaded.add(posixpath.basename(red.target.text))
    for url in urls:
        w.downloaded.add(posixpath.basename(url.split("?")[0].rstrip("/")))
    if cmd.name == "lwp-download" and len(urls) == 1 and len(values) >= 2:
        write_target(w.place(values[-1]), w, cmd.name)
    egress(cmd, w, urls)
