#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-bindgen's web-target glue with the entries of js/
# (one package for browsers, bundlers, Web Workers, Node, Deno, Bun and workerd).
# Usage: scripts/build.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
# The npm binaryen first: Debian's wasm-opt 108 emits modules that fail to load.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev
wasm-pack -q build $profile --target web --out-dir pkg --out-name finews_reader
node scripts/package.mjs
