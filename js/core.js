// The idiomatic JavaScript API over wasm-bindgen's generated glue: what every build has
// (engines, promises, errors). full.js adds what only the full build has.
//
// Each runtime entry point initialises the glue the way its runtime allows and hands it to
// makeApi() (the lean browser build) or makeFullApi(). Everything crosses the boundary as
// JSON text, so a result is byte-for-byte what the Rust core wrote, in every runtime.

/** The one error class the package throws. `code` is stable; `path` points into the
 * document (`nodes[1].cutoffs.fri`); `problems` lists every problem found. */
export class OrderSlaError extends Error {
  constructor(code, message, { path = '', problems = [] } = {}) {
    super(message);
    this.name = 'OrderSlaError';
    this.code = code;
    this.path = path;
    this.problems = problems;
  }

  /** The error as the core writes it: `{ code, message, path, problems }`. */
  toJSON() {
    return { code: this.code, message: this.message, path: this.path, problems: this.problems };
  }
}

/** The quote in a full promise (the JSON path). */
export function quoteOfPromise(p) {
  const quote = p.orderId === undefined ? {} : { orderId: p.orderId };
  quote.placedAt = Date.parse(p.placedAt);
  quote.options = p.options.map((o) =>
    o.available
      ? {
          service: o.service,
          available: true,
          shipBy: o.shipBy.epochMs,
          earliest: o.delivery.earliest,
          latest: o.delivery.latest,
          confidence: o.delivery.confidence,
          orderBy: o.orderBy.epochMs,
          next: o.next
            ? { shipBy: o.next.shipBy.epochMs, earliest: o.next.delivery.earliest, latest: o.next.delivery.latest, orderBy: o.next.orderBy.epochMs }
            : null,
        }
      : { service: o.service, available: false, reason: o.reason.code },
  );
  return quote;
}

const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');

// Dates become epoch milliseconds (exact, zone-free); an invalid Date is sent as a
// string the core rejects with its path, instead of JSON.stringify's silent null.
export function replacer(key, value) {
  const raw = this[key];
  if (raw instanceof Date) {
    const t = raw.getTime();
    return Number.isNaN(t) ? 'Invalid Date' : t;
  }
  return value;
}

// The core's limit on one document (docs/limits.md), checked here too so that a huge text
// is refused before it is copied into wasm memory, which never shrinks.
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export function toJson(value, what) {
  let text = value;
  if (typeof value !== 'string') {
    if (value === null || typeof value !== 'object') {
      throw new OrderSlaError('wrong_type', `the ${what} must be an object or JSON text, not ${value === null ? 'null' : typeof value}`);
    }
    try {
      text = JSON.stringify(value, replacer);
    } catch (e) {
      throw new OrderSlaError('invalid_input', `the ${what} cannot be written as JSON: ${e.message}`);
    }
  }
  // A UTF-16 code unit is at least one UTF-8 byte: longer than the limit is over it.
  if (text.length > MAX_DOCUMENT_BYTES) {
    throw new OrderSlaError('document_too_large', `the ${what} is ${text.length} characters; the limit is ${MAX_DOCUMENT_BYTES} bytes`);
  }
  return text;
}

export function instant(value, path) {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw new OrderSlaError('invalid_instant', `${path}: Invalid Date`, { path });
    return t;
  }
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new OrderSlaError('invalid_instant', `${path}: expected a Date, an ISO 8601 string or epoch milliseconds`, { path });
}

// Errors cross from Rust as the error's JSON text.
function fromWasm(e) {
  if (typeof e === 'string') {
    let parsed;
    try {
      parsed = JSON.parse(e);
    } catch {
      return new OrderSlaError('internal', e);
    }
    return new OrderSlaError(parsed.code, parsed.message, { path: parsed.path, problems: parsed.problems });
  }
  return e;
}

export function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw fromWasm(e);
  }
}

export const INNER = Symbol('inner');

/** Owns one wasm-bindgen object: frees it once, and refuses use after free with a clear error
 * (the generated glue would fail with a null-pointer message). */
export class Handle {
  #inner;
  #freed;

