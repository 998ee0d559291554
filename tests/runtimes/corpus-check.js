// Evaluates the cross-runtime corpus with whichever entry of the package a runtime loads
// and compares each answer's digest with tests/corpus/expected.json (written by the native
// Rust core). Portable: Node, Bun, Deno, workerd and browsers all have crypto.subtle.

async function digest(text) {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(hash.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `{ runtime, count, mismatches, first }`: `first` is the first differing case, if any.
 * `compiled`: the policies compiled (bytes by id), for the browser build, which loads only those. */
export async function checkCorpus(api, corpus, expected, runtime, compiled) {
  const engines = Object.fromEntries(Object.entries(corpus.policies).map(([id, p]) => [id, api.createEngine(compiled?.[id] ?? p)]));
  let mismatches = 0;
  let first = null;
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
  }
  for (const e of Object.values(engines)) e.free();
  return { runtime, count: corpus.orders.length, mismatches, first };
}
