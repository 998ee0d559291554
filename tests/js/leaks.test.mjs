// No leaks: a million calls through the JS API (quotes, promises, tracking, audit rows, bad
// input among them) leave the wasm memory and the JS heap where warm-up left them; engines
// never freed are reclaimed by the garbage collector; freeing twice is harmless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createEngine, OrderSlaError } from '../../pkg/node.js';
import * as glue from '../../pkg/wasm/order_sla.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const root = new URL('../../', import.meta.url);
const policy = readFileSync(new URL('examples/store/policy.json', root), 'utf8');
const order = JSON.parse(readFileSync(new URL('examples/store/order.json', root), 'utf8'));
const placed = JSON.parse(readFileSync(new URL('examples/store/placed-order.json', root), 'utf8'));
const events = JSON.parse(readFileSync(new URL('examples/store/events.json', root), 'utf8'));
const AT = Date.parse('2026-11-28T10:20:00Z');
const wasmBytes = () => glue.wasmMemory().buffer.byteLength;

async function settle() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return { wasm: wasmBytes(), heap: process.memoryUsage().heapUsed };
}

test('a million calls leave wasm memory and the JS heap flat', async () => {
  const engine = createEngine(policy);
  const stored = engine.promise(placed);
  const now = '2026-12-03T18:00:00Z';
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      const at = AT + (i % 500) * 3_600_000;
      engine.quote(order, { at });
      if (i % 20 === 0) {
        engine.promise(order, { at });
        engine.track(stored, events, { now });
        engine.auditRow({ order: placed, events }, { now });
        try {
          engine.promise({ ...order, lines: [] }, { at });
        } catch (e) {
          assert.ok(e instanceof OrderSlaError);
        }
      }
    }
  };
  round(100_000);
  const before = await settle();
  round(900_000);
  const after = await settle();
  assert.equal(after.wasm, before.wasm, 'wasm memory grew');
  assert.ok(after.heap - before.heap < 8 * 1024 * 1024, `JS heap grew by ${after.heap - before.heap} bytes`);
  engine.free();
  engine.free(); // twice: harmless
  assert.throws(() => engine.quote(order), { code: 'engine_freed' });
});

test('engines dropped without free() are reclaimed', async () => {
  // Finalizers run after a collection, between turns of the event loop: engines are made a
  // hundred at a time, and the memory of those dropped is reused by the next hundred.
  const round = async () => {
    for (let i = 0; i < 100; i++) createEngine(policy).quote(order, { at: AT });
    return settle();
  };
  for (let r = 0; r < 3; r++) await round();
  const before = await round();
  for (let r = 0; r < 10; r++) await round();
  const after = await round();
  // A thousand engines kept would hold about 180 MB.
  assert.ok(after.wasm - before.wasm < 8 * 1024 * 1024, `wasm memory grew by ${after.wasm - before.wasm} bytes`);
});
