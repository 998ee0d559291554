// The audit's HTML report in headless Chromium (Debian's chromium, driven by playwright-core):
// made by the CLI from generated histories, opened as a file with nothing else, its charts
// drawn with visible bars, and a screenshot saved (target/screenshots/audit-report.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createEngine } from '../../pkg/node.js';
import { generateHistories } from '../../scripts/histories.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the HTML report renders its charts and tables in Chromium', async () => {
  const dir = `${root}target/audit-report`;
  mkdirSync(dir, { recursive: true });
  mkdirSync(`${root}target/screenshots`, { recursive: true });
  const engine = createEngine(readFileSync(`${root}examples/store/policy.json`, 'utf8'));
  // Histories as they stood on 16 Dec, audited two days later: the newest orders are late.
  const rows = [...generateHistories(engine, { count: 3000 })];
  writeFileSync(`${dir}/orders.ndjson`, rows.map((r) => JSON.stringify(r)).join('\n'));
  const r = spawnSync(process.execPath, [`${root}pkg/cli.js`, 'audit', '--policy', `${root}examples/store/policy.json`, '--now', '2027-12-18T18:00:00Z',
    '--format', 'html', '--out', `${dir}/report.html`, `${dir}/orders.ndjson`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(`file://${dir}/report.html`);
    const charts = await page.$$eval('figure', (figures) => figures.map((f) => ({
      title: f.querySelector('figcaption')?.textContent,
      bars: [...f.querySelectorAll('svg rect')].filter((b) => b.getBoundingClientRect().width > 0 && b.getBoundingClientRect().height > 0).length,
    })));
    assert.deepEqual(charts.map((c) => c.title), ['Shipped on time, by due day', 'Breached milestones by reason', 'Breached milestones by owner', 'Lateness of late milestones']);
    for (const c of charts) assert.ok(c.bars > 0, `${c.title}: no visible bars`);
    const atRisk = await page.$$eval('table tbody tr', (trs) => trs.length);
    assert.ok(atRisk > 0, 'the at-risk table has rows');
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'the report loads nothing');
    await page.screenshot({ path: `${root}target/screenshots/audit-report.png`, fullPage: true });
  } finally {
    await browser.close();
  }
});
