// Cloudflare Workers (workerd) and other worker runtimes that import a .wasm file as a
// compiled WebAssembly.Module: they cannot compile bytes at run time, so the module is
// imported and instantiated synchronously at import.
import wasm from './wasm/order_sla_bg.wasm';
import * as glue from './wasm/order_sla.js';
import { makeFullApi } from './full.js';
import { makeAudit } from './audit.js';

glue.initSync({ module: wasm });

export { OrderSlaError } from './core.js';
export * from './format.js';
export const { createEngine, validatePolicy, calendar, presets, Engine, Calendar, version, tzdataVersion, presetsVersion, limits } =
  makeFullApi(glue);
/** The audit of many orders (docs/audit.md), row after row (worker threads are Node's). */
export const audit = makeAudit(createEngine);
