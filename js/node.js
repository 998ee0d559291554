// Node and Bun (ESM): instantiates the wasm synchronously at import.
import { readFileSync } from 'node:fs';
import * as glue from './wasm/order_sla.js';
import { makeFullApi } from './full.js';

glue.initSync({ module: readFileSync(new URL('./wasm/order_sla_bg.wasm', import.meta.url)) });

export { OrderSlaError } from './core.js';
export * from './format.js';
export const { createEngine, validatePolicy, calendar, presets, Engine, Calendar, version, tzdataVersion, presetsVersion } =
  makeFullApi(glue);
