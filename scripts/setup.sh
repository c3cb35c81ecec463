#!/usr/bin/env bash
# Installs everything the build and the tests need, from the package registries only.
# Idempotent: each step checks before it installs, so `npm test` can run it every time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n== setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v firefox-esr >/dev/null; then
  step "browsers from Debian (chromium, chromium-driver, firefox-esr)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver firefox-esr >/dev/null
fi

# wasm-bindgen's CLI must be exactly the library's version in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  step "wasm-bindgen-cli $want (have: ${have:-none})"
  # Not --locked: its lockfile pins a crate version the registry here lacks.
  cargo install -q wasm-bindgen-cli --version "$want"
fi
command -v wasm-pack >/dev/null || { step "wasm-pack"; cargo install -q wasm-pack --locked; }
command -v geckodriver >/dev/null || { step "geckodriver"; cargo install -q geckodriver --locked; }

# npm deps (binaryen's wasm-opt, playwright-core; deno, bun, workerd and esbuild for the
# per-runtime tests: each binary is a platform optionalDependency on the npm registry): only
# when the lockfile changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
