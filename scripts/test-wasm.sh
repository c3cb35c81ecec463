#!/usr/bin/env bash
# The JS binding under the wasm test runner: tests/web.rs in headless Chromium and Firefox,
# tests/node.rs in Node. A runner that skips a file still exits 0, so each run must also
# report "test result: ok. N passed" with N > 0.
set -euo pipefail
cd "$(dirname "$0")/.."
# The npm binaryen first (never Debian's wasm-opt); the drivers named explicitly, since
# searching PATH the runner may pick the wrong browser.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver GECKODRIVER="$HOME/.cargo/bin/geckodriver"

run() { # <label> <test file> <wasm-pack test flags...>
  local label=$1 file=$2; shift 2
  local log; log=$(mktemp)
  printf '\n== wasm tests: %s (tests/%s.rs)\n' "$label" "$file"
  # Only the one test file: the lib's unit tests are native-only and would just add build time.
  if ! wasm-pack test "$@" -- --test "$file" 2>&1 | tee "$log"; then
    echo "wasm tests failed in $label" >&2; return 1
  fi
  local passed
  passed=$(sed -n 's/.*test result: ok\. \([0-9][0-9]*\) passed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  rm -f "$log"
  if [ "$passed" -eq 0 ]; then
    echo "no wasm test ran in $label: the runner skipped tests/$file.rs" >&2; return 1
  fi
  echo "== $label: $passed passed"
}

run chromium web --headless --chrome
run firefox web --headless --firefox
run node node --node
