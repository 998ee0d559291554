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
          windowOrderBy: o.windowOrderBy.epochMs,
          windowNext: o.windowNext ? { earliest: o.windowNext.earliest, latest: o.windowNext.latest } : null,
        }
      : { service: o.service, available: false, reason: o.reason.code },
  );
  return quote;
}

const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');

/** The core's limits on what a document may hold (src/limits.rs, docs/limits.md), read from
 * the wasm when the API is made: `{ lines: 500, requestBytes: 1048576, ... }`. */
export let LIMITS = {};

// Any failure as the package's error: errors from the core cross as their JSON text; a
// failure of the caller's own objects while they are read (a getter that throws, a Proxy,
// a BigInt JSON cannot write) becomes `invalid_input`, so that nothing else is ever thrown.
export function asOrderSlaError(e) {
  if (e instanceof OrderSlaError) return e;
  if (typeof e === 'string') {
    let parsed;
    try {
      parsed = JSON.parse(e);
    } catch {
      return new OrderSlaError('internal', e);
    }
    return new OrderSlaError(parsed.code, parsed.message, { path: parsed.path, problems: parsed.problems });
  }
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return new OrderSlaError('internal', `the engine failed: ${what}`);
  return new OrderSlaError('invalid_input', `the input could not be read: ${what}`);
}

/** Runs `fn`, throwing only OrderSlaError. */
export function guard(fn) {
  try {
    return fn();
  } catch (e) {
    throw asOrderSlaError(e);
  }
}

/** An instant given to the lean API (`options.at`): a Date becomes epoch milliseconds; a
 * text or a number goes to the core as it is, which reads it as it reads `placedAt` (the
 * full build reads them in JS first, the same way: js/instant.js). */
export function instantOption(value, path) {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw new OrderSlaError('invalid_options', `${path}: Invalid Date`, { path, problems: [{ code: 'invalid_instant', path, message: 'Invalid Date' }] });
    return t;
  }
  if (typeof value === 'number' || typeof value === 'string') return value;
  const message = 'expected a Date, an RFC 3339 text with an offset (2026-11-28T10:20:00Z) or epoch milliseconds';
  throw new OrderSlaError('invalid_options', `${path}: ${message}`, { path, problems: [{ code: 'invalid_instant', path, message }] });
}

/** Options as given: an object, or undefined/null for none. */
export function optionsOf(options, what = 'options') {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new OrderSlaError('wrong_type', `the ${what} must be an object, not ${typeof options}`, { path: what });
  return options;
}

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

// The core's limit on each kind of document (docs/limits.md), checked here too so that a
// huge text is refused before it is copied into wasm memory, which never shrinks.
function maxBytes(what) {
  if (what === 'policy') return LIMITS.policyBytes;
  if (what === 'promise' || what === 'row') return LIMITS.documentBytes;
  return LIMITS.requestBytes;
}

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
  const max = maxBytes(what);
  if (text.length > max) {
    throw new OrderSlaError('document_too_large', `the ${what} is ${text.length} characters; the limit is ${max} bytes`);
  }
  return text;
}

/** A call into the engine: its errors (JSON text) become OrderSlaError. */
export const call = guard;

export const INNER = Symbol('inner');

/** Owns one wasm-bindgen object: frees it once, and refuses use after free with a clear error
 * (the generated glue would fail with a null-pointer message). */
export class Handle {
  #inner;
  #freed;

