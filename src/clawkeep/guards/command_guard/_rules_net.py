"""Rules about the network: no-egress agents, uploads, raw sockets, reverse shells, tunnels.

Policy: with ``egress`` off, a command whose purpose is network I/O is refused (loopback
targets excepted). With egress on, downloads and ``git push`` to a named remote pass;
uploads of files, posts of data to a non-loopback host, raw-socket tools (nc, socat,
telnet, /dev/tcp ...) that bypass the network guard's URL checks, and tunnels that expose
the machine are refused either way. This module names each program's rule; the ``_net_*``
modules decide.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._net_containers import (
    IMAGE_COPY,
    containers,
    image_copy,
    orchestrator,
    system_containers,
)
from clawkeep.guards.command_guard._net_http import curl
from clawkeep.guards.command_guard._net_raw import raw
from clawkeep.guards.command_guard._net_remote import (
    archive,
    file_transfer,
    git,
    mail,
    network,
    packages,
    print_remote,
    tunnel,
)
from clawkeep.guards.command_guard._net_ssh import copy_remote, ssh
from clawkeep.guards.command_guard._net_tables import (
    DOWNLOADERS,
    NETWORK,
    PKG,
    RAW_SOCKET,
    SYSPKG,
    TUNNELS,
)
from clawkeep.guards.command_guard._walk import Cmd, Walker

__all__ = ["NET_RULES"]


NET_RULES = {name: curl for name in DOWNLOADERS}
NET_RULES |= {name: raw for name in RAW_SOCKET}
NET_RULES |= {"ssh": ssh, "scp": copy_remote, "rsync": copy_remote, "sftp": ssh}
NET_RULES |= {"tar": archive, "restic": archive, "borg": archive, "duplicity": archive}
NET_RULES |= {"rclone": archive, "kopia": archive, "git": git}
NET_RULES |= {name: packages for name in PKG | SYSPKG}
NET_RULES |= {name: network for name in NETWORK - {"ssh", "sftp"}}
NET_RULES |= {name: tunnel for name in TUNNELS | {"code"}}
NET_RULES |= {"docker": containers, "podman": containers, "nerdctl": containers}
NET_RULES |= {"ctr": containers, "docker-compose": containers}
NET_RULES |= {"lxc": system_containers, "incus": system_containers}
NET_RULES |= {"kubectl": orchestrator, "oc": orchestrator}
NET_RULES |= {name: image_copy for name in IMAGE_COPY}
# ssh's relatives take its forwarding options (-R, -D, -L) with the same meaning.
NET_RULES |= {"plink": ssh, "plink.exe": ssh, "autossh": ssh, "dbclient": ssh}
NET_RULES |= {n: mail for n in ("mail", "mailx", "mutt", "sendmail", "ssmtp", "msmtp", "swaks")}
NET_RULES |= {n: mail for n in ("s-nail", "nail", "neomutt", "bsd-mailx", "mail.mailutils")}
NET_RULES |= {n: mail for n in ("esmtp", "mini_sendmail", "sendemail")}
NET_RULES |= {n: file_transfer for n in ("smbclient", "ftp", "lftp", "tftp", "sftp")}


def _url_ftp(cmd: Cmd, w: Walker) -> None:
    """OpenBSD's ftp(1) is also its HTTP client: ``ftp -o FILE URL`` downloads, as curl."""
    file_transfer(cmd, w)
    if any("://" in value for value in cmd.values()):
        curl(cmd, w)


NET_RULES["ftp"] = _url_ftp
NET_RULES |= {"cancel": print_remote, "lp": print_remote, "lpr": print_remote}
