// The audit: reading NDJSON, CSV and objects as streams, tracking each row, the summary,
// bad rows reported without losing good ones, and the CLI's formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { audit, createEngine, OrderSlaError } from '../../pkg/node.js';
import { generateHistories } from '../../scripts/histories.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const policyText = readFileSync(`${root}examples/store/policy.json`, 'utf8');
const engine = createEngine(policyText);
const NOW = '2027-12-16T18:00:00Z';
const rows = [...generateHistories(engine, { count: 400 })];
const ndjson = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const cli = (args, input) => spawnSync(process.execPath, [`${root}pkg/cli.js`, ...args], { encoding: 'utf8', input });

async function collect(run) {
  const items = [];
  for await (const item of run) items.push(item);
  return { items, summary: await run.summary() };
}

/** A stream that hands over `text` in small chunks, splitting lines and characters. */
const chunked = (text, size = 97) => Readable.from((function* () {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
})());

test('every generated row is tracked as engine.track() tracks it, in input order', async () => {
  const { items, summary } = await collect(audit(chunked(ndjson), { engine, now: NOW, file: 'h.ndjson' }));
  assert.equal(items.length, rows.length);
  assert.deepEqual(items.map((i) => i.line), rows.map((_, i) => i + 1));
  for (const i of [0, 57, 199, rows.length - 1]) {
    const t = engine.track(engine.promise(rows[i].order), rows[i].events, { now: NOW, service: rows[i].service });
    assert.equal(items[i].result.status, t.status);
    assert.deepEqual(items[i].result.milestones.map((m) => [m.id, m.node, m.status, m.due, m.owner]), t.milestones.map((m) => [m.id, m.node ?? null, m.status, m.due.epochMs, m.owner]));
  }
  assert.equal(summary.orders, rows.length);
  assert.equal(summary.badRows, 0);
  assert.equal(Object.values(summary.byStatus).reduce((a, b) => a + b, 0), rows.length);
  const late = items.flatMap((i) => i.result.milestones).filter((m) => m.lateMs > 0).length;
  assert.equal(summary.lateness.late, late);
  assert.ok(summary.lateness.p50Ms <= summary.lateness.p90Ms && summary.lateness.p90Ms <= summary.lateness.p99Ms);
  const shipped = items.flatMap((i) => i.result.milestones).filter((m) => m.id === 'shipped');
  assert.equal(summary.shipping.onTime, shipped.filter((m) => m.status === 'met').length);
  assert.equal(summary.breached.total, items.flatMap((i) => i.result.milestones).filter((m) => m.status === 'breached').length);
});

