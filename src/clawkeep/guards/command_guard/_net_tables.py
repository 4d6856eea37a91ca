"""The network tables, as data: shells, downloaders, raw-socket tools, tunnels, network
tools and package managers.
"""

from __future__ import annotations

__all__ = [
    "DECODE_FLAGS",
    "DOWNLOADERS",
    "INSTALL",
    "NETWORK",
    "PKG",
    "RAW_SOCKET",
    "SHELLS",
    "SYSPKG",
    "TUNNELS",
]


SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "tcsh", "csh"}
DOWNLOADERS = {"curl", "wget", "aria2c", "fetch", "lwp-download", "lwp-request", "GET", "http"}
DOWNLOADERS |= {"https", "xh", "tftp", "ftp"}
RAW_SOCKET = {"nc", "ncat", "netcat", "socat", "telnet", "hping3", "nping", "cryptcat"}
RAW_SOCKET |= {
    "rcat",
    "pwncat-cs",
    "pwncat",
    "sbd",
    "rlogin",
    "rsh",
    "rexec",
    "finger",
    "ztcp",
    "openssl",
}
TUNNELS = {"ngrok", "cloudflared", "localtunnel", "lt", "bore", "frpc", "chisel", "serveo"}
TUNNELS |= {"sshuttle", "zrok", "loclx", "localxpose", "pagekite", "pagekite.py", "tunnelto"}
NETWORK = {"ssh", "sftp", "ping", "ping6", "dig", "nslookup", "host", "whois", "traceroute"}
NETWORK |= {"mtr", "ab", "siege", "wrk", "hey", "lynx", "links", "w3m", "elinks", "smbclient"}
NETWORK |= {"mosquitto_pub", "gsutil", "aws", "gcloud", "az", "s3cmd"}
INSTALL = {"install", "add", "update", "upgrade", "i", "ci", "get", "fetch", "download", "sync"}
PKG = {"pip", "pip3", "pipx", "uv", "npm", "npx", "yarn", "pnpm", "gem", "cargo", "go", "bundle"}
PKG |= {"composer", "poetry", "conda", "mamba", "brew"}
SYSPKG = {"apt", "apt-get", "yum", "dnf", "zypper", "apk", "pacman", "rpm", "dpkg", "snap"}
DECODE_FLAGS = {"-d", "--decode", "-D", "-r", "-revert"}
