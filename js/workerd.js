// Cloudflare Workers (workerd) and other worker runtimes that import a .wasm file as a
// compiled WebAssembly.Module: they cannot compile bytes at run time, so the module is
// imported and instantiated synchronously at import.
import wasm from './wasm/order_sla_bg.wasm';
import * as glue from './wasm/order_sla.js';
import { provideFull } from './full.js';

glue.initSync({ module: wasm });
// The audit runs row after row here (worker threads are Node's).
provideFull(glue);

export * from './exports.js';
