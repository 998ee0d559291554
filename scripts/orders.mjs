// Orders for the example store (the benchmark corpus, and the orders of the audit's
// generated histories): placed across 2026-2027 (a third of
// them within an hour of a cutoff, some in holiday weeks), to every US state and a few
// other countries, with one to three lines from both warehouses, tags and SKUs with extra
// handling, late payment captures, backorders and chosen services. Deterministic (seeded),
// so every run and every machine races the same orders.
// Usage: node scripts/orders.mjs [count] > orders.ndjson (scripts/histories.mjs adds events).
import { seeded } from './random.mjs';

const HOUR = 3_600_000;
const START = Date.parse('2026-01-01T00:00:00Z');
const SPAN = Date.parse('2027-12-15T00:00:00Z') - START;
const STATES = ['NY', 'NJ', 'CA', 'OR', 'WA', 'TX', 'FL', 'IL', 'MA', 'CO', 'GA', 'AZ', 'AK', 'HI'];
const SKUS = ['MUG-ENAMEL-12', 'FLASK-STEEL', 'TENT-2P', 'CANOE-CUSTOM', 'SOCKS-WOOL'];
const SERVICES = ['ups-ground', 'usps-priority', 'fedex-2day'];
const HOLIDAY_WEEKS = ['2026-11-23', '2026-12-21', '2026-12-28', '2026-07-01', '2027-11-22', '2027-12-20', '2027-05-28'];

/** `count` orders from `seed`, as objects. */
export function generateOrders(count, seed = 20261128) {
  const { random, pick } = seeded(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    let placed = START + Math.floor(random() * SPAN);
    const r = random();
    if (r < 0.33) {
      // Around a cutoff: 14:00 New York (19:00 UTC in winter, 18:00 in summer), 12:00 Los Angeles.
      const day = Math.floor(placed / 86_400_000) * 86_400_000;
      placed = day + pick([18, 19, 20]) * HOUR + Math.floor((random() - 0.5) * 2 * HOUR);
    } else if (r < 0.5) {
      placed = Date.parse(`${pick(HOLIDAY_WEEKS)}T00:00:00Z`) + Math.floor(random() * 7 * 24 * HOUR);
    }
    const country = random() < 0.04 ? pick(['CA', 'MX', 'GB']) : 'US';
    const destination = { country };
    if (country === 'US') {
      destination.region = pick(STATES);
      if (random() < 0.7) destination.postalCode = String(10000 + Math.floor(random() * 89999));
      if (random() < 0.5) destination.zone = pick(['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Pacific/Honolulu']);
    }
    const lines = [];
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const line = { sku: pick(SKUS), quantity: 1 + Math.floor(random() * 3) };
      if (random() < 0.8) line.node = pick(['ewr', 'ont']);
      if (random() < 0.3) line.tags = [pick(['gift-wrap', 'engraving', 'fragile'])];
      if (random() < 0.05) line.availableOn = new Date(placed + Math.floor(random() * 20) * 86_400_000).toISOString().slice(0, 10);
      lines.push(line);
    }
    const order = { id: `B${i}`, placedAt: new Date(placed).toISOString(), destination, lines };
    if (random() < 0.3) order.paymentCapturedAt = new Date(placed + Math.floor(random() * 6 * HOUR)).toISOString();
    if (random() < 0.2) order.services = [pick(SERVICES)];
    out.push(order);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const orders = generateOrders(Number(process.argv[2] ?? 2000));
  process.stdout.write(orders.map((o) => JSON.stringify(o)).join('\n') + '\n');
}
