#!/usr/bin/env bash
# Sets up .venv with clawkeep and its pinned dependencies. Idempotent: it does the work
# again only when pyproject.toml changed. Usage: scripts/bootstrap.sh [--dev]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
    # Debian packages the project needs; only called when one is missing.
    command -v apt-get >/dev/null || { echo "bootstrap: apt-get not found; install $* by hand" >&2; return 1; }
    as_root apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

python3 - <<'PY' || { echo "bootstrap: clawkeep needs Python >= 3.11" >&2; exit 2; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

if [ ! -x .venv/bin/python ]; then
    # Debian ships venv and ensurepip in a separate package.
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        pyver=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt_install "python${pyver}-venv" || apt_install python3-venv
    fi
    rm -rf .venv
    python3 -m venv .venv
fi

stamp=".venv/.clawkeep-stamp"
want="$(cat pyproject.toml requirements.lock 2>/dev/null | sha256sum | cut -d' ' -f1)${extras}"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    if [ -f requirements.lock ]; then
        # Every dependency, transitive ones too, at the locked version and sha256
        # (scripts/lock.sh regenerates the lock from pyproject.toml's pins).
        .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes \
            -r requirements.lock
        .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e ".${extras}"
    else
        .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
    fi
    echo "$want" > "$stamp"
fi
