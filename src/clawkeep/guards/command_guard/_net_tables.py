"""The network tables, as data: shells, downloaders, raw-socket tools, tunnels, network
tools and package managers.
"""

from __future__ import annotations

__all__ = [
    "DECODE_FLAGS",
    "DOWNLOADERS",
    "GO_HOSTS",
    "INSTALL",
    "NETWORK",
    "OWN_SUFFIXES",
    "PKG",
    "RAW_SOCKET",
    "SHELLS",
    "SYSPKG",
    "TUNNELS",
    "VETTED_SOURCES",
]


SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "tcsh", "csh"}
SHELLS |= {"ksh93", "yash", "posh", "oksh", "loksh", "pdksh", "rbash", "hush", "bosh"}
# shells of other languages whose -c text runs commands as a shell line does (judged as bash)
SHELLS |= {"rc", "es", "nu", "elvish", "xonsh", "oil", "osh", "ysh", "lksh", "sash"}
DOWNLOADERS = {"curl", "wget", "aria2c", "fetch", "lwp-download", "lwp-request", "GET", "http"}
DOWNLOADERS |= {"https", "xh", "tftp", "ftp", "nscurl"}
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
PKG |= {"composer", "poetry", "conda", "mamba", "brew", "bun", "bunx", "uvx"}
SYSPKG = {"apt", "apt-get", "yum", "dnf", "zypper", "apk", "pacman", "rpm", "dpkg", "snap"}
DECODE_FLAGS = {"-d", "--decode", "-D", "-r", "-revert"}


# Package registries and code forges that answer for what they serve (accounts, abuse
# takedowns, immutable releases): an installer pointed at one of these, or at a host of
# the owner's own network, installs from a source someone vouches for. Any other host
# named as a package, an index or a registry is the line's own choice of code to run.
VETTED_SOURCES = frozenset(
    {"pypi.org", "pypi.python.org", "files.pythonhosted.org", "download.pytorch.org"}
    | {"registry.npmjs.org", "registry.yarnpkg.com", "npm.pkg.github.com", "rubygems.org"}
    | {"crates.io", "static.crates.io", "index.crates.io", "proxy.golang.org"}
    | {"goproxy.io", "goproxy.cn"}
    | {"repo.maven.apache.org", "repo1.maven.org", "gradle.org", "api.nuget.org"}
    | {"nuget.org", "packagist.org", "repo.packagist.org", "conda.anaconda.org"}
    | {"repo.anaconda.com", "github.com", "raw.githubusercontent.com", "codeload.github.com"}
    | {"objects.githubusercontent.com", "gitlab.com", "bitbucket.org", "codeberg.org"}
    | {"git.sr.ht", "bootstrap.pypa.io", "deb.debian.org", "archive.ubuntu.com", "dl.k8s.io"}
    # vendors' wheel indexes, and hosted registries that answer for their accounts
    | {"pypi.nvidia.com", "data.pyg.org", "github.io", "pkg.github.com", "pkg.dev"}
    | {"pkgs.dev.azure.com", "jfrog.io", "cloudsmith.io", "gitlab.io", "huggingface.co"}
    # other languages' registries and the toolchains' own download servers
    | {"cran.r-project.org", "cloud.r-project.org", "r-universe.dev", "pkg.julialang.org"}
    | {"luarocks.org", "cpan.org", "metacpan.org", "hex.pm", "opam.ocaml.org", "pub.dev"}
    | {"nodejs.org", "static.rust-lang.org", "python.org", "cache.ruby-lang.org"}
    # the package servers of the BSDs, Alpine and Homebrew
    | {"pkg.freebsd.org", "download.freebsd.org", "cdn.openbsd.org", "ftp.openbsd.org"}
    | {"dl-cdn.alpinelinux.org", "formulae.brew.sh"}
)
# Go module hosts beyond the forges above: the Go project's and the large projects' own
# import-path domains (``golang.org/x/tools``, ``k8s.io/client-go``, ``go.uber.org/zap``).
# A module path on any other host is fetched from that host's server, through the proxy.
GO_HOSTS = frozenset(
    {"golang.org", "google.golang.org", "go.googlesource.com", "cloud.google.com", "go.dev"}
    | {"k8s.io", "sigs.k8s.io", "go.uber.org", "gopkg.in", "honnef.co", "mvdan.cc"}
    | {"go.etcd.io", "go.opentelemetry.io", "go.opencensus.io", "gotest.tools", "gorm.io"}
    | {"go.mongodb.org", "gvisor.dev", "filippo.io", "golang.zx2c4.com", "go.temporal.io"}
    | {"helm.sh", "istio.io", "knative.dev", "tailscale.com", "go.szostok.io", "nhooyr.io"}
    | {"go.starlark.net", "cuelang.org", "cuelabs.dev", "dario.cat", "entgo.io", "golang.org"}
    | {"go.mozilla.org", "go.step.sm", "storj.io", "modernc.org", "lukechampine.com"}
    | {"rsc.io", "9fans.net", "howett.net", "go.elastic.co", "go.opentelemetry.io"}
    | {"oras.land", "sigstore.dev", "go.pact.io", "connectrpc.com", "buf.build"}
)
# Names the owner's own networks use: private suffixes only. A label such as
# ``internal`` inside a public name proves nothing: anyone who owns ``evil.example`` can name
# a host ``pypi.internal.evil.example``; an owner's registry under a public name goes in
# ``allow_commands``.
OWN_SUFFIXES = (".internal", ".local", ".lan", ".corp", ".home.arpa", ".localdomain", ".intranet")
