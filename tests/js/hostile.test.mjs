// Hostile input (issue 14): whatever a request body, an export or a generated policy holds,
// every entry point answers or refuses with an OrderSlaError (a code and a path) in bounded
// time and memory, the instance stays usable, and what the CLI writes is safe to open.
// Each test here pins something that once trapped the instance, took minutes, or wrote
// something unsafe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { createEngine, validatePolicy, audit, limits, OrderSlaError } from '../../pkg/node.js';
import * as glue from '../../pkg/wasm/order_sla.js';
import { cases } from '../../scripts/hostile.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p) => JSON.parse(readFileSync(`${root}${p}`, 'utf8'));
const policy = read('examples/store/policy.json');
const order = read('examples/store/order.json');
const placed = read('examples/store/placed-order.json');
const events = read('examples/store/events.json');
const AT = '2026-11-28T10:20:00Z';
const NOW = '2026-12-03T18:00:00Z';
const memory = () => glue.wasmMemory().buffer.byteLength;
const dir = mkdtempSync(join(tmpdir(), 'order-sla-hostile-'));
const file = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const CLI = `${root}pkg/cli.js`;
const cli = (args, input) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 26 });

/** The error `fn` throws (failing the test when it throws nothing or not an OrderSlaError). */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof OrderSlaError, `${e?.constructor?.name}: ${e?.message}`);
    return e;
  }
  assert.fail('nothing was thrown');
}

const engine = createEngine(policy);
const reference = engine.promiseJson(order, { at: AT });
/** The engine (and every engine of the instance) still answers exactly as before. */
const healthy = () => assert.equal(createEngine(policy).promiseJson(order, { at: AT }), reference);

test('a chain of 5,000 calendars extending each other is refused, not a stack overflow that poisons the instance', () => {
  const chain = (n) => {
    const calendars = {};
    for (let i = 0; i < n; i++) calendars[`c${i}`] = { extends: [i + 1 < n ? `c${i + 1}` : 'us'] };
    return validatePolicy({ calendars, nodes: [{ ...policy.nodes[0], calendars: ['c0'] }], services: policy.services });
  };
  const long = chain(5000);
  assert.deepEqual([long.code, long.problems[0].code, long.problems[0].path], ['invalid_policy', 'too_large', 'calendars']);
  healthy();
  // Within the count of calendars, the chain is cut at the depth limit.
  const v = chain(limits.calendars);
  assert.equal(v.valid, false);
  assert.equal(v.code, 'invalid_policy');
  const deep = v.problems.find((p) => p.code === 'too_large');
  assert.ok(deep, JSON.stringify(v.problems.slice(0, 3)));
  assert.match(deep.message, /more than 16 deep/);
  assert.match(deep.path, /^calendars\.c\d+\.extends\[0\]$/);
  healthy();
});

test('an order listing one service half a million times, or thousands of services and lines, is refused at once', { timeout: 30_000 }, () => {
  for (const n of [10_000, 100_000, 500_000]) {
    const many = { ...order, services: Array(n).fill('ups-ground') };
    const t0 = performance.now();
    for (const call of [() => engine.promise(many, { at: AT }), () => engine.quote(many, { at: AT })]) {
      const e = thrown(call);
      assert.ok(['document_too_large', 'invalid_order'].includes(e.code), e.code);
      if (e.code === 'invalid_order') assert.deepEqual([e.problems[0].code, e.problems[0].path], ['too_large', 'services']);
    }
    assert.ok(performance.now() - t0 < 2000, `${n} services took ${performance.now() - t0} ms`);
  }
  // At the limit, duplicates collapse: one option per service.
  const dup = engine.promise({ ...order, services: Array(limits.orderServices).fill('ups-ground') }, { at: AT });
  assert.deepEqual(dup.options.map((o) => o.service), ['ups-ground']);
  const q = engine.quote({ ...order, services: ['ups-ground', 'usps-priority', 'ups-ground'] }, { at: AT });
  assert.deepEqual(q.options.map((o) => o.service), ['ups-ground', 'usps-priority']);
  // 3,000 services and 2,000 lines; a policy of 1,000 nodes and 1,000 services.
  const lines = Array.from({ length: 2000 }, (_, i) => ({ sku: `S${i}`, node: i % 2 ? 'ewr' : 'ont' }));
  const e = thrown(() => engine.promise({ ...order, lines, services: Array.from({ length: 3000 }, (_, i) => `s${i}`) }, { at: AT }));
  assert.ok(e.problems.some((p) => p.code === 'too_large' && p.path === 'lines'));
  assert.ok(e.problems.some((p) => p.code === 'too_large' && p.path === 'services'));
  const nodes = Array.from({ length: 1000 }, (_, i) => ({ ...policy.nodes[0], id: `n${i}` }));
  const services = Array.from({ length: 1000 }, (_, i) => ({ ...policy.services[i % policy.services.length], id: `s${i}` }));
  const big = thrown(() => createEngine({ calendars: policy.calendars, nodes, services }));
  assert.ok(big.problems.some((p) => p.code === 'too_large' && p.path === 'services'));
  healthy();
});

