"""The effect rules by program name: which rule of which effect module judges each program.

The tables are data in ``_fx_tables``; each ``_fx_*`` module reads one of them and decides
one effect. This module only joins their rules into the tables the guard runs.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._destroy import also
from clawkeep.guards.command_guard._fx_escape import (
    command_options,
    emacs,
    escapes,
    expect,
    run_parts,
)
from clawkeep.guards.command_guard._fx_send import (
    UPLOADERS,
    aws_file_params,
    cloud_copy,
    gh,
    lookup,
    platform_upload,
    publish,
    rclone,
    sends_file,
)
from clawkeep.guards.command_guard._fx_serve import (
    kubectl,
    serves,
    smbserver,
    socket_server,
    tailscale,
    web_shell,
)
from clawkeep.guards.command_guard._fx_tables import (
    CLOUD_COPY,
    COMMAND_OPTIONS,
    ESCAPE_OPTIONS,
    HTTPIE,
    IN_PLACE,
    LOOKUP,
    SENDS_FILE_OPTION,
    SERVES,
    SOCKET_SERVERS,
    STDIN_BODY,
    TELNETDS,
    URL_CLIENTS,
    WEB_SHELLS,
    WRITES,
)
from clawkeep.guards.command_guard._fx_url import aria2c, bpftrace, package_hooks, schemes
from clawkeep.guards.command_guard._fx_writes import git, in_place, rewrites, ruby, writes
from clawkeep.guards.command_guard._walk import Rule

__all__ = ["EFFECT_RULES", "SCHEME_RULES"]


# sends local data off the machine (_fx_send)
EFFECT_RULES: dict[str, Rule] = {name: sends_file for name in set(SENDS_FILE_OPTION) | HTTPIE}
EFFECT_RULES |= {name: sends_file for name in STDIN_BODY - set(EFFECT_RULES)}
EFFECT_RULES |= {name: lookup for name in LOOKUP}
EFFECT_RULES |= {name: cloud_copy for name in CLOUD_COPY}
EFFECT_RULES |= {name: publish for name in ("twine", "npm", "yarn", "pnpm", "bun")}
EFFECT_RULES |= {"rclone": rclone, "gh": gh, "aws": aws_file_params}
EFFECT_RULES |= {n: also(EFFECT_RULES.get(n), platform_upload) for n in UPLOADERS}
# serves files or exposes the machine (_fx_serve)
EFFECT_RULES |= {name: serves for name in set(SERVES) - {"http.server", "ruby-httpd", "pyftpdlib"}}
EFFECT_RULES |= {"kubectl": kubectl, "tailscale": tailscale}
EFFECT_RULES |= {"smbserver.py": smbserver, "impacket-smbserver": smbserver}
EFFECT_RULES |= {name: web_shell for name in WEB_SHELLS}
EFFECT_RULES |= {name: socket_server for name in set(SOCKET_SERVERS) | TELNETDS}
# what a URL reaches, and hooks run around installs and traces (_fx_url)
EFFECT_RULES |= {"aria2c": aria2c, "bpftrace": bpftrace}
EFFECT_RULES |= {n: package_hooks for n in ("apt", "apt-get", "aptitude", "apt-cache", "dpkg")}
SCHEME_RULES: dict[str, Rule] = {name: schemes for name in URL_CLIENTS}
# runs a command given in an option or its input (_fx_escape)
EFFECT_RULES |= {name: escapes for name in ESCAPE_OPTIONS}
EFFECT_RULES |= {name: command_options for name, flags in COMMAND_OPTIONS.items() if flags}
EFFECT_RULES |= {"emacs": emacs, "expect": expect, "run-parts": run_parts}
# writes where an option or its last operand says (_fx_writes); ruby also serves (-run)
EFFECT_RULES |= {name: writes for name in WRITES}
EFFECT_RULES |= {name: rewrites for name in IN_PLACE}
EFFECT_RULES |= {"perl": in_place, "git": git, "ruby": ruby}
