// The order-sla CLI as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = new URL('../../pkg/cli.js', import.meta.url).pathname;
const run = (...args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Kiritimati' } });
const dir = mkdtempSync(join(tmpdir(), 'order-sla-cli-'));
const file = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('promise on the embedded example store prints one line per option and the explanation', () => {
  const r = run('promise', '--now', '2026-11-28T10:20:00Z');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /UPS Ground +arrives Mon 7 Dec - Thu 10 Dec; order within 2 d 9 h 40 min \(by Mon 30 Nov 15:00 America\/New_York\)/);
  assert.match(r.stdout, /FedEx 2Day +not available: .*\[node_not_served\]/);
  assert.match(r.stdout, /Skipped Sun 29 Nov: Newark DC does not work on Sundays/);
});

test('--json prints the promise as JSON', () => {
  const r = run('promise', '--now', '2026-11-28T10:20:00Z', '--json');
  assert.equal(r.status, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.equal(p.options.length, 3);
  assert.equal(p.placedAt, '2026-11-28T10:20:00Z');
});

test('validate reports every problem with its path and exits 2', () => {
  const ok = run('validate', '--policy', new URL('../../examples/store/policy.json', import.meta.url).pathname);
  assert.equal(ok.status, 0);
  const bad = file('bad.json', JSON.stringify({ nodes: [{ id: 'a', zone: 'Nowhere/City', hours: { mon: ['08:00-17:00'] }, cutoffs: { mon: '25:00' }, handlingDays: 0 }], services: [] }));
  const r = run('validate', '--policy', bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /nodes\[0\]\.zone: "Nowhere\/City" is not an IANA time zone name/);
  assert.match(r.stderr, /nodes\[0\]\.cutoffs\.mon: "25:00" is not a time of day/);
  assert.match(r.stderr, /services: a policy needs at least one shipping service/);
});

test('bad input exits 2 with a readable message and no stack trace', () => {
  const cases = [
    ['promise', '--order', file('broken.json', '{"lines": [')],
    ['promise', '--order', join(dir, 'missing.json')],
    ['promise', '--now', 'yesterday'],
    ['promise', '--bogus'],
    ['frobnicate'],
    ['promise', '--order', file('unknown-node.json', JSON.stringify({ destination: { country: 'US' }, lines: [{ sku: 'A', node: 'zzz' }] }))],
  ];
  for (const args of cases) {
    const r = run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^order-sla: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'stack trace printed');
  }
});

test('deadlines prints the order-by table for an arrival date', () => {
  const r = run('deadlines', '--arrive-by', '2026-12-24', '--country', 'US', '--region', 'OR', '--now', '2026-12-01T00:00:00Z');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /UPS Ground from Newark DC +\w{3} \d+ Dec \d\d:\d\d America\/New_York/);
});

test('calendar prints a preset year, a policy calendar, and the preset list', () => {
  const r = run('calendar', 'gb-eng', '--year', '2022');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /United Kingdom: England and Wales \[gb-eng\], presets \d{4}\.\d+: works Mon-Fri/);
  assert.match(r.stdout, /Tue 27 Dec +Christmas Day \(observed\)/);
  assert.match(r.stdout, /Mon 19 Sep +State Funeral of Queen Elizabeth II/);
  const p = run('calendar', 'dc-holidays', '--policy', new URL('../../examples/store/policy.json', import.meta.url).pathname, '--year', '2026', '--json');
  assert.equal(p.status, 0, p.stderr);
  const out = JSON.parse(p.stdout);
  assert.ok(!out.holidays.some((h) => h.name === 'Columbus Day'));
  assert.ok(out.holidays.some((h) => h.date === '2026-11-26' && h.name === 'Thanksgiving Day'));
  const list = run('calendar', '--list');
  assert.match(list.stdout, /jp +Japan/);
  const bad = run('calendar', 'gb-enf');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no calendar "gb-enf" in the policy or the presets \(did you mean "gb-eng"\?\) \[invalid_calendar\]/);
});

