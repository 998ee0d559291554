// The package as users install it: `npm pack` of pkg/, installed into a throw-away project,
// used from Node (the API and the CLI, so that a file missing from the tarball fails here),
// and bundled for a page by webpack 5, Vite and esbuild, each page run in headless Chromium.
// The page imports 'order-sla' by name and calls `await init()` with no argument: the
// bundler has to find the wasm through the package's `new URL(..., import.meta.url)` and
// emit it. Its answer must equal the full build's in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { createEngine } from '../../pkg/node.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = `${root}target/bundlers`;
const app = `${work}/app`;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.osla': 'application/octet-stream' };
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const ORDER = { destination: { country: 'US', region: 'OR', zone: 'America/Los_Angeles' }, lines: [{ sku: 'MUG', node: 'ewr' }, { sku: 'FLASK', node: 'ont', tags: ['engraving'] }] };
const AT = '2026-11-28T10:20:00Z';
const require = createRequire(import.meta.url);
let browser;
let server;
let base;
const sites = {};

// What the page computes, as the full build computes it in Node.
const policy = readFileSync(`${root}examples/store/policy.json`, 'utf8');
const expected = createEngine(policy).promiseJson(ORDER, { at: AT });

const PAGE = `
import init, { createEngine, formatDelivery } from 'order-sla';
(async () => {
  try {
    await init();
    const bytes = new Uint8Array(await (await fetch('/policy.osla')).arrayBuffer());
    const engine = createEngine(bytes);
    const json = engine.promiseJson(${JSON.stringify(ORDER)}, { at: '${AT}' });
    const first = JSON.parse(json).options.find((o) => o.available);
    window.__result = { json, line: formatDelivery(first.delivery, { locale: 'en-US' }) };
  } catch (e) {
    window.__result = { error: String(e && e.stack || e) };
  }
})();
`;

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(`${app}/src`, { recursive: true });
  // The tarball, installed as a user installs it (no network: it has no dependencies).
  const packed = JSON.parse(run('npm', ['pack', `${root}pkg`, '--pack-destination', work, '--json', '--silent']))[0].filename;
  writeFileSync(`${app}/package.json`, JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { 'order-sla': `file:../${packed}` } }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock'], { cwd: app });
  writeFileSync(`${app}/src/main.js`, PAGE);
  writeFileSync(`${app}/policy.osla`, createEngine(policy).compile({ from: 2026, to: 2027 }));

  // webpack 5, production mode, its defaults for the web.
  const webpack = require('webpack');
  const stats = await new Promise((resolve, reject) => webpack({
    mode: 'production', context: app, entry: './src/main.js', devtool: false,
    output: { path: `${work}/webpack`, filename: 'app.js' },
  }, (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(`${work}/webpack/index.html`, '<!doctype html><html><head><meta charset="utf-8"><script src="app.js"></script></head><body></body></html>');
  sites.webpack = { dir: `${work}/webpack`, warnings: stats.toJson({ all: false, warnings: true }).warnings };

  // Vite, production build of an index.html that loads the module.
  writeFileSync(`${app}/index.html`, '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/src/main.js"></script></head><body></body></html>');
  const vite = await import('vite');
  const warnings = [];
  await vite.build({
    root: app, configFile: false, logLevel: 'silent',
    customLogger: { ...vite.createLogger('silent'), warn: (m) => warnings.push(m), warnOnce: (m) => warnings.push(m) },
    base: './',
    build: { outDir: `${work}/vite`, emptyOutDir: true },
  });
  sites.vite = { dir: `${work}/vite`, warnings };

  // esbuild, the browser conditions. esbuild leaves `new URL(..., import.meta.url)` as it is,
  // so the wasm is copied where that URL points, beside the bundle (docs/runtimes.md).
  run(`${root}node_modules/.bin/esbuild`, [`${app}/src/main.js`, '--bundle', '--format=esm', '--platform=browser', `--outdir=${work}/esbuild`,
    '--log-level=error'], { cwd: app });
  mkdirSync(`${work}/esbuild/wasm/lean`, { recursive: true });
  copyFileSync(`${app}/node_modules/order-sla/wasm/lean/order_sla_bg.wasm`, `${work}/esbuild/wasm/lean/order_sla_bg.wasm`);
  writeFileSync(`${work}/esbuild/index.html`, '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="main.js"></script></head><body></body></html>');
  sites.esbuild = { dir: `${work}/esbuild`, warnings: [] };

  server = createServer(async (req, res) => {
    // Each site under its own folder; the page fetches the compiled policy from the root.
    const [, site, ...rest] = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).split('/');
    if (site === 'favicon.ico') return res.writeHead(204).end();
    const file = site === 'policy.osla' ? `${app}/policy.osla` : join(sites[site]?.dir ?? '/nonexistent', rest.join('/') || 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': STRICT });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The site's page's result, and the errors it logged. */
async function pageOf(site) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}/${site}/index.html`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
  const result = await page.evaluate(() => window.__result);
  await page.close();
  return { result, errors };
}

for (const name of ['webpack', 'vite', 'esbuild']) {
  test(`a page bundled by ${name} from the packed package runs in Chromium and promises what Node promises`, async () => {
    const { result, errors } = await pageOf(name);
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.json, expected);
    assert.match(result.line, /^Arrives /);
    assert.deepEqual(errors, []);
    // No bundler warns about the package (webpack and Vite once did, about a wasm file
    // that wasm-bindgen's glue named beside the bundle).
    assert.deepEqual(sites[name].warnings.filter((w) => /order-sla|order_sla|wasm/i.test(String(w.message ?? w))), []);
  });
}

test('Vite emits exactly one wasm file: the lean build', () => {
  const files = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(dir, e.name)) : files.push(e.name)));
  walk(`${work}/vite`);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, files.join(', '));
  const size = readdirSync(`${work}/vite/assets`).filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(`${work}/vite/assets/${f}`).length)[0];
  assert.equal(size, readFileSync(`${root}pkg/wasm/lean/order_sla_bg.wasm`).length);
});

test('the installed package works from Node: API, CommonJS and CLI', () => {
  const esm = run(process.execPath, ['--input-type=module', '-e', `import { createEngine } from 'order-sla'; import { readFileSync } from 'node:fs';
    const e = createEngine(readFileSync('node_modules/order-sla/examples/store/policy.json', 'utf8'));
    process.stdout.write(e.promiseJson(${JSON.stringify(ORDER)}, { at: '${AT}' }));`], { cwd: app });
  assert.equal(esm, expected);
  const cjs = run(process.execPath, ['-e', `const { createEngine } = require('order-sla');
    const e = createEngine(require('fs').readFileSync('node_modules/order-sla/examples/store/policy.json', 'utf8'));
    process.stdout.write(e.promiseJson(${JSON.stringify(ORDER)}, { at: '${AT}' }));`], { cwd: app });
  assert.equal(cjs, expected);
  // The audit on worker threads from CommonJS (the bundled node.cjs finds its worker file).
  const rows = run(process.execPath, ['-e', `const { audit } = require('order-sla'); const fs = require('fs');
    const dir = 'node_modules/order-sla/examples/store/';
    const row = JSON.stringify({ order: JSON.parse(fs.readFileSync(dir + 'placed-order.json', 'utf8')), events: [] });
    audit(Array(600).fill(row).join('\\n'), { policy: fs.readFileSync(dir + 'policy.json', 'utf8'), now: '${AT}', workers: 2 })
      .summary().then((s) => process.stdout.write(String(s.orders)));`], { cwd: app });
  assert.equal(rows, '600');
  const cli = run(process.execPath, [`${app}/node_modules/order-sla/cli.js`, 'promise', '--now', AT], { cwd: app });
  assert.match(cli, /UPS Ground/);
  const audit = run(process.execPath, [`${app}/node_modules/order-sla/cli.js`, 'audit', '--policy', `${app}/node_modules/order-sla/examples/store/policy.json`, '--now', AT, '--workers', '1', '-'], { cwd: app, input: '' });
  assert.match(audit, /Orders audited +0/);
});
