// Browsers and bundlers: the lean build, made for checkout pages. One `await init()` fetches
// and compiles the wasm, after which the API is synchronous. It loads compiled policies
// (`order-sla compile`, or engine.compile() where the full package runs) and makes
// promises byte-identical to the full build's. The names below are live bindings: they
// become the real functions when init() resolves, and throw `not_initialised` before.
import glueInit, * as glue from './wasm/lean/order_sla.js';
import { makeApi, OrderSlaError, notInThisBuild } from './core.js';

export { OrderSlaError } from './core.js';
export * from './format.js';

const notReady = () => {
  throw new OrderSlaError('not_initialised', 'call `await init()` once before using order-sla in a browser');
};
export let createEngine = notReady;
export let Engine;
export let version;
export let tzdataVersion;
export let presetsVersion;
export let limits;

// The full build's functions, here to say so (js/core.js, `not_in_this_build`).
const fullBuildOnly = (what) => () => {
  throw notInThisBuild(what);
};
export const validatePolicy = fullBuildOnly('validatePolicy');
export const calendar = fullBuildOnly('calendar');
export const presets = fullBuildOnly('presets');
export const audit = fullBuildOnly('audit');

let ready;

/** Fetches and compiles the wasm once; later calls return the same promise. `input` may be
 * a URL, a Response, bytes or a WebAssembly.Module (default: the file next to this one). */
export function init(input) {
  ready ??= (async () => {
    await glueInit({ module_or_path: input ?? new URL('./wasm/lean/order_sla_bg.wasm', import.meta.url) });
    ({ createEngine, Engine, version, tzdataVersion, presetsVersion, limits } = makeApi(glue));
  })();
  return ready;
}

export default init;
