#!/usr/bin/env bash
# Builds the npm package: pkg/ (web target, what gets published), pkg-node/ and pkg-bundler/.
# Usage: scripts/build.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
# The npm binaryen first: Debian's wasm-opt 108 emits modules that fail to load.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev
wasm-pack build -q $profile --target web --out-dir pkg --out-name finews_reader
if [ "${1:-}" != "--dev" ]; then
  wasm-pack build -q $profile --target nodejs --out-dir pkg-node --out-name finews_reader
  wasm-pack build -q $profile --target bundler --out-dir pkg-bundler --out-name finews_reader
fi
node scripts/package.mjs
