// Type-checked against the browser entry's declarations (browser.d.ts) by tsc in a project
// resolving like a bundler (tests/runtimes/types.test.mjs): init, engines from compiled
// policies, promises and quotes; what needs the full build is typed `never`.
import init, { createEngine, formatDelivery, OrderSlaError, limits, type Quote } from 'order-sla';

declare const bytes: Uint8Array;

export async function page(): Promise<string> {
  await init();
  const engine = createEngine(bytes);
  const promise = engine.promise({ destination: { country: 'US' }, lines: [{ sku: 'A', node: 'ewr' }] }, { at: Date.now() });
  const first = promise.options[0];
  const line = first.available ? formatDelivery(first.delivery) : first.reason.code;
  const quote: Quote = engine.quote({ destination: { country: 'US' }, lines: [{ sku: 'A' }] });
  const batch = engine.quoteBatch([{ destination: { country: 'US' }, lines: [{ sku: 'A' }] }]);
  for (const q of batch) if (q instanceof OrderSlaError) q.code.toUpperCase();
  // What needs the full build: callable, never returns.
  const nothing: () => never = () => engine.track({}, []);
  // @ts-expect-error: the browser build loads compiled policies only
  createEngine({ nodes: [], services: [] });
  return [line, String(quote.options.length), String(limits.lines), String(typeof nothing)].join();
}
