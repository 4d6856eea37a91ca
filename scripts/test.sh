#!/usr/bin/env bash
# Sets up the project and runs the whole suite: ruff, mypy --strict, pytest.
# Extra arguments go to pytest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
scripts/bootstrap.sh --dev
if ! command -v bwrap >/dev/null; then
    # The sandbox tests need bubblewrap; without it they would only skip.
    echo "test: installing bubblewrap" >&2
    if [ "$(id -u)" = 0 ]; then s=""; else s="sudo"; fi
    $s apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq bubblewrap >/dev/null
fi
if ! [ -x /usr/bin/chromium ]; then
    # The browser tool and the Control UI tests drive Debian's Chromium (Playwright never
    # downloads a browser).
    echo "test: installing chromium" >&2
    if [ "$(id -u)" = 0 ]; then s=""; else s="sudo"; fi
    $s apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq chromium >/dev/null
fi
if ! command -v ip >/dev/null; then
    # The discovery tests browse mDNS in a network namespace made with `ip netns`.
    echo "test: installing iproute2" >&2
    if [ "$(id -u)" = 0 ]; then s=""; else s="sudo"; fi
    $s apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq iproute2 >/dev/null
fi
echo "== ruff"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
echo "== mypy --strict"
.venv/bin/mypy
echo "== pytest"
set +e
.venv/bin/pytest -q "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then
    echo "test: pytest collected no tests: that is a failure here" >&2
    exit 1
fi
exit "$rc"
