// Writes the measured figures into BENCHMARKS.md (between its `results` markers): every
// figure with the reference's beside it, the ratio, the target and whether it is met, and
// the date and machine. Reads what bench/run.sh left in target/bench/.
import { readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}target/bench`;
const node = JSON.parse(readFileSync(`${dir}/node.json`, 'utf8'));
const workerd = JSON.parse(readFileSync(`${dir}/workerd.json`, 'utf8'));
const size = JSON.parse(readFileSync(`${dir}/size.json`, 'utf8'));

// divan's table: the median column of each benchmark, in nanoseconds.
const UNITS = { ns: 1, 'µs': 1e3, us: 1e3, ms: 1e6, s: 1e9 };
const native = {};
for (const line of readFileSync(`${dir}/native.txt`, 'utf8').split('\n')) {
  const m = /[├╰]─ (\w+)\s+([\d.]+ \S+)\s+│\s+([\d.]+ \S+)\s+│\s+([\d.]+) (\S+)/.exec(line);
  if (m) native[m[1]] = Number(m[4]) * UNITS[m[5]];
}
native.quotePerOrder = native.quote_corpus / node.corpusOrders;

const ns = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(1)} ms` : v >= 1e3 ? `${(v / 1e3).toFixed(v >= 1e5 ? 0 : 2)} µs` : `${Math.round(v)} ns`);
const ms = (v) => `${v.toFixed(1)} ms`;
const perSecond = (nsPerOrder) => `${Math.round(1e9 / nsPerOrder).toLocaleString('en-US')} /s`;
const bytes = (b) => `${b.toLocaleString('en-US')} B`;
const ratio = (a, b) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;
const verdict = (ok) => (ok ? 'met' : '**missed**');

const rows = [
  ['One quote through the JS API (Node, corpus orders one by one)', ns(node.quoteNs), ns(node.referenceQuoteNs), ratio(node.referenceQuoteNs, node.quoteNs), '≤ 3 µs', verdict(node.quoteNs <= 3000)],
  ['Batch: quoteBatch() over the corpus (Node)', perSecond(node.batchNsPerOrder), perSecond(node.referenceQuoteNs), ratio(node.referenceQuoteNs, node.batchNsPerOrder), '≥ 1,000,000 /s', verdict(node.batchNsPerOrder <= 1000)],
  ['Faster than the reference, same corpus (one by one)', ratio(node.referenceQuoteNs, node.quoteNs), '1×', '', '≥ 20×', verdict(node.referenceQuoteNs / node.quoteNs >= 20)],
  ['Native core, one quote (corpus average)', ns(native.quotePerOrder), '', '', '≤ 300 ns', verdict(native.quotePerOrder <= 300)],
  ['Native core, the example order', ns(native.quote_example), '', '', '', ''],
  ['Batch through wasm per order vs native', ratio(node.batchNsPerOrder, native.quotePerOrder), '', '', '≤ 2×', verdict(node.batchNsPerOrder / native.quotePerOrder <= 2)],
  ['Cold start in Node: import, compile, instantiate, load the policy (JSON), first quote', ms(node.coldStartMs), ms(node.referenceColdStartMs), ratio(node.referenceColdStartMs, node.coldStartMs), '≤ 10 ms', verdict(node.coldStartMs <= 10)],
  ['Cold start in Node, compiled policy on the lean build', ms(node.coldStartCompiledMs), '', '', '≤ 10 ms', verdict(node.coldStartCompiledMs <= 10)],
  ['Cold start in workerd (first answer, less workerd\'s own start)', ms(workerd.coldStartMs), '', '', '≤ 10 ms', verdict(workerd.coldStartMs <= 10)],
  ['Full promise with explanation, JSON (Node / native)', `${ns(node.promiseNs)} / ${ns(native.promise_json_example)}`, '', '', '', ''],
  ['Tracking one order with ten events (Node / native)', `${ns(node.trackNs)} / ${ns(native.track_ten_events)}`, '', '', '', ''],
  ['Loading the example policy from JSON (native)', ns(native.load_policy), '', '', '', ''],
  ['Browser entry, gzip -9 (reference: esbuild --minify)', bytes(size.ours), bytes(size.reference), ratio(size.reference, size.ours), '≤ 61,440 B', verdict(size.ours <= 61440)],
  ['… reference without date-holidays (luxon + luxon-business-days alone)', '', bytes(size.luxonOnly), ratio(size.luxonOnly, size.ours), '', ''],
];

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const rustc = execSync('rustc --version', { encoding: 'utf8' }).trim();
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, Node ${process.versions.node}, ${rustc}, ` +
    `workerd ${JSON.parse(readFileSync(`${root}node_modules/workerd/package.json`, 'utf8')).version}; ` +
    `benchmark corpus: ${node.corpusOrders} orders (scripts/orders.mjs). Medians of repeated runs.`,
  '',
  '| Measure | order-sla | Reference | Ratio | Target | |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

const file = `${root}BENCHMARKS.md`;
const text = readFileSync(file, 'utf8');
const [start, end] = ['<!-- results: written by bench/report.mjs -->', '<!-- /results -->'];
const a = text.indexOf(start);
const b = text.indexOf(end);
if (a < 0 || b < 0) throw new Error('BENCHMARKS.md has lost its results markers');
writeFileSync(file, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
console.log(table);
