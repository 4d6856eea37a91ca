"""Text the line itself gives (echo, a here-string, a here-document), passed through a
filter and then read by a shell, is judged as the commands it holds: ``echo 'rm -rf ~' | cat
| sh`` deletes the home as ``echo 'rm -rf ~' | sh`` does. A filter that only passes lines
on (cat, sort, grep, head …) hands the shell at most those lines; one that changes them by
a script or options the guard does not follow (awk, perl, cut …) hands it text known only
at run time, built from the line's own text, and is refused as such."""

from __future__ import annotations

import pytest

from tests.guards.command_guard.cg_support import allowed, refused


@pytest.mark.parametrize(
    "command",
    [
        "echo 'rm -rf ~' | cat | sh",
        "echo 'rm -rf ~' | sort | uniq | head -1 | bash",
        "printf 'rm -rf %s\\n' '~' | tac | sh",
        "cat <<< 'rm -rf ~' | sh",
        "x='rm -rf ~'; grep . <<< \"$x\" | bash",
        "tail -n1 <<< 'rm -rf ~' | sh -s",
        "sort <<EOF | sh\nrm -rf ~\nEOF",
        "grep rm <<EOF | bash\nls\nrm -rf ~\nEOF",
    ],
)
def test_lines_passed_on_to_a_shell_are_judged(command: str) -> None:
    refused(command, "destructive_delete")


@pytest.mark.parametrize(
    "command",
    [
        "awk '{print}' <<< 'rm -rf ~' | sh",
        "perl -pe '' <<< 'rm -rf ~' | sh",
        "echo 'rm -rf ~' | cut -c1- | sh",
        "echo 'rm -rf ~' | python3 -c 'import sys; print(sys.stdin.read())' | sh",
        "awk '{print}' <<EOF | sh\nrm -rf ~\nEOF",
    ],
)
def test_given_text_changed_by_code_then_run_is_refused(command: str) -> None:
    refused(command, "download_exec")


@pytest.mark.parametrize(
    "command",
    [
        "cat <<< 'ls -la' | sh",
        "echo 'echo hi' | sort | sh",
        "sort <<EOF | sh\necho build\nmake -j2\nEOF",
        "echo 'a b' | awk '{print $2}'",
        "echo '{\"v\": 1}' | jq .v > build/v.txt",
        "cat build.sh | sh",
    ],
)
def test_harmless_text_and_plain_filters_stay_allowed(command: str) -> None:
    allowed(command)
