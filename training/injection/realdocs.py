"""Real documentation prose as tool output: the Python standard library's docstrings.

Generated prose is templated: its test rows reuse lines the model trained on with other
values. Real tool output is written by people, about everything, and uses the words of
attacks all the time ("ignore", "override", "instructions", "execute", "bypass",
"disregard"): the shipped model flagged a quarter of the Python language reference's
paragraphs. This module draws paragraphs of the docstrings of the Python standard library
(read with ``ast``, nothing is imported or run) as benign web-page and document output, and
the same paragraphs with one injected instruction to the AI as indirect attacks.

A module's paragraphs all go to one split, decided by a hash of its file name; an attack's
split is decided as for every other templated attack (``lang|prefix|goal``), and its carrier
paragraph comes from the same split. Nothing of the external benign check of
``bench/guards_text.py`` (the language reference in ``pydoc_data.topics``, the licences in
``/usr/share/common-licenses``) is read here. Seeded; its own random stream, so every other
row of the data is unchanged.
"""

from __future__ import annotations

import ast
import random
import re
import sysconfig
from collections.abc import Callable, Sequence
from pathlib import Path

Row = tuple[str, int, str, str, str]
Wrapper = Callable[[str, random.Random], str]

SKIP_DIRS = frozenset({"test", "tests", "idlelib", "site-packages", "lib2to3", "ensurepip"})
_SPACE = re.compile(r"\s+")


def _paragraphs(doc: str) -> list[str]:
    """Prose paragraphs of a docstring: at least 80 characters, not a code example."""
    out = []
    for para in re.split(r"\n\s*\n", doc):
        text = _SPACE.sub(" ", para).strip()
        if len(text) < 80 or text.startswith((">>>", "$ ", "...")) or text.count("(") > 6:
            continue
        out.append(text[:1200])
    return out


def stdlib_paragraphs(root: Path | None = None) -> dict[str, list[str]]:
    """File name (relative to the standard library) -> the prose paragraphs of its docstrings."""
    base = root or Path(sysconfig.get_paths()["stdlib"])
    out: dict[str, list[str]] = {}
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(base)
        if SKIP_DIRS.intersection(rel.parts[:-1]):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError):
            continue
        paras: list[str] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node)
                if doc:
                    paras += _paragraphs(doc)
        if paras:
            out[str(rel)] = paras
    return out


def realdoc_rows(
    split: str,
    n_tool: int,
    n_attack: int,
    *,
    split_of: Callable[[str], str],
    wrappers: Sequence[Wrapper],
    wrapper_names: Sequence[str],
    attack: dict[str, list[str]],
    seed: int,
) -> list[Row]:
    """Benign docstring paragraphs (kind ``tool``) and the same with an injection inside
    (kind ``attack-indirect``); ``attack`` holds the English ``prefix`` and ``goal`` lists."""
    rng = random.Random(f"{seed}-{split}-realdocs")  # noqa: S311 -- its own stream: the other rows stay as they were
    mine = {k: v for k, v in stdlib_paragraphs().items() if split_of(f"realdocs|{k}") == split}
    names = sorted(mine)
    out: list[Row] = []
    seen: set[str] = set()

    def document(k: int) -> tuple[list[str], str]:
        name = rng.choice(names)
        paras = mine[name]
        start = rng.randrange(len(paras))
        return paras[start : start + k], name

    def wrap(body: str) -> tuple[str, str]:
        if rng.random() < 0.4:
            return body, "page"  # the text of a fetched page, as web_fetch returns it
        wi = rng.randrange(len(wrappers))
        return wrappers[wi](body, rng), wrapper_names[wi]

    tries = 0
    while len(out) < n_tool and tries < n_tool * 10 and names:
        tries += 1
        paras, _name = document(rng.randint(1, 3))
        body = "\n\n".join(paras)
        if body in seen:
            continue
        seen.add(body)
        text, how = wrap(body)
        out.append((text, 0, "tool", "en", f"realdocs/stdlib-{how}"))
    n_done, tries = len(out), 0
    while len(out) < n_done + n_attack and tries < n_attack * 40 and names:
        tries += 1
        pi, gi = rng.randrange(len(attack["prefix"])), rng.randrange(len(attack["goal"]))
        if split_of(f"en|{pi}|{gi}") != split:
            continue
        paras, _name = document(rng.randint(1, 3))
        payload = f"{attack['prefix'][pi]} {attack['goal'][gi]}"
        if rng.random() < 0.5:  # its own paragraph, or the end of one
            paras = [*paras]
            paras.insert(rng.randint(0, len(paras)), payload)
        else:
            paras = [*paras[:-1], f"{paras[-1]} {payload}"]
        text, how = wrap("\n\n".join(paras))
        out.append((text, 1, "attack-indirect", "en", f"realdocs/indirect-stdlib-{how}"))
    return out
