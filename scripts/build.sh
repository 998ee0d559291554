#!/usr/bin/env bash
# Builds the npm package into pkg/: the core compiled to wasm, wasm-bindgen's glue
# (--target web: ESM with init/initSync, usable from every runtime), wasm-opt, then the JS
# wrapper with one entry per runtime (node, node.cjs, deno, workerd, browser), types, CLI and
# example store. Prints the sizes it produced.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --quiet
rm -rf pkg
mkdir -p pkg/wasm
wasm-bindgen --target web --out-dir pkg/wasm --out-name order_sla --no-typescript \
  target/wasm32-unknown-unknown/release/order_sla.wasm
# The feature flags are the ones rustc's wasm32 target emits; memory-packing makes the
# gzipped file larger when data segments dominate (the zone table), so it is skipped.
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --skip-pass=memory-packing \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/wasm/order_sla_bg.wasm -o pkg/wasm/order_sla_bg.wasm

cp js/package.json js/core.js js/format.js js/node.js js/deno.js js/workerd.js js/browser.js js/cli.js js/index.d.ts pkg/
# CommonJS: one file bundling the glue and the wrapper, for require('order-sla').
cp js/node-cjs.js pkg/
node_modules/.bin/esbuild pkg/node-cjs.js --bundle --format=cjs --platform=node --target=node18 \
  --log-level=error --outfile=pkg/node.cjs
rm pkg/node-cjs.js
cp README.md pkg/
mkdir -p pkg/examples/store
cp examples/store/*.json pkg/examples/store/
chmod +x pkg/cli.js

node scripts/size.mjs
