// Node CommonJS (`require('order-sla')`): scripts/build.sh bundles this file with the glue
// and the wrapper into node.cjs; `__dirname` is the package folder there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as glue from './wasm/order_sla.js';
import { provideFull } from './full.js';
import { parallel } from './audit-workers.js';

glue.initSync({ module: readFileSync(join(__dirname, 'wasm', 'order_sla_bg.wasm')) });
provideFull(glue, parallel);

export * from './exports.js';
