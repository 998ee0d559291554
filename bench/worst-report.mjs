// Writes the worst-case figures into BENCHMARKS.md (between its `worst` markers): per case
// the native time and peak heap (bench/worst.rs) beside the wasm time and memory growth
// (bench/worst.mjs), the outcome, whether the instance stayed healthy, and per entry point
// the worst case against the targets (50 ms natively, 100 MB of wasm memory).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const wasm = JSON.parse(readFileSync(`${root}target/bench/worst.json`, 'utf8'));
const native = new Map(readFileSync(`${root}target/bench/worst-native.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.name, r]));

const ms = (v) => (v === undefined ? '-' : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
const mb = (v) => (v === undefined ? '-' : `${v.toFixed(1)} MB`);
const rows = wasm.map((w) => {
  const n = native.get(w.name) ?? {};
  return `| ${w.entry} | ${w.name} | ${w.outcome} | ${ms(n.ms)} | ${mb(n.peakMB)} | ${ms(w.ms)} | ${mb(w.grewMB)} | ${w.healthy ? 'yes' : '**no**'} |`;
});
const entries = [...new Set(wasm.map((w) => w.entry))];
const worst = entries.map((entry) => {
  const list = wasm.filter((w) => w.entry === entry).map((w) => ({ ...w, native: native.get(w.name) ?? {} }));
  const slow = list.reduce((a, b) => ((b.native.ms ?? 0) > (a.native.ms ?? 0) ? b : a));
  const big = list.reduce((a, b) => ((b.grewMB ?? 0) > (a.grewMB ?? 0) ? b : a));
  const met = (slow.native.ms ?? 0) < 50 && (big.grewMB ?? 0) < 100 && list.every((w) => w.healthy);
  return `| ${entry} | ${ms(slow.native.ms)} (${slow.name}) | ${mb(big.grewMB)} (${big.name}) | ${met ? 'met' : '**missed**'} |`;
});
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.versions.node}. ` +
    'Native: median of up to 7 calls, peak heap of the first (a counting allocator). Wasm: each case in a fresh Node process, ' +
    'median time, what the call grew the wasm memory by, and whether the instance then answered the example order exactly as before.',
  '',
  '| Entry point | Slowest case, natively (target < 50 ms) | Most wasm memory (target < 100 MB) | |',
  '| --- | --- | --- | --- |',
  ...worst,
  '',
  '| Entry | Case | Outcome | Native | Peak heap | Wasm | Wasm memory grew | Healthy after |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | --- |',
  ...rows,
].join('\n');

const file = `${root}BENCHMARKS.md`;
const text = readFileSync(file, 'utf8');
const [start, end] = ['<!-- worst: written by bench/worst-report.mjs -->', '<!-- /worst -->'];
const a = text.indexOf(start);
const b = text.indexOf(end);
if (a < 0 || b < 0) throw new Error('BENCHMARKS.md has lost its worst-case markers');
writeFileSync(file, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
console.log(worst.join('\n'));
