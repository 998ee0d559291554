// Hardening: bad input of every shape, 100,000 calls of it, never traps the instance or
// throws anything but OrderSlaError, and the same engine then answers good calls exactly
// as before. Seeded, so a failure replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, calendar, validatePolicy, OrderSlaError, limits } from '../../pkg/node.js';
import { seeded } from '../../scripts/random.mjs';
import * as glue from '../../pkg/wasm/order_sla.js';

const glueMemory = () => glue.wasmMemory().buffer.byteLength;

const root = new URL('../../', import.meta.url);
const policy = JSON.parse(readFileSync(new URL('examples/store/policy.json', root), 'utf8'));
const order = JSON.parse(readFileSync(new URL('examples/store/order.json', root), 'utf8'));
const placed = JSON.parse(readFileSync(new URL('examples/store/placed-order.json', root), 'utf8'));
const events = JSON.parse(readFileSync(new URL('examples/store/events.json', root), 'utf8'));
const AT = Date.parse('2026-11-28T10:20:00Z');

const { random, pick } = seeded(8);
const int = (n) => Math.floor(random() * n);
const STRINGS = ['', ' ', 'ewr', 'ups-ground', 'US', '2026-11-28', '2026-11-28T10:20:00Z', '25:99', '-1', '1e400', '__proto__', 'constructor',
  '\u0000', '\ud800', '🚚', 'x'.repeat(5000), 'America/New_York', 'Mars/Base', 'null', '{', '[]', 'mon', 'p90'];

/** Any JSON-ish value, nested at most `depth`. */
function value(depth = 3) {
  switch (int(depth > 0 ? 10 : 7)) {
    case 0: return null;
    case 1: return random() < 0.5;
    case 2: return pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, NaN, Infinity, AT, 1e21]);
    case 3: case 4: return pick(STRINGS);
    case 5: return new Date(pick([AT, NaN, 8.64e15]));
    case 6: return undefined;
    case 7: return Array.from({ length: int(4) }, () => value(depth - 1));
    default: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(STRINGS), value(depth - 1)]));
  }
}

/** A document a little wrong: a key dropped, a value replaced, deep down. */
function mutate(doc) {
  const copy = structuredClone(doc);
  let node = copy;
  for (let d = 0; d < 4 && node && typeof node === 'object'; d++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const k = pick(keys);
    if (random() < 0.4 || typeof node[k] !== 'object' || node[k] === null) {
      if (random() < 0.3) delete node[k];
      else node[k] = value();
      break;
    }
    node = node[k];
  }
  return copy;
}

const deep = (n) => '['.repeat(n) + ']'.repeat(n);
const texts = () => pick(['', '{', '{"a":', deep(100_000), `{"lines": ${deep(5000)}}`, 'null', '"text"', '[1,2', JSON.stringify(value(5)), '\u0000']);

test('100,000 bad calls neither trap nor poison the engine', () => {
  const engine = createEngine(policy);
  const goodPromise = engine.promiseJson(order, { at: AT });
  const goodQuote = engine.quote(order, { at: AT });
  const stored = engine.promise(placed);
  const goodTrack = JSON.stringify(engine.track(stored, events, { now: '2026-12-03T18:00:00Z' }));
  const calls = [
    () => engine.promise(mutate(order), { at: AT }),
    () => engine.promiseJson(random() < 0.5 ? texts() : value(), { at: value(1), confidence: value(0) }),
    () => engine.quote(mutate(order), { at: random() < 0.8 ? AT : value(0) }),
    () => engine.quoteBatch([mutate(order), mutate(order), order, value()], { at: AT }),
    () => engine.track(random() < 0.5 ? mutate(stored) : stored, random() < 0.5 ? mutate(events) : value(), { now: value(0), service: value(0) }),
    () => engine.latestOrderBy({ arriveBy: value(0), destination: mutate(order.destination), now: value(0) }),
    () => engine.calendar(value(0)),
    () => engine.auditRow({ order: mutate(order), events: mutate(events) }, { now: AT }),
    () => engine.auditRow(texts(), { now: value(0) }),
    () => calendar(value(1)).addWorkingDays(value(0), value(0)),
    () => validatePolicy(random() < 0.5 ? mutate(policy) : texts()),
  ];
  let thrown = 0;
  for (let i = 0; i < 100_000; i++) {
    // Loading policies is the costly call: one in fifty.
    const call = i % 50 === 0 ? () => createEngine(mutate(policy)).free() : pick(calls);
    try {
      call();
    } catch (e) {
      thrown++;
      if (!(e instanceof OrderSlaError)) assert.fail(`call ${i} threw ${e?.name}: ${e?.message}`);
      assert.equal(typeof e.code, 'string');
    }
  }
  assert.ok(thrown > 50_000, `${thrown} errors`);
  assert.equal(engine.promiseJson(order, { at: AT }), goodPromise);
  assert.deepEqual(engine.quote(order, { at: AT }), goodQuote);
  assert.equal(JSON.stringify(engine.track(stored, events, { now: '2026-12-03T18:00:00Z' })), goodTrack);
});

