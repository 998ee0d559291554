// What a merchant's typos get (issue 15, items 6-8): carriers that no service names, settings
// without effect (warnings, not silence), country codes checked against ISO 3166-1, and
// "did you mean" for shortenings, zones and calendar ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, validatePolicy, OrderSlaError } from '../../pkg/node.js';

const root = new URL('../../', import.meta.url);
const policy = JSON.parse(readFileSync(new URL('examples/store/policy.json', root), 'utf8'));
const order = JSON.parse(readFileSync(new URL('examples/store/order.json', root), 'utf8'));
const AT = '2026-11-28T10:20:00Z';
const problems = (p) => validatePolicy(p).problems.map((x) => [x.code, x.path, x.message]);

test('a carrier override must name a carrier some service uses, with "did you mean"', () => {
  const p = structuredClone(policy);
  p.services[0].carrier = 'royal-mail';
  p.nodes[0].carriers = { royalmail: { cutoffs: '12:00' } };
  const [found] = problems(p).filter(([code]) => code === 'unknown_carrier');
  assert.deepEqual(found.slice(0, 2), ['unknown_carrier', 'nodes[0].carriers.royalmail']);
  assert.match(found[2], /did you mean "royal-mail"\?/);
  assert.match(found[2], /the services' carriers: fedex, royal-mail, usps/);
});

test('settings that have no effect are warnings of a valid policy, and the CLI prints them', () => {
  const p = structuredClone(policy);
  p.services[0].deliveryWeekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  p.services.push({ id: 'dhl-x', carrier: 'dhl', transitDays: 2, nodes: ['ont'] });
  p.nodes[0].carriers.dhl = { cutoffs: '12:00' };
  const v = validatePolicy(p);
  assert.equal(v.valid, true, JSON.stringify(v.problems));
  assert.deepEqual(v.warnings.map((w) => [w.code, w.path]), [['no_effect', 'services[0].deliveryWeekdays'], ['no_effect', 'nodes[0].carriers.dhl']]);
  assert.match(v.warnings[0].message, /"sun" is a delivery day no parcel reaches/);
  assert.deepEqual(validatePolicy(policy).warnings, []);
  const dir = mkdtempSync(join(tmpdir(), 'order-sla-validate-'));
  writeFileSync(join(dir, 'p.json'), JSON.stringify(p));
  const r = spawnSync(process.execPath, [new URL('pkg/cli.js', root).pathname, 'validate', '--policy', join(dir, 'p.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /valid, 2 warning\(s\)/);
  assert.match(r.stdout, /nodes\[0\]\.carriers\.dhl: no service with carrier "dhl" ships from ewr/);
});

test('country codes are ISO 3166-1 alpha-2, in orders and policies, and UK means GB', () => {
  const engine = createEngine(policy);
  for (const [country, hint] of [['UK', 'GB'], ['XX', null], ['EL', 'GR'], ['usa', null]]) {
    for (const call of [() => engine.promise({ ...order, destination: { country } }, { at: AT }), () => engine.quote({ ...order, destination: { country } }, { at: AT })]) {
      const e = (() => { try { call(); } catch (x) { return x; } })();
      assert.ok(e instanceof OrderSlaError, `${country}: answered`);
      assert.deepEqual([e.problems[0].code, e.problems[0].path], ['invalid_country', 'destination.country']);
      if (hint) assert.match(e.problems[0].message, new RegExp(`did you mean "${hint}"`));
    }
  }
  // Lower case and Kosovo (XK, which carriers use) are fine.
  assert.ok(engine.promise({ ...order, destination: { country: 'gb' } }, { at: AT }).options.length > 0);
  assert.ok(engine.promise({ ...order, destination: { country: 'XK' } }, { at: AT }).options.length > 0);
  const p = structuredClone(policy);
  p.services[0].countries = ['US', 'UK'];
  assert.deepEqual(problems(p).map((x) => x.slice(0, 2)), [['invalid_country', 'services[0].countries[1]']]);
});

test('"did you mean" for shortenings, zones and calendar ids', () => {
  const engine = createEngine(policy);
  const e = (() => { try { engine.promise({ ...order, lines: [{ sku: 'A', node: 'ewr', qty: 2 }] }, { at: AT }); } catch (x) { return x; } })();
  assert.match(e.problems[0].message, /unknown field "qty" \(did you mean "quantity"\?\)/);
  const p = structuredClone(policy);
  p.nodes[0].hours.saturday = ['09:00-13:00'];
  p.nodes[1].zone = 'Europe/Londn';
  p.nodes[1].calendars = ['uk'];
  const [hours, zone, cal] = problems(p);
  assert.deepEqual(hours.slice(0, 2), ['unknown_field', 'nodes[0].hours.saturday']);
  assert.match(hours[2], /did you mean "sat"/);
  assert.deepEqual(zone.slice(0, 2), ['unknown_zone', 'nodes[1].zone']);
  assert.match(zone[2], /did you mean "Europe\/London"/);
  assert.deepEqual(cal.slice(0, 2), ['unknown_calendar', 'nodes[1].calendars[0]']);
  assert.match(cal[2], /did you mean "gb-eng"\? the presets for GB: gb-eng, gb-nir, gb-sct/);
});
