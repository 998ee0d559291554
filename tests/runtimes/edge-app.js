// A Vercel Edge function as Vercel's edge-runtime runs it: one script, a fetch listener, the
// wasm handed over as a compiled module (on Vercel, `import wasm from
// 'order-sla/wasm/order_sla_bg.wasm?module'`; here the test compiles it inside the runtime).
import * as api from 'order-sla/module';
import { checkCorpus } from './corpus-check.js';
import corpus from './corpus/corpus.json';
import expected from './corpus/expected.json';
import expectedFull from './corpus/expected-full.json';

api.init(globalThis.ORDER_SLA_WASM);

async function handle(request) {
  const url = new URL(request.url);
  if (url.pathname === '/corpus') return Response.json(await checkCorpus(api, corpus, expected, 'edge-runtime', undefined, expectedFull));
  if (url.pathname === '/promise' && request.method === 'POST') {
    const { policy, order, options } = await request.json();
    try {
      return new Response(api.createEngine(policy).promiseJson(order, options), { headers: { 'content-type': 'application/json' } });
    } catch (e) {
      if (e instanceof api.OrderSlaError) return Response.json(e, { status: 422 });
      throw e;
    }
  }
  return new Response('not found', { status: 404 });
}

addEventListener('fetch', (event) => event.respondWith(handle(event.request)));
