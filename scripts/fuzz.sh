#!/usr/bin/env bash
# Fuzzes the public entry points (fuzz/fuzz_targets: policy, order, events, calendar and
# compiled-policy input) for SECONDS each (default 20; docs/limits.md for longer runs). The
# committed seeds are fuzz/seeds/TARGET; what a run discovers goes to fuzz/corpus/TARGET
# (not committed). A crash stops the run and leaves its input in fuzz/artifacts/TARGET: keep
# it as a regression test; an input that takes over 10 s counts as a crash. Needs the
# nightly toolchain (sanitizers) and cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain (once)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (once)"
  cargo install cargo-fuzz --version 0.13.2
fi

cd fuzz
for target in policy order events calendar compiled; do
  mkdir -p "corpus/$target"
  echo "fuzz: $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 |
    grep -E '^(stat::number_of_executed_units|==[0-9]+==|SUMMARY|Done|thread .* panicked)' || true
  # cargo fuzz exits non-zero on a crash; the pipeline above hides it, so look for artifacts.
  if compgen -G "artifacts/$target/*" >/dev/null; then
    echo "fuzz: $target found a crash: fuzz/artifacts/$target" >&2
    exit 1
  fi
done
echo "fuzz: no crash"
