// Platforms that hand over the wasm as a compiled WebAssembly.Module their own way and do
// not compile bytes at run time: Vercel Edge (`import wasm from
// 'order-sla/wasm/order_sla_bg.wasm?module'`), Vercel's edge-runtime, or a bundler without a
// `.wasm` loader. This entry imports no wasm: call `init(module)` once, then the full
// build's API, as in Node. The names below are live bindings: they become the real functions
// when init() has run, and throw `not_initialised` before.
import * as glue from './wasm/order_sla.js';
import { makeFullApi } from './full.js';
import { makeAudit } from './audit.js';
import { OrderSlaError } from './core.js';

export { OrderSlaError } from './core.js';
export * from './format.js';

const notReady = () => {
  throw new OrderSlaError('not_initialised', 'call init(module) once with the compiled order_sla_bg.wasm before using order-sla/module');
};
export let createEngine = notReady;
export let validatePolicy = notReady;
export let calendar = notReady;
export let presets = notReady;
export let audit = notReady;
export let Engine;
export let Calendar;
export let version;
export let tzdataVersion;
export let presetsVersion;
export let limits;

/** Instantiates the full build from `module` (the compiled `wasm/order_sla_bg.wasm`, or its
 * bytes where the platform compiles bytes) once; later calls do nothing. Synchronous. */
export function init(module) {
  if (Engine) return;
  glue.initSync({ module });
  ({ createEngine, validatePolicy, calendar, presets, Engine, Calendar, version, tzdataVersion, presetsVersion, limits } = makeFullApi(glue));
  audit = makeAudit(createEngine);
}

export default init;
