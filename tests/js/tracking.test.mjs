// Tracking through the JS API and the CLI, on the example store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createEngine, OrderSlaError } from '../../pkg/node.js';

const read = (name) => JSON.parse(readFileSync(new URL(`../../examples/store/${name}`, import.meta.url), 'utf8'));
const policy = read('policy.json');
const order = read('placed-order.json');
const events = read('events.json');
const NOW = '2026-12-03T18:00:00Z';

test('engine.track evaluates every milestone of a stored promise', () => {
  const engine = createEngine(policy);
  const promise = engine.promise(order);
  const t = engine.track(promise, events, { now: NOW, service: 'ups-ground' });
  assert.equal(t.status, 'at_risk');
  const m = (id, node) => t.milestones.find((x) => x.id === id && x.node === node);
  assert.equal(m('shipped', 'ewr').status, 'met');
  assert.equal(m('picked', 'ewr').status, 'met_late');
  assert.deepEqual([m('picked', 'ewr').owner, m('picked', 'ewr').route], ['ewr-ops', 'escalate']);
  assert.deepEqual(m('delivered', 'ewr').reasons, ['carrier_exception']);
  assert.deepEqual([m('delivered', 'ewr').owner, m('delivered', 'ewr').route], ['ups-desk', 'carrier_claim']);
  assert.equal(m('shipped', 'ont').due.local, '2026-12-04T14:00:00-08:00');
  assert.ok(t.history.some((c) => c.change === 'paused' && c.node === 'ont'));
  // Dates work as instants; the same inputs give the same answer.
  const again = engine.track(JSON.stringify(promise), events.map((e) => ({ ...e, at: new Date(e.at) })), { now: new Date(NOW), service: 'ups-ground' });
  assert.deepEqual(again, t);
});

test('tracking errors are OrderSlaErrors; inapplicable events are warnings', () => {
  const engine = createEngine(policy);
  const promise = engine.promise(order);
  // A promise with several options needs the chosen service.
  const all = engine.promise({ ...order, services: undefined });
  assert.throws(() => engine.track(all, events, { now: NOW }), (e) => e instanceof OrderSlaError && e.code === 'invalid_promise' && e.problems[0].code === 'service_required');
  assert.equal(engine.track(promise, events, { now: NOW }).service, 'ups-ground');
  assert.throws(() => engine.track(promise, [{ type: 'shipped', at: 'soon' }], { now: NOW, service: 'ups-ground' }), (e) => e.code === 'invalid_events' && e.path === 'events[0].at');
  assert.throws(() => engine.track(promise, {}, { now: NOW }), (e) => e.code === 'wrong_type');
  assert.throws(() => engine.track(promise, [], { now: new Date(NaN), service: 'ups-ground' }), (e) => e.code === 'invalid_options' && e.problems[0].code === 'invalid_instant');
  const t = engine.track(promise, [...events, { type: 'teleported', at: '2026-12-01T00:00:00Z' }], { now: NOW, service: 'ups-ground' });
  assert.deepEqual(t.warnings.map((w) => [w.code, w.path]), [['unknown_event', `events[${events.length}]`]]);
});

test('order-sla track prints statuses, owners and the history of the example order', () => {
  const cli = new URL('../../pkg/cli.js', import.meta.url).pathname;
  const r = spawnSync(process.execPath, [cli, 'track', '--now', NOW], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Order TH-10482, service ups-ground, at 2026-12-03T18:00:00Z: AT RISK/);
  assert.match(r.stdout, /Delivered \[ewr\] +AT RISK .*\[carrier_exception\]; -> ups-desk: carrier_claim/);
  assert.match(r.stdout, /picked \[ewr\] breached \(overdue\)/);
  const j = spawnSync(process.execPath, [cli, 'track', '--now', NOW, '--json'], { encoding: 'utf8' });
  assert.equal(JSON.parse(j.stdout).status, 'at_risk');
  const bad = spawnSync(process.execPath, [cli, 'track', '--promise', cli], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
