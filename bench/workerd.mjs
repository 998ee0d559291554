// Cold start in the real workerd: the time from starting workerd to the first answer of a
// worker that imports order-sla (its wasm compiled and instantiated at startup), loads the
// example policy and quotes an order, less the same for a worker that answers without
// order-sla (workerd's own start, measured the same way). Clocks inside a worker stand
// still during execution (a Spectre mitigation), so the time is taken from outside.
// Prints { coldStartMs, baselineMs, withOrderSlaMs } (medians). Run by bench/run.sh.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}target/bench/workerd`;
const RUNS = 11;

const WORKER = `import { createEngine } from 'order-sla';
import policy from './policy.json';
import order from './order.json';
let engine;
export default {
  fetch() {
    engine ??= createEngine(policy);
    return Response.json(engine.quote(order, { at: Date.parse('2026-11-28T10:20:00Z') }));
  },
};`;
const BASELINE = `import order from './order.json';
export default { fetch() { return Response.json(order); } };`;

function config(port, withWasm) {
  const wasm = withWasm ? '(name = "wasm/order_sla_bg.wasm", wasm = embed "wasm/order_sla_bg.wasm"),' : '';
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js"), ${wasm}],
  compatibilityDate = "2026-11-01",
);`;
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function build(name, source, withWasm) {
  const out = `${dir}/${name}`;
  mkdirSync(`${out}/wasm`, { recursive: true });
  writeFileSync(`${dir}/${name}.js`, source);
  const b = spawnSync(`${root}node_modules/.bin/esbuild`, [`${dir}/${name}.js`, '--bundle', '--format=esm', '--platform=neutral',
    '--conditions=workerd,worker,browser', '--external:*.wasm', '--log-level=error', `--outfile=${out}/worker.js`], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(b.stderr);
  if (withWasm) cpSync(`${root}pkg/wasm/order_sla_bg.wasm`, `${out}/wasm/order_sla_bg.wasm`);
  return out;
}

/** Milliseconds from spawning workerd to its first successful answer. */
async function firstAnswer(out, withWasm) {
  const port = await freePort();
  writeFileSync(`${out}/config.capnp`, config(port, withWasm));
  const start = performance.now();
  const p = spawn(`${root}node_modules/.bin/workerd`, ['serve', 'config.capnp'], { cwd: out, stdio: 'ignore' });
  try {
    for (let i = 0; i < 20_000; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/`);
        if (r.ok) {
          await r.json();
          return performance.now() - start;
        }
      } catch {
        await new Promise((r) => setTimeout(r, 1));
      }
    }
    throw new Error('workerd did not answer');
  } finally {
    p.kill('SIGKILL');
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

rmSync(dir, { recursive: true, force: true });
mkdirSync(`${dir}/node_modules`, { recursive: true });
symlinkSync(`${root}pkg`, `${dir}/node_modules/order-sla`, 'dir');
for (const f of ['policy.json', 'order.json']) cpSync(`${root}examples/store/${f}`, `${dir}/${f}`);
const withOrderSla = build('order-sla', WORKER, true);
const baseline = build('baseline', BASELINE, false);
const a = [];
const b = [];
for (let r = 0; r < RUNS; r++) {
  a.push(await firstAnswer(withOrderSla, true));
  b.push(await firstAnswer(baseline, false));
}
const [withOrderSlaMs, baselineMs] = [median(a), median(b)];
console.log(JSON.stringify({ coldStartMs: withOrderSlaMs - baselineMs, baselineMs, withOrderSlaMs }));
