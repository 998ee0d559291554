// Node and Bun (ESM): instantiates the wasm synchronously at import.
import { readFileSync } from 'node:fs';
import * as glue from './wasm/order_sla.js';
import { provideFull } from './full.js';
import { parallel } from './audit-workers.js';

glue.initSync({ module: readFileSync(new URL('./wasm/order_sla_bg.wasm', import.meta.url)) });
provideFull(glue, parallel);

export * from './exports.js';
