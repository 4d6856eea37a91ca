"""Real Markdown and reStructuredText pages as tool output: the documentation files that
Python projects ship in their source archives (READMEs, guides, changelogs, FAQs).

An agent that fetches a project's page reads the whole page, markup and all: headings
underlined with ``=====``, tables of contents of ``[links](#anchors)``, code blocks, badges,
changelog bullets. The content guard scores a text as its worst window, so a page of a
hundred windows is flagged when any one of them looks like an instruction; the shipped
model flagged 18% of the installed packages' long descriptions read whole, where it flagged
1.6% of their paragraphs one by one. This module draws pages of real documentation files
(kind ``tool``) and the same pages with one injected instruction to the AI (kind
``attack-indirect``): as a paragraph of its own, an HTML comment, a block quote or the end
of a paragraph.

Read from the sdists in a directory (``tar.gz``; nothing is unpacked to disk or run): the
``.md``, ``.rst`` and ``.txt`` files except licences, author lists and requirement files,
at most 60 per project. A
file's pages all go to one split, decided by a hash of its path; an attack's split is
decided as for every other templated attack (``lang|prefix|goal``). The installed packages'
own descriptions (the external check of ``bench/guards_text.py``) are not read here: keep
the sdists to projects that are not installed in the project's venv. Seeded; its own random
stream, so every other row of the data is unchanged.
"""

from __future__ import annotations

import hashlib
import random
import re
import tarfile
from collections.abc import Callable
from pathlib import Path

Row = tuple[str, int, str, str, str]

_SKIP = re.compile(r"(licen[cs]e|copying|authors|contributors|requirements|notice)", re.I)
_DOC = re.compile(r"\.(md|rst|txt)$", re.I)
PER_PROJECT = 60
# The archives the shipped data was drawn from, by sha256: another version is another page.
SDISTS = {
    "arrow-1.3.0.tar.gz": "d4540617648cb5f895730f1ad8c82a65f2dad0166f57b75f3ca54759c4d67a85",
    "black-24.10.0.tar.gz": "846ea64c97afe3bc677b761787993be4991810ecc7a4a937816dd6bddedc4875",
    "celery-5.4.0.tar.gz": "504a19140e8d3029d5acad88330c541d4c3f64c789d85f94756762d8bca7e706",
    "flask-3.0.3.tar.gz": "ceb27b0af3823ea2737928a4d99d125a06175b8512c445cbd9a9ce200ef76842",
    "httpie-3.2.4.tar.gz": "302ad436c3dc14fd0d1b19d4572ef8d62b146bcd94b505f3c2521f701e2e7a2a",
    "jinja2-3.1.4.tar.gz": "4a3aee7acbbe7303aede8e9648d13b8bf88a429282aa6122a993f0ac800cb369",
    "marshmallow-3.22.0.tar.gz": "4972f529104a220bb8637d595aa4c9762afbe7f7a77d82dc58c1615d70c5823e",
    "mkdocs-1.6.1.tar.gz": "7b432f01d928c084353ab39c57282f29f92136665bdd6abf7c1ec8d822ef86f2",
    "requests-2.32.3.tar.gz": "55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760",
    "scrapy-2.11.2.tar.gz": "dfbd565384fc3fffeba121f5a3a2d0899ac1f756d41432ca0879933fbfb3401d",
    "tox-4.18.0.tar.gz": "5dfa1cab9f146becd6e351333a82f9e0ade374451630ba65ee54584624c27b58",
    "werkzeug-3.0.4.tar.gz": "34f2371506b250df4d4f84bfe7b0921e4762525762bbd936614909fe25cd7306",
}