test('keys like __proto__ and constructor pollute nothing and are reported', () => {
  const engine = createEngine(policy);
  const evilOrder = JSON.parse(`{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, ${JSON.stringify(order).slice(1)}`);
  for (const call of [() => engine.promise(evilOrder, { at: AT }), () => engine.quote(evilOrder, { at: AT }), () => engine.quoteBatch([evilOrder])[0]]) {
    let e;
    try {
      e = call();
    } catch (thrown) {
      e = thrown;
    }
    assert.ok(e instanceof OrderSlaError, String(e));
    assert.deepEqual(e.problems.map((p) => p.path).sort(), ['__proto__', 'constructor']);
  }
  const evilPolicy = JSON.parse(JSON.stringify(policy).replace('"id":"ewr"', '"__proto__":{"polluted":1},"id":"ewr"'));
  assert.throws(() => createEngine(evilPolicy), (e) => e.problems.some((p) => p.path === 'nodes[0].__proto__'));
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test('huge inputs are refused at the documented limit, before they reach wasm memory', () => {
  const engine = createEngine(policy);
  const memory = glueMemory();
  const huge = `{"nodes": [], "pad": "${'x'.repeat(50 * 1024 * 1024)}"}`;
  assert.throws(() => createEngine(huge), { code: 'document_too_large' });
  assert.throws(() => engine.promise({ ...order, pad: 'x'.repeat(2 * 1024 * 1024) }, { at: AT }), { code: 'document_too_large' });
  assert.throws(() => engine.quote({ ...order, pad: 'x'.repeat(2 * 1024 * 1024) }, { at: AT }), { code: 'document_too_large' });
  assert.throws(() => engine.quote({ ...order, lines: [{ sku: 'x'.repeat(10 * 1024 * 1024), node: 'ewr' }] }, { at: AT }), { code: 'document_too_large' });
  assert.equal(glueMemory(), memory);
  const lines = Array.from({ length: limits.lines + 1 }, (_, i) => ({ sku: `S${i}`, node: 'ewr' }));
  assert.throws(() => engine.promise({ ...order, lines }, { at: AT }), (e) => e.problems[0].code === 'too_large' && e.problems[0].path === 'lines');
  assert.throws(() => engine.quote({ ...order, lines }, { at: AT }), (e) => e.problems[0].code === 'too_large' && e.problems[0].path === 'lines');
});

test('the package evaluates no code from text: no eval, no new Function', async () => {
  const { readdirSync } = await import('node:fs');
  const files = ['', 'wasm/', 'wasm/lean/'].flatMap((dir) => readdirSync(new URL(`pkg/${dir}`, root)).filter((f) => /\.(m?js|cjs)$/.test(f)).map((f) => `pkg/${dir}${f}`));
  assert.ok(files.length > 10);
  for (const f of files) {
    const text = readFileSync(new URL(f, root), 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/, f);
  }
});
