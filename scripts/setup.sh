#!/usr/bin/env bash
# Installs what building and testing order-sla needs, skipping what is already there:
# the wasm32 target, the wasm-bindgen CLI of exactly the version in Cargo.lock, the npm dev
# dependencies (binaryen's wasm-opt, esbuild, and the runtimes the tests use: workerd, deno,
# bun, playwright-core) and, for the browser tests, Debian's chromium. Then builds pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# rustfmt and clippy: the test command checks formatting and lints (a minimal profile lacks them).
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# The CLI must match the wasm-bindgen crate exactly; Cargo.toml pins it with "=".
[ -f Cargo.lock ] || cargo generate-lockfile
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  echo "setup: installing wasm-bindgen-cli $version (about 2 minutes, once)"
  # --locked fails against this registry (a locked dependency is not served); see docs/design.md.
  cargo install wasm-bindgen-cli --version "=$version" --no-default-features
fi

# npm ci again whenever the lockfile is newer than the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The browser tests drive a real headless Chromium (playwright-core cannot download one here).
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing chromium from Debian (once)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing and cannot be installed here; the browser tests will fail" >&2
  fi
fi

bash scripts/build.sh
