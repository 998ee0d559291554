// Type-checked against the full build's declarations (index.d.ts; index.d.cts from
// CommonJS) by deno check and by tsc in ESM and CommonJS projects
// (tests/runtimes/types.test.mjs): the documented API compiles, and misuse does not (each
// expected error below must be one).
import {
  audit, calendar, createEngine, formatDelivery, formatOrderWithin, OrderSlaError, presets, validatePolicy,
  type AuditSummary, type DeliveryPromise, type Policy, type Quote, type Tracking, type TrackingEvent,
} from 'order-sla';

const policy: Policy = {
  nodes: [{ id: 'dc', zone: 'America/New_York', hours: { mon: ['08:00-17:00'] }, handlingDays: 0, calendars: ['us'] }],
  services: [{ id: 'ground', carrier: 'ups', transitDays: { min: 2, max: 4 }, calendars: ['ups'] }],
  calendars: { shop: { extends: ['us'], omit: ['Columbus Day'], holidays: [{ name: 'Stocktake', month: 12, day: 31, observed: 'nearest' }] } },
  tracking: { pausingHolds: ['customer_request'], routes: [{ reason: 'overdue', owner: 'ops', route: 'expedite' }] },
};

export async function usage(): Promise<string> {
  const engine = createEngine(policy);
  const promise: DeliveryPromise = engine.promise({ destination: { country: 'US' }, lines: [{ sku: 'A' }] }, { at: new Date() });
  const text: string = engine.promiseJson({ destination: { country: 'US' }, lines: [{ sku: 'A' }] });
  const quote: Quote = engine.quote({ destination: { country: 'US' }, lines: [{ sku: 'A' }] }, { at: Date.now() });
  const first = quote.options[0];
  const countdown: number = first.available ? first.orderBy - Date.now() : 0;
  const batch = engine.quoteBatch([{ destination: { country: 'US' }, lines: [{ sku: 'A' }] }]);
  for (const q of batch) if (q instanceof OrderSlaError) q.code.toUpperCase(); else q.options.length;
  const run = audit([{ order: { placedAt: Date.now(), destination: { country: 'US' }, lines: [{ sku: 'A' }] }, events: [] }], { policy, now: Date.now() });
  for await (const item of run) if (item.error) item.error.code.toUpperCase(); else item.result.milestones.map((m) => m.owner);
  const summary: AuditSummary = await run.summary();
  summary.shipping.onTimeRate?.toFixed(2);
  // @ts-expect-error: an unavailable option has no order-by
  if (!first.available) first.orderBy.toFixed();
  const events: TrackingEvent[] = [{ type: 'shipped', at: new Date(), node: 'dc' }];
  const t: Tracking = engine.track(promise, events, { now: Date.now() });
  const status: 'on_track' | 'at_risk' | 'breached' | 'met' | 'met_late' | 'cancelled' = t.status;
  const us = calendar('us');
  const next: string = us.addWorkingDays('2026-11-25', 2);
  const off = us.dayOff('2026-11-26');
  if (off && off.reason === 'holiday') off.name.toUpperCase();
  const ids: string[] = presets().map((p) => p.id);
  const v = validatePolicy(policy);
  try {
    createEngine('{');
  } catch (e) {
    if (e instanceof OrderSlaError) e.problems.map((p) => p.path);
  }
  const option = promise.options[0];
  const line = option.available ? formatDelivery(option.delivery, { locale: 'de-DE' }) : option.reason.message;
  const within = option.available ? formatOrderWithin(option.orderBy, { now: new Date() }) : '';
  // @ts-expect-error: only an available option has a delivery window
  option.delivery.latest.toUpperCase();
  // @ts-expect-error: dates are YYYY-MM-DD text, not Date objects
  us.isWorkingDay(new Date());
  // @ts-expect-error: a node needs a zone
  createEngine({ nodes: [{ id: 'x', hours: {}, handlingDays: 0 }], services: [] } satisfies Policy);
  return [text, status, next, ids.join(), String(v.valid), line, within, String(countdown)].join();
}

// Compiled policies: bytes from the full build, loaded by any build.
export function compiled(): string {
  const bytes: Uint8Array = createEngine(policy).compile({ from: 2026, to: 2027 });
  const engine = createEngine(bytes);
  return engine.promiseJson({ destination: { country: 'US' }, lines: [{ sku: 'A' }] });
}
