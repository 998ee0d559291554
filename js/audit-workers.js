// The audit on worker threads: rows go to the workers in batches, each worker tracks them
// with its own engine, and the results come back in input order. Memory stays bounded:
// at most two batches per worker are in flight while the reader waits.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { OrderSlaError } from './core.js';

const BATCH = 256;
// The worker's file, beside this one: from import.meta.url here; in the CommonJS bundle
// (node.cjs, one file in the package's folder) import.meta is empty and __dirname is that folder.
const WORKER = typeof __dirname === 'string' ? join(__dirname, 'audit-worker.js') : new URL('./audit-worker.js', import.meta.url);

/** Errors cross threads as their JSON; made OrderSlaError again on arrival. */
const revive = (e) => new OrderSlaError(e.code, e.message, { path: e.path, problems: e.problems });

export async function* parallel(items, { policy, now, workers }) {
  const pool = Array.from({ length: workers }, () => new Worker(WORKER, { workerData: { policy, now } }));
  const waiting = new Map(); // batch id -> resolve
  let failed;
  for (const w of pool) {
    w.on('message', ({ id, out }) => {
      const resolve = waiting.get(id);
      waiting.delete(id);
      resolve(out);
    });
    w.on('error', (e) => {
      failed = e;
      for (const resolve of waiting.values()) resolve(undefined);
    });
  }
  const inFlight = [];
  let sent = 0;
  const send = (batch) => {
    const id = sent++;
    const payload = batch.map((it) => (it.error ? { ...it, error: it.error.toJSON?.() ?? { code: 'internal', message: String(it.error.message) } } : it));
    inFlight.push(new Promise((resolve) => waiting.set(id, resolve)));
    pool[id % workers].postMessage({ id, items: payload });
  };
  const drain = async function* () {
    const out = await inFlight.shift();
    if (failed || out === undefined) throw failed ?? new Error('an audit worker stopped');
    for (const r of out) yield r.error ? { ...r, error: revive(r.error) } : r;
  };
  try {
    let batch = [];
    for await (const item of items) {
      batch.push(item);
      if (batch.length < BATCH) continue;
      send(batch);
      batch = [];
      if (inFlight.length >= 2 * workers) yield* drain();
    }
    if (batch.length > 0) send(batch);
    while (inFlight.length > 0) yield* drain();
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
