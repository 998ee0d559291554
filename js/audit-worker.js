// One audit worker thread (js/audit-workers.js): loads the policy once, tracks each batch of
// rows it is sent and posts the results back.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './node.js';
import { evaluate } from './audit.js';

const engine = createEngine(workerData.policy);
parentPort.on('message', ({ id, items }) => {
  const out = items.map((item) => {
    const r = item.error ? item : evaluate(engine, item, workerData.now);
    return r.error && typeof r.error.toJSON === 'function' ? { ...r, error: r.error.toJSON() } : r;
  });
  parentPort.postMessage({ id, out });
});
