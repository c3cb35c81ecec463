#!/usr/bin/env bash
# `npm run bench`: builds the release package and runs the peer benchmark of ../shared/bench
# (the JS pipeline: gray-matter, marked, DOMParser, DOMPurify, pangu) against it, in Chromium
# and Node, in the same run; prints the RATIO and SIZE lines. Extra arguments go to the
# two timing scripts (e.g. `npm run bench -- --measure-ms 1000`).
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${BENCH_DIR:-../shared/bench}
if [ ! -x "$bench/setup.sh" ]; then
  echo "bench: the peer benchmark is missing: no $bench/setup.sh (set BENCH_DIR to its folder)" >&2
  exit 1
fi
export BENCH_WORK=${BENCH_WORK:-$PWD/target/bench-work}
[ "${SKIP_BUILD:-}" = 1 ] || bash scripts/build.sh
"$bench/setup.sh" >/dev/null
node "$bench/bench-browser.mjs" --wasm-pkg pkg "$@" | tee target/bench-browser.txt
node "$bench/bench-node.mjs" --wasm-pkg pkg "$@" | tee target/bench-node.txt
node "$bench/bundle-sizes.mjs" --wasm-pkg pkg | tee target/bench-sizes.txt
printf '\n== summary\n'
grep -h -E '^(RATIO|SIZE)' target/bench-browser.txt target/bench-node.txt target/bench-sizes.txt
node scripts/bench-table.mjs > target/bench-table.md
echo "README tables: target/bench-table.md"
