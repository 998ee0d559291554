// Browsers and bundlers: one `await init()` fetches and compiles the wasm, after which the
// API is synchronous. The names below are live bindings: they become the real functions
// when init() resolves, and throw `not_initialised` before.
import glueInit, * as glue from './wasm/order_sla.js';
import { makeApi, OrderSlaError } from './core.js';

export { OrderSlaError } from './core.js';
export * from './format.js';

const notReady = () => {
  throw new OrderSlaError('not_initialised', 'call `await init()` once before using order-sla in a browser');
};
export let createEngine = notReady;
export let validatePolicy = notReady;
export let calendar = notReady;
export let presets = notReady;
export let Engine;
export let Calendar;
export let version;
export let tzdataVersion;
export let presetsVersion;

let ready;

/** Fetches and compiles the wasm once; later calls return the same promise. `input` may be
 * a URL, a Response, bytes or a WebAssembly.Module (default: the file next to this one). */
export function init(input) {
  ready ??= (async () => {
    await glueInit({ module_or_path: input ?? new URL('./wasm/order_sla_bg.wasm', import.meta.url) });
    const api = makeApi(glue);
    ({ createEngine, validatePolicy, calendar, presets, Engine, Calendar, version, tzdataVersion, presetsVersion } = api);
  })();
  return ready;
}

export default init;
