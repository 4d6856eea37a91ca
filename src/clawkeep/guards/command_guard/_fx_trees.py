"""Trees filled from a download on a host nobody vouches for: a ``git clone``/``hg clone``/
``svn checkout`` (or ``git pull``, ``git submodule add``) of such a host, and an archive
from one (``curl … | tar xz``, ``wget URL && unzip a.zip``, ``7z x``, ``unrar x``,
``cpio -i``) extracted into a folder.

The folder is recorded (``Walker.trees``, path -> source) as a download is, so what runs
from it later in the line (``./configure``, ``sh x.sh``, ``python setup.py``) is a
download run (``Walker.fetched``); the build and install tools that run a project's own
code in a folder are judged by ``_fx_tree_builds``. A download from a vetted forge or
registry (``_net_reach.unvetted_source``) fills no such tree: ``git clone
https://github.com/psf/requests && make`` stays the owner's everyday build.
"""

from __future__ import annotations

import itertools
import posixpath
import re

from clawkeep.guards.command_guard._net_reach import unvetted_source, urls_in
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["TREE_RULES", "git_verb", "tree_source", "unvetted_url"]

_BARE_HOST = re.compile(r"^(\d{1,3}(\.\d{1,3}){3}|\[[\da-fA-F:.]+\]|[\w-]+(\.[\w-]+)+)(:\d+)?/")
# Options of a downloader whose value is not the address (output, header, proxy …).
_VALUE_OPTIONS = frozenset({"-o", "--output", "--output-document", "-P", "-H", "-x"})
_VALUE_OPTIONS |= {"--header", "-d", "--data", "-u", "--user", "-A", "-e", "-T", "-b", "-c"}
_VALUE_OPTIONS |= {"--proxy", "--referer", "-K", "--config", "-w", "--directory-prefix"}
# git's options before its verb that take a value.
_GIT_GLOBAL = frozenset({"-c", "-C", "--git-dir", "--work-tree", "--namespace", "--config-env"})
_CLONE_VALUES = frozenset({"-o", "--origin", "-b", "--branch", "-u", "--upload-pack"})
_CLONE_VALUES |= {"--template", "--reference", "--reference-if-able", "--separate-git-dir"}
_CLONE_VALUES |= {"--depth", "--shallow-since", "--shallow-exclude", "-c", "--config", "-j"}
_CLONE_VALUES |= {"--jobs", "--filter", "--server-option", "--bundle-uri", "--ref-format"}
_SCP = re.compile(r"^([\w.-]+@)?([\w.-]+\.[\w.-]+|\[[\da-fA-F:.]+\]):(?!//)(.*)$")


def unvetted_url(values: list[str]) -> str | None:
    """The first address among a downloader's or VCS's words on a host nobody vouches for
    (``http://203.0.113.7/r.tgz``, ``203.0.113.7/r.tgz``, ``git@203.0.113.7:r.git``)."""
    for index, value in enumerate(values):
        if value.startswith("-") or (index and values[index - 1] in _VALUE_OPTIONS):
            continue
        scp = _SCP.match(value) if "://" not in value else None
        url = f"ssh://{scp.group(2)}/{scp.group(3)}" if scp else value
        if "://" not in url and (_BARE_HOST.match(url) or urls_in([url])) and "/" in url:
            url = "http://" + url  # curl and wget take a bare host/path as http
        if "://" in url and unvetted_source(url):
            return value
    return None


def _record(dest: str, source: str, w: Walker) -> None:
    """Keep ``dest`` as filled from ``source``; a folder known only at run time (``git
    clone URL "$(mktemp -d)"``) makes every path known only at run time such a folder."""
    if not dest:
        return
    found = w.place(dest)
    w.trees[found.path] = source
    if found.kind == "unknown" or UNKNOWN in dest:
        w.trees[_SOMEWHERE] = source  # `cd "$d" && make`: the folder may be that one


_SOMEWHERE = "$?"  # how a path known only at run time begins (`_paths.place`)


def git_verb(values: list[str]) -> tuple[str, list[str], str]:
    """git's verb, the words after it and the folder ``-C`` names (``.`` when none)."""
    index, folder = 0, "."
    while index < len(values) and values[index].startswith("-"):
        if values[index] == "-C" and index + 1 < len(values):
            folder = values[index + 1] if folder == "." else f"{folder}/{values[index + 1]}"
        index += 2 if values[index] in _GIT_GLOBAL else 1
    verb = values[index] if index < len(values) else ""
    return verb, values[index + 1 :], folder


