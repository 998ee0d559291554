// Quotes: the fast path (orders encoded as numbers, answered from day tables) against the
// promise path, on the whole corpus and on every kind of input the encoder meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, OrderSlaError } from '../../pkg/node.js';
import { makeApi, quoteOfPromise } from '../../pkg/core.js';
import * as leanGlue from '../../pkg/wasm/lean/order_sla.js';

const corpus = JSON.parse(readFileSync(new URL('../corpus/corpus.json', import.meta.url), 'utf8'));
const policy = JSON.parse(readFileSync(new URL('../../examples/store/policy.json', import.meta.url), 'utf8'));
const order = JSON.parse(readFileSync(new URL('../../examples/store/order.json', import.meta.url), 'utf8'));
const AT = Date.parse('2026-11-28T10:20:00Z');

/** An engine that counts the orders its quotes send down the promise path. */
function counting(p) {
  const engine = createEngine(p);
  const promise = engine.promise.bind(engine);
  engine.viaPromise = 0;
  engine.promise = (...args) => {
    engine.viaPromise++;
    return promise(...args);
  };
  return engine;
}

test('the fast path answers every valid corpus order as its promise does, one by one and in batches', () => {
  const engines = Object.fromEntries(Object.entries(corpus.policies).map(([k, p]) => [k, counting(p)]));
  let compared = 0;
  for (const [name, engine] of Object.entries(engines)) {
    const cases = corpus.orders.filter((c) => c.policy === name);
    for (const confidence of [undefined, 0.9]) {
      const orders = cases.map((c) => c.order);
      const before = engine.viaPromise;
      const batch = engine.quoteBatch(orders, { at: AT, confidence });
      // Only the invalid orders (a few on purpose) took the promise path: orders that choose
      // to split or ship complete too are encoded.
      const invalid = batch.filter((q) => q instanceof OrderSlaError).length;
      assert.equal(engine.viaPromise - before, invalid);
      cases.forEach((c, i) => {
        let expected;
        try {
          expected = quoteOfPromise(engine.promise(c.order, { at: AT, confidence }));
        } catch (e) {
          assert.ok(batch[i] instanceof OrderSlaError, `${c.order.id}: expected an error`);
          assert.equal(batch[i].code, e.code);
          assert.throws(() => engine.quote(c.order, { at: AT, confidence }), { code: e.code });
          return;
        }
        assert.deepEqual(batch[i], expected, c.order.id);
        assert.deepEqual(engine.quote(c.order, { at: AT, confidence }), expected, c.order.id);
        compared++;
      });
    }
  }
  assert.ok(compared > 2000, `${compared}`);
});

test('quotes take instants as Date, RFC 3339 text and epoch ms, and every order field', () => {
  const engine = counting(policy);
  const full = {
    ...order,
    id: 42,
    placedAt: '2026-11-27T13:59:59.9999-05:00',
    paymentCapturedAt: new Date('2026-11-27T19:30:00Z'),
    services: ['usps-priority', 'ups-ground'],
    lines: [...order.lines, { sku: 'CANOE-CUSTOM', node: 'ont', quantity: 1, availableOn: '2026-12-03', tags: ['gift-wrap'] }],
  };
  const q = engine.quote(full);
  assert.equal(engine.viaPromise, 0, 'answered by the fast path');
  assert.deepEqual(q, quoteOfPromise(engine.promise(full)));
  assert.equal(q.orderId, '42');
  assert.equal(q.placedAt, Date.parse('2026-11-27T18:59:59.999Z'));
  assert.deepEqual(q.options.map((o) => o.service), ['usps-priority', 'ups-ground']);
  // The same instant three ways.
  const a = engine.quote({ ...order, placedAt: new Date(AT) });
  assert.deepEqual(engine.quote({ ...order, placedAt: '2026-11-28T05:20:00-05:00' }), a);
  assert.deepEqual(engine.quote(order, { at: AT }), a);
});

test('orders the encoder does not take go through the promise, with the same answer', () => {
  const engine = counting(policy);
  const unusual = [
    { ...order, placedAt: '2026-11-28T10:20:00.5Z' },
    { ...order, placedAt: AT + 0.5 },
    { ...order, destination: { ...order.destination, postalCode: '９７２０５' } },
  ];
  for (const o of unusual) assert.deepEqual(engine.quote(o, { at: AT }), quoteOfPromise(engine.promise(o, { at: AT })));
});

