// The audit of many orders (Node tooling): rows of orders with their events, read as a
// stream (NDJSON or CSV, or objects), each tracked at one instant, with a summary kept in
// constant memory: on-time rates, at-risk and breached counts by reason, owner, node, service
// and day, the lateness distribution and the at-risk orders due soonest. See docs/audit.md.
import { OrderSlaError, LIMITS } from './core.js';
import { readInstant } from './instant.js';

/** How many at-risk orders, and bad rows, the summary lists (soonest due first). */
export const LISTED = 100;
const MINUTE = 60_000;
// Lateness is counted per minute up to 60 days; later is counted in the last minute.
const LATENESS_MINUTES = 60 * 24 * 60;

/** Rows from `source` with where each came from: `{ file, line, row }` (an object),
 * `{ file, line, text }` (an NDJSON line) or `{ file, line, error }`. `source` is an array or iterable of row objects or of NDJSON/CSV lines, or an
 * async iterable of row objects or of text chunks (a Node stream, a web ReadableStream:
 * bytes or strings) in NDJSON or CSV. */
export async function* readRows(source, { file = '', format } = {}) {
  // A text or bytes alone are the contents of a file (not an iterable of characters).
  if (typeof source === 'string' || source instanceof Uint8Array) source = [source];
  if (source === null || typeof source !== 'object' || (source[Symbol.asyncIterator] === undefined && source[Symbol.iterator] === undefined)) {
    throw new OrderSlaError('wrong_type', 'audit reads rows from an array or iterable of rows or lines, a text, or a stream of text or bytes');
  }
  const sync = source[Symbol.asyncIterator] === undefined;
  const it = sync ? source[Symbol.iterator]() : source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest = async function* () {
    yield first.value;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  };
  const item = first.value;
  if (typeof item === 'object' && item !== null && !(item instanceof Uint8Array)) {
    let line = 0;
    for await (const row of rest()) yield { file, line: ++line, row };
  } else if (sync && !(typeof item === 'string' && item.includes('\n')) && !(item instanceof Uint8Array)) {
    // Lines given one by one.
    yield* readText((async function* () {
      for await (const l of rest()) yield `${l}\n`;
    })(), { file, format });
  } else {
    yield* readText(rest(), { file, format });
  }
}

/** Lines of text chunks, each with its number (CR LF or LF). A line longer than a row may
 * be (`LIMITS.documentBytes`) is not kept: it is `{ number, tooLong: length }`, found in one
 * pass over its chunks, so that a huge line costs neither time nor memory. */
async function* lines(chunks) {
  const decoder = new TextDecoder();
  const max = LIMITS.documentBytes;
  let parts = [];
  let length = 0;
  let number = 0;
  const line = () => {
    number++;
    if (length > max) return { number, tooLong: length };
    const text = parts.length === 1 ? parts[0] : parts.join('');
    return { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let from = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
      length += at - from;
      if (length <= max) parts.push(text.slice(from, at));
      yield line();
      parts = [];
      length = 0;
      from = at + 1;
    }
    length += text.length - from;
    if (length <= max) parts.push(text.slice(from));
    else parts = [];
  }
  const last = decoder.decode();
  length += last.length;
  if (length <= max && last !== '') parts.push(last);
  if (length > 0) yield line();
}