test('compile writes the policy compiled for the browser build', () => {
  const out = join(dir, 'policy.osla');
  const r = run('compile', '--years', '2026-2027', '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /policy\.osla: \d+ bytes, orders placed in 2026-2027/);
  assert.deepEqual([...readFileSync(out).subarray(0, 4)], [...Buffer.from('OSLA')]);
  assert.equal(run('compile', '--years', 'soon', '--out', out).status, 2);
  assert.equal(run('compile').status, 2);
});

test('promise with --policy needs --order; the countdown runs from the order\'s placedAt', () => {
  const other = file('other-policy.json', readFileSync(new URL('../../examples/store/policy.json', import.meta.url), 'utf8'));
  const r = run('promise', '--policy', other);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /promise with --policy needs --order FILE/);
  // A placed order: counted from its placedAt (Sat 28 Nov 10:20Z), whatever --now or the clock say.
  const placed = new URL('../../examples/store/placed-order.json', import.meta.url).pathname;
  const a = run('promise', '--order', placed, '--now', '2026-12-20T00:00:00Z');
  const b = run('promise', '--order', placed);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /UPS Ground +arrives .*; order within 2 d 9 h 40 min \(by Mon 30 Nov 15:00 America\/New_York\)/);
  assert.equal(a.stdout, b.stdout);
});

test('deadlines size the table to its longest names', () => {
  const p = JSON.parse(readFileSync(new URL('../../examples/store/policy.json', import.meta.url), 'utf8'));
  p.nodes[0].name = 'The Greater Manchester fulfilment warehouse';
  p.services[0].name = 'Royal Mail Tracked 48 with Signature';
  const r = run('deadlines', '--policy', file('long-names.json', JSON.stringify(p)), '--arrive-by', '2026-12-24', '--country', 'US', '--now', '2026-12-01T00:00:00Z');
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => / from /.test(l));
  assert.ok(rows.length > 0);
  for (const row of rows) assert.match(row, /(warehouse|DC|Workshop) {2,}\S/, row);
});

test('track and audit rows say which services there are, and name --service', () => {
  const r = run('track', '--order', file('all-services.json', JSON.stringify({ ...JSON.parse(readFileSync(new URL('../../examples/store/placed-order.json', import.meta.url), 'utf8')), services: undefined })),
    '--events', new URL('../../examples/store/events.json', import.meta.url).pathname, '--now', '2026-12-03T18:00:00Z');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /available options \(ups-ground, usps-priority\).*--service/);
  const rows = file('rows.ndjson', `${JSON.stringify({ order: JSON.parse(readFileSync(new URL('../../examples/store/placed-order.json', import.meta.url), 'utf8')), service: 'dhl-express', events: [] })}\n`);
  const a = run('audit', '--policy', new URL('../../examples/store/policy.json', import.meta.url).pathname, '--now', '2026-12-03T18:00:00Z', '--workers', '1', rows);
  assert.match(a.stderr, /the policy has no service "dhl-express"; the order's options: ups-ground/);
});

test('output into a pipe that closes early (| head) ends quietly', () => {
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" calendar us --year 2026 | head -1; "${process.execPath}" "${CLI}" promise | head -1`], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim().split('\n').length, 2);
});

test('track: the example store, with a shipment pause named by its node and delivery moved by a transit day', () => {
  const r = run('track', '--now', '2026-12-03T18:00:00Z');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /shipment \[ont\] paused \(customer_request\)/);
  assert.match(r.stdout, /shipment \[ont\] resumed \(customer_request\)/);
  assert.match(r.stdout, /Delivered \[ont\] +pending +due Sat 12 Dec 00:00 America\/Los_Angeles/);
});

test('promise counts down to when the delivery window changes, not to an internal ship-by', async () => {
  // A corpus order whose window outlasts its order-by (an internal ship-by changes first).
  const { createEngine } = await import('../../pkg/node.js');
  const corpus = JSON.parse(readFileSync(new URL('../corpus/corpus.json', import.meta.url), 'utf8'));
  const engine = createEngine(corpus.policies.store);
  const c = corpus.orders.find((c) => c.policy === 'store' && c.order.placedAt !== 'not a date' && c.order.lines.length > 0 &&
    engine.promise(c.order).options.some((o) => o.available && o.windowOrderBy.epochMs > o.orderBy.epochMs));
  const o = engine.promise(c.order).options.find((o) => o.available && o.windowOrderBy.epochMs > o.orderBy.epochMs);
  engine.free();
  const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const shown = (m) => {
    const [y, mo, d] = m.local.slice(0, 10).split('-').map(Number);
    return `(by ${WD[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]} ${d} ${MON[mo - 1]} ${m.local.slice(11, 16)} ${m.zone})`;
  };
  const r = run('promise', '--policy', file('store.json', JSON.stringify(corpus.policies.store)), '--order', file('order.json', JSON.stringify(c.order)));
  assert.equal(r.status, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith(o.serviceName));
  assert.ok(line.includes(shown(o.windowOrderBy)), line);
  assert.ok(!line.includes(shown(o.orderBy)), line);
});
