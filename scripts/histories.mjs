// Synthetic order histories for the audit (tests and benchmarks): the orders of
// scripts/orders.mjs with the events an order system would have recorded by `now`, from
// each shipment's promise: payment capture, release, pick, shipment and delivery, mostly on
// time, some late (a slow warehouse, a late carrier), with customer holds, carrier
// exceptions and cancellations. Seeded, so a seed always gives the same histories.
//
// Usage: node scripts/histories.mjs COUNT [--seed N] [--now ISO] [--with-promise] > rows.ndjson
// Each row is { order, service, events } (the audit re-promises the order), or with
// --with-promise also the stored promise, as an order system would keep it.
import { seeded } from './random.mjs';
import { generateOrders } from './orders.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rows for the orders of `count` generated for the example store (those with an available
 * option), each as its history stood at `now` (by default the day after the last orders
 * were placed, so the newest are still on their way). */
export function* generateHistories(engine, { count, seed = 20261128, now = Date.parse('2027-12-16T18:00:00Z'), withPromise = false }) {
  const { random, pick } = seeded(seed ^ 0x5eed);
  const chance = (p) => random() < p;
  for (const order of generateOrders(count, seed)) {
    const placed = Date.parse(order.placedAt);
    if (placed > now) continue;
    let promise;
    try {
      promise = engine.promise(order);
    } catch {
      continue;
    }
    const option = promise.options.find((o) => o.available);
    // Events name their shipment by node: an order split twice at one node (stock now and a
    // backorder) could not be told apart, so the generator leaves such orders out.
    if (!option || new Set(option.shipments.map((s) => s.node)).size < option.shipments.length) continue;
    const events = [];
    const add = (type, at, extra = {}) => {
      if (at <= now) events.push({ type, at: new Date(at).toISOString(), ...extra });
    };
    const paid = order.paymentCapturedAt ? Date.parse(order.paymentCapturedAt) : placed + 60_000;
    add('payment_captured', paid);
    if (chance(0.01)) {
      add('cancelled', placed + 2 * HOUR);
      yield row(order, option.service, events, withPromise && promise);
      continue;
    }
    for (const s of option.shipments) {
      const node = s.node;
      const slowNode = chance(0.06);
      let t = Math.max(Date.parse(s.releasedAt.utc), paid) + (5 + random() * 55) * 60_000;
      if (slowNode) t += (0.5 + random()) * DAY;
      add('released', t, { node });
      if (chance(0.03)) {
        const hold = t + random() * 4 * HOUR;
        add('hold_started', hold, { node, reason: pick(['customer_request', 'address_verification', 'fraud_review']) });
        add('hold_ended', hold + (2 + random() * 30) * HOUR, { node, reason: 'customer_request' });
      }
      t += (1 + random() * 4) * HOUR;
      add('picked', t, { node });
      const shipBy = s.shipBy.epochMs;
      const shipped = slowNode || chance(0.05) ? shipBy + (0.2 + random() * 2) * DAY : Math.max(t + HOUR, shipBy - random() * 5 * HOUR);
      add('shipped', shipped, { node, tracking: `1Z${Math.floor(random() * 1e9)}` });
      const lateCarrier = chance(0.06);
      if (lateCarrier && chance(0.5)) add('carrier_exception', shipped + DAY, { node, reason: pick(['weather_delay', 'address_issue', 'damaged']) });
      const lastDay = Date.parse(`${s.delivery.latest}T17:00:00Z`);
      const firstDay = Date.parse(`${s.delivery.earliest}T17:00:00Z`);
      const delivered = lateCarrier ? lastDay + (1 + Math.floor(random() * 3)) * DAY : firstDay + Math.floor(random() * ((lastDay - firstDay) / DAY + 1)) * DAY;
      add('delivered', Math.max(delivered, shipped + HOUR), { node });
    }
    yield row(order, option.service, events, withPromise && promise);
  }
}

function row(order, service, events, promise) {
  return promise ? { order, service, events, promise } : { order, service, events };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createEngine } = await import('../pkg/node.js');
  const { readFileSync } = await import('node:fs');
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const engine = createEngine(readFileSync(new URL('../examples/store/policy.json', import.meta.url), 'utf8'));
  const options = { count: Number(args[0] ?? 1000), withPromise: args.includes('--with-promise') };
  if (flag('--seed')) options.seed = Number(flag('--seed'));
  if (flag('--now')) options.now = Date.parse(flag('--now'));
  let chunk = '';
  for (const r of generateHistories(engine, options)) {
    chunk += `${JSON.stringify(r)}\n`;
    if (chunk.length > 1 << 16) {
      process.stdout.write(chunk);
      chunk = '';
    }
  }
  process.stdout.write(chunk);
}
