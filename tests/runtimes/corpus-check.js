// Evaluates the cross-runtime corpus with whichever entry of the package a runtime loads
// and compares each answer's digest with tests/corpus/expected.json (written by the native
// Rust core). Portable: Node, Bun, Deno, workerd and browsers all have crypto.subtle.

async function digest(text) {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(hash.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The quote a promise states (docs/promise.md, "Quotes"), written here from the promise's
 * JSON, not by the package: a runtime's quote must equal it. */
function quoteOf(p) {
  const q = p.orderId === undefined ? {} : { orderId: p.orderId };
  q.placedAt = Date.parse(p.placedAt);
  q.options = p.options.map((o) => {
    if (!o.available) return { service: o.service, available: false, reason: o.reason.code };
    const n = o.next;
    return {
      service: o.service, available: true, shipBy: o.shipBy.epochMs, earliest: o.delivery.earliest, latest: o.delivery.latest,
      confidence: o.delivery.confidence, orderBy: o.orderBy.epochMs,
      next: n ? { shipBy: n.shipBy.epochMs, earliest: n.delivery.earliest, latest: n.delivery.latest, orderBy: n.orderBy.epochMs } : null,
      windowOrderBy: o.windowOrderBy.epochMs,
      windowNext: o.windowNext ? { earliest: o.windowNext.earliest, latest: o.windowNext.latest } : null,
    };
  });
  return q;
}

/** `{ runtime, count, mismatches, first, quotes, quoteMismatches, firstQuote, full }`: every
 * promise's digest against the native one, and every quote (one by one, and each policy's
 * orders in one batch) against its promise; `first`/`firstQuote` are the first differences.
 * With `expectedFull` (tests/corpus/expected-full.json, the full build's runtimes), `full`
 * holds the same for tracking and deadline tables (see `checkFull`).
 * `compiled`: the policies compiled (bytes by id), for the browser build, which loads only those. */
export async function checkCorpus(api, corpus, expected, runtime, compiled, expectedFull) {
  const engines = Object.fromEntries(Object.entries(corpus.policies).map(([id, p]) => [id, api.createEngine(compiled?.[id] ?? p)]));
  let mismatches = 0;
  let first = null;
  let quotes = 0;
  let quoteMismatches = 0;
  let firstQuote = null;
  const wanted = Object.fromEntries(Object.keys(corpus.policies).map((id) => [id, []]));
  for (const [i, c] of corpus.orders.entries()) {
    let text;
    try {
      text = engines[c.policy].promiseJson(c.order, c.options);
    } catch (e) {
      if (!(e instanceof api.OrderSlaError)) throw e;
      text = `error:${JSON.stringify(e)}`;
    }
    if ((await digest(text)) !== expected.digests[i]) {
      mismatches++;
      first ??= { case: i, answer: text.slice(0, 400) };
    }
    // The quote of the same order: the promise's numbers, or the promise's error code.
    let quote;
    try {
      quote = JSON.stringify(engines[c.policy].quote(c.order, c.options));
    } catch (e) {
      if (!(e instanceof api.OrderSlaError)) throw e;
      quote = `error:${e.code}`;
    }
    const want = text.startsWith('error:') ? `error:${JSON.parse(text.slice(6)).code}` : JSON.stringify(quoteOf(JSON.parse(text)));
    quotes++;
    if (quote !== want) {
      quoteMismatches++;
      firstQuote ??= { case: i, quote: quote.slice(0, 300), promise: want.slice(0, 300) };
    }
    wanted[c.policy].push([c, want]);
  }
  // Each policy's orders in one batch (one crossing of the boundary), per confidence.
  for (const [policy, cases] of Object.entries(wanted)) {
    for (const confidence of [undefined, 0.5, 0.8, 0.9]) {
      const same = cases.filter(([c]) => c.options.confidence === confidence);
      const batch = engines[policy].quoteBatch(same.map(([c]) => c.order), confidence === undefined ? {} : { confidence });
      same.forEach(([c, want], k) => {
        const got = batch[k] instanceof api.OrderSlaError ? `error:${batch[k].code}` : JSON.stringify(batch[k]);
        quotes++;
        if (got !== want) {
          quoteMismatches++;
          firstQuote ??= { batch: policy, order: c.order.id, quote: got.slice(0, 300), promise: want.slice(0, 300) };
        }
      });
    }
  }
  const full = expectedFull ? await checkFull(engines, corpus, expectedFull) : undefined;
  for (const e of Object.values(engines)) e.free();
  return { runtime, count: corpus.orders.length, mismatches, first, quotes, quoteMismatches, firstQuote, full };
}

/** Tracking of each tracking case and the deadline table of each order `corpus.deadlines` lists,
 * as tests/corpus.rs makes them natively, digested: `{ count, mismatches, first }`. */
async function checkFull(engines, corpus, expectedFull) {
  const answer = async (fn) => {
    try {
      return JSON.stringify(fn());
    } catch (e) {
      if (e.code === undefined) throw e;
      return `error:${JSON.stringify(e)}`;
    }
  };
  const answers = [];
  for (const t of corpus.tracking) {
    const c = corpus.orders[t.order];
    const engine = engines[c.policy];
    answers.push(['tracking', await answer(() => engine.track(engine.promiseJson(c.order, c.options), t.events, { now: t.now, service: t.service }))]);
  }
  for (const c of corpus.deadlines.map((i) => corpus.orders[i])) {
    const placed = c.order.placedAt;
    const day = Date.parse(`${placed.slice(0, 10)}T00:00:00Z`);
    const arriveBy = Number.isNaN(day) ? null : new Date(day + 7 * 86400000).toISOString().slice(0, 10);
    const query = { arriveBy, destination: c.order.destination, lines: c.order.lines, now: placed };
    answers.push(['deadlines', await answer(() => engines[c.policy].latestOrderBy(query))]);
  }
  let mismatches = 0;
  let first = null;
  const next = { tracking: 0, deadlines: 0 };
  for (const [what, text] of answers) {
    const i = next[what]++;
    if ((await digest(text)) !== expectedFull[what][i]) {
      mismatches++;
      first ??= { what, case: i, answer: text.slice(0, 400) };
    }
  }
  return { count: answers.length, mismatches, first };
}
