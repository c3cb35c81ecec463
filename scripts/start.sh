#!/usr/bin/env bash
# `npm start`: installs the toolchain (idempotent), builds the release package into pkg/,
# then serves the www/ demo page. Extra arguments go to the server, e.g. `npm start -- --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "$@"
