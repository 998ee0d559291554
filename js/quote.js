// Quotes without JSON: orders are encoded as numbers straight into the engine's memory,
// answered in one call (one order or a run of a batch), and read back as numbers. Nothing
// is parsed or formatted on the way, so a quote costs about a microsecond, not the hundreds
// of a JSON promise. The layout is documented with its decoder, src/eval/fast/wire.rs.
//
// The encoder reads each property of an order once, own enumerable ones only (as
// JSON.stringify does); it checks the shape and the core's limits, and sends anything
// unusual (a text that is not a plain RFC 3339 instant, an unknown node, a key the core
// would reject, a list or text over its limit) down the JSON path instead: the full promise,
// whose numbers the quote then takes, and which reports every problem with its path. The core checks what the encoder does not (texts, ranges) exactly as the JSON
// path does, and asks for the JSON path when they fail, so the fast path only ever answers
// orders the promise would answer, with the same numbers (the tests compare both).

import { parseInstant, dateAt, MS_PER_DAY, MIN_DAY, MAX_DAY } from './instant.js';

const ORDER_KEYS = new Set(['id', 'placedAt', 'paymentCapturedAt', 'destination', 'lines', 'services', 'shipComplete', 'weight', 'value']);
const DESTINATION_KEYS = new Set(['country', 'region', 'postalCode', 'zone']);
const LINE_KEYS = new Set(['sku', 'quantity', 'node', 'tags', 'availableOn']);

/** An instant as a number the core range-checks, or undefined to take the JSON path. */
function instantOf(v) {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return typeof v === 'string' ? parseInstant(v) : undefined;
}

const isObject = (o) => o !== null && typeof o === 'object' && !Array.isArray(o);

let dayTexts;
/** `YYYY-MM-DD` of a day number, each worked out once. */
function dayText(d) {
  dayTexts ??= new Array(MAX_DAY - MIN_DAY + 1);
  return (dayTexts[d - MIN_DAY] ??= new Date(d * MS_PER_DAY).toISOString().slice(0, 10));
}

/** Encodes orders for one engine and reads its answers back. */
export class QuoteCodec {
  /** Numbers a run of a batch may take (8 bytes each) before it is answered. */
  static CHUNK = 1 << 20;

  #buf = new Float64Array(1024);
  #n = 0;
  // Per encoded order: where it starts in #buf, its id, the service indexes it asked for
  // (undefined: all) and the copy the encoder read.
  #orders = [];
  #nodes;
  #services;
  #serviceIds;
  #defaultNode;
  #slots;
  #reasons;
  #zones = new Set();
  #isZone;
  #limits;

  constructor(info, isZone, limits) {
    this.#nodes = new Map(info.nodes.map((id, i) => [id, i]));
    this.#services = new Map(info.services.map((id, i) => [id, i]));
    this.#serviceIds = info.services;
    this.#defaultNode = info.defaultNode;
    // The answer layout, as the core writes it (src/eval/fast/wire.rs).
    this.#slots = info.slots;
    this.#reasons = info.reasons;
    this.#isZone = isZone;
    this.#limits = limits;
  }

  reset() {
    this.#n = 0;
    this.#orders.length = 0;
  }

  get length() {
    return this.#n;
  }

  get buffer() {
    return this.#buf.subarray(0, this.#n);
  }

  #push(v) {
    if (this.#n === this.#buf.length) {
      const bigger = new Float64Array(this.#buf.length * 2);
      bigger.set(this.#buf);
      this.#buf = bigger;
    }
    this.#buf[this.#n++] = v;
  }

  /** A text, unless it is over the core's limit (a UTF-16 unit is at least a UTF-8 byte). */
  #text(s) {
    if (s.length > this.#limits.textBytes) return false;
    this.#push(s.length);
    for (let i = 0; i < s.length; i++) this.#push(s.charCodeAt(i));
    return true;
  }

  #optionalText(s) {
    if (s !== undefined) return typeof s === 'string' && this.#text(s);
    this.#push(-1);
    return true;
  }

  /** Appends `order`; false (and nothing appended) when it must take the JSON path. */
  encode(order, at, confidence) {
    const start = this.#n;
    const record = this.#tryEncode(order, at, confidence);
    if (record && this.#n - start <= this.#limits.requestBytes) {
      record.start = start;
      this.#orders.push(record);
      return true;
    }
    this.#n = start;
    return false;
  }

