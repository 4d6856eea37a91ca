#!/usr/bin/env bash
# Regenerates requirements.lock: every dependency, transitive ones too, pinned by version
# and sha256, from pyproject.toml's pins (runtime and dev). scripts/bootstrap.sh installs
# from it with --require-hashes. Run after changing a pin in pyproject.toml.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check pip-tools==7.7.0
cp "$here/pyproject.toml" "$work/"
mkdir -p "$work/src/clawkeep" && touch "$work/src/clawkeep/__init__.py"
(cd "$work" && "$work/venv/bin/pip-compile" --quiet --generate-hashes --extra dev \
    --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml)
cp "$work/requirements.lock" "$here/requirements.lock"
echo "wrote $here/requirements.lock"
