#!/usr/bin/env bash
# The fuzz suite (tests/fuzz) for longer than CI runs it: the config loader, the webhook
# verifier, Telegram updates, WebSocket RPC frames and the guards' JSONL input.
# FUZZ_EXAMPLES (default 5000) examples per target, a 5 s deadline per example (a hang
# fails). Extra arguments go to pytest, e.g. `scripts/fuzz.sh -k config`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
export CLAWKEEP_FUZZ_PROFILE=long
exec nice -n 10 .venv/bin/pytest -q -p no:cacheprovider tests/fuzz "$@"
