// Node CommonJS (`require('order-sla')`): scripts/build.sh bundles this file with the glue
// and the wrapper into node.cjs; `__dirname` is the package folder there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as glue from './wasm/order_sla.js';
import { makeFullApi } from './full.js';
import { makeAudit } from './audit.js';
import { parallel } from './audit-workers.js';

glue.initSync({ module: readFileSync(join(__dirname, 'wasm', 'order_sla_bg.wasm')) });

export { OrderSlaError } from './core.js';
export * from './format.js';
export const { createEngine, validatePolicy, calendar, presets, Engine, Calendar, version, tzdataVersion, presetsVersion, limits } =
  makeFullApi(glue);
/** The audit of many orders (docs/audit.md): an async iterator of per-order results with a summary. */
export const audit = makeAudit(createEngine, parallel);
