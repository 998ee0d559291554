// Deno: instantiates the wasm synchronously at import (needs --allow-read for the package).
import * as glue from './wasm/order_sla.js';
import { provideFull } from './full.js';

glue.initSync({ module: Deno.readFileSync(new URL('./wasm/order_sla_bg.wasm', import.meta.url)) });
// The audit runs row after row here (worker threads are Node's).
provideFull(glue);

export * from './exports.js';