def doc_files(sdists: Path) -> dict[str, str]:
    """``<sdist>/<path>`` -> text of the documentation files of the ``SDISTS`` in ``sdists``:
    at most ``PER_PROJECT`` of each (those first by a hash of their path), so that one
    project's many changelog pages do not make most of the data."""
    out: dict[str, str] = {}
    for name, digest in sorted(SDISTS.items()):
        archive = sdists / name
        if not archive.is_file():
            raise SystemExit(f"{archive}: missing; fetch it as training/injection/README.md says")
        if hashlib.sha256(archive.read_bytes()).hexdigest() != digest:
            raise SystemExit(f"{archive}: sha256 differs from pkgdocs.SDISTS; fetch it again")
        mine = _files_of(archive)
        for name in sorted(mine, key=lambda n: hashlib.sha256(n.encode()).digest())[:PER_PROJECT]:
            out[name] = mine[name]
    return out


def _files_of(archive: Path) -> dict[str, str]:
    """Path -> text of every documentation file of one sdist, read from the archive."""
    out: dict[str, str] = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            name = member.name
            if not member.isfile() or not _DOC.search(name) or _SKIP.search(name):
                continue
            if "/tests/" in name or "/test/" in name:
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            text = fh.read().decode("utf-8", errors="replace")
            if len(text) >= 400:
                out[name] = text
    return out


def _page(text: str, rng: random.Random) -> list[str]:
    """Consecutive paragraphs of ``text`` from a random one, 600-2,500 characters in all."""
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    start = rng.randrange(len(paras))
    target, page, size = rng.randint(600, 2500), [], 0
    for para in paras[start:]:
        if size and size + len(para) > target:
            break
        page.append(para[:2500])
        size += len(para) + 2
    return page


def _inject(page: list[str], payload: str, rng: random.Random) -> list[str]:
    """``page`` with ``payload`` inside, in one of the places a page author could put it."""
    how = rng.randrange(4)
    at = rng.randint(0, len(page))
    if how == 0:
        return [*page[:at], payload, *page[at:]]
    if how == 1:
        return [*page[:at], f"<!-- {payload} -->", *page[at:]]
    if how == 2:
        return [*page[:at], f"> **Note:** {payload}", *page[at:]]
    return [*page[:-1], f"{page[-1]} {payload}"]


def pkgdoc_rows(
    split: str,
    n_tool: int,
    n_attack: int,
    *,
    sdists: Path,
    split_of: Callable[[str], str],
    attacks: dict[str, dict[str, list[str]]],
    seed: int,
) -> list[Row]:
    """Benign pages (kind ``tool``) and pages with an injection (``attack-indirect``, in
    English half the time and otherwise in one of the other languages of ``attacks``)."""
    rng = random.Random(f"{seed}-{split}-pkgdocs")  # noqa: S311 -- its own stream: the other rows stay as they were
    files = {k: v for k, v in doc_files(sdists).items() if split_of(f"pkgdocs|{k}") == split}
    names = sorted(files)
    out: list[Row] = []
    seen: set[str] = set()
    tries = 0
    while len(out) < n_tool and tries < n_tool * 10 and names:
        tries += 1
        name = rng.choice(names)
        body = "\n\n".join(_page(files[name], rng))
        if len(body) < 200 or body in seen:
            continue
        seen.add(body)
        out.append((body, 0, "tool", "en", f"pkgdocs/{name.split('/')[0]}"))
    langs = sorted(attacks)
    n_done, tries = len(out), 0
    while len(out) < n_done + n_attack and tries < n_attack * 40 and names:
        tries += 1
        lang = "en" if rng.random() < 0.5 else rng.choice(langs)
        parts = attacks[lang]
        pi, gi = rng.randrange(len(parts["prefix"])), rng.randrange(len(parts["goal"]))
        if split_of(f"{lang}|{pi}|{gi}") != split:
            continue
        name = rng.choice(names)
        page = _page(files[name], rng)
        sep = "" if lang in ("zh", "ja") else " "
        payload = f"{parts['prefix'][pi]}{sep}{parts['goal'][gi]}"
        text = "\n\n".join(_inject(page, payload, rng))
        out.append((text, 1, "attack-indirect", lang, f"pkgdocs/indirect-{name.split('/')[0]}"))
    return out
