// What a checkout page downloads: order-sla's browser entry (bundled wrapper and the lean
// wasm) against the reference stack bundled by esbuild, minified, both gzip -9.
// Prints { ours, reference, luxonOnly } in bytes. Run by bench/run.sh.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { sizes } from '../scripts/size.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}target/bench/size`;
mkdirSync(dir, { recursive: true });
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Bundles `source` (a module in bench/, so that bench/node_modules resolves). */
function bundle(source, out) {
  const b = spawnSync(`${root}node_modules/.bin/esbuild`, ['--bundle', '--minify', '--format=esm', '--platform=browser',
    '--log-level=error', `--outfile=${out}`], { encoding: 'utf8', cwd: `${root}bench`, input: source });
  if (b.status !== 0) throw new Error(b.stderr);
  return gz(out);
}

const ours = sizes().reduce((n, r) => n + r.gz, 0);
const reference = bundle("export * from './peer/promise.mjs';", `${dir}/reference.js`);
// date-holidays carries every country's rules: the lower bound of the stack is luxon and
// luxon-business-days alone, with no holiday data at all.
const luxonOnly = bundle("export { default } from 'luxon-business-days'; export { DateTime } from 'luxon';", `${dir}/luxon-only.js`);
console.log(JSON.stringify({ ours, reference, luxonOnly }));
