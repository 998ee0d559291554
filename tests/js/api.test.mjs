// The JS API over the built package (pkg/), as a user imports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, validatePolicy, OrderSlaError, version, tzdataVersion } from '../../pkg/node.js';

const policy = JSON.parse(readFileSync(new URL('../../examples/store/policy.json', import.meta.url), 'utf8'));
const order = JSON.parse(readFileSync(new URL('../../examples/store/order.json', import.meta.url), 'utf8'));
const AT = '2026-11-28T10:20:00Z';

test('instants as Date, ISO string and epoch ms give the same promise', () => {
  const engine = createEngine(policy);
  const a = engine.promise(order, { at: new Date(AT) });
  const b = engine.promise(order, { at: AT });
  const c = engine.promise({ ...order, placedAt: Date.parse(AT) });
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
  assert.equal(a.options[0].delivery.earliest, '2026-12-07');
  assert.equal(a.options[0].orderBy.utc, '2026-11-30T20:00:00Z');
  assert.equal(a.engineVersion, version);
  assert.equal(a.tzdataVersion, tzdataVersion);
  assert.match(a.policyHash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(a.policyHash, engine.policyHash);
  // Results are plain JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
});

test('a policy as JSON text and as an object load the same policy', () => {
  const text = readFileSync(new URL('../../examples/store/policy.json', import.meta.url), 'utf8');
  assert.equal(createEngine(text).policyHash, createEngine(policy).policyHash);
});

test('errors are OrderSlaError with code, path and every problem', () => {
  const bad = structuredClone(policy);
  bad.nodes[1].cutoffs = { default: '12:00', fri: '25:00' };
  bad.nodes[0].zone = 'Mars/Base';
  assert.throws(() => createEngine(bad), (e) => {
    assert.ok(e instanceof OrderSlaError);
    assert.equal(e.code, 'invalid_policy');
    assert.deepEqual(e.problems.map((p) => p.path).sort(), ['nodes[0].zone', 'nodes[1].cutoffs.fri']);
    assert.equal(e.path, e.problems[0].path);
    return true;
  });
  const v = validatePolicy(bad);
  assert.equal(v.valid, false);
  assert.equal(v.problems.length, 2);
  assert.deepEqual(validatePolicy(policy), { valid: true, problems: [], warnings: [] });
  assert.equal(validatePolicy('{oops').code, 'invalid_json');
});

test('bad orders: malformed JSON, unknown node and service, invalid Date, out of range', () => {
  const engine = createEngine(policy);
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof OrderSlaError, String(e));
      return e.code;
    }
    assert.fail('no error');
  };
  assert.equal(code(() => engine.promise('{"lines": [')), 'invalid_json');
  assert.equal(code(() => engine.promise({ ...order, lines: [{ sku: 'X', node: 'nope' }] }, { at: AT })), 'invalid_order');
  assert.equal(code(() => engine.promise({ ...order, services: ['teleport'] }, { at: AT })), 'invalid_order');
  assert.equal(code(() => engine.promise(order, { at: new Date('garbage') })), 'invalid_options');
  assert.equal(code(() => engine.promise({ ...order, placedAt: new Date('garbage') })), 'invalid_order');
  assert.equal(code(() => engine.promise({ ...order, placedAt: '2026-11-28T10:20:00' })), 'invalid_order');
  assert.equal(code(() => engine.promise(order, { at: 1e20 })), 'invalid_options');
  assert.equal(code(() => engine.promise(null)), 'wrong_type');
  const cyclic = { ...order };
  cyclic.self = cyclic;
  assert.equal(code(() => engine.promise(cyclic)), 'invalid_input');
});

test('after 1,000 bad calls the same engine still answers correctly (no trap)', () => {
  const engine = createEngine(policy);
  const good = engine.promise(order, { at: AT });
  const bad = ['', '{', '[]', 'null', '{"lines":1}', JSON.stringify({ ...order, placedAt: 'x' }), JSON.stringify({ ...order, destination: {} })];
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => engine.promise(bad[i % bad.length], { at: AT }), OrderSlaError);
    assert.throws(() => createEngine(bad[i % bad.length]), OrderSlaError);
  }
  assert.deepEqual(engine.promise(order, { at: AT }), good);
});

test('free() and Symbol.dispose release the engine; double free is harmless', () => {
  const engine = createEngine(policy);
  engine.free();
  engine.free();
  assert.throws(() => engine.promise(order, { at: AT }), (e) => e.code === 'engine_freed');
  const other = createEngine(policy);
  const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
  other[dispose]();
  assert.throws(() => other.policyHash, (e) => e.code === 'engine_freed');
});

test('latestOrderBy answers the seasonal deadline table', () => {
  const engine = createEngine(policy);
  const t = engine.latestOrderBy({ arriveBy: '2026-12-24', destination: { country: 'US', region: 'OR' }, now: new Date('2026-12-01T00:00:00Z') });
  const row = t.rows.find((r) => r.service === 'ups-ground' && r.node === 'ewr');
  assert.equal(row.available, true);
  assert.ok(row.delivery.latest <= '2026-12-24');
  // Placing at the deadline minus 1 ms still arrives by the date; at the deadline it may not.
  const p = engine.promise({ ...order, lines: [{ sku: 'MUG', node: 'ewr' }], services: ['ups-ground'] }, { at: row.orderBy.epochMs - 1 });
  assert.ok(p.options[0].delivery.latest <= '2026-12-24');
  assert.equal(t.rows.find((r) => r.service === 'fedex-2day' && r.node === 'ont'), undefined);
});

test('a well-formed instant outside 2000-2199 is out_of_range with the range, on every entry point', () => {
  const placed = JSON.parse(readFileSync(new URL('../../examples/store/placed-order.json', import.meta.url), 'utf8'));
  const engine = createEngine(policy);
  const promise = engine.promise(placed);
  const range = /between 2000-01-02 and 2199-12-30/;
  for (const at of ['1999-12-31T23:00:00Z', '2200-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '2000-01-01T12:00:00Z']) {
    const calls = {
      promise: () => engine.promise({ ...placed, placedAt: at }),
      quote: () => engine.quote({ ...placed, placedAt: at }),
      promiseAt: () => engine.promise(order, { at }),
      track: () => engine.track(promise, [], { now: at }),
      event: () => engine.track(promise, [{ type: 'released', at, node: 'ewr' }], { now: '2026-12-01T00:00:00Z' }),
    };
    for (const [name, call] of Object.entries(calls)) {
      assert.throws(call, (e) => {
        const p = e.problems?.[0] ?? e;
        assert.equal(p.code, 'out_of_range', `${name} ${at}: ${e.message}`);
        assert.match(p.message, range);
        return true;
      });
    }
  }
  // Malformed text is still malformed: no date 1999-02-29 in any year.
  assert.throws(() => engine.promise({ ...placed, placedAt: '1999-02-29T10:00:00Z' }), (e) => e.problems[0].code === 'invalid_instant');
});

test('new Engine(policy) says to call createEngine()', async () => {
  const { Engine, Calendar } = await import('../../pkg/node.js');
  for (const C of [Engine, Calendar]) {
    assert.throws(() => new C(JSON.stringify(policy)), (e) => e instanceof OrderSlaError && e.code === 'wrong_type' && /createEngine\(\)/.test(e.message));
  }
});
