#!/usr/bin/env bash
# Builds the npm package into pkg/: the core compiled to wasm, wasm-bindgen's glue
# (--target web: ESM with init/initSync, usable from every runtime), wasm-opt, then the JS
# wrapper with one entry per runtime (node, node.cjs, deno, workerd, browser), types, CLI and
# example store. Prints the sizes it produced.
set -euo pipefail
cd "$(dirname "$0")/.."

# Two builds of the same crate: the full one (Node, Deno, Bun, workers) and the lean one
# for browsers (compiled policies and promises only; see docs/design.md).
build_wasm() { # features, output folder, cargo profile, wasm-opt level
  cargo build --profile "$3" --target wasm32-unknown-unknown --quiet $1
  wasm-bindgen --target web --out-dir "$2" --out-name order_sla --no-typescript \
    "target/wasm32-unknown-unknown/$3/order_sla.wasm"
  # The glue's init() falls back to `new URL('order_sla_bg.wasm', import.meta.url)` when it
  # is given no module; bundlers (webpack 5, Vite) take that for an asset beside the file that
  # imports it, where there is none, and fail or warn. Every entry of the package hands the
  # module over itself, so the fallback goes (and the build stops if it ever changes shape).
  local fallback="module_or_path = new URL('order_sla_bg.wasm', import.meta.url);"
  grep -qF "$fallback" "$2/order_sla.js" || { echo "build: wasm-bindgen's init fallback changed; see scripts/build.sh" >&2; exit 1; }
  sed -i "s|$fallback|throw new Error('order-sla: init() needs the wasm module');|" "$2/order_sla.js"
  # The feature flags are the ones rustc's wasm32 target emits; memory-packing makes the
  # gzipped file larger when data segments dominate (the zone table), so it is skipped.
  # shellcheck disable=SC2086 # $4 is the optimization level and its flags, word by word
  node_modules/.bin/wasm-opt $4 --converge --strip-debug --strip-producers --skip-pass=memory-packing \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$2/order_sla_bg.wasm" -o "$2/order_sla_bg.wasm"
}
rm -rf pkg
mkdir -p pkg/wasm/lean
# The lean build also merges functions that differ only in constants, and lets Binaryen fold
# address arithmetic into load offsets on the promise that the first 1 KB of memory is never
# addressed (Rust puts the stack there, growing down: it would be reached only by a stack
# 1 KB short of overflowing, and no recursion here depends on input): 0.8 KB gzip.
build_wasm --no-default-features pkg/wasm/lean release "--low-memory-unused --merge-similar-functions -Oz"
build_wasm "" pkg/wasm wasm-speed -O3

cp js/package.json js/core.js js/quote.js js/audit.js js/audit-cli.js js/audit-report.js js/audit-workers.js js/audit-worker.js js/full.js js/api.js js/exports.js js/instant.js js/cli-io.js js/format.js js/node.js js/deno.js js/workerd.js js/module.js js/cli.js js/index.d.ts js/browser.d.ts js/module.d.ts pkg/
# CommonJS projects read the same declarations as CommonJS (a .d.ts in a "type": "module"
# package is an ES module to TypeScript, and require() of it is an error there).
cp js/index.d.ts pkg/index.d.cts
# The browser entry is one minified ES module (wrapper, formatting helpers and the lean
# glue): what a checkout page loads next to the lean wasm, measured against the budget.
cp js/browser.js pkg/browser-src.js
node_modules/.bin/esbuild pkg/browser-src.js --bundle --format=esm --minify --target=es2020 \
  --log-level=error --outfile=pkg/browser.js
rm pkg/browser-src.js
# CommonJS: one file bundling the glue and the wrapper, for require('order-sla').
cp js/node-cjs.js pkg/
node_modules/.bin/esbuild pkg/node-cjs.js --bundle --format=cjs --platform=node --target=node18 \
  --log-level=error --outfile=pkg/node.cjs
rm pkg/node-cjs.js
cp README.md pkg/
mkdir -p pkg/examples/store
cp examples/store/*.json pkg/examples/store/
# The example store compiled for the browser build (the checkout page loads it).
node pkg/cli.js compile --policy examples/store/policy.json --years 2026-2030 --out pkg/examples/store/policy.osla
chmod +x pkg/cli.js

node scripts/size.mjs
