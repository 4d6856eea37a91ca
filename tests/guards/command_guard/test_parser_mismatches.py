"""Lines where the grammar's reading differs from bash's are refused as unparseable.

The guard judges the tree tree-sitter-bash builds; where that tree splits words, starts a
comment or ends a here-document elsewhere than bash and dash do, a command runs that the
guard never saw. Three such places let harmful lines pass: an escaped blank before `#`
(``echo \\ #; rm …``: a comment to the grammar, the word `` #`` then ``rm`` to bash), a bare
`$` that cut one word in two (``$w/$u/..`` judged as ``/srv/ws/$`` and ``u/..``), and a
here-document bash ends on a joined line (``EO\\<newline>F``) or on the quote-removed
delimiter (``<<$'EOF'`` ends at ``EOF``). Ordinary comments, words and documents still pass.
"""

from __future__ import annotations

import pytest

from clawkeep.guards.command_guard import judge
from tests.guards.command_guard.test_own_corpus import CTX

_H = "/ho" + "me/agent"
_RM = f"rm -rf {_H}"
_PARSE = "command_guard.parse_error"


@pytest.mark.parametrize(
    "line",
    [
        # a `#` inside a word: escaped blank, tab, newline, or a blank the grammar skips
        f"echo \\ #; {_RM}",
        f"echo x\\\t#; {_RM}",
        f"echo x\\\n#; {_RM}",
        f"echo ''\\ #; {_RM}",
        f"echo x\r#; {_RM}",
        f"echo x\v#; {_RM}",
        # the same inside nested scripts
        f"bash -c 'echo \\ #; {_RM}'",
        f"eval 'echo \\ #; {_RM}'",
        f"sh <<'EOF'\necho \\ #; {_RM}\nEOF",
        # one bash word the grammar cuts at a bare `$`, a backtick, an escaped blank
        f"w=/srv/ws; u=..; rm -rf $w/$u/..{_H}",
        f"h={_H}; s=.ssh; cat $h/$s/id_rsa",
        f"w=/srv/ws; u=..; $w/$u/../bin/rm -rf {_H}",
        f'w=/srv/ws; u=..; x=$w/$u/..{_H}; rm -rf "$x"',
        f'w=/srv/ws; u=..; export x=$w/$u/..{_H}; rm -rf "$x"',
        f'w=/srv/ws; u=..; for f in $w/$u/..{_H}; do rm -rf "$f"; done',
        f"w=/srv/ws; u=..; echo hi > $w/$u/..{_H}/.bashrc",
        f'w=/srv/ws; u=..; a=($w/$u/..{_H}); rm -rf "${{a[0]}}"',
        f"w=/srv/ws; u=..; echo $(rm -rf $w/$u/..{_H})",
        f"w=/srv/ws; u=..; sh <<EOF\nrm -rf $w/$u/..{_H}\nEOF",
        # a document bash ends before the grammar does
        f"cat <<EOF\nEO\\\nF\n{_RM}\nEOF",
        f"cat <<EOF\nE\\\nO\\\nF\n{_RM}\nEOF",
        f"cat <<EOF\n\\\nEOF\n{_RM}\nEOF",
        f"cat <<-EOF\n\tEO\\\nF\n{_RM}\nEOF",
        f": <<$'EOF'\nEOF\n{_RM}\n$'EOF'",
        f': <<$"EOF"\nEOF\n{_RM}\n$"EOF"',
        f"bash -c 'cat <<EOF\nEO\\\nF\n{_RM}\nEOF'",
        f"echo $(cat <<EOF\nEO\\\nF\n{_RM}\nEOF\n)",
        f"sh <<'X'\ncat <<EOF\nEO\\\nF\n{_RM}\nEOF\nX",
    ],
)
def test_a_line_bash_reads_otherwise_is_refused(line: str) -> None:
    verdict = judge(line, CTX)
    assert not verdict.allowed
    assert verdict.reason == _PARSE


@pytest.mark.parametrize(
    "line",
    [
        "ls # list",
        "ls \\\n  -la # list",
        "echo a#b",
        'echo "#x"',
        "echo \\#x",
        "x=1 # note",
        "echo a;# note",
        "(ls)# note",
        "case a in a)# note\n  ls;; esac",
        "echo \\\\ # note",
        "echo ${#PATH} # length",
        "echo $a$b",
        'echo "$a"/"$b"',
        'echo "$a""$b"',
        "cp $src/$dst x",
        "echo ${a}b $((1+2)) $'x' $\"x\" a$ $",
        "ls ~/$d",
        "echo a \\\n  b",
        "echo 'a b' a\\ b",
        "cat - <<EOF\nx\nEOF",
        "cat <<EOF\nline \\\nmore\nEOF",
        "cat <<EOF\nhello $USER\nEOF",
        "cat <<-EOF\n\tx\n\tEOF",
        "cat <<\\EOF\nx\nEOF",
        "cat <<'EOF' > /srv/ws/notes.txt\nEO\\\nF\nEOF",
        "python3 - <<'EOF'\nprint(1)\nEOF",
        "x=$(cat <<EOF\nbody\nEOF\n)",
        "[[ -f x && ! -d y ]] && echo ok",
    ],
)
def test_an_ordinary_line_still_passes(line: str) -> None:
    assert judge(line, CTX).allowed, judge(line, CTX)
