// Headless Chromium (Debian's chromium, driven by playwright-core): the corpus through the
// browser entry and through an esbuild bundle, the example checkout page under a strict
// Content-Security-Policy with a controlled clock, and a screenshot of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createEngine, formatDelivery, formatOrderWithin } from '../../pkg/node.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };
let csp = STRICT;
let server;
let browser;
let base;

before(async () => {
  // The bundled app: esbuild resolves 'order-sla' through the package's browser condition.
  const out = `${root}target/browser`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(`${out}/node_modules`, { recursive: true });
  symlinkSync(`${root}pkg`, `${out}/node_modules/order-sla`, 'dir');
  // The corpus's policies compiled by the full build in Node, for the pages to load.
  mkdirSync(`${out}/compiled`);
  const corpus = JSON.parse(readFileSync(`${root}tests/corpus/corpus.json`, 'utf8'));
  for (const [id, p] of Object.entries(corpus.policies)) {
    writeFileSync(`${out}/compiled/${id}.osla`, createEngine(p).compile({ from: 2026, to: 2027 }));
  }
  const b = spawnSync(`${root}node_modules/.bin/esbuild`, [`${root}tests/runtimes/bundle-app.js`, '--bundle', '--format=esm', '--platform=browser',
    `--outfile=${out}/app.js`, '--log-level=error'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: `${out}/node_modules` } });
  assert.equal(b.status, 0, b.stderr);
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(`${root}${path.slice(1)}`);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': csp });
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

async function result(page) {
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => window.__result);
}

test('the corpus in Chromium through the browser entry (lean build, compiled policies) is byte-identical', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/tests/runtimes/browser.html`);
  const r = await result(page);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.mismatches, 0, JSON.stringify(r.first));
  assert.ok(r.count >= 1000);
  assert.ok(r.quotes >= 2000, `${r.quotes} quotes`);
  assert.equal(r.quoteMismatches, 0, JSON.stringify(r.firstQuote));
  await page.close();
});

test('an app bundled by esbuild runs in Chromium', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/tests/runtimes/bundle.html`);
  const r = await result(page);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.mismatches, 0);
  assert.equal(r.quoteMismatches, 0, JSON.stringify(r.firstQuote));
  await page.close();
});

// The checkout page, driven with a controlled clock. Expected texts come from the same
// engine and formatter in Node.
const policy = JSON.parse(readFileSync(`${root}examples/store/policy.json`, 'utf8'));
const engine = createEngine(policy);
const CART = { destination: { country: 'US', region: 'OR', postalCode: '97205', zone: 'America/Los_Angeles' },
  lines: [{ sku: 'MUG-ENAMEL-12', quantity: 2, node: 'ewr' }, { sku: 'FLASK-STEEL', quantity: 1, node: 'ont', tags: ['engraving'] }] };

async function checkout(at) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York', viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  // The clock stands still at `at` until the test moves it.
  await page.clock.install({ time: new Date(Date.parse(at) - 60_000) });
  await page.clock.pauseAt(new Date(at));
  await page.goto(`${base}/examples/checkout/index.html`);
  await page.waitForSelector('#options li.available');
  return { page, context, problems };
}

// Chromium's ICU puts thin spaces where Node's puts plain ones ("Dec 3 – Tue"): compare
// the words, not the kind of space.
const words = (s) => s?.replace(/\s+/gu, ' ');
const shown = async (page, service) => {
  const t = await page.$eval(`li[data-service="${service}"]`, (li) => ({
    window: li.querySelector('.window')?.textContent, countdown: li.querySelector('.countdown')?.textContent,
  }));
  return { window: words(t.window), countdown: words(t.countdown) };
};

function expected(at) {
  const o = engine.promise(CART, { at }).options.find((x) => x.service === 'ups-ground');
  const now = Date.parse(at);
  return { window: words(formatDelivery(o.delivery, { locale: 'en-US' })), countdown: words(formatOrderWithin(o.orderBy, { now, locale: 'en-US' })), orderBy: o.orderBy };
}

test('checkout before a cutoff counts down, then rolls over across the holiday and the weekend', async () => {
  // Wed 25 Nov 2026 10:30 in New York, before the day's cutoffs; Thanksgiving on Thursday
  // and the weekend come next.
  const at = '2026-11-25T15:30:00Z';
  const { page, context, problems } = await checkout(at);
  const first = expected(at);
  assert.deepEqual(await shown(page, 'ups-ground'), { window: first.window, countdown: first.countdown });
  assert.match(first.countdown, /^Order within \d/);

  // One second past the order-by instant the page shows the next promise.
  const after = new Date(first.orderBy.epochMs + 1000).toISOString();
  await page.clock.runFor(first.orderBy.epochMs + 1000 - Date.parse(at));
  const next = expected(after);
  assert.notEqual(next.window, first.window);
  await page.waitForFunction((w) => document.querySelector('li[data-service="ups-ground"] .window')?.textContent.replace(/\s+/gu, ' ') === w, next.window);
  assert.deepEqual(await shown(page, 'ups-ground'), { window: next.window, countdown: next.countdown });

  mkdirSync(`${root}target/screenshots`, { recursive: true });
  await page.screenshot({ path: `${root}target/screenshots/checkout.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('checkout on Black Friday evening promises from Monday', async () => {
  const at = '2026-11-27T22:00:00Z';
  const { page, context, problems } = await checkout(at);
  const e = expected(at);
  assert.deepEqual(await shown(page, 'ups-ground'), { window: e.window, countdown: e.countdown });
  assert.equal(e.orderBy.local.slice(0, 10), '2026-11-30');
  assert.match(await page.$eval('li[data-service="fedex-2day"]', (li) => li.textContent), /does not ship from Ontario CA Workshop/);
  // Another destination recomputes at once.
  await page.selectOption('#destination', 'hnl');
  await page.waitForFunction((w) => document.querySelector('li[data-service="ups-ground"] .window')?.textContent.replace(/\s+/gu, ' ') !== w, e.window);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page works under the strict CSP, and fails without wasm-unsafe-eval', async () => {
  csp = STRICT;
  const ok = await checkout('2026-11-25T15:30:00Z');
  assert.match(await ok.page.textContent('#status'), /computed in your browser/);
  assert.deepEqual(ok.problems, []);
  await ok.context.close();

  // Negative control: the same page without 'wasm-unsafe-eval' cannot compile the module,
  // which shows the policy above is really enforced.
  csp = "default-src 'self'; script-src 'self'; style-src 'self'";
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/examples/checkout/index.html`);
  await page.waitForSelector('#status.error');
  assert.match(await page.textContent('#status'), /unavailable/);
  await context.close();
  csp = STRICT;
});
