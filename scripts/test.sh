#!/usr/bin/env bash
# Sets up (idempotent), builds, and runs every test: the Rust core natively, the
# wasm-bindgen layer compiled to wasm in Node, the JS API and CLI on the built package, and
# the package in every runtime (Node ESM and CommonJS, Bun, Deno, workerd, headless Chromium);
# each entry point is fuzzed briefly on the way.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --no-default-features --target wasm32-unknown-unknown --quiet -- -D warnings
node scripts/licenses.mjs --check
cargo test
cargo test --target wasm32-unknown-unknown --lib
# Each fuzz target for a short fixed time (docs/limits.md: longer runs).
bash scripts/fuzz.sh 10
node --test --test-timeout=300000 tests/js/ tests/runtimes/
