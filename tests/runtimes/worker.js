// A Cloudflare Worker answering promise requests, bundled by esbuild with the worker
// export conditions (as wrangler does) and served by the real workerd.
import * as api from 'order-sla';
import { checkCorpus } from './corpus-check.js';
import corpus from './corpus/corpus.json';
import expected from './corpus/expected.json';
import expectedFull from './corpus/expected-full.json';

const engines = new Map();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/corpus') {
      return Response.json(await checkCorpus(api, corpus, expected, 'workerd', undefined, expectedFull));
    }
    if (url.pathname === '/promise' && request.method === 'POST') {
      const { policy, order, options } = await request.json();
      try {
        const key = JSON.stringify(policy);
        if (!engines.has(key)) engines.set(key, api.createEngine(policy));
        return new Response(engines.get(key).promiseJson(order, options), { headers: { 'content-type': 'application/json' } });
      } catch (e) {
        if (e instanceof api.OrderSlaError) return Response.json(e, { status: 422 });
        throw e;
      }
    }
    return new Response('not found', { status: 404 });
  },
};
