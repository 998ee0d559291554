// What only the full build has (Node, Deno, Bun, workers): policies from JSON with every
// problem reported, compiling them for the browser build, tracking, deadlines and calendars.
import {
  OrderSlaError, makeApi, toJson, optionsOf, call, asOrderSlaError, Handle, INNER, LIMITS,
} from './core.js';
import { readInstant } from './instant.js';
import { provide } from './api.js';
import { makeAudit } from './audit.js';
import { QuoteCodec } from './quote.js';

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
      return call(() => {
        if (typeof n !== 'number') throw new OrderSlaError('invalid_argument', 'n: expected a whole number of working days', { path: 'n' });
        return this[INNER]().addWorkingDays(dateArg(date, 'date'), n);
      });
    }

    /** Working days from `from` (counted) to `to` (not counted); negative when `to` is earlier. */
    workingDaysBetween(from, to) {
      return call(() => this[INNER]().workingDaysBetween(dateArg(from, 'from'), dateArg(to, 'to')));
    }

    /** The closed dates of `year` with their names: `[{ date, name }]`, in date order. */
    holidays(year) {
      return call(() => {
        if (typeof year !== 'number') throw new OrderSlaError('invalid_argument', 'year: expected a year such as 2026', { path: 'year' });
        return JSON.parse(this[INNER]().holidays(year));
      });
    }
  }

  /** A calendar from a preset id (`'us'`, `'gb-eng'`, `'ups'`) or a definition object
   * (`{ extends: ['us'], omit: ['Columbus Day'], holidays: [...] }`). */
  function calendar(definition) {
    return call(() => {
      const json = typeof definition === 'string' ? toJson(JSON.stringify(definition), 'calendar') : toJson(definition, 'calendar');
      return new Calendar(new glue.WasmCalendar(json));
    });
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
      /** Instants are read here as the core reads them (the encoder needs numbers). */
      instant(value, path) {
        return readInstant(value, path);
      }

      quotes(orders, options, throwErrors) {
        const inner = this[INNER]();
        const codec = (this.#codec ??= new QuoteCodec(JSON.parse(inner.quoteInfo()), glue.isZone, LIMITS));
        const { at, confidence } = this.callOptions(options);
        const results = new Array(orders.length);
        // Orders are encoded a run at a time, so that a batch never takes more wasm memory
        // than one run (CHUNK numbers), however many orders it has.
        for (let from = 0; from < orders.length; ) {
          codec.reset();
          const taken = [];
          let to = from;
          for (; to < orders.length && (to === from || codec.length < QuoteCodec.CHUNK); to++) {
            let encoded;
            try {
              encoded = codec.encode(orders[to], at, confidence);
            } catch (e) {
              // The caller's object failed while read (a throwing getter, a Proxy): its error.
              const error = asOrderSlaError(e);
              if (throwErrors) throw error;
              results[to] = error;
              continue;
            }
            // Not taken by the encoder: through its promise, as the base engine quotes.
            if (encoded) taken.push(to);
            else results[to] = super.quotes([orders[to]], { at, confidence }, throwErrors)[0];
          }
          if (taken.length > 0) this.#run(inner, codec, taken, orders, results, { at, confidence }, throwErrors);
          from = to;
        }
        return results;
      }

      #run(inner, codec, taken, orders, results, options, throwErrors) {
        if (codec.length > this.#room) {
          this.#room = Math.max(codec.length, 2 * this.#room, 1024);
          this.#input = inner.quoteInput(this.#room) / 8; // before the view: it may grow memory
        }
        memoryNumbers().set(codec.buffer, this.#input);
        let next = inner.quoteRun(taken.length) / 8;
        if (next === 0) throw new OrderSlaError('internal', 'the encoded orders did not follow the layout');
        const out = memoryNumbers();
        for (let k = 0; k < taken.length; k++) {
          let quote;
          ({ quote, next } = codec.decode(k, out, next));
          // Not answered from the tables: through its promise (which reports an invalid
          // order's problems).
          results[taken[k]] = quote ?? super.quotes([orders[taken[k]]], options, throwErrors)[0];
        }
      }

      /** The policy compiled for orders placed in the years `from`..`to` (at most 50
       * years; default: this year and next), as bytes for createEngine() in the browser
       * build. Promises from them are byte-identical to this engine's for those years. */
      compile(years) {
        return call(() => {
          const { from, to } = optionsOf(years, 'years');
          for (const [k, v] of [['from', from], ['to', to]]) {
            if (v !== undefined && typeof v !== 'number') throw new OrderSlaError('invalid_argument', `years.${k}: expected a year such as 2026`, { path: `years.${k}` });
          }
          const year = new Date().getUTCFullYear();
          return this[INNER]().compile(from ?? year, to ?? (from ?? year) + 1);
        });
      }

      /** The last order-by instant per service to arrive by `query.arriveBy`. */
      latestOrderBy(query) {
        // toJson's replacer turns a Date `now` into epoch ms like every other Date.
        return call(() => JSON.parse(this[INNER]().latestOrderBy(toJson(query, 'query'))));
      }

      /** One row of an audit (`{ order, events, service?, promise? }`, or its JSON text)
       * tracked at `now`: the compact record `audit()` yields (docs/audit.md). Without a
       * stored promise the order is promised again, without the promise's text. */
      auditRow(row, options) {
        return call(() => {
          const { now } = optionsOf(options);
          const at = now === undefined ? Math.floor(Date.now()) : readInstant(now, 'options.now');
          return JSON.parse(this[INNER]().auditRow(toJson(row, 'row'), at));
        });
      }

      /** Tracking of a stored promise against the order's events at `now` (default: the
       * current time): each milestone's due, status, remaining time, reasons, owner and route,
       * the order's status and its history. `service`: the option the customer chose (needed
       * when the promise has several). */
      track(promise, events, options) {
        return call(() => {
          const { now, service } = optionsOf(options);
          if (service !== undefined && typeof service !== 'string') {
            throw new OrderSlaError('invalid_options', 'options.service: expected the id of a service', { path: 'options.service', problems: [{ code: 'wrong_type', path: 'options.service', message: 'expected the id of a service' }] });
          }
          const at = now === undefined ? Math.floor(Date.now()) : readInstant(now, 'options.now');
          const promiseJson = toJson(promise, 'promise');
          if (!Array.isArray(events) && typeof events !== 'string') {
            throw new OrderSlaError('wrong_type', 'the events must be a list or JSON text');
          }
          const eventsJson = toJson(events, 'events');
          return JSON.parse(this[INNER]().track(promiseJson, eventsJson, JSON.stringify({ now: at, service })));
        });
      }

      /** A calendar by id: the policy's own `calendars` first, then the presets. */
      calendar(id) {
        return call(() => {
          if (typeof id !== 'string') throw new OrderSlaError('wrong_type', 'the calendar id must be a string');
          if (id.length > LIMITS.textBytes) throw new OrderSlaError('too_large', `a calendar id of ${id.length} characters; the limit is ${LIMITS.textBytes} bytes`);
          return new Calendar(this[INNER]().calendar(id));
        });
      }
    }
    return { Engine: FullEngine, load: (json) => new glue.WasmEngine(json) };
  });

  /** Checks a policy without keeping it: `{ valid, code?, message?, problems, warnings }`;
   * `warnings` are settings that load but have no effect (`no_effect`, with their paths). */
  function validatePolicy(policy) {
    let json;
    try {
      json = toJson(policy, 'policy');
    } catch (e) {
      const error = asOrderSlaError(e);
      return { valid: false, code: error.code, message: error.message, problems: [], warnings: [] };
    }
    const out = JSON.parse(glue.validatePolicy(json));
    if (out.code === undefined) return { valid: true, problems: [], warnings: out.warnings };
    return { valid: false, code: out.code, message: out.message, problems: out.problems, warnings: [] };
  }

  return {
    ...api,
    validatePolicy,
    calendar,
    presets: () => JSON.parse(glue.presets()),
    Calendar,
  };
}

/** Fills the API (api.js) with the full build over `glue`; `parallel` runs audits in worker
 * threads where the runtime has them (Node). */
export function provideFull(glue, parallel) {
  const api = makeFullApi(glue);
  provide({ ...api, audit: makeAudit(api.createEngine, parallel) });
}