async function* readText(chunks, { file, format }) {
  let kind = format;
  let csv;
  for await (const { number, text, tooLong } of lines(chunks)) {
    if (tooLong !== undefined) {
      yield { file, line: number, error: new OrderSlaError('document_too_large', `the line is ${tooLong} characters; a row may have at most ${LIMITS.documentBytes} bytes`) };
      continue;
    }
    if (text.trim() === '' && !csv?.open) continue;
    // The format is that of the first line that is a JSON object or a CSV header (fields
    // separated by commas); a line that is neither (a comment, a title) is a bad row, and
    // the next line is looked at.
    if (kind === undefined) {
      const start = text.trimStart();
      if (start.startsWith('{')) kind = 'ndjson';
      else if (start.includes(',') && !start.startsWith('#') && !start.startsWith('//')) kind = 'csv';
      else {
        yield { file, line: number, error: new OrderSlaError('invalid_row', 'neither a JSON object (NDJSON) nor a CSV header row (see docs/audit.md)') };
        continue;
      }
    }
    if (kind === 'ndjson') {
      // Handed over as text: the engine reads it (and reports what is wrong with it).
      yield { file, line: number, text };
      continue;
    }
    csv ??= new CsvRows();
    const done = csv.push(text, number);
    if (done) yield { file, ...done };
  }
  if (csv?.open) yield { file, line: csv.start, error: new OrderSlaError('invalid_csv', 'a quoted field is not closed before the end of the file') };
}

/** The columns a CSV header must have (docs/audit.md). */
const CSV_COLUMNS = ['placedAt', 'country', 'lines', 'events'];

/** CSV (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks) with a header
 * row naming the columns of docs/audit.md; rows become `{ order, service, events, promise }`. */
class CsvRows {
  header;
  open = false;
  fields = [];
  field = '';
  start = 0;

  /** Adds a physical line; a finished record gives `{ line, row }` or `{ line, error }`. */
  push(text, number) {
    if (!this.open) {
      this.fields = [];
      this.field = '';
      this.start = number;
    } else {
      this.field += '\n';
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.open) {
        if (c === '"' && text[i + 1] === '"') {
          this.field += '"';
          i++;
        } else if (c === '"') {
          this.open = false;
        } else {
          this.field += c;
        }
      } else if (c === '"' && this.field === '') {
        this.open = true;
      } else if (c === ',') {
        this.fields.push(this.field);
        this.field = '';
      } else {
        this.field += c;
      }
    }
    if (this.open) return undefined;
    this.fields.push(this.field);
    if (!this.header) {
      this.header = this.fields.map((f) => f.trim());
      const missing = CSV_COLUMNS.filter((c) => !this.header.includes(c));
      if (missing.length > 0) {
        return { line: number, error: new OrderSlaError('invalid_csv', `the header row has no ${missing.join(', ')} column (see docs/audit.md)`) };
      }
      return undefined;
    }
    try {
      return { line: this.start, row: csvRow(Object.fromEntries(this.header.map((h, i) => [h, this.fields[i] ?? '']))) };
    } catch (e) {
      return { line: this.start, error: e };
    }
  }
}

function csvRow(c) {
  const json = (name) => {
    if (c[name] === undefined || c[name] === '') return undefined;
    try {
      return JSON.parse(c[name]);
    } catch (e) {
      throw new OrderSlaError('invalid_csv', `the ${name} column is not JSON: ${e.message}`, { path: name });
    }
  };
  const text = (name) => (c[name] === undefined || c[name] === '' ? undefined : c[name]);
  const destination = { country: c.country };
  for (const k of ['region', 'postalCode', 'zone']) if (text(k)) destination[k] = c[k];
  const order = { id: text('id'), placedAt: c.placedAt, destination, lines: json('lines') };
  if (text('paymentCapturedAt')) order.paymentCapturedAt = c.paymentCapturedAt;
  if (order.id === undefined) delete order.id;
  return { order, service: text('service'), events: json('events') ?? [], promise: json('promise') };
}

function count(map, key) {
  if (key === null || key === undefined) return;
  map.set(key, (map.get(key) ?? 0) + 1);
}

const byCount = (map) => Object.fromEntries([...map].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))));

