#!/usr/bin/env bash
# Installs what building and testing order-sla needs, skipping what is already there:
# the wasm32 target, the wasm-bindgen CLI of exactly the version in Cargo.lock, and the
# npm dev dependencies (binaryen's wasm-opt). Then builds the package into pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly; Cargo.toml pins it with "=".
[ -f Cargo.lock ] || cargo generate-lockfile
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  echo "setup: installing wasm-bindgen-cli $version (about 2 minutes, once)"
  # --locked fails against this registry (a locked dependency is not served); see docs/design.md.
  cargo install wasm-bindgen-cli --version "=$version" --no-default-features
fi

if [ ! -x node_modules/.bin/wasm-opt ]; then
  npm ci --no-audit --no-fund
fi

bash scripts/build.sh
