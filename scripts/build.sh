#!/usr/bin/env bash
# Builds the npm package: pkg/ (web target: what gets published; Vite and other bundlers
# consume it as is) and pkg-node/ (nodejs target, for the Node smoke tests).
# Usage: scripts/build.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
# The npm binaryen first: Debian's wasm-opt 108 emits modules that fail to load.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev
wasm-pack -q build $profile --target web --out-dir pkg --out-name finews_reader
if [ "${1:-}" != "--dev" ]; then
  wasm-pack -q build $profile --target nodejs --out-dir pkg-node --out-name finews_reader
fi
node scripts/package.mjs
