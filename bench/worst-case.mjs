// One case of the worst-case benchmark (bench/worst.mjs runs each in its own process):
// prints `{ ms, grewMB, memoryMB, outcome, healthy }` as JSON. `ms` is the median of the
// runs that fit in a few seconds (at least one); `grewMB` what the wasm memory grew by
// during the first run (wasm memory never shrinks: that is what the call costs the host).
import { cases, ORDER, STORE, AT } from '../scripts/hostile.mjs';
import { createEngine, validatePolicy, calendar, OrderSlaError } from '../pkg/node.js';
import * as glue from '../pkg/wasm/order_sla.js';

const [scale, index] = process.argv.slice(2).map(Number);
const c = cases(scale)[index];
const memory = () => glue.wasmMemory().buffer.byteLength;

// Engines are made before the clock starts, but for validation (what is timed there).
let engine;
try {
  engine = c.policy && c.entry !== 'validate' ? createEngine(c.policy) : null;
} catch (e) {
  console.log(JSON.stringify({ outcome: `policy refused: ${e.code}: ${String(e.problems?.[0]?.message ?? e.message).slice(0, 100)}` }));
  process.exit(0);
}
const store = createEngine(STORE);
const before = store.promiseJson(ORDER, { at: AT });

function call() {
  switch (c.entry) {
    case 'validate': {
      const v = validatePolicy(c.policy);
      if (!v.valid) throw new OrderSlaError(v.code, v.message, { problems: v.problems });
      return v;
    }
    case 'promise': return engine.promiseJson(c.input, c.options);
    case 'quote': return engine.quote(c.input, c.options);
    case 'track': return engine.track(engine.promise(c.input.promise), c.input.events, c.options);
    case 'auditRow': return engine.auditRow(c.input, c.options);
    case 'latestOrderBy': return engine.latestOrderBy(c.input);
    case 'calendar': {
      const cal = calendar(c.input);
      return [cal.addWorkingDays('2026-12-01', 250), cal.workingDaysBetween('2026-01-01', '2030-01-01'), cal.holidays(2027)];
    }
    default: throw new Error(`unknown entry ${c.entry}`);
  }
}

function once() {
  const t0 = performance.now();
  let outcome;
  try {
    call();
    outcome = 'ok';
  } catch (e) {
    outcome = e instanceof OrderSlaError ? e.code : `not an OrderSlaError: ${e?.constructor?.name}: ${String(e?.message).slice(0, 120)}`;
  }
  return { ms: performance.now() - t0, outcome };
}

const m0 = memory();
const first = once();
const grewMB = (memory() - m0) / 2 ** 20;
const times = [first.ms];
const budget = performance.now() + 3000;
while (times.length < 5 && performance.now() + first.ms < budget) times.push(once().ms);
times.sort((a, b) => a - b);

let healthy;
try {
  healthy = store.promiseJson(ORDER, { at: AT }) === before;
} catch {
  healthy = false;
}
console.log(JSON.stringify({ ms: times[Math.floor(times.length / 2)], grewMB, memoryMB: memory() / 2 ** 20, outcome: first.outcome, healthy }));