def _positionals(words: list[str], with_value: frozenset[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            out += words[index + 1 :]
            break
        if word.startswith("-"):
            index += 2 if word in with_value else 1
            continue
        out.append(word)
        index += 1
    return out


def _clone_dest(url: str, given: list[str], folder: str) -> str:
    name = given[0] if given else posixpath.basename(url.rstrip("/").rstrip(":")).split(":")[-1]
    name = name if given else name.removesuffix(".git")
    return name if name.startswith(("/", "~")) or folder == "." else f"{folder}/{name}"


def _git(cmd: Cmd, w: Walker) -> None:
    verb, rest, folder = git_verb(cmd.values())
    words = _positionals(rest, _CLONE_VALUES)
    if verb == "clone" and words and unvetted_url(words[:1]):
        _record(_clone_dest(words[0], words[1:2], folder), words[0], w)
    elif verb == "pull" and (url := unvetted_url(words)):
        _record(folder, url, w)  # its commits are merged into the working tree
    elif verb == "submodule" and words[:1] == ["add"] and (url := unvetted_url(words[1:2])):
        _record(_clone_dest(url, words[2:3], folder), url, w)


_VCS_CLONE = {"hg": frozenset({"clone"}), "svn": frozenset({"checkout", "co", "export"})}
_VCS_CLONE |= {"bzr": frozenset({"branch", "checkout", "co"}), "fossil": frozenset({"clone"})}


def _vcs(cmd: Cmd, w: Walker) -> None:
    words = _positionals(cmd.values(), frozenset({"-r", "--rev", "-b", "--branch", "-u"}))
    if len(words) >= 2 and words[0] in _VCS_CLONE[cmd.name] and unvetted_url(words[1:2]):
        _record(_clone_dest(words[1], words[2:3], "."), words[1], w)


_OUTPUT_OPTIONS = ("--output", "--output-document", "--out")
_OUTPUT_LETTERS = {False: ("o",), True: ("o", "O")}


_RECURSIVE = re.compile(r"--recursive|--mirror|-[a-zA-Z]*[rm][a-zA-Z]*")


def _host(url: str) -> str:
    """The folder wget -r names after the URL's host (``203.0.113.7``)."""
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].rsplit("@", 1)[-1]


def _download(cmd: Cmd, w: Walker) -> None:
    """``curl -o r.tgz URL``, ``wget URL``: the file saved from a host nobody vouches for."""
    values = cmd.values()
    url = unvetted_url(values)
    if url is None:
        return
    outputs: list[str] = []
    remote = cmd.name in ("wget", "aria2c", "fetch") or "--remote-name" in values
    prefix = ""
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else ""
        short = value[1:] if value.startswith("-") and not value.startswith("--") else ""
        if value.startswith(("--output=", "--output-document=", "--out=")):
            outputs.append(value.split("=", 1)[1])
        elif value in _OUTPUT_OPTIONS or short.endswith(_OUTPUT_LETTERS[cmd.name == "wget"]):
            outputs.append(following)  # wget -O FILE; curl's -O saves under the URL's name
        elif "O" in short and cmd.name == "curl":
            remote = True
        elif value in ("-P", "--directory-prefix") or (cmd.name == "aria2c" and value == "-d"):
            prefix = following + "/"
    outputs += [r.target.text for r in cmd.redirects if r.target is not None and r.op == ">"]
    if cmd.name == "wget" and any(_RECURSIVE.fullmatch(v) for v in values):
        host = "" if {"-nH", "--no-host-directories"} & set(values) else _host(url)
        outputs.append((prefix + host).rstrip("/") or ".")  # the mirror's folder
    if not outputs and remote:
        outputs.append(prefix + posixpath.basename(url.split("?")[0].rstrip("/")))
    for output in outputs:
        _record(output, url, w)


def tree_source(path: str, w: Walker) -> str | None:
    """Where the file or folder at ``path`` came from, when a tree this line filled from a
    host nobody vouches for holds it (or is it)."""
    if UNKNOWN in path:
        return None
    found = w.place(path).path
    return w.trees.get(found) or next(
        (s for t, s in w.trees.items() if found.startswith(t.rstrip("/") + "/")), None
    )


def _piped(cmd: Cmd) -> str | None:
    kinds = cmd.stdin.kinds if cmd.stdin is not None else frozenset()
    return "a download piped into " + cmd.name if "unvetted" in kinds else None


def _tar(cmd: Cmd, w: Walker) -> None:
    """``tar xzf r.tgz -C DIR``, ``curl … | tar xz``: what the archive holds lands in DIR."""
    values = cmd.values()
    first = values[0] if values else ""
    modes = first if not first.startswith("-") else ""
    modes += "".join(v[1:] for v in values if v.startswith("-") and not v.startswith("--"))
    if "x" not in modes and not {"--extract", "--get"} & set(values):
        return
    archive, dest = "-", "."
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else ""
        cluster = value.lstrip("-") if not value.startswith("--") else ""
        if value.startswith("--file="):
            archive = value.split("=", 1)[1]
        elif value == "--file":
            archive = following
        elif "f" in cluster and (index == 0 or value[0] == "-"):
            tail = cluster[cluster.index("f") + 1 :]
            archive = tail if tail and value.startswith("-") else following
        elif value in ("-C", "--directory"):
            dest = following
        elif value.startswith("--directory="):
            dest = value.split("=", 1)[1]
    source = _piped(cmd) if archive == "-" else tree_source(archive, w)
    if source is not None:
        _record(dest, source, w)


def _unpack(cmd: Cmd, w: Walker) -> None:
    """``unzip a.zip -d DIR``, ``7z x a.7z -oDIR``, ``unrar x a.rar DIR``, ``cpio -i``."""
    values = cmd.values()
    if cmd.name == "unzip" and {"-l", "-v", "-t", "-Z", "-z", "-p", "-c"} & set(values):
        return  # lists, tests or prints the archive: nothing lands on disk
    words = _positionals(values, frozenset({"-d", "-P", "-x"}))
    if cmd.name in ("7z", "7za", "7zr", "unrar", "unar") and words[:1] in (["x"], ["e"]):
        words = words[1:]
    seven = cmd.name in ("7z", "7za", "7zr")  # 7z -oDIR; unzip's -o overwrites
    dest = next((v[2:] for v in values if seven and v.startswith("-o") and len(v) > 2), ".")
    dest = next((b for a, b in itertools.pairwise(values) if a == "-d"), dest)
    if cmd.name == "unrar" and len(words) > 1 and words[-1].endswith("/"):
        dest = words[-1]
    source = _piped(cmd) if cmd.name in ("cpio", "bsdcpio") else None
    if cmd.name in ("cpio", "bsdcpio") and not {"-i", "--extract"} & set(values):
        return
    source = source or (tree_source(words[0], w) if words else None)
    if source is not None:
        _record(dest, source, w)


# Options of mv, cp, ln, install and rsync that take the next word as their value.
_MOVE_VALUES = frozenset({"-t", "--target-directory", "-S", "--suffix", "-m", "--mode"})
_MOVE_VALUES |= {"-o", "--owner", "-g", "--group", "-e", "--rsh", "--exclude", "--include"}


def _moved(cmd: Cmd, w: Walker) -> None:
    """``mv /tmp/r /tmp/s``, ``cp -r``, ``ln -s``, ``rsync -a``: what lands at the target
    came from the tree its source was in."""
    if not w.trees:
        return
    values = cmd.values()
    words = _positionals(values, _MOVE_VALUES)
    given = [b for a, b in itertools.pairwise(values) if a in ("-t", "--target-directory")]
    sources = words if given else words[:-1]
    target = given[0] if given else (words[-1] if len(words) > 1 else "")
    # into a folder: `-t DIR`, several sources, `DIR/`, `.`; else the copy is the target
    into = bool(given) or len(sources) > 1 or target.endswith("/") or target in (".", "..")
    for source in sources:
        found = tree_source(source, w)
        if found is None or not target:
            continue
        name = posixpath.basename(source.rstrip("/"))
        # rsync SRC/ DST: the folder's contents become DST's
        inside = into and not (cmd.name == "rsync" and source.endswith("/"))
        _record(f"{target.rstrip('/')}/{name}" if inside else target, found, w)  # the copy


TREE_RULES: dict[str, Rule] = {"git": _git, "hg": _vcs, "svn": _vcs, "bzr": _vcs, "fossil": _vcs}
TREE_RULES |= {name: _download for name in ("curl", "wget", "aria2c", "fetch", "http")}
TREE_RULES |= {"tar": _tar, "bsdtar": _tar, "gtar": _tar}
TREE_RULES |= {name: _unpack for name in ("unzip", "7z", "7za", "7zr", "unrar", "unar", "cpio")}
TREE_RULES |= {name: _moved for name in ("mv", "cp", "ln", "rsync", "install")}