  constructor(inner, freed) {
    this.#inner = inner;
    this.#freed = freed;
  }

  [INNER]() {
    if (!this.#inner) throw this.#freed();
    return this.#inner;
  }

  /** Releases the wasm memory now (also done by the garbage collector). Safe to call twice. */
  free() {
    if (this.#inner) {
      this.#inner.free();
      this.#inner = undefined;
    }
  }

  [dispose]() {
    this.free();
  }
}

/** Bytes of a compiled policy, as given: a Uint8Array, an ArrayBuffer or a Node Buffer. */
function compiledBytes(policy) {
  if (policy instanceof Uint8Array) return policy;
  if (policy instanceof ArrayBuffer) return new Uint8Array(policy);
  return undefined;
}

const engineFreed = () => new OrderSlaError('engine_freed', 'this engine was freed; create a new one with createEngine()');

/** The API of the lean build (browsers): engines from compiled policies and promises.
 * `extend` (full.js) returns the full build's Engine class and how to load a JSON policy. */
export function makeApi(glue, extend) {
  /** A policy loaded once, evaluated for many orders. Create with createEngine(). */
  class Engine extends Handle {
    constructor(inner) {
      super(inner, engineFreed);
    }

    /** The numbers of the promise for an order, without explanations: per service its
     * ship-by, delivery dates, order-by and what applies after it (`docs/promise.md`,
     * "Quotes"). The same numbers as promise(), in about a microsecond. */
    quote(order, options = {}) {
      return this.quotes([order], options, true)[0];
    }

    /** Quotes of many orders in one call: an array in the same order, with an
     * OrderSlaError in the place of each order that is not valid. */
    quoteBatch(orders, options = {}) {
      if (!Array.isArray(orders)) throw new OrderSlaError('wrong_type', 'quoteBatch takes an array of orders');
      return this.quotes(orders, options, false);
    }

    /** Quotes of `orders`, each taken from its promise. The full build's engine answers
     * from day tables instead (js/quote.js), with the same numbers. */
    quotes(orders, options, throwErrors) {
      return orders.map((order) => {
        try {
          return quoteOfPromise(this.promise(order, options));
        } catch (e) {
          if (throwErrors || !(e instanceof OrderSlaError)) throw e;
          return e;
        }
      });
    }

    /** `sha256:...` of the policy's canonical JSON; store it with each promise. */
    get policyHash() {
      return this[INNER]().policyHash;
    }

    /** The delivery promise for an order, one entry per shipping option.
     * `at`: the checkout instant used when the order has no `placedAt` (default: now). */
    promise(order, options) {
      return JSON.parse(this.promiseJson(order, options));
    }

    /** The same promise as the JSON text the core wrote: store this to keep it byte for byte
     * (it is identical in every runtime). */
    promiseJson(order, { at, confidence } = {}) {
      const orderJson = toJson(order, 'order');
      // The core never reads a clock: "now" is only the default for an order not yet placed.
      const options = { at: instant(at, 'options.at') ?? Date.now(), confidence };
      return call(() => this[INNER]().promise(orderJson, JSON.stringify(options)));
    }
  }

  const full = extend?.(Engine);
  const EngineClass = full?.Engine ?? Engine;

  /** Loads a policy: a compiled policy's bytes (every build), or the policy as an object or
   * JSON text (the full build: Node, Deno, Bun, workers), validated with every problem listed. */
  function createEngine(policy) {
    const bytes = compiledBytes(policy);
    if (bytes) return new EngineClass(call(() => glue.WasmEngine.fromCompiled(bytes)));
    if (!full) {
      throw new OrderSlaError(
        'compiled_policy_required',
        'the browser build loads compiled policies: compile the policy where the full package runs ' +
          '(`order-sla compile`, or engine.compile() in Node or a worker) and pass the bytes',
      );
    }
    return new EngineClass(call(() => full.load(toJson(policy, 'policy'))));
  }

  return {
    createEngine,
    Engine: EngineClass,
    version: glue.engineVersion(),
    tzdataVersion: glue.tzdataVersion(),
    presetsVersion: glue.presetsVersion(),
  };
}
