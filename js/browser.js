// Browsers and bundlers: the lean build, made for checkout pages. One `await init()` fetches
// and compiles the wasm, after which the API is synchronous. It loads compiled policies
// (`order-sla compile`, or engine.compile() where the full package runs) and makes
// promises byte-identical to the full build's. Before init() the functions throw
// `not_initialised`; what only the full build does throws `not_in_this_build`.
import glueInit, * as glue from './wasm/lean/order_sla.js';
import { makeApi, OrderSlaError, notInThisBuild } from './core.js';
import { provide } from './api.js';

const notReady = () => {
  throw new OrderSlaError('not_initialised', 'call `await init()` once before using order-sla in a browser');
};
// The full build's functions, here to say so (js/core.js, `not_in_this_build`).
const fullBuildOnly = (what) => () => {
  throw notInThisBuild(what);
};
const leanOnly = {
  validatePolicy: fullBuildOnly('validatePolicy'),
  calendar: fullBuildOnly('calendar'),
  presets: fullBuildOnly('presets'),
  audit: fullBuildOnly('audit'),
};
provide({ createEngine: notReady, ...leanOnly });

export * from './exports.js';

let ready;

/** Fetches and compiles the wasm once; later calls return the same promise. `input` may be
 * a URL, a Response, bytes or a WebAssembly.Module (default: the file next to this one). */
export function init(input) {
  ready ??= (async () => {
    await glueInit({ module_or_path: input ?? new URL('./wasm/lean/order_sla_bg.wasm', import.meta.url) });
    provide({ ...makeApi(glue), ...leanOnly });
  })();
  return ready;
}

export default init;