test('quote() applies the limits promise() applies, before anything reaches wasm memory', () => {
  const before = memory();
  for (const sku of ['x'.repeat(10 * 1024 * 1024), 'x'.repeat(limits.textBytes + 1)]) {
    const line = { sku, node: 'ewr' };
    const p = thrown(() => engine.promise({ ...order, lines: [line] }, { at: AT }));
    const q = thrown(() => engine.quote({ ...order, lines: [line] }, { at: AT }));
    assert.equal(q.code, p.code);
    assert.deepEqual(q.problems.map((x) => [x.code, x.path]), p.problems.map((x) => [x.code, x.path]));
  }
  assert.ok(memory() - before < 4 * 1024 * 1024, `wasm memory grew by ${memory() - before}`);
  healthy();
});

test('the problem list is capped, with a count of the rest', () => {
  const p = { ...policy };
  for (let i = 0; i < 5000; i++) p[`unknown${i}`] = i;
  const v = validatePolicy(p);
  assert.equal(v.problems.length, limits.problems + 1);
  assert.deepEqual(v.problems.at(-1), { code: 'too_many_problems', path: '', message: `and ${5000 - limits.problems} more` });
  // An 8 MB policy of unknown keys is refused whole.
  const huge = `{${Array.from({ length: 700_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
  assert.equal(validatePolicy(huge).code, 'document_too_large');
  healthy();
});

/** Median milliseconds of `fn` over a few runs. */
function time(fn, runs = 3) {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Work that is linear (or n log n) takes about four times as long for four times the input;
 * quadratic work takes sixteen. Timings on a shared machine are noisy (other test files run
 * beside this one): a ratio under 8 in any of three measurements passes, and quadratic work
 * never gets one. */
function assertScales(what, build, n) {
  const small = build(n);
  const large = build(4 * n);
  small();
  large();
  const ratios = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    ratios.push(time(large, 5) / Math.max(time(small, 5), 0.05));
    if (ratios.at(-1) < 8) return;
  }
  assert.fail(`${what}: ${ratios.map((r) => r.toFixed(1)).join(', ')} times as long for 4 times the input`);
}

test('tracking, audit rows and policy loading scale linearly, not with the square of the input', { timeout: 120_000 }, () => {
  const stored = engine.promise(placed);
  const holdPolicy = createEngine({ ...policy, tracking: { pausingHolds: Array.from({ length: 20 }, (_, i) => `r${i}`) } });
  const holds = (n) => Array.from({ length: n }, (_, i) => {
    const t = Date.parse('2026-11-28T11:00:00Z') + i * 150_000;
    return [{ type: 'hold_started', at: new Date(t).toISOString(), reason: `r${i % 20}` }, { type: 'hold_ended', at: new Date(t + 60_000).toISOString(), reason: `r${i % 20}` }];
  }).flat();
  assertScales('holds', (n) => { const ev = holds(n); return () => holdPolicy.track(stored, ev, { now: NOW, service: 'ups-ground' }); }, 250);
  const exceptions = (n) => Array.from({ length: n }, (_, i) => ({ type: 'carrier_exception', at: new Date(Date.parse('2026-11-30T23:00:00Z') + i * 60_000).toISOString(), node: 'ewr', reason: `r${i}` }));
  assertScales('carrier exceptions', (n) => { const ev = [...events.slice(0, 4), ...exceptions(n)]; return () => engine.track(stored, ev, { now: NOW, service: 'ups-ground' }); }, 400);
  assertScales('audit rows', (n) => { const row = { order: placed, events: holds(n) }; return () => holdPolicy.auditRow(row, { now: NOW }); }, 250);
  const calendars = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`cal${i}`, { extends: ['us'], holidays: [{ month: 1 + (i % 12), day: 1 + (i % 28), name: `Day ${i}` }] }]));
  assertScales('calendars', (n) => { const p = { ...policy, calendars: calendars(n) }; return () => validatePolicy(p); }, 250);
  const nodes = (n) => Array.from({ length: n }, (_, i) => ({ ...policy.nodes[1], id: `n${i}`, calendars: ['us'] }));
  assertScales('nodes', (n) => { const p = { ...policy, nodes: nodes(n) }; return () => validatePolicy(p); }, 500);
  const longName = (n) => ({ ...policy, calendars: { c: { extends: ['us'], omit: [Array(n).fill('Columbus Day').join('')] } } });
  assertScales('a long omitted name', (n) => { const p = longName(n); return () => validatePolicy(p); }, 2000);
});

test('every worst input at the limits answers or refuses in bounded memory, and the instance answers correctly after each', { timeout: 300_000 }, () => {
  // Each in a fresh process (memory never shrinks: what a call grows it by is its cost).
  const list = cases(1);
  for (let i = 0; i < list.length; i++) {
    const r = spawnSync(process.execPath, [`${root}bench/worst-case.mjs`, '1', String(i)], { encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    const c = list[i];
    assert.ok(out.outcome === c.expect || (c.expect === 'ok' && out.outcome === undefined), `${c.name}: ${out.outcome}, expected ${c.expect}`);
    assert.equal(out.healthy, true, `${c.name}: the instance no longer answers correctly`);
    assert.ok(out.grewMB < 64, `${c.name}: wasm memory grew by ${out.grewMB} MB`);
  }
});

test('CSV output neutralises formulas (OWASP), leaves numbers alone, and --raw leaves everything', () => {
  const evil = { ...placed, id: '=HYPERLINK("http://x.test","click")', lines: [{ ...placed.lines[0], sku: '+SUM(1)' }] };
  const input = file('evil.ndjson', `${JSON.stringify({ order: evil, events: events.slice(0, 2), service: 'ups-ground' })}\n`);
  const r = cli(['audit', '--policy', `${root}examples/store/policy.json`, '--now', NOW, '--format', 'csv', '--workers', '1', input]);
  assert.equal(r.status, 0, r.stderr);
  const row = r.stdout.trim().split('\n')[1];
  assert.match(row, /,"'=HYPERLINK\(""http:\/\/x\.test"",""click""\)",/);
  assert.doesNotMatch(row, /,"?=HYPERLINK/);
  assert.match(row, /,\d+,/, 'line numbers stay numbers');
  const raw = cli(['audit', '--policy', `${root}examples/store/policy.json`, '--now', NOW, '--format', 'csv', '--raw', '--workers', '1', input]);
  assert.match(raw.stdout.trim().split('\n')[1], /,"=HYPERLINK\(/);
});

test('control characters from the input never reach the terminal', () => {
  const ESC = '\u001b';
  const evil = { ...placed, id: `${ESC}[2J${ESC}]0;owned\u0007\u202eevil\rX` };
  const policyFile = `${root}examples/store/policy.json`;
  const orderFile = file('evil-order.json', JSON.stringify(evil));
  const eventsFile = file('evil-events.json', JSON.stringify(events));
  for (const args of [
    ['promise', '--order', orderFile, '--now', NOW],
    ['promise', '--order', orderFile, '--now', NOW, '--json'],
    ['track', '--order', orderFile, '--events', eventsFile, '--now', NOW],
    ['audit', '--policy', policyFile, '--now', NOW, '--workers', '1', file('evil.ndjson', `${JSON.stringify({ order: evil, events, service: 'ups-ground' })}\n${JSON.stringify({ order: { ...evil, lines: 'x' } })}\n`)],
  ]) {
    const r = cli(args);
    for (const text of [r.stdout, r.stderr]) {
      assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, `${args[0]}: ${JSON.stringify(text.slice(0, 200))}`);
    }
    assert.match(r.stdout + r.stderr, /\\u001b\[2J/, args.join(' '));
  }
  // An error message quoting the input: escaped too.
  const r = cli(['calendar', `${ESC}[2Jx`]);
  assert.equal(r.status, 2);
  assert.doesNotMatch(r.stderr, /\u001b/);
});

test('audit --out: never over an input, written whole or not at all, clear errors for folders', { timeout: 60_000 }, async () => {
  const policyFile = `${root}examples/store/policy.json`;
  const rows = Array.from({ length: 3 }, () => JSON.stringify({ order: placed, events, service: 'ups-ground' })).join('\n');
  const input = file('in.ndjson', `${rows}\n`);
  const same = cli(['audit', '--policy', policyFile, '--now', NOW, '--out', input, input]);
  assert.equal(same.status, 2);
  assert.match(same.stderr, /also an input/);
  assert.equal(readFileSync(input, 'utf8'), `${rows}\n`);
  for (const out of [join(dir, 'missing', 'x.json'), dir]) {
    const r = cli(['audit', '--policy', policyFile, '--now', NOW, '--out', out, input]);
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.match(r.stderr, /cannot write/);
  }
  // Interrupted: the previous file stays as it was, and no temporary file is left.
  const target = file('report.ndjson', 'previous\n');
  const big = file('big.ndjson', `${Array(30_000).fill(JSON.stringify({ order: placed, events, service: 'ups-ground' })).join('\n')}\n`);
  const child = spawn(process.execPath, [CLI, 'audit', '--policy', policyFile, '--now', NOW, '--format', 'ndjson', '--workers', '1', '--out', target, big]);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  child.kill('SIGINT');
  await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(readFileSync(target, 'utf8'), 'previous\n');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  // Finished: the whole file.
  const done = cli(['audit', '--policy', policyFile, '--now', NOW, '--format', 'ndjson', '--workers', '1', '--out', target, input]);
  assert.equal(done.status, 0, done.stderr);
  assert.equal(readFileSync(target, 'utf8').trim().split('\n').length, 4);
});

test('an audit line over the row limit is a bad row, found without keeping it', { timeout: 60_000 }, async () => {
  const good = JSON.stringify({ order: placed, events, service: 'ups-ground' });
  // As a file arrives: in chunks of 64 KB, the long line across a thousand of them.
  const text = Buffer.from(`${good}\n{"order": "${'x'.repeat(64 * 1024 * 1024)}"}\n${good}\n`);
  const chunks = Readable.from((function* () {
    for (let i = 0; i < text.length; i += 65536) yield text.subarray(i, i + 65536);
  })());
  const t0 = performance.now();
  const run = audit(chunks, { engine, now: NOW });
  const items = [];
  for await (const item of run) items.push(item);
  assert.ok(performance.now() - t0 < 10_000, `${performance.now() - t0} ms`);
  assert.deepEqual(items.map((i) => (i.error ? `${i.line}:${i.error.code}` : i.line)), [1, '2:document_too_large', 3]);
});

test('every failure is an OrderSlaError, whatever the caller passes', () => {
  const stored = engine.promise(placed);
  const cyclic = [{ type: 'shipped', at: NOW }];
  cyclic[0].self = cyclic;
  const getter = Object.defineProperty({ ...order }, 'lines', { enumerable: true, get() { throw new Error('boom'); } });
  const proxy = new Proxy({ ...order }, { ownKeys() { throw new TypeError('no keys'); } });
  for (const [what, fn, code] of [
    ['cyclic events', () => engine.track(stored, cyclic, { now: NOW, service: 'ups-ground' }), 'invalid_input'],
    ['BigInt events', () => engine.track(stored, [{ type: 'shipped', at: 10n }], { now: NOW, service: 'ups-ground' }), 'invalid_input'],
    ['a throwing getter in events', () => engine.track(stored, [Object.defineProperty({}, 'at', { enumerable: true, get() { throw new Error('x'); } })], { now: NOW }), 'invalid_input'],
    ['service: 10n', () => engine.track(stored, events, { now: NOW, service: 10n }), 'invalid_options'],
    ['promise(order, null)', () => engine.promise({ ...order, lines: 'x' }, null), 'invalid_order'],
    ['confidence: 10n', () => engine.promise(order, { at: AT, confidence: 10n }), 'invalid_options'],
    ['compile({ from: 10n })', () => engine.compile({ from: 10n }), 'invalid_argument'],
    ['quote with a throwing getter', () => engine.quote(getter, { at: AT }), 'invalid_input'],
    ['quote of a Proxy that throws', () => engine.quote(proxy, { at: AT }), 'invalid_input'],
    ['promise with a throwing getter', () => engine.promise(getter, { at: AT }), 'invalid_input'],
    ['auditRow now = 0', () => engine.auditRow({ order: placed, events }, { now: 0 }), 'invalid_options'],
    ['auditRow now = 1e300', () => engine.auditRow({ order: placed, events }, { now: 1e300 }), 'invalid_options'],
    ['track now = 0', () => engine.track(stored, events, { now: 0, service: 'ups-ground' }), 'invalid_options'],
    ['audit(null)', () => audit(null, { engine }), 'wrong_type'],
    ['audit({ now: null })', () => audit([], { engine, now: null }), 'invalid_options'],
    ['audit without options', () => audit([]), 'missing_field'],
  ]) {
    const e = thrown(fn);
    assert.equal(e.code, code, `${what}: ${e.code} ${e.message}`);
  }
  assert.ok(engine.promise(order, null).options.length > 0, 'null options are no options');
  const quoteBatch = engine.quoteBatch([order, getter, order], { at: AT });
  assert.equal(quoteBatch[1].code, 'invalid_input');
  assert.ok(!(quoteBatch[0] instanceof Error) && !(quoteBatch[2] instanceof Error));
  for (const args of [['constructor', '--json'], ['__proto__'], ['toString']]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args}: ${r.stderr}`);
    assert.match(r.stderr, /unknown command/);
  }
  for (const now of ['2026-02-30T10:00:00Z', '2026-11-28T25:00:00Z', '1999-01-01T00:00:00Z', 'tomorrow']) {
    for (const command of [['promise'], ['audit', '--policy', `${root}examples/store/policy.json`, '-']]) {
      const r = cli([...command, '--now', now], '');
      assert.equal(r.status, 2, `${command[0]} --now ${now}: ${r.stdout}`);
      assert.match(r.stderr, /--now/);
    }
  }
  healthy();
});

