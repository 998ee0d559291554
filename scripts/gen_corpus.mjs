#!/usr/bin/env node
// Writes tests/corpus/corpus.json: policies and orders every runtime must answer with
// byte-identical JSON. Orders fall in DST weeks, holiday weeks and ordinary weeks of
// 2026-2027, across the US, Europe, Australia and Japan; a few are invalid on purpose.
// The expected digests come from the Rust core: UPDATE_CORPUS=1 cargo test --test corpus.
import { readFileSync, writeFileSync } from 'node:fs';
import { seeded } from './random.mjs';

const ROOT = new URL('../', import.meta.url);
const { random, pick } = seeded(20261128);

const weekdays = (h, days = ['mon', 'tue', 'wed', 'thu', 'fri']) => Object.fromEntries(days.map((d) => [d, [h]]));
const policies = {
  store: JSON.parse(readFileSync(new URL('examples/store/policy.json', ROOT), 'utf8')),
  eu: {
    name: 'Europe',
    nodes: [
      { id: 'lon', zone: 'Europe/London', hours: weekdays('08:00-18:00', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']), cutoffs: { default: '15:00', sat: '11:00' },
        pickups: { default: '17:00', sat: '12:00' }, handlingDays: 0, calendars: ['gb-eng'],
        specialDays: [{ name: 'Christmas Eve', month: 12, day: 24, hours: ['08:00-12:00'], cutoff: '10:00' }] },
      { id: 'ber', zone: 'Europe/Berlin', hours: weekdays('07:00-16:00'), cutoffs: '13:00', pickups: '15:30', handlingDays: 1, calendars: ['de'] },
    ],
    services: [
      { id: 'royal-mail', carrier: 'royalmail', transitDays: { min: 1, max: 2 }, transitWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], calendars: ['gb-eng'], countries: ['GB'], nodes: ['lon'] },
      { id: 'dhl', carrier: 'dhl', transitDays: { min: 2, max: 4 }, transitPercentiles: { p50: 2, p90: 3 }, calendars: ['de'],
        destinations: [{ country: 'GB', transitDays: { min: 3, max: 5 } }] },
    ],
    defaultNode: 'ber',
  },
  apac: {
    name: 'Asia Pacific',
    nodes: [
      { id: 'syd', zone: 'Australia/Sydney', hours: weekdays('09:00-17:30'), cutoffs: '14:00', pickups: '16:30', handlingDays: 0, calendars: ['au'] },
      { id: 'tyo', zone: 'Asia/Tokyo', hours: weekdays('09:00-18:00'), cutoffs: '15:00', pickups: '17:00', handlingDays: 1, calendars: ['jp'] },
    ],
    services: [
      { id: 'auspost', carrier: 'auspost', transitDays: { min: 2, max: 6 }, calendars: ['au'], countries: ['AU', 'NZ'], nodes: ['syd'] },
      { id: 'yamato', carrier: 'yamato', transitDays: 1, transitWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], countries: ['JP'], nodes: ['tyo'] },
      { id: 'dhl-express', carrier: 'dhl', transitDays: { min: 3, max: 5 } },
    ],
  },
};

// Policies of the features added since (issue 17): their orders are drawn from their own
// sequence after the first 1,200, so those stay as they were.
const featurePolicies = {
  uk: JSON.parse(readFileSync(new URL('examples/uk/policy.json', ROOT), 'utf8')),
};
const BASE_POLICIES = Object.keys(policies);
Object.assign(policies, featurePolicies);

// Weeks that test the calendar and the clock: DST changes (US, EU, AU), holidays, peak.
const WEEKS = [
  '2026-03-06', '2026-03-27', '2026-04-02', '2026-04-30', '2026-05-22', '2026-07-01', '2026-09-30',
  '2026-10-23', '2026-10-29', '2026-11-24', '2026-12-18', '2026-12-23', '2026-12-29', '2027-01-08', '2027-03-12',
];
const DEST = {
  store: [{ country: 'US', region: 'OR', postalCode: '97205', zone: 'America/Los_Angeles' }, { country: 'US', region: 'NY', postalCode: '10001' },
    { country: 'US', region: 'HI', postalCode: '96813', zone: 'Pacific/Honolulu' }, { country: 'US', region: 'AK', postalCode: '99501', zone: 'America/Anchorage' }],
  eu: [{ country: 'GB', zone: 'Europe/London' }, { country: 'DE', zone: 'Europe/Berlin' }, { country: 'FR', zone: 'Europe/Paris' }],
  apac: [{ country: 'AU', zone: 'Australia/Sydney' }, { country: 'JP', zone: 'Asia/Tokyo' }, { country: 'NZ', zone: 'Pacific/Auckland' }, { country: 'US', zone: 'America/New_York' }],
};
DEST.uk = [{ country: 'GB', zone: 'Europe/London' }, { country: 'GB', postalCode: 'SW1A 1AA' }, { country: 'GB', region: 'SCT', postalCode: 'EH1 1YZ' },
  { country: 'GB', region: 'NIR' }, { country: 'FR', zone: 'Europe/Paris' }, { country: 'FR', postalCode: '20000' }, { country: 'DE' }, { country: 'IE', zone: 'Europe/Dublin' }];
const NODES = { store: ['ewr', 'ont'], eu: ['lon', 'ber'], apac: ['syd', 'tyo'], uk: ['man', 'lhr'] };

