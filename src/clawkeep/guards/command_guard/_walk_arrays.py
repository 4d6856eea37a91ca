"""Arrays the line assigns: ``cmd=(pytest -q "a b")`` is kept as its words (under the name
``cmd[@]``), so ``"${cmd[@]}"`` runs them (BashFAQ 050) and is judged as that argv.

Whatever else may change an array makes its words unknown: an element set by index
(``a[1]=x``), the name assigned as a plain variable (``a+=t`` changes the first word), an
``unset``, and a name-reference (``declare -n r=a``: every later assignment to ``r`` is one
to ``a``). ``_words`` reads the words back only while ``$a`` still equals the first one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._parse import Node
from clawkeep.guards.command_guard._word_types import ELEMENTS, UNKNOWN

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["arrays_touched", "unset_arrays"]


def _forget(w: Walker, name: str) -> None:
    """The array (and the variable) called ``name`` hold values known only at run time."""
    for key in (name, name + "[@]"):
        w.env.values[key] = None
    target = w.env.values.get("&" + name)
    if target and target != name:
        _forget(w, target)  # r is a reference to a: what r is given, a holds


def arrays_touched(
    w: Walker, node: Node, name_node: Node, value: Node | None, appends: bool
) -> bool:
    """Judge an assignment that sets an array or a reference; True when it did (``appends``:
    it is ``+=``)."""
    parent = node.parent
    if parent is not None and parent.type == "declaration_command":
        flags = [w.text(c) for c in parent.named_children if w.text(c).startswith("-")]
        if any("n" in f.lstrip("-+") for f in flags) and value is not None:
            target = w.text(value)
            w.env.values["&" + w.text(name_node)] = target  # every later r=… sets the target
            _forget(w, target)
            return True
    if name_node.type == "subscript":  # a[1]=x: one element changed
        base = w.text(name_node.named_children[0])
        _set_element(w, base, name_node, value)
        return True
    name = w.text(name_node)
    if "&" + name in w.env.values:
        _forget(w, name)
        points = w.env.values.get("&" + name)
        if points and points != name and value is not None and value.type != "array":
            from clawkeep.guards.command_guard._words import resolve

            word = resolve(value, w.src, w.env)  # r=/etc/shadow with r a reference: t holds it
            w.env.values[points] = word.text if word.static else None
        return True
    if value is None or value.type != "array":
        if name + "[@]" in w.env.values:
            w.env.values[name + "[@]"] = None  # a=x or a+=t sets the first word only
        return False
    _assign(w, name, value, appends=appends)
    return True


def _set_element(w: Walker, name: str, subscript: Node, value: Node | None) -> None:
    """``a[2]=/etc/shadow``: that word of a known array, by a literal index; else unknown."""
    from clawkeep.guards.command_guard._words import resolve

    stored = w.env.values.get(name + "[@]")
    index = w.text(subscript)[len(name) + 1 : -1]
    text = resolve(value, w.src, w.env).text if value is not None else ""
    if stored is None or not index.isdigit() or int(index) > 64 or UNKNOWN in text:
        _forget(w, name)
        return
    items = stored.split(ELEMENTS) if stored else []
    items += [""] * (int(index) + 1 - len(items))
    items[int(index)] = text
    w.env.values[name + "[@]"] = ELEMENTS.join(items)
    w.env.values[name] = items[0]


def _assign(w: Walker, name: str, node: Node, *, appends: bool) -> None:
    items = w.expand(node.named_children)
    for item in items:
        w.tricks(item, f"value of {name}")
    texts: list[str] | None = [a.text for a in items]
    key = name + "[@]"
    before = w.env.values.get(key, None if name in w.env.values else "")
    if appends and texts is not None:  # arr+=(x) appends to the words it held
        texts = None if before is None else [*(before.split(ELEMENTS) if before else []), *texts]
    if texts is None or any(
        UNKNOWN in t or ELEMENTS in t or (t.startswith("[") and "]=" in t) for t in texts
    ):
        w.env.values[key] = w.env.values[name] = None  # ([2]=x …) sets words by index
    else:
        w.env.values[key] = ELEMENTS.join(texts)
        w.env.values[name] = texts[0] if texts else ""
    if any(a.computed or (a.substs and not a.static) for a in items):
        w.env.computed.add(name)
    else:
        w.env.computed.discard(name)


def unset_arrays(w: Walker, node: Node) -> bool:
    """``unset 'a[0]'``, ``unset a``: the array's words are no longer what was assigned.
    Always True (the caller goes on with its own checks)."""
    for child in node.named_children:
        name = w.text(child).strip("'\"").split("[", 1)[0]
        if name + "[@]" in w.env.values:
            _forget(w, name)
    return True
