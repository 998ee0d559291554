// Deno: instantiates the wasm synchronously at import (needs --allow-read for the package).
import * as glue from './wasm/order_sla.js';
import { makeFullApi } from './full.js';
import { makeAudit } from './audit.js';

glue.initSync({ module: Deno.readFileSync(new URL('./wasm/order_sla_bg.wasm', import.meta.url)) });

export { OrderSlaError } from './core.js';
export * from './format.js';
export const { createEngine, validatePolicy, calendar, presets, Engine, Calendar, version, tzdataVersion, presetsVersion, limits } =
  makeFullApi(glue);
/** The audit of many orders (docs/audit.md), row after row (worker threads are Node's). */
export const audit = makeAudit(createEngine);
