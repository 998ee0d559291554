#!/usr/bin/env bash
# The benchmarks, in one command: builds the package (scripts/setup.sh), installs the
# reference stack (bench/package.json), writes the benchmark corpus, checks that the
# reference agrees with order-sla on all of it, times the native core (divan), the JS API,
# batches, cold starts (Node and workerd), sizes and the worst inputs at the documented
# limits, and writes the figures into BENCHMARKS.md. About seven minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  npm ci --prefix bench --no-audit --no-fund
fi
mkdir -p target/bench
node scripts/orders.mjs 2000 > target/bench/corpus.ndjson
echo "bench: Node (the reference is checked against order-sla on the corpus first)"
node bench/node.mjs target/bench/corpus.ndjson > target/bench/node.json
echo "bench: native core (divan)"
ORDER_SLA_BENCH_CORPUS=target/bench/corpus.ndjson cargo bench --quiet --bench native > target/bench/native.txt
cat target/bench/native.txt
echo "bench: workerd cold start"
node bench/workerd.mjs > target/bench/workerd.json
node bench/size.mjs > target/bench/size.json
node bench/report.mjs
echo "bench: the worst inputs at the limits (scripts/hostile.mjs), in wasm then natively"
node bench/worst.mjs > target/bench/worst.json
cargo bench --quiet --bench worst > target/bench/worst-native.ndjson
node bench/worst-report.mjs