/** The summary of an audit, kept in constant memory as results are added. */
export class AuditSummary {
  orders = 0;
  badRows = 0;
  #status = new Map();
  #rates = { shipped: { met: 0, met_late: 0, breached: 0 }, delivered: { met: 0, met_late: 0, breached: 0 } };
  #problems = {
    at_risk: { total: 0, reason: new Map(), owner: new Map(), node: new Map(), service: new Map(), day: new Map() },
    breached: { total: 0, reason: new Map(), owner: new Map(), node: new Map(), service: new Map(), day: new Map() },
  };
  #lateness = new Uint32Array(LATENESS_MINUTES + 1);
  #late = 0;
  #shippedByDay = new Map();
  #atRisk = [];
  #bad = [];

  constructor(now) {
    this.now = now;
  }

  /** Counts one row's result (`auditRow`'s record) or its error. */
  add({ file, line, result, error }) {
    if (error) {
      this.badRows++;
      if (this.#bad.length < LISTED) this.#bad.push({ file, line, code: error.code ?? 'internal', message: error.message, path: error.path ?? '' });
      return;
    }
    this.orders++;
    count(this.#status, result.status);
    for (const m of result.milestones) {
      const rate = this.#rates[m.id];
      if (rate && rate[m.status] !== undefined) rate[m.status]++;
      if (m.id === 'shipped' && (m.status === 'met' || m.status === 'met_late' || m.status === 'breached')) {
        const day = this.#shippedByDay.get(m.dueDay) ?? { onTime: 0, late: 0 };
        day[m.status === 'met' ? 'onTime' : 'late']++;
        this.#shippedByDay.set(m.dueDay, day);
      }
      if (m.lateMs !== null && m.lateMs > 0) {
        this.#late++;
        this.#lateness[Math.min(Math.floor(m.lateMs / MINUTE), LATENESS_MINUTES)]++;
      }
      const problem = this.#problems[m.status];
      if (!problem) continue;
      problem.total++;
      for (const r of m.reasons) count(problem.reason, r);
      count(problem.owner, m.owner);
      count(problem.node, m.node);
      count(problem.service, result.service);
      count(problem.day, m.dueDay);
      if (m.status === 'at_risk') this.#listAtRisk({ file, line, orderId: result.orderId, service: result.service, ...m });
    }
  }

  // The LISTED at-risk milestones due soonest, kept sorted (insertion: the list is short).
  #listAtRisk(item) {
    const list = this.#atRisk;
    if (list.length === LISTED && item.due >= list[list.length - 1].due) return;
    let i = list.length;
    while (i > 0 && list[i - 1].due > item.due) i--;
    list.splice(i, 0, item);
    if (list.length > LISTED) list.pop();
  }

  #percentile(p) {
    if (this.#late === 0) return null;
    const want = Math.ceil(p * this.#late);
    let seen = 0;
    for (let m = 0; m <= LATENESS_MINUTES; m++) {
      seen += this.#lateness[m];
      if (seen >= want) return m * MINUTE;
    }
    return LATENESS_MINUTES * MINUTE;
  }

  /** Late milestones per lateness bucket (hours), for the report's histogram. */
  latenessHistogram(edgesHours = [0, 1, 4, 8, 24, 48, 72, 120, 168]) {
    const out = edgesHours.map((from, i) => ({ fromHours: from, toHours: edgesHours[i + 1] ?? null, count: 0 }));
    for (let m = 0; m <= LATENESS_MINUTES; m++) {
      if (this.#lateness[m] === 0) continue;
      const hours = m / 60;
      let b = out.length - 1;
      while (b > 0 && hours < out[b].fromHours) b--;
      out[b].count += this.#lateness[m];
    }
    return out;
  }

  toJSON() {
    const rate = ({ met, met_late: late, breached }) => ({
      onTime: met,
      late,
      breached,
      onTimeRate: met + late + breached === 0 ? null : met / (met + late + breached),
    });
    const problems = (p) => ({
      total: p.total,
      byReason: byCount(p.reason),
      byOwner: byCount(p.owner),
      byNode: byCount(p.node),
      byService: byCount(p.service),
      byDay: Object.fromEntries([...p.day].sort()),
    });
    return {
      now: new Date(this.now).toISOString(),
      orders: this.orders,
      badRows: this.badRows,
      byStatus: byCount(this.#status),
      shipping: rate(this.#rates.shipped),
      delivery: rate(this.#rates.delivered),
      atRisk: problems(this.#problems.at_risk),
      breached: problems(this.#problems.breached),
      lateness: { late: this.#late, p50Ms: this.#percentile(0.5), p90Ms: this.#percentile(0.9), p99Ms: this.#percentile(0.99), histogram: this.latenessHistogram() },
      shippedByDay: Object.fromEntries([...this.#shippedByDay].sort()),
      atRiskList: this.#atRisk,
      badRowList: this.#bad,
    };
  }
}

/** Each read row tracked on this thread. */
async function* serial(items, engine, now) {
  for await (const item of items) yield evaluate(engine, item, now);
}

/** One read row (an object or NDJSON text) tracked by the engine (`engine.auditRow`):
 * `{ file, line, result }`, or the row's error with its order id when it has one. */
export function evaluate(engine, item, now) {
  if (item.error) return item;
  try {
    return { file: item.file, line: item.line, result: engine.auditRow(item.text ?? item.row, { now }) };
  } catch (e) {
    if (!(e instanceof OrderSlaError)) throw e;
    return { file: item.file, line: item.line, orderId: orderIdOf(item), error: e };
  }
}

function orderIdOf(item) {
  try {
    const id = (item.row ?? JSON.parse(item.text))?.order?.id;
    return id === undefined ? undefined : String(id);
  } catch {
    return undefined;
  }
}

/** Audits `source` (see readRows) against `engine` at `now`: an async iterator of
 * `{ file, line, result }` or `{ file, line, error }` in input order, whose `summary()` is
 * the summary once all rows are read (reading the rest if needed). `strict`: the first bad
 * row throws. `workers` > 1 (with `policy`, which each worker loads, and `parallel`, the
 * worker threads of js/audit-workers.js that Node's entries hand over): rows are tracked on
 * that many threads, in the same order. */
export function auditRows(engine, source, { now, file, format, strict = false, workers = 1, policy, parallel } = {}) {
  const at = now === undefined ? Math.floor(Date.now()) : readInstant(now, 'now');
  const summary = new AuditSummary(at);
  let done = false;
  async function* run() {
    const items = readRows(source, { file, format });
    const evaluated = workers > 1 && policy !== undefined && parallel
      ? parallel(items, { policy, now: at, workers })
      : serial(items, engine, at);
    for await (const out of evaluated) {
      if (out.error && strict) throw withPlace(out.error, out);
      summary.add(out);
      yield out;
    }
    done = true;
  }
  const rows = run();
  return {
    [Symbol.asyncIterator]: () => rows,
    async summary() {
      if (!done) for await (const _ of rows);
      return summary.toJSON();
    },
  };
}

function withPlace(error, { file, line }) {
  error.message = `${file ? `${file}:` : 'line '}${line}: ${error.message}`;
  return error;
}

/** `audit(source, { policy | engine, now, file, format, strict, workers })` for an entry
 * point's createEngine: auditRows with the engine made from `policy` when none is given
 * (worker threads need `policy`, and `parallel`: Node's entries give js/audit-workers.js;
 * elsewhere rows are tracked one after the other). */
export function makeAudit(createEngine, parallel) {
  return function audit(source, options) {
    if (options === null || typeof options !== 'object') throw new OrderSlaError('missing_field', 'audit needs { policy } or { engine }', { path: 'policy' });
    const { engine, policy, ...rest } = options;
    if (!engine && policy === undefined) throw new OrderSlaError('missing_field', 'audit needs { policy } or { engine }', { path: 'policy' });
    if (source === null || source === undefined) throw new OrderSlaError('wrong_type', 'audit reads rows from an array or iterable of rows or lines, a text, or a stream of text or bytes');
    return auditRows(engine ?? createEngine(policy), source, { ...rest, policy, parallel });
  };
}
