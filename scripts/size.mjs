// Prints the size of what a browser loads from the package (the browser entry), each file
// raw, gzip -9 and brotli q11, and the total against the 60 KB gzip budget.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// The wasm and the bundled entry (wrapper, formatting helpers and glue in one minified module).
export const BROWSER_ENTRY = ['pkg/wasm/lean/order_sla_bg.wasm', 'pkg/browser.js'];
export const BUDGET_GZIP = 60 * 1024;

export function sizes(files = BROWSER_ENTRY) {
  return files.map((f) => {
    const b = readFileSync(f);
    return {
      file: f,
      raw: b.length,
      gz: gzipSync(b, { level: 9 }).length,
      br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = sizes();
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });
  const line = (name, r) => `${name.padEnd(28)} ${String(r.raw).padStart(8)} B  gzip ${String(r.gz).padStart(7)} B  brotli ${String(r.br).padStart(7)} B`;
  for (const r of rows) console.log(line(r.file, r));
  console.log(line('browser entry', total));
  const verdict = total.gz <= BUDGET_GZIP ? 'within' : 'OVER';
  console.log(`browser entry gzip ${total.gz} B: ${verdict} the ${BUDGET_GZIP} B budget`);
}
