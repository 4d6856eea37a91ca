"""Inline code whose effect passes through a name it gave a literal earlier:

- a file it downloads to a literal path (``urlretrieve(URL, "/tmp/fx")``, ``wget.download(URL,
  out="x")``, ``download_file(URL, "x")``) and then runs by that path (``os.system("/tmp/fx")``,
  ``subprocess.run(["/tmp/fx"])``, ``execSync("./x")``): the download is run, as
  ``curl -o /tmp/fx URL && /tmp/fx`` is (``download_exec``);
- paths it loops over (``for d in ("/etc", "/var/lib"): shutil.rmtree(d)``) and deletes by
  the loop's variable: each literal path of the loop is deleted, judged as
  ``rmtree("/etc")`` is (``destructive_delete``).
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._walk import Walker

__all__ = ["through_names"]

_Q = r"[\"']([^\"'\n]+)[\"']"
# A download to a literal path: the destination is the second argument or `out=`/`filename=`.
_DOWNLOAD = re.compile(
    r"\b(?:urlretrieve|download_file|download|DownloadFile|downloadFile)\s*\(\s*[^,()]+,\s*"
    rf"(?:(?:out|filename|dest|path)\s*=\s*)?{_Q}"
)
# A call that runs a program, by a string or a list whose first item is the path.
_RUN_CALL = re.compile(
    r"\b(?:system|popen|Popen|run|call|check_call|check_output|execv\w*|execl\w*|spawn\w*"
    rf"|execSync|execFileSync|execFile|exec|startfile)\s*\(\s*\[?\s*{_Q}"
)
# `for NAME in (…)`/`[…]`/`{…}` of literal strings, then a delete call given NAME.
_LOOP = re.compile(r"\bfor\s+(\w+)\s+in\s+[(\[{]([^)\]}]*)[)\]}]")
_DELETE_OF = (
    r"\b(?:rmtree|rm_rf|rm_r|remove_tree|removedirs|unlink|remove|rmdir|rmSync|deleteSync)"
    r"\s*\(\s*{name}\b"
)
_OUTSIDE = ("root", "outside", "home", "home_root", "state", "device", "kernel")


def _same(a: str, b: str) -> bool:
    return a == b or a.removeprefix("./") == b.removeprefix("./")


def through_names(lang: str, code: str, w: Walker) -> None:
    """Flag a download run by its path, and literal paths a loop deletes."""
    saved = [m.group(1) for m in _DOWNLOAD.finditer(code)]
    if saved:
        for match in _RUN_CALL.finditer(code):
            ran = match.group(1).split()[0] if match.group(1).split() else ""
            if any(_same(ran, path) for path in saved):
                # download_exec: the code runs the file it downloaded
                w.flag("download_exec", f"{lang} code downloads {ran} and runs it")
                return
    for loop in _LOOP.finditer(code):
        name, items = loop.group(1), re.findall(_Q, loop.group(2))
        if not items or not re.search(_DELETE_OF.format(name=re.escape(name)), code):
            continue
        for item in items:
            if not item.startswith(("/", "~")):
                continue
            found = w.place(item)
            if found.kind in _OUTSIDE:
                # destructive_delete: each path of the loop is the one the call deletes
                w.flag("destructive_delete", f"{lang} code deletes {found.path} ({found.kind})")
                return
