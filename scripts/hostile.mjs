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

// The limits the cases are built against: the engine's own (src/limits.rs), read from the
// built package.
const { limits: LIMITS } = await import('../pkg/node.js');
export { LIMITS };

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
  const order = (lines, extra = {}) => ({ placedAt: AT, destination: { country: 'US' }, lines, ...extra });

  // --- Policies (validatePolicy, createEngine) ---
  {
    // A chain of calendars each extending the next: the reader must not recurse per link.
    const k = n(5000, scale);
    const calendars = {};
    for (let i = 0; i < k; i++) calendars[`c${i}`] = { extends: [i + 1 < k ? `c${i + 1}` : 'us'] };
    add({ name: 'calendar extends chain of 5,000', entry: 'validate', policy: { calendars, nodes: [node('a', { calendars: ['c0'] })], services: [service('s')] }, expect: 'invalid_policy' });
  }
  {
    // Calendars as deep as allowed, each level extending every calendar of the next (wider is
    // refused by the budget of composed names: see the case after the next).
    const depth = LIMITS.extendsDepth;
    const width = 4;
    const calendars = {};
    for (let d = 0; d < depth; d++) {
      const base = d + 1 < depth ? Array.from({ length: width }, (_, j) => `l${d + 1}_${j}`) : ['us', 'ca', 'gb-eng', 'de', 'fr', 'jp', 'au', 'br'];
      for (let j = 0; j < width; j++) calendars[`l${d}_${j}`] = { extends: base, holidays: [{ month: 1 + (j % 12), day: 1 + d, name: `H${d}_${j}`, observed: 'substitute' }] };
    }
    const policy = { calendars, nodes: [node('a', { calendars: ['l0_0'] })], services: [service('s', { calendars: ['l0_1'] })] };
    add({ name: 'calendars extending calendars, deepest and widest', entry: 'validate', policy, expect: 'ok' });
    add({ name: 'a promise through them', entry: 'promise', policy, input: order([{ sku: 'A' }]), expect: 'ok' });
  }
  {
    // Unknown keys by the hundred thousand, within the document limits: the problem list is
    // capped, and "did you mean" stays within its budget.
    const k = n(LIMITS.objectMembers - 3, scale);
    const p = { nodes: [node('a')], services: [service('s')] };
    for (let i = 0; i < k; i++) p[`nodez${i}`] = 0;
    add({ name: 'a policy of 10,000 unknown keys', entry: 'validate', policy: p, expect: 'invalid_policy' });
    // In every node, as many unknown keys as a document may hold.
    const wide = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`hourz${i}`, 0]));
    const nodes = Array.from({ length: n(100, scale) }, (_, i) => node(`n${i}`, wide));
    add({ name: 'unknown keys in every node', entry: 'validate', policy: { nodes, services: [service('s')] }, expect: 'invalid_policy' });
    const tooWide = { nodes: [node('a')], services: [service('s')] };
    for (let i = 0; i < LIMITS.objectMembers; i++) tooWide[`k${i}`] = 0;
    add({ name: 'an object over the member limit', entry: 'validate', policy: tooWide, expect: 'document_too_large' });
  }
  {
    // Waves (issue 17): as many nodes as the policy bytes allow, each carrier (the most a node
    // may have) with its own four waves on each weekday, every day different; and the one-wave
    // carrier form on every node of the largest policy. Memory must stay in proportion to the
    // text, and day tables hold a column per wave.
    const time = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const day = (k) => Array.from({ length: LIMITS.waves }, (_, w) => ({ cutoff: time(360 + w * 180 + (k % 60)), pickup: time(400 + w * 180 + (k % 60)) }));
    const carriers = Array.from({ length: n(LIMITS.nodeCarriers, scale) }, (_, c) => `c${pad(c, 2)}`);
    const wavy = (id, i) => node(id, {
      hours: hours(WEEK), cutoffs: undefined, pickups: undefined, waves: day(i),
      carriers: Object.fromEntries(carriers.map((c, k) => [c, { waves: Object.fromEntries(WEEK.map((d, j) => [d, day(i + k * 7 + j)])) }])),
    });
    const services = carriers.slice(0, LIMITS.services).map((c) => service(`s${c}`, { carrier: c }));
    const size = JSON.stringify(wavy('n00000', 0)).length;
    const count = Math.min(n(LIMITS.nodes, scale), Math.floor((LIMITS.policyBytes * 0.9) / size));
    const nodes = Array.from({ length: count }, (_, i) => wavy(`n${pad(i)}`, i));
    const policy = { nodes, services };
    add({ name: 'the most waves: every carrier four a day, each day different', entry: 'validate', policy, expect: 'ok' });
    const lines = nodes.slice(0, LIMITS.shipments).map((x, i) => ({ sku: `SKU${i}`, node: x.id }));
    add({ name: 'the most waves, every option of every shipment', entry: 'promise', policy, input: order(lines), expect: 'ok' });
    add({ name: 'the most waves, quoted', entry: 'quote', policy, input: order(lines), expect: 'ok' });
    // As many rows as a deadline table may have: services times nodes.
    const rows = lines.slice(0, Math.max(1, Math.floor(LIMITS.deadlineRows / services.length)));
    add({ name: 'the most waves, deadlines', entry: 'latestOrderBy', policy, input: { arriveBy: '2026-12-24', destination: { country: 'US' }, lines: rows, now: AT }, expect: 'ok' });
    const one = Array.from({ length: n(LIMITS.nodes, scale) }, (_, i) => node(`n${pad(i)}`, {
      carriers: Object.fromEntries(carriers.map((c, k) => [c, { cutoffs: time(600 + ((i + k) % 240)) }])),
    }));
    add({ name: 'one-wave carrier times on every node, every carrier', entry: 'validate', policy: { nodes: one, services }, expect: 'ok' });
  }
  {
    // The most nodes, services and calendars a policy may have, each calendar with rules and
    // a special day that every node inherits, carrier overrides and extra handling.
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
    add({ name: 'the largest policy: nodes, services, calendars', entry: 'validate', policy: big, expect: 'ok' });
    const lines = nodes.slice(0, LIMITS.shipments).map((x, i) => ({ sku: `SKU${i}`, node: x.id }));
    add({ name: 'an order across the largest policy', entry: 'promise', policy: big, input: order(lines), expect: 'ok' });
    add({ name: 'an order across the largest policy, quoted', entry: 'quote', policy: big, input: order(lines), expect: 'ok' });
  }
  {
    const nodes = Array.from({ length: LIMITS.nodes + 1 }, (_, i) => node(`n${i}`));
    add({ name: 'nodes over the limit', entry: 'validate', policy: { nodes, services: [service('s')] }, expect: 'invalid_policy' });
  }
  {
    // Holiday names composed past the policy's budget: every node takes a calendar of a
    // thousand names.
    const rules = Array.from({ length: LIMITS.rules }, (_, i) => ({ month: 1 + (i % 12), day: 1 + (i % 28), name: `Holiday number ${i}`, observed: 'substitute' }));
    const calendars = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`big${i}`, { holidays: rules }]));
    const nodes = Array.from({ length: n(LIMITS.nodes, scale) }, (_, i) => node(`n${i}`, { calendars: ['big0', 'big1', 'big2', 'big3'] }));
    add({ name: 'holiday names composed past the budget', entry: 'validate', policy: { calendars, nodes, services: [service('s')] }, expect: scale >= 0.5 ? 'invalid_policy' : 'ok' });
  }
  {
    // One calendar with the most rules, each a list of a year of dates.
    const rules = Array.from({ length: n(LIMITS.rules, scale) }, (_, i) => ({ dates: Array.from({ length: LIMITS.rangeDays }, (_, k) => isoDay('2026-01-01', (k * 7 + i) % 730)), name: `R${i}` }));
    const policy = { calendars: { big: { holidays: rules } }, nodes: [node('a', { calendars: ['big'], hours: hours(WEEK) })], services: [service('s')] };
    add({ name: 'a calendar of 500 year-long date lists', entry: 'promise', policy, input: order([{ sku: 'A' }]), expect: 'ok' });
  }
  {
    // Yearly special days, the most a node may have, inherited by every node.
    const specialDays = Array.from({ length: LIMITS.specialDays }, (_, i) => ({ month: 1 + (i % 12), day: 1 + (i % 28), hours: ['09:00-12:00'], name: `Special ${i}` }));
    const nodes = Array.from({ length: n(LIMITS.nodes, scale) }, (_, i) => node(`n${i}`, { calendars: ['special'] }));
    const policy = { calendars: { special: { specialDays } }, nodes, services: [service('s')] };
    add({ name: 'the most special days on every node', entry: 'validate', policy, expect: 'ok' });
    add({ name: 'the most special days, promised', entry: 'promise', policy, input: order([{ sku: 'A', node: 'n0' }]), expect: 'ok' });
  }
  {
    // Services with the most destination rules.
    const destinations = Array.from({ length: n(LIMITS.destinations, scale) }, (_, i) => ({ country: 'US', region: `R${i % 50}`, postalPrefix: pad(i, 5), transitDays: { min: 1, max: 3 } }));
    const policy = { nodes: [node('a')], services: Array.from({ length: 24 }, (_, i) => service(`s${i}`, { destinations })) };
    add({ name: 'services with the most destination rules', entry: 'promise', policy, input: { ...order([{ sku: 'A' }]), destination: { country: 'US', region: 'R7', postalCode: '00957' } }, expect: 'ok' });
    // Restrictions at their limits on every service, against an order of the most lines with
    // the most tags, none excluded: every line looked up in every list.
    const excluded = (k) => Array.from({ length: n(LIMITS.restrictions, scale) }, (_, i) => `${k}${pad(i)}`);
    const restrictions = { excludeTags: excluded('tag'), excludeSkus: excluded('sku'), maxWeight: 1e6, maxValue: 1e9, minValue: 0,
      offered: Array.from({ length: n(LIMITS.restrictions, scale) }, (_, i) => ({ from: isoDay('2000-01-03', i * 29), to: isoDay('2000-01-03', i * 29 + 27) })) };
    const strict = { nodes: [node('a')], services: Array.from({ length: 8 }, (_, i) => service(`s${i}`, { restrictions })) };
    const tagged = Array.from({ length: LIMITS.lines }, (_, i) => ({ sku: `SKU${i}`, tags: Array.from({ length: LIMITS.tags }, (_, t) => `t${t}`) }));
    add({ name: 'restrictions at their limits, the most lines and tags', entry: 'promise', policy: strict, input: order(tagged, { weight: 10, value: 100 }), expect: 'ok' });
    add({ name: 'restrictions at their limits, quoted', entry: 'quote', policy: strict, input: order(tagged, { weight: 10, value: 100 }), expect: 'ok' });

    // Destination rules with holidays of their own (no two share a day-table row), as many as
    // a policy may have, spread over its services; a preset composed into each; then one more
    // than the limit. Loading stays linear and a quote builds only the rows it reads.
    const rule = (i, extra = {}) => ({ country: 'US', region: `R${i % 50}`, postalPrefix: pad(i, 5),
      holidays: [{ date: isoDay('2026-11-20', i % 60), name: `Local ${i}` }, { month: 12, day: 25, name: 'Christmas Day' }], ...extra });
    const perService = Math.ceil(n(LIMITS.destinationCalendars, scale) / 10);
    const lanes = { nodes: [node('a')], services: Array.from({ length: 10 }, (_, s) => service(`s${s}`, {
      destinations: Array.from({ length: perService }, (_, i) => rule(s * perService + i, { calendars: ['us'] })) })) };
    const far = { ...order([{ sku: 'A' }]), destination: { country: 'US', region: 'R7', postalCode: '00957' } };
    add({ name: 'destination calendars on as many rules as allowed', entry: 'validate', policy: lanes, expect: 'ok' });
    add({ name: 'destination calendars, promised', entry: 'promise', policy: lanes, input: far, expect: 'ok' });
    add({ name: 'destination calendars, quoted', entry: 'quote', policy: lanes, input: far, expect: 'ok' });
    const over = { ...lanes, services: [...lanes.services, service('extra', { destinations: Array.from({ length: LIMITS.destinations }, (_, i) => rule(i)) })] };
    add({ name: 'destination calendars over the limit', entry: 'validate', policy: over, expect: 'invalid_policy' });
  }
  {
    // Advisories: as many as a policy may have, every one affecting every service, node and
    // destination (its matching place listed last), each adding the most days; all but two
    // ended in the year before the order, so every shipment of every option is held to the
    // backlog of each; an order of the most shipments; then one advisory too many.
    const nodes = Array.from({ length: 16 }, (_, i) => node(`n${i}`));
    const services = Array.from({ length: LIMITS.services }, (_, i) => service(`s${i}`));
    const per = Math.floor(LIMITS.advisoryDestinations / LIMITS.advisories) - 1;
    const advisories = Array.from({ length: LIMITS.advisories }, (_, i) => ({
      name: `Advisory ${i}`, from: isoDay('2026-01-05', i * 5), to: isoDay('2026-01-05', i * 5 + (i < 62 ? 2 : 400)),
      destinations: [...Array.from({ length: per }, (_, k) => ({ country: 'US', postalPrefix: pad(k + 1, 3) })), { country: 'US' }],
      extraHandlingDays: LIMITS.advisoryDays, extraTransitDays: LIMITS.advisoryDays }));
    const policy = { nodes, services, advisories };
    const lines = nodes.map((nd, i) => ({ sku: `S${i}`, node: nd.id }));
    add({ name: 'the most advisories, every one queueing every shipment', entry: 'validate', policy, expect: 'ok' });
    add({ name: 'the most advisories, promised', entry: 'promise', policy, input: order(lines), expect: 'ok' });
    add({ name: 'the most advisories, quoted', entry: 'quote', policy, input: order(lines), expect: 'ok' });
    add({ name: 'the most advisories, deadlines', entry: 'latestOrderBy', policy, input: { arriveBy: '2027-03-20', destination: { country: 'US' }, lines, services: services.slice(0, LIMITS.deadlineRows / 16).map((x) => x.id), now: AT }, expect: 'ok' });
    add({ name: 'advisories over the limit', entry: 'validate', policy: { ...policy, advisories: [...advisories, advisories[0]] }, expect: 'invalid_policy' });
  }
  {
    // Names at the text limit, omitted by the hundred: "did you mean" has a budget.
    const long = (i) => `${'x'.repeat(LIMITS.textBytes - 6)}${pad(i, 6)}`;
    const omit = Array.from({ length: LIMITS.omit }, (_, i) => long(i));
    const holidays = Array.from({ length: LIMITS.rules }, (_, i) => ({ month: 1, day: 1 + (i % 28), name: long(i + 1000) }));
    add({ name: 'omitting the longest names', entry: 'validate', policy: { calendars: { base: { holidays }, c: { extends: ['base'], omit } }, nodes: [node('a', { calendars: ['c'] })], services: [service('s')] }, expect: 'invalid_policy' });
  }

  // --- The slowest promise: every option of every shipment walks long closures ---
  {
    const closed = [{ from: '2026-12-01', to: '2027-05-31', name: 'Closed for the winter' }];
    const nodes = Array.from({ length: 4 }, (_, i) => node(`n${i}`, { hours: hours(WEEK), handlingDays: 60, holidays: closed,
      specialDays: [{ dates: Array.from({ length: 300 }, (_, k) => isoDay('2027-06-01', k)).filter((_, k) => k % 30), hours: ['08:00-18:00'], pickup: null, name: 'No pickup' }] }));
    const services = Array.from({ length: n(LIMITS.services, scale) }, (_, i) => service(`s${i}`, {
      carrier: `c${i % 8}`, transitDays: { min: 60, max: 120 }, transitWeekdays: WEEK.slice(0, 5 + (i % 3)), holidays: [{ from: '2027-07-01', to: '2027-10-31', name: 'Carrier strike' }] }));
    const policy = { nodes, services };
    const lines = Array.from({ length: LIMITS.lines }, (_, i) => ({ sku: `S${i % 50}`, node: `n${i % 4}`, availableOn: isoDay('2026-11-28', (i % (LIMITS.shipments / 4)) * 23) }));
    add({ name: 'every option of every shipment across closures', entry: 'promise', policy, input: order(lines), expect: 'ok' });
    add({ name: 'the same, quoted', entry: 'quote', policy, input: order(lines), expect: 'ok' });
    add({ name: 'the same, deadlines for every node', entry: 'latestOrderBy', policy, input: { arriveBy: '2027-12-20', destination: { country: 'US' } }, expect: 'ok' });
  }
  {
    // Pickups once a year (special days without pickup on every other date): the order-by
    // search and the deadline search cross the year.
    const dates = Array.from({ length: 364 }, (_, k) => isoDay('2026-11-29', k));
    const policy = {
      nodes: [node('a', { hours: hours(WEEK), specialDays: [{ dates, hours: ['08:00-18:00'], pickup: null, name: 'No pickup' }] })],
      services: Array.from({ length: n(LIMITS.services, scale) }, (_, i) => service(`s${i}`, { carrier: `c${i}` })),
    };
    const lines = [{ sku: 'NOW' }, { sku: 'LATER', availableOn: '2027-10-01' }];
    add({ name: 'one pickup a year, every service', entry: 'promise', policy, input: order(lines), expect: 'ok' });
    add({ name: 'one pickup a year, quoted', entry: 'quote', policy, input: order(lines), expect: 'ok' });
    add({ name: 'one pickup a year, deadlines', entry: 'latestOrderBy', policy, input: { arriveBy: '2027-12-20', destination: { country: 'US' } }, expect: 'ok' });
  }

  // --- Orders (promise, quote) ---
  {
    const k = n(500000, scale);
    add({ name: 'one service listed 500,000 times', entry: 'promise', policy: STORE, input: { ...ORDER, services: Array(k).fill('ups-ground') }, options: { at: AT }, expect: scale >= 0.01 ? 'document_too_large' : 'invalid_order' });
    add({ name: 'one service listed 500,000 times, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, services: Array(k).fill('ups-ground') }, options: { at: AT }, expect: scale >= 0.01 ? 'document_too_large' : 'invalid_order' });
    add({ name: 'services listed at the limit, duplicated', entry: 'promise', policy: STORE, input: { ...ORDER, services: Array(LIMITS.orderServices).fill('ups-ground') }, options: { at: AT }, expect: 'ok' });
  }
  {
    const lines = Array.from({ length: n(LIMITS.lines, scale) }, (_, i) => ({
      sku: `SKU-${i}`, node: i % 2 ? 'ewr' : 'ont', tags: ['engraving', 'gift-wrap'],
      availableOn: isoDay('2026-11-28', (i % (LIMITS.shipments / 2)) * 11),
    }));
    add({ name: 'the most lines and shipments, backordered', entry: 'promise', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
    add({ name: 'the most lines and shipments, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
    const many = Array.from({ length: LIMITS.shipments + 1 }, (_, i) => ({ sku: `S${i}`, node: 'ewr', availableOn: isoDay('2026-11-28', i) }));
    add({ name: 'shipments over the limit', entry: 'promise', policy: STORE, input: { ...ORDER, lines: many }, options: { at: AT }, expect: 'invalid_order' });
    add({ name: 'shipments over the limit, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, lines: many }, options: { at: AT }, expect: 'invalid_order' });
  }
  {
    const lines = [{ sku: 'NOW', node: 'ewr' }, { sku: 'LATER', node: 'ont', availableOn: '2027-11-20' }];
    add({ name: 'a backorder a year out beside stock', entry: 'promise', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
  }
  {
    add({ name: 'a 10 MB SKU, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, lines: [{ sku: 'x'.repeat(n(10_000_000, scale)), node: 'ewr' }] }, options: { at: AT }, expect: scale >= 0.2 ? 'document_too_large' : 'invalid_order' });
    add({ name: 'a SKU over the text limit', entry: 'promise', policy: STORE, input: { ...ORDER, lines: [{ sku: 'x'.repeat(LIMITS.textBytes + 1), node: 'ewr' }] }, options: { at: AT }, expect: 'invalid_order' });
    add({ name: 'a SKU over the text limit, quoted', entry: 'quote', policy: STORE, input: { ...ORDER, lines: [{ sku: 'x'.repeat(LIMITS.textBytes + 1), node: 'ewr' }] }, options: { at: AT }, expect: 'invalid_order' });
    const lines = Array.from({ length: n(LIMITS.lines, scale) }, (_, i) => ({ sku: `S${i}`.padEnd(200, 'x'), node: 'ewr', tags: Array.from({ length: LIMITS.tags }, (_, t) => `tag-${t}`.padEnd(40, 'y')) }));
    add({ name: 'long texts and the most tags', entry: 'quote', policy: STORE, input: { ...ORDER, lines }, options: { at: AT }, expect: 'ok' });
  }
  {
    // An order of tiny JSON values up to the request limit: the parse tree must stay small.
    const values = Array(Math.max(1, Math.floor((LIMITS.requestBytes * scale) / 2) - 8)).fill(0);
    add({ name: 'an order of half a million zeros', entry: 'promise', policy: STORE, input: { ...ORDER, id: values }, options: { at: AT }, expect: scale >= 0.5 ? 'document_too_large' : 'invalid_order' });
  }

  // --- Tracking ---
  {
    const holds = [];
    const k = n(LIMITS.events / 2, scale);
    for (let i = 0; i < k; i++) {
      const t = Date.parse('2026-11-28T11:00:00Z') + i * 200_000;
      holds.push({ type: 'hold_started', at: new Date(t).toISOString(), reason: `review-${i % 50}` }, { type: 'hold_ended', at: new Date(t + 100_000).toISOString(), reason: `review-${i % 50}` });
    }
    const policy = { ...STORE, tracking: { pausingHolds: Array.from({ length: 50 }, (_, i) => `review-${i}`) } };
    add({ name: 'the most pausing holds', entry: 'track', policy, input: { promise: PLACED, events: holds }, options: { now: NOW, service: 'ups-ground' }, expect: 'ok' });
    add({ name: 'the most pausing holds, audit row', entry: 'auditRow', policy, input: { order: PLACED, events: holds }, options: { now: NOW }, expect: 'ok' });
    const exceptions = Array.from({ length: n(LIMITS.events - 4, scale) }, (_, i) => ({ type: 'carrier_exception', at: new Date(Date.parse('2026-11-30T23:00:00Z') + i * 60_000).toISOString(), node: 'ewr', reason: `r${i}` }));
    add({ name: 'the most carrier exceptions', entry: 'track', policy: STORE, input: { promise: PLACED, events: [...EVENTS.slice(0, 4), ...exceptions] }, options: { now: NOW, service: 'ups-ground' }, expect: 'ok' });
    add({ name: 'events over the limit', entry: 'track', policy: STORE, input: { promise: PLACED, events: Array(LIMITS.events + 1).fill(EVENTS[0]) }, options: { now: NOW, service: 'ups-ground' }, expect: 'invalid_events' });
    add({ name: 'tracked 170 years after the promise', entry: 'track', policy: STORE, input: { promise: PLACED, events: EVENTS.slice(0, 4) }, options: { now: '2199-12-29T00:00:00Z', service: 'ups-ground' }, expect: 'ok' });
    add({ name: 'tracked 170 years after, audit row', entry: 'auditRow', policy: STORE, input: { order: PLACED, events: EVENTS.slice(0, 4) }, options: { now: '2199-12-29T00:00:00Z' }, expect: 'ok' });
  }
  {
    const custom = Array.from({ length: n(LIMITS.customMilestones, scale) }, (_, i) => ({ id: `m${i}`, event: `e${i}`, after: i ? `m${i - 1}` : 'released', withinWorkingHours: 1 }));
    const routes = Array.from({ length: n(LIMITS.routes, scale) }, (_, i) => ({ ...(i % 2 ? { milestone: 'shipped' } : {}), reason: 'overdue', owner: `team-${i}`, route: `route-${i}` }));
    const policy = { ...STORE, tracking: { custom, routes } };
    add({ name: 'custom milestones chained, the most routes', entry: 'track', policy, input: { promise: PLACED, events: EVENTS }, options: { now: NOW, service: 'ups-ground' }, expect: 'ok' });
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
  const seen = new Set();
  for (const c of small) {
    const file = c.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    let target;
    let text;
    if (c.entry === 'validate') [target, text] = ['policy', JSON.stringify(c.policy)];
    else if ((c.entry === 'promise' || c.entry === 'quote') && c.policy === STORE) [target, text] = ['order', '\u0001' + JSON.stringify(c.input)];
    else if ((c.entry === 'track' || c.entry === 'auditRow') && c.policy === STORE) [target, text] = ['events', JSON.stringify(c.input.events)];
    else if (c.policy) [target, text] = ['policy', JSON.stringify(c.policy)];
    else continue;
    if (text.length > 65536 || seen.has(`${target}:${text}`)) continue;
    seen.add(`${target}:${text}`);
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
