// One cold start in a fresh process: import the package, compile and instantiate its
// wasm, load the example policy and answer one quote. Prints the milliseconds it took.
// Usage: node bench/cold.mjs order-sla | compiled | reference
//   order-sla  the Node entry (full build) loading the policy's JSON;
//   compiled   the lean build (what the browser entry runs) loading the compiled policy;
//   reference  bench/peer (luxon, luxon-business-days, date-holidays).
import { readFileSync } from 'node:fs';

const t0 = performance.now();
const root = new URL('../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root));
const order = JSON.parse(read('examples/store/order.json'));
const which = process.argv[2];
let engine;
if (which === 'reference') {
  const { createReference } = await import('./peer/promise.mjs');
  engine = createReference(JSON.parse(read('examples/store/policy.json')));
} else if (which === 'compiled') {
  const glue = await import('../pkg/wasm/lean/order_sla.js');
  const { makeApi } = await import('../pkg/core.js');
  glue.initSync({ module: read('pkg/wasm/lean/order_sla_bg.wasm') });
  engine = makeApi(glue).createEngine(read('pkg/examples/store/policy.osla'));
} else {
  const { createEngine } = await import('../pkg/node.js');
  engine = createEngine(read('examples/store/policy.json').toString());
}
engine.quote(order, { at: Date.parse('2026-11-28T10:20:00Z') });
process.stdout.write(String(performance.now() - t0));
