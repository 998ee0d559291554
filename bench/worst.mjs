// The worst-case benchmark in wasm (Node): every case of scripts/hostile.mjs, each in a
// fresh process (so that the wasm memory it leaves is its own, and a trap could not spill
// into the next), timed, with the wasm memory the call grew, and the check that the engine
// then still answers the example order exactly as before. Also writes the cases as JSON
// documents for the native run (bench/worst.rs) into target/bench/worst/.
//
// Usage: node bench/worst.mjs [--scale S] [--only TEXT] [--timeout SECONDS] > target/bench/worst.json
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cases } from '../scripts/hostile.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const scale = Number(arg('--scale', '1'));
const only = arg('--only', '');
const timeout = Number(arg('--timeout', '120')) * 1000;
const child = fileURLToPath(new URL('./worst-case.mjs', import.meta.url));
const dir = fileURLToPath(new URL('../target/bench/worst/', import.meta.url));

const all = cases(scale);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const results = [];
all.forEach((c, i) => {
  // The document texts exactly as the JS API sends them, for the native run.
  const text = (v) => (v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  writeFileSync(`${dir}${String(i).padStart(3, '0')}.json`, JSON.stringify({ name: c.name, entry: c.entry, expect: c.expect, policy: text(c.policy), input: text(c.input), options: text(c.options) }));
  if (only && !c.name.includes(only)) return;
  const run = spawnSync(process.execPath, ['--max-old-space-size=4096', child, String(scale), String(i)], { encoding: 'utf8', timeout, maxBuffer: 1 << 24 });
  let r;
  try {
    r = JSON.parse(run.stdout.trim().split('\n').pop());
  } catch {
    r = { outcome: run.error?.code === 'ETIMEDOUT' ? `timed out after ${timeout / 1000} s` : `crashed: ${(run.stderr || '').split('\n').slice(0, 3).join(' ')}` };
  }
  const row = { name: c.name, entry: c.entry, expect: c.expect, ...r };
  results.push(row);
  process.stderr.write(`${c.entry.padEnd(14)} ${c.name.padEnd(48)} ${String(r.ms?.toFixed(1) ?? '-').padStart(9)} ms ${String(r.grewMB?.toFixed(1) ?? '-').padStart(7)} MB  ${r.outcome}${r.healthy === false ? '  ENGINE BROKEN' : ''}\n`);
});
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
