// The nastiest inputs we know for every entry point, at the documented limits (docs/limits.md):
// what a hostile request body, a careless export or a generated policy can hold. One list,
// used three ways:
// - bench/worst.mjs times each case in wasm (Node) and measures the memory it takes, and
//   writes them for bench/worst.rs, which times them natively (bash bench/run.sh);
// - tests/js/hostile.test.mjs runs each through the package and checks the answer (refused
//   with its code and path, or answered) and that the engine answers correctly afterwards;
// - `node scripts/hostile.mjs --seeds fuzz/seeds` writes smaller copies (<= 64 KB, the fuzz
//   runs' -max_len) into the fuzz seeds, so that every fuzz run starts from them.
//
// `cases(scale)` builds them; scale 1 is at the limits, smaller scales shrink every list
// (the scaling tests compare n and 4n).

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const root = new URL('../', import.meta.url);
export const STORE = JSON.parse(readFileSync(new URL('examples/store/policy.json', root), 'utf8'));
export const ORDER = JSON.parse(readFileSync(new URL('examples/store/order.json', root), 'utf8'));
export const PLACED = JSON.parse(readFileSync(new URL('examples/store/placed-order.json', root), 'utf8'));
export const EVENTS = JSON.parse(readFileSync(new URL('examples/store/events.json', root), 'utf8'));
export const AT = '2026-11-28T10:20:00Z';
export const NOW = '2026-12-03T18:00:00Z';

// The limits the cases are built against (docs/limits.md; the core's constants).
export const LIMITS = {
  documentBytes: 8 * 1024 * 1024,
  policyBytes: 4 * 1024 * 1024,
  requestBytes: 1024 * 1024,
  lines: 1000,
  shipments: 32,
  orderServices: 100,
  tags: 32,
  text: 256,
  nodes: 2000,
  services: 256,
  carriers: 64,
  calendars: 1000,
  extendsDepth: 16,
  extendsList: 32,
  rules: 500,
  specialDays: 100,
  destinations: 1000,
  events: 2000,
  routes: 500,
  customMilestones: 50,
  problems: 100,
};

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const hours = (days = WEEK.slice(0, 5)) => Object.fromEntries(days.map((d) => [d, ['08:00-18:00']]));
const node = (id, extra = {}) => ({ id, zone: 'America/New_York', hours: hours(), cutoffs: '14:00', pickups: '17:00', handlingDays: 0, ...extra });
const service = (id, extra = {}) => ({ id, carrier: 'ups', transitDays: { min: 2, max: 5 }, ...extra });
const n = (limit, scale) => Math.max(1, Math.floor(limit * scale));
const pad = (i, w = 5) => String(i).padStart(w, '0');
const isoDay = (base, k) => new Date(Date.parse(base) + k * 86400000).toISOString().slice(0, 10);

/** Every case: `{ name, entry, policy, input, options?, expect }`, where `entry` is one of
 * validate, promise, quote, track, auditRow, latestOrderBy, calendar; `expect` is 'ok' or the
 * code the call is refused with. */