test('invalid orders: quote() throws, quoteBatch() puts the error in their place', () => {
  const engine = createEngine(policy);
  const bad = [
    { ...order, lines: [] },
    { ...order, lines: [{ sku: 'X', node: 'nowhere' }] },
    { ...order, destination: { country: 'USA' } },
    { ...order, destination: { ...order.destination, zone: 'Mars/Base' } },
    { ...order, placedAt: 'yesterday' },
    { ...order, services: ['pigeon'] },
    { ...order, extra: 1 },
    { ...order, lines: [{ sku: 'X', node: 'ewr', availableOn: '2026-02-30' }] },
    { ...order, paymentCapturedAt: AT - 1, placedAt: AT },
    'not an order',
  ];
  const codes = ['empty_list', 'unknown_node', 'invalid_country', 'unknown_zone', 'invalid_instant', 'unknown_service', 'unknown_field', 'invalid_date', 'before_placement'];
  const batch = engine.quoteBatch([order, ...bad], { at: AT });
  assert.ok(!(batch[0] instanceof OrderSlaError));
  bad.forEach((o, i) => {
    assert.ok(batch[i + 1] instanceof OrderSlaError, JSON.stringify(o));
    assert.throws(() => engine.quote(o, { at: AT }), OrderSlaError);
  });
  const found = batch.slice(1, -1).map((e) => e.problems[0]?.code ?? e.code);
  assert.deepEqual(found, codes);
  assert.equal(batch.at(-1).code, 'invalid_json'); // a string is JSON text
  assert.throws(() => engine.quoteBatch('x'), { code: 'wrong_type' });
});

test('a batch larger than the first buffers grows memory and still answers', () => {
  const engine = createEngine(policy);
  const orders = Array.from({ length: 20000 }, (_, i) => ({ ...order, placedAt: AT + i * 3_600_000 }));
  const quotes = engine.quoteBatch(orders);
  assert.equal(quotes.length, orders.length);
  for (const i of [0, 9999, 19999]) assert.deepEqual(quotes[i], engine.quote(orders[i]));
});

test('the lean build quotes from compiled policies with the same numbers', () => {
  leanGlue.initSync({ module: readFileSync(new URL('../../pkg/wasm/lean/order_sla_bg.wasm', import.meta.url)) });
  const lean = makeApi(leanGlue);
  const bytes = createEngine(policy).compile({ from: 2026, to: 2027 });
  const engine = lean.createEngine(bytes);
  assert.deepEqual(engine.quote(order, { at: AT }), createEngine(policy).quote(order, { at: AT }));
  assert.deepEqual(engine.quoteBatch([order, { ...order, lines: [] }], { at: AT })[1].code, 'invalid_order');
});

test('the encoder reads RFC 3339 instants and dates exactly as the core does', () => {
  const engine = counting(policy);
  const instants = [
    '2026-11-28T10:20:00Z', '2026-11-28t10:20:00z', '2026-11-28 10:20:00Z', '2026-11-28T10:20:00.5Z',
    '2026-11-28T10:20:00.123456789+05:30', '2026-11-28T10:20:00.1234567890Z', '2026-11-28T10:20:00.Z',
    '2026-11-28T10:20:00-00:00', '2026-11-28T23:59:59+14:00', '2026-11-28T24:00:00Z', '2026-11-28T10:60:00Z',
    '2026-11-28T10:20:60Z', '2026-11-28T10:20:00', '2026-11-28T10:20:00+24:00', '2026-11-28T10:20:00+05:60',
    '2026-02-29T10:00:00Z', '2028-02-29T10:00:00Z', '2100-02-29T10:00:00Z', '1999-12-31T10:00:00Z',
    '2026-13-01T10:00:00Z', '2026-11-28T1:20:00Z', '２026-11-28T10:20:00Z', '2026-11-28T10:20:00+0530',
    '2200-01-01T00:00:00Z', '0099-06-01T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1999-02-29T10:00:00Z',
  ];
  const dates = ['2026-12-03', '2026-02-29', '2028-02-29', '2026-12-32', '2026-1-03', '2026-12-03T00:00:00Z', '2300-01-01'];
  const cases = [
    ...instants.map((placedAt) => ({ ...order, placedAt })),
    ...dates.map((availableOn) => ({ ...order, placedAt: AT, lines: [{ sku: 'X', node: 'ewr', availableOn }] })),
  ];
  for (const o of cases) {
    let expected;
    try {
      expected = quoteOfPromise(engine.promise(o));
    } catch (e) {
      assert.throws(() => engine.quote(o), { code: e.code }, JSON.stringify(o.placedAt ?? o.lines));
      continue;
    }
    assert.deepEqual(engine.quote(o), expected, JSON.stringify(o.placedAt ?? o.lines));
  }
});