  constructor(inner, freed) {
    // `new Engine(policy)` from user code: say what to call instead of failing later.
    if (typeof inner?.free !== 'function') throw new OrderSlaError('wrong_type', 'create engines with createEngine() and calendars with calendar()');
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

/** What the lean build (browsers) cannot do: the full build's methods and functions exist
 * there too and throw this, so that code written for one build fails clearly in the other. */
export function notInThisBuild(what) {
  return new OrderSlaError(
    'not_in_this_build',
    `${what}() needs the full build (Node, Deno, Bun, workers); the browser build loads compiled policies and makes promises and quotes`,
  );
}

/** The API of the lean build (browsers): engines from compiled policies and promises.
 * `extend` (full.js) returns the full build's Engine class and how to load a JSON policy. */
export function makeApi(glue, extend) {
  LIMITS = Object.freeze(JSON.parse(glue.limits()));
  /** A policy loaded once, evaluated for many orders. Create with createEngine(). */
  class Engine extends Handle {
    constructor(inner) {
      super(inner, engineFreed);
    }

    /** The numbers of the promise for an order, without explanations: per service its
     * ship-by, delivery dates, order-by and what applies after it (`docs/promise.md`,
     * "Quotes"). The same numbers as promise(), in about a microsecond. */
    quote(order, options) {
      return guard(() => this.quotes([order], optionsOf(options), true)[0]);
    }

    /** Quotes of many orders in one call: an array in the same order, with an
     * OrderSlaError in the place of each order that is not valid. */
    quoteBatch(orders, options) {
      return guard(() => {
        if (!Array.isArray(orders)) throw new OrderSlaError('wrong_type', 'quoteBatch takes an array of orders');
        return this.quotes(orders, optionsOf(options), false);
      });
    }

    /** Quotes of `orders`, each taken from its promise. The full build's engine answers
     * from day tables instead (js/quote.js), with the same numbers. */
    quotes(orders, options, throwErrors) {
      return orders.map((order) => {
        try {
          return quoteOfPromise(this.promise(order, options));
        } catch (e) {
          const error = asOrderSlaError(e);
          if (throwErrors) throw error;
          return error;
        }
      });
    }

    /** The full build's (see js/full.js); here they throw `not_in_this_build`. */
    latestOrderBy() {
      throw notInThisBuild('latestOrderBy');
    }

    auditRow() {
      throw notInThisBuild('auditRow');
    }

    track() {
      throw notInThisBuild('track');
    }

    calendar() {
      throw notInThisBuild('calendar');
    }

    compile() {
      throw notInThisBuild('compile');
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

    /** Call options as the core reads them: `at` (the checkout instant, default now) as
     * epoch ms, `confidence` a number. */
    callOptions(options) {
      const { at, confidence } = optionsOf(options);
      if (confidence !== undefined && typeof confidence !== 'number') {
        throw new OrderSlaError('invalid_options', 'options.confidence: expected a number from 0.01 to 1', { path: 'options.confidence', problems: [{ code: 'wrong_type', path: 'options.confidence', message: 'expected a number from 0.01 to 1' }] });
      }
      // The core never reads a clock: "now" is only the default for an order not yet placed.
      return { at: at === undefined ? Math.floor(Date.now()) : this.instant(at, 'options.at'), confidence };
    }

    /** An instant option as this build reads it. */
    instant(value, path) {
      return instantOption(value, path);
    }

    /** The same promise as the JSON text the core wrote: store this to keep it byte for byte
     * (it is identical in every runtime). */
    promiseJson(order, options) {
      return guard(() => {
        const opts = this.callOptions(options);
        const orderJson = toJson(order, 'order');
        return this[INNER]().promise(orderJson, JSON.stringify(opts));
      });
    }
  }

  const full = extend?.(Engine);
  const EngineClass = full?.Engine ?? Engine;

  /** Loads a policy: a compiled policy's bytes (every build), or the policy as an object or
   * JSON text (the full build: Node, Deno, Bun, workers), validated with every problem listed. */
  function createEngine(policy) {
    return guard(() => load(policy));
  }

  function load(policy) {
    const bytes = compiledBytes(policy);
    if (bytes) {
      if (bytes.length > LIMITS.policyBytes) throw new OrderSlaError('document_too_large', `the compiled policy is ${bytes.length} bytes; the limit is ${LIMITS.policyBytes}`);
      return new EngineClass(glue.WasmEngine.fromCompiled(bytes));
    }
    if (!full) {
      throw new OrderSlaError(
        'compiled_policy_required',
        'the browser build loads compiled policies: pass the bytes of `order-sla compile` or of engine.compile() in the full build',
      );
    }
    return new EngineClass(full.load(toJson(policy, 'policy')));
  }

  return {
    createEngine,
    limits: LIMITS,
    Engine: EngineClass,
    version: glue.engineVersion(),
    tzdataVersion: glue.tzdataVersion(),
    presetsVersion: glue.presetsVersion(),
  };
}
