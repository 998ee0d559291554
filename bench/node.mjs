// The Node benchmarks: order-sla's JS API against the reference (bench/peer) on the
// benchmark corpus, after checking that both give the same answers on all of it.
// Prints one JSON object of figures (medians of repeated runs); bench/run.sh writes them
// into BENCHMARKS.md. Usage: node bench/node.mjs CORPUS.ndjson
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../pkg/node.js';
import { createReference } from './peer/promise.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const policy = JSON.parse(readFileSync(`${root}examples/store/policy.json`, 'utf8'));
const orders = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const engine = createEngine(policy);
const reference = createReference(policy);
const RUNS = 9;

// 1. The reference must agree with order-sla on every order before anything is timed, on
// what it computes: the window's own countdown (windowOrderBy, windowNext) it does not.
const common = (q) =>
  JSON.stringify({ ...q, options: q.options.map(({ windowOrderBy, windowNext, ...o }) => o) });
for (const confidence of [undefined, 0.8]) {
  const ours = engine.quoteBatch(orders, { confidence });
  orders.forEach((order, i) => {
    const theirs = reference.quote(order, { confidence });
    const mine = engine.quote(order, { confidence });
    if (common(mine) !== JSON.stringify(theirs) || common(ours[i]) !== JSON.stringify(theirs)) {
      console.error(`the reference disagrees on ${order.id}:\n  order-sla ${JSON.stringify(mine)}\n  reference ${JSON.stringify(theirs)}`);
      process.exit(1);
    }
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median nanoseconds per item of `run()` (which handles `items` items), over RUNS runs
 * each long enough (~0.2 s) for the timer, after a warm-up. */
function time(items, run) {
  const t0 = performance.now();
  run();
  const once = Math.max(performance.now() - t0, 0.01);
  const reps = Math.max(1, Math.round(200 / once));
  const per = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) run();
    per.push(((performance.now() - start) * 1e6) / (reps * items));
  }
  return median(per);
}

const each = (quote) => () => {
  for (const o of orders) quote(o);
};

const placed = JSON.parse(readFileSync(`${root}examples/store/placed-order.json`, 'utf8'));
const events = JSON.parse(readFileSync(`${root}examples/store/events.json`, 'utf8'));
const stored = engine.promise(placed);
const exampleOrder = JSON.parse(readFileSync(`${root}examples/store/order.json`, 'utf8'));
const AT = Date.parse('2026-11-28T10:20:00Z');

/** Median milliseconds of a fresh `node` process importing and answering (bench/cold.mjs). */
function coldStart(which) {
  const runs = [];
  for (let r = 0; r < 15; r++) {
    const p = spawnSync(process.execPath, [`${root}bench/cold.mjs`, which], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    runs.push(Number(p.stdout));
  }
  return median(runs);
}

const figures = {
  corpusOrders: orders.length,
  quoteNs: time(orders.length, each((o) => engine.quote(o))),
  referenceQuoteNs: time(orders.length, each((o) => reference.quote(o))),
  batchNsPerOrder: time(orders.length, () => engine.quoteBatch(orders)),
  promiseNs: time(1, () => engine.promise(exampleOrder, { at: AT })),
  trackNs: time(1, () => engine.track(stored, events, { now: '2026-12-03T12:00:00Z' })),
  coldStartMs: coldStart('order-sla'),
  coldStartCompiledMs: coldStart('compiled'),
  referenceColdStartMs: coldStart('reference'),
};
console.log(JSON.stringify(figures));