export function cases(scale = 1) {
  const out = [];
  const add = (c) => out.push(c);

  // --- Policies (validatePolicy, createEngine) ---
  {
    // A chain of calendars each extending the next: the reader must not recurse per link.
    const k = n(5000, scale);
    const calendars = {};
    for (let i = 0; i < k; i++) calendars[`c${i}`] = { extends: [i + 1 < k ? `c${i + 1}` : 'us'] };
    add({ name: 'calendar extends chain', entry: 'validate', policy: { calendars, nodes: [node('a', { calendars: ['c0'] })], services: [service('s')] }, expect: 'invalid_policy' });
  }
  {
    // Calendars at the limit of depth, each extending as many as allowed: a wide DAG.
    const depth = 16;
    const calendars = {};
    for (let d = 0; d < depth; d++) {
      const base = d + 1 < depth ? Array.from({ length: 8 }, (_, j) => `l${d + 1}_${j}`) : ['us', 'ca', 'gb-eng', 'de', 'fr', 'jp', 'au', 'br'];
      for (let j = 0; j < 8; j++) calendars[`l${d}_${j}`] = { extends: base, holidays: [{ month: 1 + (j % 12), day: 1 + d, name: `H${d}_${j}`, observed: 'substitute' }] };
    }
    add({ name: 'calendar DAG at the depth limit', entry: 'validate', policy: { calendars, nodes: [node('a', { calendars: ['l0_0'] })], services: [service('s', { calendars: ['l0_1'] })] }, expect: 'ok' });
    add({ name: 'promise through the calendar DAG', entry: 'promise', policy: { calendars, nodes: [node('a', { calendars: ['l0_0'] })], services: [service('s', { calendars: ['l0_1'] })] }, input: { placedAt: AT, destination: { country: 'US' }, lines: [{ sku: 'A' }] }, expect: 'ok' });
  }
  {
    // Unknown keys by the hundred thousand: the problem list is capped.
    const k = n(600000, scale);
    const p = { nodes: [node('a')], services: [service('s')] };
    for (let i = 0; i < k; i++) p[`k${i}`] = 0;
    add({ name: 'policy with unknown keys', entry: 'validate', policy: p, expect: 'invalid_policy' });
  }
  {
    // The most calendars, nodes and services a policy may have, each with holiday rules and
    // special days: loading must stay linear.
    const cals = n(LIMITS.calendars, scale);
    const calendars = {};
    for (let i = 0; i < cals; i++) calendars[`cal${pad(i)}`] = { extends: ['us'], holidays: [{ month: 1 + (i % 12), day: 1 + (i % 28), name: `Day ${i}` }], specialDays: [{ month: 12, day: 24, hours: ['08:00-12:00'], name: 'Eve' }] };
    const nodes = Array.from({ length: n(LIMITS.nodes, scale) }, (_, i) => node(`n${pad(i)}`, {
      calendars: [`cal${pad(i % cals)}`],
      carriers: { ups: { cutoffs: '13:00' }, fedex: { pickups: '18:00' } },
      specialDays: [{ month: 11, weekday: 'thu', nth: 4, offset: 1, hours: ['06:00-20:00'], name: 'Black Friday' }],
      extraHandlingDays: { tags: { engraving: 2 }, skus: { [`SKU${i}`]: 1 } },
    }));
    const services = Array.from({ length: n(LIMITS.services, scale) }, (_, i) => service(`s${pad(i)}`, { carrier: i % 2 ? 'ups' : 'fedex', calendars: ['ups'], nodes: nodes.slice(0, 50).map((x) => x.id) }));
    const big = { calendars, nodes, services };
    add({ name: 'largest policy: nodes, services, calendars', entry: 'validate', policy: big, expect: 'ok' });
    add({ name: 'order across the largest policy', entry: 'promise', policy: big, input: { placedAt: AT, destination: { country: 'US' }, lines: nodes.slice(0, LIMITS.shipments).map((x, i) => ({ sku: `SKU${i}`, node: x.id })), services: services.slice(0, 10).map((s) => s.id) }, expect: 'ok' });
    add({ name: 'quote across the largest policy', entry: 'quote', policy: big, input: { placedAt: AT, destination: { country: 'US' }, lines: nodes.slice(0, LIMITS.shipments).map((x, i) => ({ sku: `SKU${i}`, node: x.id })), services: services.slice(0, 10).map((s) => s.id) }, expect: 'ok' });
  }
  {
    // Too many nodes, services and calendars: refused at the limit.
    const nodes = Array.from({ length: LIMITS.nodes + 1 }, (_, i) => node(`n${i}`));
    add({ name: 'nodes over the limit', entry: 'validate', policy: { nodes, services: [service('s')] }, expect: 'invalid_policy' });
  }
  {
    // One calendar with the most rules, each a list of a year of dates with weekend observance.
    const rules = Array.from({ length: n(LIMITS.rules, scale) }, (_, i) => ({ dates: Array.from({ length: 366 }, (_, k) => isoDay('2026-01-01', k)), name: `R${i}`, observed: 'substitute' }));
    const policy = { calendars: { big: { holidays: rules } }, nodes: [node('a', { calendars: ['big'], hours: hours(WEEK) })], services: [service('s')] };
    add({ name: 'calendar of 500 year-long date lists', entry: 'promise', policy, input: { placedAt: AT, destination: { country: 'US' }, lines: [{ sku: 'A' }] }, expect: 'ok' });
  }
  {
    // Special days on every node, yearly: they must not be expanded for 200 years per node.
    const specialDays = Array.from({ length: n(LIMITS.specialDays, scale) }, (_, i) => ({ month: 1 + (i % 12), day: 1 + (i % 28), hours: ['09:00-12:00'], name: `Special ${i}` }));
    const nodes = Array.from({ length: n(LIMITS.nodes, scale) }, (_, i) => node(`n${i}`, { specialDays }));
    add({ name: 'special days on every node', entry: 'validate', policy: { nodes, services: [service('s')] }, expect: 'ok' });
  }
  {
    // A service with the most destination rules, long postal prefixes.
    const destinations = Array.from({ length: n(LIMITS.destinations, scale) }, (_, i) => ({ country: 'US', region: `R${i % 50}`, postalPrefix: pad(i, 5), transitDays: { min: 1, max: 3 } }));
    const policy = { nodes: [node('a')], services: Array.from({ length: 8 }, (_, i) => service(`s${i}`, { destinations })) };
    add({ name: 'services with the most destination rules', entry: 'quote', policy, input: { placedAt: AT, destination: { country: 'US', region: 'R7', postalCode: '00957' }, lines: [{ sku: 'A' }] }, expect: 'ok' });
  }
  {
    // A huge omit name and a huge unknown key: "did you mean" must not cost their square.
    const long = 'x'.repeat(n(7_000_000, scale));
    add({ name: 'omit a 7 MB name', entry: 'validate', policy: { calendars: { c: { extends: ['us'], omit: [long] } }, nodes: [node('a')], services: [service('s')] }, expect: 'invalid_policy' });
  }
  {
    // Pickups once a year (special days without pickup on every other date): the order-by
    // search and the deadline search walk the whole year.
    const dates = Array.from({ length: 364 }, (_, k) => isoDay('2026-11-29', k));
    const policy = {
      nodes: [node('a', { hours: hours(WEEK), specialDays: [{ dates, hours: ['08:00-18:00'], pickup: null, name: 'No pickup' }] })],
      services: Array.from({ length: n(LIMITS.services, scale) }, (_, i) => service(`s${i}`)),
    };
    add({ name: 'one pickup a year, every service', entry: 'promise', policy, input: { placedAt: AT, destination: { country: 'US' }, lines: [{ sku: 'A' }] }, expect: 'ok' });
    add({ name: 'one pickup a year, quoted', entry: 'quote', policy, input: { placedAt: AT, destination: { country: 'US' }, lines: [{ sku: 'A' }] }, expect: 'ok' });
    add({ name: 'one pickup a year, deadlines', entry: 'latestOrderBy', policy, input: { arriveBy: '2027-12-20', destination: { country: 'US' } }, expect: 'ok' });
  }

  // --- Orders (promise, quote) ---
  {
    const k = n(500000, scale);
    add({ name: 'one service listed 500,000 times', entry: 'promise', policy: STORE, input: { ...ORDER, services: Array(k).fill('ups-ground') }, options: { at: AT }, expect: 'invalid_order' });
    add({ name: 'one service listed 500,000 times, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, services: Array(k).fill('ups-ground') }, options: { at: AT }, expect: 'invalid_order' });
    const dup = n(LIMITS.orderServices, scale);
    add({ name: 'services listed at the limit, duplicated', entry: 'promise', policy: STORE, input: { ...ORDER, services: Array(dup).fill('ups-ground') }, options: { at: AT }, expect: 'ok' });
  }
  {
    // The most shipments (distinct node and availability) and lines, every service: the
    // order-by search re-evaluates shipments; backorders far apart make it walk.
    const lines = Array.from({ length: n(LIMITS.lines, scale) }, (_, i) => ({
      sku: `SKU-${i}`, node: i % 2 ? 'ewr' : 'ont', tags: ['engraving', 'gift-wrap'],
      availableOn: isoDay('2026-11-28', (i % (LIMITS.shipments / 2)) * 11),
    }));
    add({ name: 'most lines and shipments, backordered', entry: 'promise', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
    add({ name: 'most lines and shipments, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
    const many = Array.from({ length: LIMITS.lines }, (_, i) => ({ sku: `S${i}`, node: i % 2 ? 'ewr' : 'ont', availableOn: isoDay('2026-11-28', i) }));
    add({ name: 'shipments over the limit', entry: 'promise', policy: STORE, input: { ...ORDER, lines: many }, options: { at: AT }, expect: 'invalid_order' });
  }
  {
    // One line far backordered, another ready: the order-level promise is held by the first
    // while the second's cutoffs pass, one a day, for a year.
    const lines = [{ sku: 'NOW', node: 'ewr' }, { sku: 'LATER', node: 'ont', availableOn: '2027-11-20' }];
    add({ name: 'backorder a year out beside stock', entry: 'promise', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
  }
  {
    // Texts at their limit and beyond; tags at their limit on every line.
    add({ name: 'a 10 MB SKU, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, lines: [{ sku: 'x'.repeat(n(10_000_000, scale)), node: 'ewr' }] }, options: { at: AT }, expect: 'document_too_large' });
    add({ name: 'a SKU over the text limit', entry: 'promise', policy: STORE, input: { ...ORDER, lines: [{ sku: 'x'.repeat(LIMITS.text + 1), node: 'ewr' }] }, options: { at: AT }, expect: 'invalid_order' });
    const lines = Array.from({ length: n(LIMITS.lines, scale) }, (_, i) => ({ sku: `S${i}`.padEnd(LIMITS.text, 'x'), node: 'ewr', tags: Array.from({ length: LIMITS.tags }, (_, t) => `tag-${t}`.padEnd(200, 'y')) }));
    add({ name: 'longest texts and most tags', entry: 'quote', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
  }
  {
    // An order of tiny JSON values up to the request limit: the parse tree must stay small.
    const values = Array(Math.floor((LIMITS.requestBytes * scale) / 2) - 8).fill(0);
    add({ name: 'an order of a million zeros', entry: 'promise', policy: STORE, input: { ...ORDER, id: values }, options: { at: AT }, expect: 'invalid_order' });
  }

  // --- Tracking ---
  {
    const holds = [];
    const k = n(LIMITS.events / 2, scale);
    for (let i = 0; i < k; i++) {
      const t = Date.parse('2026-11-28T11:00:00Z') + i * 200_000;
      holds.push({ type: 'hold_started', at: new Date(t).toISOString(), reason: 'fraud_review' }, { type: 'hold_ended', at: new Date(t + 100_000).toISOString(), reason: 'fraud_review' });
    }
    const policy = { ...STORE, tracking: { pausingHolds: ['fraud_review'] } };
    add({ name: 'most pausing holds', entry: 'track', policy, input: { promise: PLACED, events: holds }, options: { now: NOW, service: 'ups-ground' }, expect: 'ok' });
    add({ name: 'most pausing holds, audit row', entry: 'auditRow', policy, input: { order: PLACED, events: holds }, options: { now: NOW }, expect: 'ok' });
    const exceptions = Array.from({ length: n(LIMITS.events, scale) }, (_, i) => ({ type: 'carrier_exception', at: new Date(Date.parse('2026-11-30T23:00:00Z') + i * 60_000).toISOString(), node: 'ewr', reason: `r${i}` }));
    add({ name: 'most carrier exceptions', entry: 'track', policy: STORE, input: { promise: PLACED, events: [...EVENTS.slice(0, 4), ...exceptions] }, options: { now: NOW, service: 'ups-ground' }, expect: 'ok' });
    add({ name: 'events over the limit', entry: 'track', policy: STORE, input: { promise: PLACED, events: Array(LIMITS.events + 1).fill(EVENTS[0]) }, options: { now: NOW, service: 'ups-ground' }, expect: 'invalid_events' });
  }
  {
    // Tracking rules at their limits: custom milestones chained, routes by the hundred.
    const custom = Array.from({ length: n(LIMITS.customMilestones, scale) }, (_, i) => ({ id: `m${i}`, event: `e${i}`, after: i ? `m${i - 1}` : 'released', withinWorkingHours: 1 }));
    const routes = Array.from({ length: n(LIMITS.routes, scale) }, (_, i) => ({ milestone: i % 2 ? 'shipped' : undefined, reason: 'overdue', owner: `team-${i}`, route: `route-${i}` }));
    const policy = { ...STORE, tracking: { custom, routes } };
    add({ name: 'custom milestones chained, most routes', entry: 'track', policy, input: { promise: PLACED, events: EVENTS }, options: { now: NOW, service: 'ups-ground' }, expect: 'ok' });
  }

  // --- Calendars ---
  {
    add({ name: 'working days counted across a closed year', entry: 'calendar', policy: null, input: { extends: ['us'], holidays: [{ from: '2027-01-01', to: '2027-12-31', name: 'Closed' }] }, expect: 'ok' });
  }
  return out;
}

// Fuzz seeds: the cases of a small scale that fit -max_len, as each fuzz target reads them.
function writeSeeds(dir) {
  const small = cases(0.01);
  let written = 0;
  for (const c of small) {
    const file = c.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    let target;
    let text;
    if (c.entry === 'validate') [target, text] = ['policy', JSON.stringify(c.policy)];
    else if ((c.entry === 'promise' || c.entry === 'quote') && c.policy === STORE) [target, text] = ['order', '\u0001' + JSON.stringify(c.input)];
    else if ((c.entry === 'track' || c.entry === 'auditRow') && c.policy === STORE) [target, text] = ['events', JSON.stringify(c.input.events)];
    else if (c.policy) [target, text] = ['policy', JSON.stringify(c.policy)];
    else continue;
    if (text.length > 65536) continue;
    mkdirSync(new URL(`${target}/`, dir), { recursive: true });
    writeFileSync(new URL(`${target}/hostile-${file}.json`, dir), text);
    written++;
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--seeds');
  if (at > 0) {
    const dir = new URL(`${process.argv[at + 1].replace(/\/?$/, '/')}`, `file://${process.cwd()}/`);
    console.log(`hostile: ${writeSeeds(dir)} seeds written`);
  } else {
    for (const c of cases(Number(process.argv[2] ?? 1))) console.log(c.entry.padEnd(14), c.name);
  }
}