test('objects, NDJSON lines, NDJSON and CSV streams give the same summary', async () => {
  const base = await collect(audit(rows, { policy: policyText, now: NOW }));
  const lines = await collect(audit(ndjson.trim().split('\n'), { engine, now: NOW }));
  const q = (v) => (v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const csv = ['id,placedAt,paymentCapturedAt,country,region,postalCode,zone,service,lines,events',
    ...rows.map(({ order: o, service, events }) => [o.id, o.placedAt, o.paymentCapturedAt, o.destination.country, o.destination.region,
      o.destination.postalCode, o.destination.zone, service, JSON.stringify(o.lines), JSON.stringify(events)].map(q).join(','))].join('\r\n');
  const fromCsv = await collect(audit(chunked(csv, 61), { engine, now: NOW }));
  assert.deepEqual(lines.summary, base.summary);
  // CSV lacks the orders' `services` column: the chosen service is the row's `service` in both.
  assert.deepEqual(fromCsv.summary, base.summary);
  assert.deepEqual(fromCsv.items.map((i) => i.result.status), base.items.map((i) => i.result.status));
});

test('bad rows are reported with their line, counted, and the good rows kept', async () => {
  const good = rows.slice(0, 3).map((r) => JSON.stringify(r));
  const text = [good[0], '{"order": {', good[1], '{"events": []}', JSON.stringify({ ...rows[0], events: [{ type: 'shipped', at: 'soon' }] }), '', good[2], '{"order": 1'].join('\n');
  const { items, summary } = await collect(audit(chunked(text, 13), { engine, now: NOW, file: 'bad.ndjson' }));
  assert.deepEqual(items.map((i) => (i.error ? `${i.line}:${i.error.code}` : i.line)), [1, '2:invalid_json', 3, '4:missing_field', '5:invalid_events', 7, '8:invalid_json']);
  assert.equal(summary.orders, 3);
  assert.equal(summary.badRows, 4);
  assert.deepEqual(summary.badRowList.map((b) => `${b.file}:${b.line}`), ['bad.ndjson:2', 'bad.ndjson:4', 'bad.ndjson:5', 'bad.ndjson:8']);
  await assert.rejects(collect(audit(chunked(text), { engine, now: NOW, strict: true, file: 'bad.ndjson' })), (e) => e instanceof OrderSlaError && e.message.startsWith('bad.ndjson:2:'));
  const csv = await collect(audit(['placedAt,country,lines,events', '2026-12-01T10:00:00Z,US,"[{""sku"":""A""}]', ''], { engine, now: NOW }));
  assert.deepEqual(csv.items.map((i) => i.error?.code), ['invalid_csv']);
  const header = await collect(audit(['id,when', 'x,y'], { engine, now: NOW }));
  assert.match(header.items[0].error.message, /no placedAt, country, lines, events column/);
});

test('order-sla audit: table, json, ndjson, csv and html, bad rows on stderr, --strict', () => {
  const dir = `${root}target/audit`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/h.ndjson`, ndjson);
  const base = ['audit', '--policy', `${root}examples/store/policy.json`, '--now', '2026-12-03T18:00:00Z'];
  const example = `${root}examples/audit/orders.ndjson`;
  const table = cli([...base, example]);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /Orders audited\s+4\nBad rows\s+2/);
  assert.match(table.stderr, /orders\.ndjson:4: .*\[invalid_events\]/);
  assert.match(table.stderr, /orders\.ndjson:6: .*\[invalid_json\]/);
  const json = JSON.parse(cli([...base, '--format', 'json', example]).stdout);
  assert.equal(json.orders, 4);
  const nd = cli([...base, '--format', 'ndjson', example, `${root}examples/audit/orders.csv`]).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(nd.length, 6 + 5 + 1);
  assert.deepEqual(nd.at(-1).summary.byStatus, { breached: 4, met: 2, on_track: 2 });
  assert.equal(nd[3].error.code, 'invalid_events');
  assert.equal(nd[3].orderId, 'A-1004');
  const csv = cli([...base, '--format', 'csv', '-'], readFileSync(example, 'utf8')).stdout.trim().split('\n');
  assert.equal(csv[0], 'file,line,orderId,service,status,milestone,node,due,lateMinutes,reasons,owner,route,error');
  assert.match(csv[2], /^stdin,2,A-1002,ups-ground,breached,picked,ont,2026-12-01T21:00:00.000Z,\d+,overdue,ont-ops,escalate,$/);
  const html = cli(['audit', '--policy', `${root}examples/store/policy.json`, '--now', NOW, '--format', 'html', '--out', `${dir}/report.html`, `${dir}/h.ndjson`]);
  assert.equal(html.status, 0, html.stderr);
  const page = readFileSync(`${dir}/report.html`, 'utf8');
  assert.match(page, /^<!doctype html>/);
  for (const title of ['Shipped on time, by due day', 'Breached milestones by reason', 'Breached milestones by owner', 'Lateness of late milestones']) {
    assert.ok(page.includes(`<figcaption>${title}</figcaption>`), title);
  }
  assert.ok((page.match(/<svg /g) ?? []).length >= 2);
  assert.doesNotMatch(page, /<script|https?:\/\//);
  const strict = cli([...base, '--strict', example]);
  assert.equal(strict.status, 2);
  assert.match(strict.stderr, /orders\.ndjson:4: /);
  assert.equal(cli([...base, '--format', 'pdf', example]).status, 2);
  assert.equal(cli([...base, 'missing.ndjson']).status, 2);
});

test('worker threads give the same results in the same order, bad rows included', async () => {
  const text = `${ndjson}{"order": 1}\n${ndjson}`;
  const one = await collect(audit(chunked(text, 4096), { policy: policyText, now: NOW, file: 'h.ndjson' }));
  const two = await collect(audit(chunked(text, 4096), { policy: policyText, now: NOW, file: 'h.ndjson', workers: 2 }));
  assert.equal(two.items.length, 2 * rows.length + 1);
  assert.deepEqual(two.items.map((i) => (i.error ? [i.line, i.error.code, i.error instanceof OrderSlaError] : [i.line, i.result])),
    one.items.map((i) => (i.error ? [i.line, i.error.code, true] : [i.line, i.result])));
  assert.deepEqual(two.summary, one.summary);
  const args = ['audit', '--policy', `${root}examples/store/policy.json`, '--now', NOW, '--format', 'ndjson', '-'];
  assert.equal(cli([...args, '--workers', '2'], text).stdout, cli([...args, '--workers', '1'], text).stdout);
});

test('a row with its stored promise is tracked as the re-promised order is', async () => {
  const some = rows.slice(0, 60);
  const stored = some.map((r) => ({ promise: engine.promise(r.order), service: r.service, events: r.events }));
  const a = await collect(audit(some, { engine, now: NOW }));
  const b = await collect(audit(stored, { engine, now: NOW }));
  assert.deepEqual(b.items.map((i) => i.result), a.items.map((i) => i.result));
  const row = engine.auditRow(stored[0], { now: NOW });
  assert.deepEqual(row, a.items[0].result);
  assert.deepEqual(engine.auditRow(JSON.stringify(stored[0]), { now: Date.parse(NOW) }), row);
  assert.throws(() => engine.auditRow(stored[0], { now: 'later' }), (e) => e.code === 'invalid_options' && e.problems[0].code === 'invalid_instant' && e.path === 'options.now');
});

test('the report tells a day with none on time from a day with nothing due', async () => {
  const { htmlReport } = await import('../../pkg/audit-report.js');
  const s = { ...(await collect(audit(rows.slice(0, 50), { engine, now: NOW }))).summary };
  s.shippedByDay = { '2026-12-01': { onTime: 3, late: 1 }, '2026-12-02': { onTime: 0, late: 2 }, '2026-12-04': { onTime: 5, late: 0 } };
  const html = htmlReport(s);
  const chart = html.slice(html.indexOf('Shipped on time, by due day'));
  assert.match(chart, /<rect class="zero"[^>]*height="4\.0"[^>]*><title>2026-12-02: 0\.0% of 2<\/title>/);
  assert.match(chart, /<circle class="nodata"[^>]*><title>2026-12-03: no shipment due<\/title>/);
  assert.match(chart, /none on time<\/text>.*no shipment due<\/text>/s);
});
