// The same package in every runtime its users run, each the real runtime from the
// registries: Node (ESM and CommonJS), Bun, Deno, workerd and Vercel's edge-runtime here; Chromium in
// browser.test.mjs. Each imports the package by name (so the export conditions are what is
// tested) and must reproduce the native corpus answers byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const dir = `${root}target/runtimes`;

before(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/node_modules`, { recursive: true });
  symlinkSync(`${root}pkg`, `${dir}/node_modules/order-sla`, 'dir');
  writeFileSync(`${dir}/package.json`, JSON.stringify({ private: true, type: 'module' }));
  for (const f of ['app.mjs', 'app.cjs', 'corpus-check.js', 'worker.js', 'edge-app.js']) cpSync(`${root}tests/runtimes/${f}`, `${dir}/${f}`);
  cpSync(`${root}tests/types/usage.ts`, `${dir}/usage.ts`);
  cpSync(`${root}tests/corpus`, `${dir}/corpus`, { recursive: true });
});

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, timeout: 120_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function assertCorpus(result, runtime) {
  assert.equal(result.runtime, runtime);
  assert.ok(result.count >= 1000, `${result.count} cases`);
  assert.equal(result.mismatches, 0, `first difference: ${JSON.stringify(result.first)}`);
  assert.ok(result.quotes >= 2000, `${result.quotes} quotes`);
  assert.equal(result.quoteMismatches, 0, `first quote difference: ${JSON.stringify(result.firstQuote)}`);
  // The full build's tracking and deadline tables, where the runtime runs it.
  assert.ok(result.full.count >= 500, `${result.full.count} tracking and deadline cases`);
  assert.equal(result.full.mismatches, 0, `first difference: ${JSON.stringify(result.full.first)}`);
}

test('Node ESM (import)', () => {
  const r = run(process.execPath, ['app.mjs']);
  assertCorpus(r, 'node');
  assert.equal(r.calendar, '2026-12-29');
});

test('Node CommonJS (require)', () => {
  const r = run(process.execPath, ['app.cjs']);
  assertCorpus(r, 'node-cjs');
  assert.equal(r.calendar, '2026-12-29');
});

test('Bun', () => {
  const r = run(bin('bun'), ['app.mjs']);
  assertCorpus(r, 'bun');
  assert.equal(r.calendar, '2026-12-29');
});

test('Deno', () => {
  const r = run(bin('deno'), ['run', '--allow-read', '--allow-env', 'app.mjs']);
  assertCorpus(r, 'deno');
  assert.equal(r.calendar, '2026-12-29');
});

test('the TypeScript declarations type-check the documented API (deno check)', () => {
  const r = spawnSync(bin('deno'), ['check', 'usage.ts'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

let workerd;
// SIGKILL: on SIGTERM workerd drains open keep-alive connections first, and this process
// holds some, so each would wait for the other.
after(() => workerd?.kill('SIGKILL'));

test('workerd serving a worker bundled by esbuild', async () => {
  // Bundled as wrangler would: worker conditions, the .wasm left as a module import.
  const out = `${dir}/worker`;
  mkdirSync(`${out}/wasm`, { recursive: true });
  const b = spawnSync(bin('esbuild'), [`${dir}/worker.js`, '--bundle', '--format=esm', '--platform=neutral',
    '--conditions=workerd,worker,browser', '--external:*.wasm', '--log-level=error', `--outfile=${out}/worker.js`], { encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  cpSync(`${root}pkg/wasm/order_sla_bg.wasm`, `${out}/wasm/order_sla_bg.wasm`);
  const port = await freePort();
  writeFileSync(`${out}/config.capnp`, readFileSync(`${root}tests/runtimes/worker.capnp`, 'utf8').replace('PORT', String(port)));
  workerd = spawn(bin('workerd'), ['serve', 'config.capnp'], { cwd: out, stdio: ['ignore', 'ignore', 'pipe'] });
  workerd.unref();
  workerd.stderr.unref();
  let stderr = '';
  workerd.stderr.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/`);
      break;
    } catch (e) {
      if (i > 100) throw new Error(`workerd did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assertCorpus(await (await fetch(`${base}/corpus`)).json(), 'workerd');

  // A promise request answers with the same bytes as Node.
  const { createEngine } = await import(`${root}pkg/node.js`);
  const policy = JSON.parse(readFileSync(`${root}examples/store/policy.json`, 'utf8'));
  const order = JSON.parse(readFileSync(`${root}examples/store/placed-order.json`, 'utf8'));
  const res = await fetch(`${base}/promise`, { method: 'POST', body: JSON.stringify({ policy, order, options: {} }) });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), createEngine(policy).promiseJson(order));
  const bad = await fetch(`${base}/promise`, { method: 'POST', body: JSON.stringify({ policy, order: { lines: [] }, options: {} }) });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).code, 'invalid_order');
});

test("edge-runtime (Vercel Edge) with order-sla/module, the entry that imports no wasm", async () => {
  // One script as Vercel bundles an Edge function; the module is compiled inside the runtime
  // (Vercel's `?module` import gives it compiled), then handed to init().
  const b = spawnSync(bin('esbuild'), [`${dir}/edge-app.js`, '--bundle', '--format=iife', '--platform=browser', '--log-level=error'], { encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  const { EdgeRuntime } = await import('edge-runtime');
  const bytes = new Uint8Array(readFileSync(`${root}pkg/wasm/order_sla_bg.wasm`));
  const runtime = new EdgeRuntime({ extend: (context) => Object.assign(context, { ORDER_SLA_WASM_BYTES: bytes }) });
  runtime.evaluate('globalThis.ORDER_SLA_WASM = new WebAssembly.Module(ORDER_SLA_WASM_BYTES)');
  runtime.evaluate(b.stdout);
  assertCorpus(await (await runtime.dispatchFetch('http://edge/corpus')).json(), 'edge-runtime');

  const { createEngine } = await import(`${root}pkg/node.js`);
  const policy = JSON.parse(readFileSync(`${root}examples/store/policy.json`, 'utf8'));
  const order = JSON.parse(readFileSync(`${root}examples/store/placed-order.json`, 'utf8'));
  const res = await runtime.dispatchFetch('http://edge/promise', { method: 'POST', body: JSON.stringify({ policy, order, options: {} }) });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), createEngine(policy).promiseJson(order));
  const bad = await runtime.dispatchFetch('http://edge/promise', { method: 'POST', body: JSON.stringify({ policy, order: { lines: [] }, options: {} }) });
  assert.equal((await bad.json()).code, 'invalid_order');
});

test('order-sla/module before init() says so', async () => {
  const m = await import(`${dir}/node_modules/order-sla/module.js`);
  assert.throws(() => m.createEngine('{}'), { code: 'not_initialised' });
});
