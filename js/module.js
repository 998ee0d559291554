// Platforms that hand over the wasm as a compiled WebAssembly.Module their own way and do
// not compile bytes at run time: Vercel Edge (`import wasm from
// 'order-sla/wasm/order_sla_bg.wasm?module'`), Vercel's edge-runtime, or a bundler without a
// `.wasm` loader. This entry imports no wasm: call `init(module)` once, then the full
// build's API, as in Node. Before it, every function throws `not_initialised`.
import * as glue from './wasm/order_sla.js';
import { provideFull } from './full.js';
import { provide } from './api.js';
import { OrderSlaError } from './core.js';

const notReady = () => {
  throw new OrderSlaError('not_initialised', 'call init(module) once with the compiled order_sla_bg.wasm before using order-sla/module');
};
provide({ createEngine: notReady, validatePolicy: notReady, calendar: notReady, presets: notReady, audit: notReady });

export * from './exports.js';

let ready = false;

/** Instantiates the full build from `module` (the compiled `wasm/order_sla_bg.wasm`, or its
 * bytes where the platform compiles bytes) once; later calls do nothing. Synchronous. */
export function init(module) {
  if (ready) return;
  glue.initSync({ module });
  provideFull(glue);
  ready = true;
}

export default init;