test('the quote reads each input once, own properties only, and refuses what the promise refuses', () => {
  // Inherited properties are not the order's: the promise does not see them, nor does the quote.
  const inherited = Object.create({ placedAt: '2020-01-01T00:00:00Z' });
  Object.assign(inherited, order);
  assert.equal(engine.quote(inherited, { at: AT }).placedAt, engine.quote(order, { at: AT }).placedAt);
  assert.equal(engine.promise(inherited, { at: AT }).placedAt, engine.promise(order, { at: AT }).placedAt);
  // A Proxy answering differently on each read: the answer is about what was read.
  let reads = 0;
  const fickle = new Proxy({ ...order }, {
    get(target, key) {
      if (key === 'services') return ++reads === 1 ? ['ups-ground'] : ['usps-priority'];
      return target[key];
    },
    ownKeys: (target) => [...Reflect.ownKeys(target), 'services'],
    getOwnPropertyDescriptor: (target, key) => (key === 'services' ? { enumerable: true, configurable: true, value: undefined } : Reflect.getOwnPropertyDescriptor(target, key)),
  });
  const q = engine.quote(fickle, { at: AT });
  assert.equal(reads, 1);
  assert.deepEqual(q.options.map((o) => o.service), ['ups-ground']);
  assert.deepEqual(q.options[0], engine.quote({ ...order, services: ['ups-ground'] }, { at: AT }).options[0]);
  // A lone surrogate (an emoji cut in half): refused by both, with the same code.
  const cut = { ...order, id: '🚚'.slice(0, 1) };
  assert.equal(thrown(() => engine.quote(cut, { at: AT })).code, thrown(() => engine.promise(cut, { at: AT })).code);
  for (const sku of [' ', '']) {
    const blank = { ...order, lines: [{ sku, node: 'ewr' }] };
    assert.deepEqual(thrown(() => engine.quote(blank, { at: AT })).problems.map((p) => p.code), thrown(() => engine.promise(blank, { at: AT })).problems.map((p) => p.code));
  }
});

test('audit input: a comment line is one bad row, a text is a file, a folder is an error', async () => {
  const row = JSON.stringify({ order: placed, events, service: 'ups-ground' });
  const run = audit([`# exported 2026-12-03\n${row}\n${row}\n`], { engine, now: NOW });
  const items = [];
  for await (const item of run) items.push(item);
  assert.deepEqual(items.map((i) => (i.error ? `${i.line}:${i.error.code}` : i.line)), ['1:invalid_row', 2, 3]);
  const text = audit(`${row}\n${row}\n`, { engine, now: NOW });
  assert.equal((await text.summary()).orders, 2);
  mkdirSync(join(dir, 'folder'), { recursive: true });
  const r = cli(['audit', '--policy', `${root}examples/store/policy.json`, '--now', NOW, join(dir, 'folder')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /it is a folder/);
  assert.doesNotMatch(r.stderr, /order-sla: internal error/);
  assert.ok(existsSync(join(dir, 'folder')));
});
