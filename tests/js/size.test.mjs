// The browser entry's size budget (issue 5): deterministic, in bytes, gzip -9, of what a
// checkout page loads from the package (the lean wasm and the bundled browser.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizes, BUDGET_GZIP } from '../../scripts/size.mjs';

test('the browser entry is at most 60 KB gzipped', () => {
  process.chdir(new URL('../../', import.meta.url).pathname);
  const rows = sizes();
  const total = rows.reduce((t, r) => t + r.gz, 0);
  assert.ok(total <= BUDGET_GZIP, `${total} B gzip: ${rows.map((r) => `${r.file} ${r.gz} B`).join(', ')}`);
});
