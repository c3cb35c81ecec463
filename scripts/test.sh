#!/usr/bin/env bash
# Every test: `npm test`. Installs what it needs first (scripts/setup.sh), then runs
# the native checks, builds the package and runs the browser, Node, per-runtime and
# end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver GECKODRIVER="$HOME/.cargo/bin/geckodriver"
step() { printf '\n== test: %s\n' "$*"; }

step "cargo fmt --check";  cargo fmt --check
step "cargo clippy";       cargo clippy -q --all-targets --features cli -- -D warnings
step "cargo clippy (wasm32)"; cargo clippy -q --target wasm32-unknown-unknown -- -D warnings
step "cargo test";         cargo test -q --features cli  # cli: the binary and tests/cli.rs
step "cargo build --release --target wasm32-unknown-unknown"
cargo build -q --release --target wasm32-unknown-unknown
step "npm package build";  bash scripts/build.sh
step "wasm tests in Chromium, Firefox and Node"; bash scripts/test-wasm.sh
step "Node tests of the built package"; node --test tests/node/
step "the packed package in each runtime (browser page, Web Worker, Vite, Node, Deno, Bun, workerd)"
node --test tests/runtimes/
step "end-to-end tests of www/ in Chromium"; node --test tests/e2e/