  // Each property is read once, and only own enumerable ones (as JSON.stringify reads
  // them): what the answer says of the order (its id, its services) is what was read here.
  #tryEncode(order, at, confidence) {
    if (!isObject(order)) return undefined;
    let id, placedAt, paymentCapturedAt, destination, lines, listed, shipComplete, weight, value;
    for (const k of Object.keys(order)) {
      if (k === 'id') id = order.id;
      else if (k === 'shipComplete') shipComplete = order.shipComplete;
      else if (k === 'weight') weight = order.weight;
      else if (k === 'value') value = order.value;
      else if (k === 'placedAt') placedAt = order.placedAt;
      else if (k === 'paymentCapturedAt') paymentCapturedAt = order.paymentCapturedAt;
      else if (k === 'destination') destination = order.destination;
      else if (k === 'lines') lines = order.lines;
      else if (k === 'services') listed = order.services;
      else return undefined;
    }
    const placed = placedAt === undefined ? at : instantOf(placedAt);
    const paid = paymentCapturedAt === undefined ? NaN : instantOf(paymentCapturedAt);
    if (placed === undefined || paid === undefined) return undefined;
    if (confidence !== undefined && !Number.isFinite(confidence)) return undefined;
    // A choice that is not a boolean is the JSON path's to report.
    if (shipComplete !== undefined && typeof shipComplete !== 'boolean') return undefined;
    // Weight and value: finite numbers (the core checks their range), else the JSON path's.
    for (const n of [weight, value]) if (n !== undefined && !(typeof n === 'number' && Number.isFinite(n))) return undefined;
    this.#push(placed);
    this.#push(paid);
    this.#push(confidence ?? NaN);
    this.#push(shipComplete === undefined ? NaN : Number(shipComplete));
    this.#push(weight ?? NaN);
    this.#push(value ?? NaN);
    // The id: a finite number as it is, or a text the core checks as the JSON path does.
    if (id === undefined || (typeof id === 'number' && Number.isFinite(id))) this.#push(-1);
    else if (typeof id !== 'string' || !this.#text(id)) return undefined;

    if (!isObject(destination)) return undefined;
    let country, region, postalCode, zone;
    for (const k of Object.keys(destination)) {
      if (k === 'country') country = destination.country;
      else if (k === 'region') region = destination.region;
      else if (k === 'postalCode') postalCode = destination.postalCode;
      else if (k === 'zone') zone = destination.zone;
      else return undefined;
    }
    if (typeof country !== 'string' || !this.#text(country)) return undefined;
    if (!this.#optionalText(region) || !this.#optionalText(postalCode)) return undefined;
    if (zone !== undefined && !this.#zone(zone)) return undefined;

    let services;
    if (listed === undefined) {
      this.#push(-1);
    } else {
      if (!Array.isArray(listed)) return undefined;
      const n = listed.length;
      if (n > this.#limits.orderServices) return undefined;
      // Each service once, in the order first listed (as the core reads them): the names
      // as read are what the answer says.
      const count = this.#n;
      this.#push(0);
      services = [];
      for (let i = 0; i < n; i++) {
        const name = listed[i];
        const s = this.#services.get(name);
        if (s === undefined) return undefined;
        if (!services.includes(name)) {
          services.push(name);
          this.#push(s);
        }
      }
      this.#buf[count] = services.length;
    }

    if (!Array.isArray(lines)) return undefined;
    const n = lines.length;
    if (n === 0 || n > this.#limits.lines) return undefined;
    this.#push(n);
    for (let i = 0; i < n; i++) {
      const line = lines[i];
      if (!isObject(line)) return undefined;
      let sku, quantity, node, tags, availableOn;
      for (const k of Object.keys(line)) {
        if (k === 'sku') sku = line.sku;
        else if (k === 'quantity') quantity = line.quantity;
        else if (k === 'node') node = line.node;
        else if (k === 'tags') tags = line.tags;
        else if (k === 'availableOn') availableOn = line.availableOn;
        else return undefined;
      }
      const at = node === undefined ? this.#defaultNode : this.#nodes.get(node);
      if (at === undefined || at === null || typeof sku !== 'string') return undefined;
      if (quantity !== undefined && !(Number.isInteger(quantity) && quantity >= 1 && quantity <= 1e6)) return undefined;
      let available = NaN;
      if (availableOn !== undefined) {
        available = typeof availableOn === 'string' && availableOn.length === 10 ? dateAt(availableOn) : undefined;
        if (available === undefined) return undefined;
      }
      this.#push(at);
      this.#push(available);
      if (!this.#text(sku)) return undefined;
      if (tags === undefined) {
        this.#push(0);
      } else {
        if (!Array.isArray(tags)) return undefined;
        const count = tags.length;
        if (count > this.#limits.tags) return undefined;
        this.#push(count);
        for (let t = 0; t < count; t++) {
          const tag = tags[t];
          if (typeof tag !== 'string' || !this.#text(tag)) return undefined;
        }
      }
    }
    return { id, services, start: 0 };
  }

  #zone(name) {
    if (typeof name !== 'string' || name.length > this.#limits.textBytes) return false;
    if (this.#zones.has(name)) return true;
    if (!this.#isZone(name)) return false;
    this.#zones.add(name);
    return true;
  }

  /** The quote of the `k`th encoded order from the numbers at `out[at]` (status, count,
   * slots), and where the next order's begin; `quote` is undefined when the core asks for
   * the JSON path. Everything it says of the order is what the encoder read. */
  decode(k, out, at) {
    const count = out[at + 1];
    const next = at + 2 + count * this.#slots;
    if (out[at] !== 0) return { quote: undefined, next };
    const { id, services, start } = this.#orders[k];
    const listed = services ?? this.#serviceIds;
    const options = new Array(count);
    for (let i = 0, p = at + 2; i < count; i++, p += this.#slots) {
      const code = out[p];
      options[i] =
        code === 0
          ? {
              service: listed[i],
              available: true,
              shipBy: out[p + 1],
              earliest: dayText(out[p + 2]),
              latest: dayText(out[p + 3]),
              confidence: Number.isNaN(out[p + 4]) ? null : out[p + 4],
              orderBy: out[p + 5],
              next: Number.isNaN(out[p + 6])
                ? null
                : { shipBy: out[p + 6], earliest: dayText(out[p + 7]), latest: dayText(out[p + 8]), orderBy: out[p + 9] },
              windowOrderBy: out[p + 10],
              windowNext: Number.isNaN(out[p + 11]) ? null : { earliest: dayText(out[p + 11]), latest: dayText(out[p + 12]) },
            }
          : { service: listed[i], available: false, reason: this.#reasons[code - 1] };
    }
    const quote = id === undefined ? {} : { orderId: String(id) };
    // As the core reads epoch milliseconds: the whole milliseconds.
    quote.placedAt = Math.floor(this.#buf[start]);
    quote.options = options;
    return { quote, next };
  }
}
