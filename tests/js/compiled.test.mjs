// Compiled policies across the two builds: the full build (Node) compiles, the lean build
// (what browsers load) answers, byte for byte. The lean glue runs in Node here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, OrderSlaError } from '../../pkg/node.js';
import * as leanGlue from '../../pkg/wasm/lean/order_sla.js';
import { makeApi } from '../../pkg/core.js';

const policy = readFileSync(new URL('../../examples/store/policy.json', import.meta.url), 'utf8');
const order = JSON.parse(readFileSync(new URL('../../examples/store/order.json', import.meta.url), 'utf8'));
leanGlue.initSync({ module: readFileSync(new URL('../../pkg/wasm/lean/order_sla_bg.wasm', import.meta.url)) });
const lean = makeApi(leanGlue);
const code = (f) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof OrderSlaError, String(e));
    return e.code;
  }
  return 'no error';
};

test('a policy compiled in Node gives the lean build the same promises, byte for byte', () => {
  const source = createEngine(policy);
  const bytes = source.compile({ from: 2026, to: 2027 });
  assert.ok(bytes instanceof Uint8Array && bytes.length < 4096, `${bytes.length} bytes`);
  const compiled = lean.createEngine(bytes);
  for (const at of ['2026-11-26T15:00:00Z', '2026-11-28T10:20:00Z', '2026-12-24T14:59:59.999Z', '2027-03-14T06:30:00Z']) {
    assert.equal(compiled.promiseJson(order, { at }), source.promiseJson(order, { at }), at);
  }
  assert.equal(compiled.policyHash, source.policyHash);
  // The full build loads compiled policies too (ArrayBuffer or Uint8Array).
  assert.equal(createEngine(bytes.buffer.slice(0)).promiseJson(order, { at: 1_780_000_000_000 }), source.promiseJson(order, { at: 1_780_000_000_000 }));
});

test('the lean build asks for a compiled policy, and says what a compiled policy cannot do', () => {
  assert.equal(code(() => lean.createEngine(JSON.parse(policy))), 'compiled_policy_required');
  assert.equal(code(() => lean.createEngine(new Uint8Array([1, 2, 3]))), 'invalid_compiled_policy');
  const bytes = createEngine(policy).compile({ from: 2026, to: 2026 });
  const compiled = lean.createEngine(bytes);
  assert.equal(code(() => compiled.promise(order, { at: '2028-01-05T12:00:00Z' })), 'invalid_order');
  const fromBytes = createEngine(bytes);
  assert.equal(code(() => fromBytes.track({}, [], { now: '2026-12-01T00:00:00Z' })), 'needs_policy_source');
  assert.equal(code(() => fromBytes.compile()), 'needs_policy_source');
  assert.equal(code(() => createEngine(policy).compile({ from: 2026, to: 2099 })), 'out_of_range');
  assert.equal(code(() => createEngine(policy).compile({ from: 2026.5 })), 'invalid_argument');
});

test('1,000 bad calls leave the lean instance usable', () => {
  const compiled = lean.createEngine(createEngine(policy).compile({ from: 2026, to: 2027 }));
  for (let i = 0; i < 1000; i++) {
    assert.equal(code(() => compiled.promiseJson(['{', '[]', '{"lines":[{}]}', '{"placedAt":1e300}'][i % 4])), 'invalid_' + (i % 4 === 0 ? 'json' : 'order'));
  }
  assert.match(compiled.promiseJson(order, { at: '2026-11-28T10:20:00Z' }), /"available":true/);
});

test('the browser build has every documented method and function, and says which need the full build', async () => {
  const compiled = lean.createEngine(createEngine(policy).compile({ from: 2026, to: 2027 }));
  for (const call of [
    () => compiled.track({}, [], { now: '2026-12-01T00:00:00Z' }),
    () => compiled.latestOrderBy({ arriveBy: '2026-12-24', destination: { country: 'US' } }),
    () => compiled.auditRow({}),
    () => compiled.calendar('us'),
    () => compiled.compile(),
  ]) {
    assert.equal(code(call), 'not_in_this_build');
  }
  // The browser entry's own exports, callable before init().
  // (The entry is one bundled module: its OrderSlaError is its own class, and is exported.)
  const browser = await import('../../pkg/browser.js');
  const browserCode = (f) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof browser.OrderSlaError, String(e));
      return e.code;
    }
    return 'no error';
  };
  for (const name of ['validatePolicy', 'calendar', 'presets', 'audit']) {
    assert.equal(typeof browser[name], 'function', name);
    assert.equal(browserCode(() => browser[name]({})), 'not_in_this_build', name);
  }
  assert.equal(browserCode(() => browser.createEngine(new Uint8Array())), 'not_initialised');
});
