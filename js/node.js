// Node and Bun (ESM): instantiates the wasm synchronously at import.
import { readFileSync } from 'node:fs';
import * as glue from './wasm/order_sla.js';
import { makeFullApi } from './full.js';
import { makeAudit } from './audit.js';
import { parallel } from './audit-workers.js';

glue.initSync({ module: readFileSync(new URL('./wasm/order_sla_bg.wasm', import.meta.url)) });

export { OrderSlaError } from './core.js';
export * from './format.js';
export const { createEngine, validatePolicy, calendar, presets, Engine, Calendar, version, tzdataVersion, presetsVersion, limits } =
  makeFullApi(glue);
/** The audit of many orders (docs/audit.md): an async iterator of per-order results with a summary. */
export const audit = makeAudit(createEngine, parallel);
