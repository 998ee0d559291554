// Prints the size of the package's wasm and JS (raw, gzip -9, brotli q11).
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const files = ['pkg/wasm/order_sla_bg.wasm', 'pkg/wasm/order_sla.js', 'pkg/core.js'];
let total = { raw: 0, gz: 0, br: 0 };
for (const f of files) {
  const b = readFileSync(f);
  const gz = gzipSync(b, { level: 9 }).length;
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total = { raw: total.raw + b.length, gz: total.gz + gz, br: total.br + br };
  console.log(`${f.padEnd(28)} ${String(b.length).padStart(8)} B  gzip ${String(gz).padStart(7)} B  brotli ${String(br).padStart(7)} B`);
}
console.log(`${'wasm + glue + wrapper'.padEnd(28)} ${String(total.raw).padStart(8)} B  gzip ${String(total.gz).padStart(7)} B  brotli ${String(total.br).padStart(7)} B`);
