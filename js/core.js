// The idiomatic JavaScript API over wasm-bindgen's generated glue.
//
// Each runtime entry point (node.js today) initialises the glue the way its runtime
// allows and hands it to makeApi(). Everything crosses the boundary as JSON text, so a
// result is byte-for-byte what the Rust core wrote, in every runtime.

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

const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');

// Dates become epoch milliseconds (exact, zone-free); an invalid Date is sent as a
// string the core rejects with its path, instead of JSON.stringify's silent null.
function replacer(key, value) {
  const raw = this[key];
  if (raw instanceof Date) {
    const t = raw.getTime();
    return Number.isNaN(t) ? 'Invalid Date' : t;
  }
  return value;
}

function toJson(value, what) {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') {
    throw new OrderSlaError('wrong_type', `the ${what} must be an object or JSON text, not ${value === null ? 'null' : typeof value}`);
  }
  try {
    return JSON.stringify(value, replacer);
  } catch (e) {
    throw new OrderSlaError('invalid_input', `the ${what} cannot be written as JSON: ${e.message}`);
  }
}

function instant(value, path) {
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

function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw fromWasm(e);
  }
}

function dateArg(value, name) {
  if (typeof value === 'string') return value;
  const hint = value instanceof Date ? ': a Date is an instant, not a calendar day; pass the day as text in the zone you mean' : '';
  throw new OrderSlaError('invalid_date', `${name}: expected a date like "2026-11-26"${hint}`, { path: name });
}

const INNER = Symbol('inner');

/** Owns one wasm-bindgen object: frees it once, and refuses use after free with a clear error
 * (the generated glue would fail with a null-pointer message). */
class Handle {
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

export function makeApi(glue) {
  const engineFreed = () => new OrderSlaError('engine_freed', 'this engine was freed; create a new one with createEngine()');
  const calendarFreed = () => new OrderSlaError('calendar_freed', 'this calendar was freed; get a new one with calendar()');

  /** A business calendar: working weekdays and named holidays. Create with calendar()
   * (a preset id or a definition) or engine.calendar(id). Dates are `YYYY-MM-DD` text. */
  class Calendar extends Handle {
    constructor(inner) {
      super(inner, calendarFreed);
    }

    /** The worked weekdays: `['mon', 'tue', ...]`. */
    get weekdays() {
      return JSON.parse(this[INNER]().weekdays);
    }

    /** Whether `date` is a working day. */
    isWorkingDay(date) {
      return this.dayOff(date) === null;
    }

    /** Why `date` is not a working day: `{ reason: 'holiday', name }` or
     * `{ reason: 'weekday', weekday: 'sat' }`; `null` on a working day. */
    dayOff(date) {
      const out = call(() => this[INNER]().dayOff(dateArg(date, 'date')));
      return out === '' ? null : JSON.parse(out);
    }

    /** The first working day after `date`. */
    nextWorkingDay(date) {
      return call(() => this[INNER]().nextWorkingDay(dateArg(date, 'date')));
    }

    /** The last working day before `date`. */
    previousWorkingDay(date) {
      return call(() => this[INNER]().previousWorkingDay(dateArg(date, 'date')));
    }

    /** `n` working days after `date` (before it when `n` is negative); the start day does
     * not count. `n = 0` gives `date` itself if it is a working day, else the next one. */
    addWorkingDays(date, n) {
      if (typeof n !== 'number') throw new OrderSlaError('invalid_argument', 'n: expected a whole number of working days', { path: 'n' });
      return call(() => this[INNER]().addWorkingDays(dateArg(date, 'date'), n));
    }

    /** Working days from `from` (counted) to `to` (not counted); negative when `to` is earlier. */
    workingDaysBetween(from, to) {
      return call(() => this[INNER]().workingDaysBetween(dateArg(from, 'from'), dateArg(to, 'to')));
    }

    /** The closed dates of `year` with their names: `[{ date, name }]`, in date order. */
    holidays(year) {
      if (typeof year !== 'number') throw new OrderSlaError('invalid_argument', 'year: expected a year such as 2026', { path: 'year' });
      return JSON.parse(call(() => this[INNER]().holidays(year)));
    }
  }

  /** A calendar from a preset id (`'us'`, `'gb-eng'`, `'ups'`) or a definition object
   * (`{ extends: ['us'], omit: ['Columbus Day'], holidays: [...] }`). */
  function calendar(definition) {
    const json = typeof definition === 'string' ? JSON.stringify(definition) : toJson(definition, 'calendar');
    return new Calendar(call(() => new glue.WasmCalendar(json)));
  }

  /** A policy loaded once, evaluated for many orders. Create with createEngine(). */
  class Engine extends Handle {
    constructor(inner) {
      super(inner, engineFreed);
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

    /** The last order-by instant per service to arrive by `query.arriveBy`. */
    latestOrderBy(query) {
      // toJson's replacer turns a Date `now` into epoch ms like every other Date.
      return JSON.parse(call(() => this[INNER]().latestOrderBy(toJson(query, 'query'))));
    }

    /** Tracking of a stored promise against the order's events at `now` (default: the
     * current time): each milestone's due, status, remaining time, reasons, owner and route,
     * the order's status and its history. `service`: the option the customer chose (needed
     * when the promise has several). */
    track(promise, events, { now, service } = {}) {
      const promiseJson = toJson(promise, 'promise');
      if (!Array.isArray(events) && typeof events !== 'string') {
        throw new OrderSlaError('wrong_type', 'the events must be a list or JSON text');
      }
      const eventsJson = typeof events === 'string' ? events : JSON.stringify(events, replacer);
      const options = JSON.stringify({ now: instant(now, 'options.now') ?? Date.now(), service });
      return JSON.parse(call(() => this[INNER]().track(promiseJson, eventsJson, options)));
    }

    /** A calendar by id: the policy's own `calendars` first, then the presets. */
    calendar(id) {
      if (typeof id !== 'string') throw new OrderSlaError('wrong_type', 'the calendar id must be a string');
      return new Calendar(call(() => this[INNER]().calendar(id)));
    }
  }

  /** Loads and validates a policy (object or JSON text). Throws OrderSlaError listing every problem. */
  function createEngine(policy) {
    const json = toJson(policy, 'policy');
    return new Engine(call(() => new glue.WasmEngine(json)));
  }

  /** Checks a policy without keeping it: `{ valid, code?, message?, problems }`. */
  function validatePolicy(policy) {
    let json;
    try {
      json = toJson(policy, 'policy');
    } catch (e) {
      return { valid: false, code: e.code, message: e.message, problems: [] };
    }
    const out = glue.validatePolicy(json);
    if (out === '') return { valid: true, problems: [] };
    const e = JSON.parse(out);
    return { valid: false, code: e.code, message: e.message, problems: e.problems };
  }

  return {
    createEngine,
    validatePolicy,
    calendar,
    presets: () => JSON.parse(glue.presets()),
    Engine,
    Calendar,
    version: glue.engineVersion(),
    tzdataVersion: glue.tzdataVersion(),
    presetsVersion: glue.presetsVersion(),
  };
}
