#!/usr/bin/env bash
# Runs the cargo-fuzz targets (fuzz/) one after the other, each for N seconds.
#   bash scripts/fuzz.sh [seconds=60] [target...]      (npm run fuzz -- 1800)
# Seeds: every fixture post and every regression input. Findings land in
# fuzz/artifacts/<target>/; minimise with `cargo +nightly fuzz tmin <target> <file>`,
# fix, and commit the input as tests/regressions/<target>-<name>.bin.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(render render_options)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal

for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  for input in tests/fixtures/*/input.md; do
    cp -n "$input" "$corpus/seed-$(basename "$(dirname "$input")").md"
  done
  for input in tests/regressions/"$target"-*; do
    [ -e "$input" ] && cp -n "$input" "$corpus/"
  done
  echo "== fuzz $target for ${seconds}s"
  # -jobs=1 -workers=1: one core for the fuzzer, one for the rest (2-core machines).
  # libFuzzer then logs to fuzz-0.log in the working directory: printed after the run.
  (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -jobs=1 -workers=1 -max_len=65536 -timeout=10 \
    -dict=html.dict -print_final_stats=1) || status=$?
  tail -n 25 fuzz/fuzz-0.log 2>/dev/null || true
  [ "${status:-0}" -eq 0 ] || { echo "fuzz: $target found a failure (fuzz/artifacts/$target/)"; exit 1; }
done
