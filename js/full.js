// What only the full build has (Node, Deno, Bun, workers): policies from JSON with every
// problem reported, compiling them for the browser build, tracking, deadlines and calendars.
import {
  OrderSlaError, makeApi, toJson, instant, call, replacer, Handle, INNER,
} from './core.js';
import { QuoteCodec, instantOf } from './quote.js';

function dateArg(value, name) {
  if (typeof value === 'string') return value;
  const hint = value instanceof Date ? ': a Date is an instant, not a calendar day; pass the day as text in the zone you mean' : '';
  throw new OrderSlaError('invalid_date', `${name}: expected a date like "2026-11-26"${hint}`, { path: name });
}

const calendarFreed = () => new OrderSlaError('calendar_freed', 'this calendar was freed; get a new one with calendar()');

export function makeFullApi(glue) {
  // The instance's memory as numbers, made anew when memory grows (which detaches the old
  // buffer: its views then have length 0).
  const memory = glue.wasmMemory();
  let numbers = new Float64Array(memory.buffer);
  const memoryNumbers = () => (numbers.length > 0 ? numbers : (numbers = new Float64Array(memory.buffer)));

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

  const api = makeApi(glue, (Engine) => {
    /** The full build's engine: promises, and what needs the policy's source. */
    class FullEngine extends Engine {
      #codec;
      // Where encoded orders go in wasm memory, and how many numbers fit there.
      #input = 0;
      #room = 0;

      /** Quotes of `orders` from the policy's day tables: encoded as numbers into wasm
       * memory, answered in one call, read back as numbers (js/quote.js). Orders the encoder
       * does not take go through their promise, which reports their problems. */
      quotes(orders, { at, confidence } = {}, throwErrors) {
        const inner = this[INNER]();
        const codec = (this.#codec ??= new QuoteCodec(JSON.parse(inner.quoteInfo()), glue.isZone));
        // The core never reads a clock: "now" is only the default for an order not yet placed.
        const now = at === undefined ? Date.now() : instant(at, 'options.at');
        const nowNumber = instantOf(now);
        codec.reset();
        const encoded = new Array(orders.length);
        let count = 0;
        for (let i = 0; i < orders.length; i++) if ((encoded[i] = codec.encode(orders[i], nowNumber, confidence))) count++;
        let out;
        let next = 0;
        if (count > 0) {
          if (codec.length > this.#room) {
            this.#room = Math.max(codec.length, 2 * this.#room, 1024);
            this.#input = inner.quoteInput(this.#room) / 8; // before the view: it may grow memory
          }
          memoryNumbers().set(codec.buffer, this.#input);
          next = inner.quoteRun(count) / 8;
          if (next === 0) throw new OrderSlaError('internal', 'the encoded orders did not follow the layout');
          out = memoryNumbers();
        }
        const results = new Array(orders.length);
        for (let i = 0, k = 0; i < orders.length; i++) {
          let quote;
          if (encoded[i]) ({ quote, next } = codec.decode(k++, orders[i], out, next));
          // Not encoded, or not answered from the tables: through its promise, as the base
          // engine quotes (which also puts an invalid order's error in its place).
          results[i] = quote ?? super.quotes([orders[i]], { at: now, confidence }, throwErrors)[0];
        }
        return results;
      }

      /** The policy compiled for orders placed in the years `from`..`to` (at most 50
       * years; default: this year and next), as bytes for createEngine() in the browser
       * build. Promises from them are byte-identical to this engine's for those years. */
      compile({ from, to } = {}) {
        const year = new Date().getUTCFullYear();
        return call(() => this[INNER]().compile(from ?? year, to ?? (from ?? year) + 1));
      }

      /** The last order-by instant per service to arrive by `query.arriveBy`. */
      latestOrderBy(query) {
        // toJson's replacer turns a Date `now` into epoch ms like every other Date.
        return JSON.parse(call(() => this[INNER]().latestOrderBy(toJson(query, 'query'))));
      }

      /** One row of an audit (`{ order, events, service?, promise? }`, or its JSON text)
       * tracked at `now`: the compact record `audit()` yields (docs/audit.md). Without a
       * stored promise the order is promised again, without the promise's text. */
      auditRow(row, { now } = {}) {
        const text = typeof row === 'string' ? row : toJson(row, 'row');
        const at = instantOf(instant(now, 'options.now') ?? Date.now());
        if (at === undefined) throw new OrderSlaError('invalid_instant', 'options.now: expected a Date, an RFC 3339 string or epoch milliseconds', { path: 'options.now' });
        return JSON.parse(call(() => this[INNER]().auditRow(text, Math.floor(at))));
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
    return { Engine: FullEngine, load: (json) => new glue.WasmEngine(json) };
  });

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
    ...api,
    validatePolicy,
    calendar,
    presets: () => JSON.parse(glue.presets()),
    Calendar,
  };
}