const orders = [];
// Orders drawn with `random` from `names`; the first 1,200 use the base policies.
function drawOrders(count, names, { random, pick }, weeks = WEEKS) {
  for (let n = 0; n < count; n++) {
    const i = orders.length;
    const policy = pick(names);
    const base = Date.parse(`${pick(weeks)}T00:00:00Z`);
    const placed = base + Math.floor(random() * 9 * 86400) * 1000;
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => {
      const line = { sku: `SKU-${k}`, node: pick(NODES[policy]) };
      if (policy === 'store' && random() < 0.2) line.tags = [pick(['engraving', 'gift-wrap'])];
      if (random() < 0.05) line.availableOn = new Date(placed + 5 * 86400000).toISOString().slice(0, 10);
      return line;
    });
    const order = { id: `C${i}`, placedAt: new Date(placed).toISOString(), destination: pick(DEST[policy]), lines };
    // Feature orders: backorders more often, some choose to split or ship complete, some
    // carry goods services exclude, some state their weight and value.
    if (!BASE_POLICIES.includes(policy)) {
      if (random() < 0.3) lines[0].availableOn = new Date(placed + 4 * 86400000).toISOString().slice(0, 10);
      if (random() < 0.3) order.shipComplete = random() < 0.5;
      if (random() < 0.2) lines[lines.length - 1].tags = [pick(['hazmat', 'oversize', 'fragile'])];
      if (random() < 0.3) order.weight = Math.round(random() * 400) / 10;
      if (random() < 0.3) order.value = Math.round(random() * 150000) / 100;
    }
    if (random() < 0.03) order.placedAt = 'not a date';
    if (random() < 0.02) order.lines = [];
    const options = random() < 0.3 ? { confidence: pick([0.5, 0.8, 0.9]) } : {};
    orders.push({ policy, order, options });
  }
}
drawOrders(1200, BASE_POLICIES, { random, pick });
// Feature orders: placed through the day (waves), in the weeks above, around UK holidays and
// in the advisories of the uk policy.
const FEATURE_WEEKS = [...WEEKS, '2026-08-28', '2026-11-06', '2026-11-26', '2026-11-30', '2026-12-14', '2026-12-21', '2027-03-12', '2027-04-23', '2027-05-28'];
const features = seeded(20261202);
drawOrders(300, Object.keys(featurePolicies), features, FEATURE_WEEKS);

// Tracking: a stored promise of a corpus order (the runtime makes it) with events around it
// and a "now": releases, picks, shipments, holds (pausing or not, the order's or a node's,
// some left open), carrier exceptions, deliveries and cancellations. Drawn from a second
// sequence, so the orders above stay as they were.
const t1 = seeded(20261201);
const SERVICE = { store: 'ups-ground', eu: 'dhl', apac: 'dhl-express', uk: 'rm-48' };
const REASONS = ['customer_request', 'address_verification', 'fraud_review'];
const tracking = [];
const isValid = ([o]) => o.order.placedAt !== 'not a date' && o.order.lines.length > 0;
const valid = orders.map((o, i) => [o, i]).slice(0, 1200).filter(isValid);
const validFeatures = orders.map((o, i) => [o, i]).slice(1200).filter(isValid);
const t2 = seeded(20261203);
for (let k = 0; k < 400; k++) {
  // 300 cases of the base orders, then 100 of the feature orders from their own sequence.
  const t = k < 300 ? t1 : t2;
  const [{ policy, order }, index] = t.pick(k < 300 ? valid : validFeatures);
  const placed = Date.parse(order.placedAt);
  const at = (hours) => new Date(placed + Math.floor(hours * 3600) * 1000).toISOString();
  const nodes = [...new Set(order.lines.map((l) => l.node))];
  const events = [];
  for (const node of nodes) {
    let h = t.random() * 30;
    for (const type of ['released', 'picked', 'shipped', 'delivered']) {
      if (t.random() < (type === 'released' ? 0.85 : 0.6)) events.push({ type, at: at(h), node });
      else break;
      h += 1 + t.random() * (type === 'shipped' ? 120 : 30);
    }
    if (t.random() < 0.2) events.push({ type: 'carrier_exception', at: at(20 + t.random() * 100), node, reason: 'weather_delay' });
  }
  for (let n = Math.floor(t.random() * 3); n > 0; n--) {
    const start = t.random() * 100;
    const hold = { reason: t.pick(REASONS), ...(t.random() < 0.5 ? { node: t.pick(nodes) } : {}) };
    events.push({ type: 'hold_started', at: at(start), ...hold });
    if (t.random() < 0.7) events.push({ type: 'hold_ended', at: at(start + t.random() * 48), ...hold });
  }
  if (t.random() < 0.05) events.push({ type: 'cancelled', at: at(t.random() * 60) });
  tracking.push({ order: index, service: SERVICE[policy], events, now: at(t.random() * 240) });
}

// Deadline tables are digested for these orders: the first 200 and every feature order.
const deadlines = orders.map((_, i) => i).filter((i) => i < 200 || i >= 1200);
writeFileSync(new URL('tests/corpus/corpus.json', ROOT), JSON.stringify({ generator: 'scripts/gen_corpus.mjs', policies, orders, tracking, deadlines }) + '\n');
console.log(`wrote tests/corpus/corpus.json: ${orders.length} orders, ${tracking.length} tracking cases`);
