// Types of `order-sla/module`: the full build's API (index.d.ts) after one synchronous
// `init(module)` with the compiled wasm, for platforms that hand modules over themselves.
export * from './index.js';

/** Instantiates the full build once from the compiled `order-sla/wasm/order_sla_bg.wasm`
 * (a `WebAssembly.Module`, or its bytes where the platform compiles bytes); later calls do
 * nothing. Everything else throws `not_initialised` before it. */
export declare function init(module: object | ArrayBuffer | ArrayBufferView): void;
export default init;
