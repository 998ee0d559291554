// Quotes without JSON: orders are encoded as numbers straight into the engine's memory,
// answered in one call (one order or a whole batch), and read back as numbers. Nothing is
// parsed or formatted on the way, so a quote costs about a microsecond, not the hundreds
// of a JSON promise. The layout is documented with its decoder, src/quote.rs (`encoded`).
//
// The encoder checks the shape of each order and sends anything unusual (a string that is
// not a plain RFC 3339 instant, an unknown node, a key the core would reject) down the
// JSON path instead: the full promise, whose numbers the quote then takes, and which
// reports every problem with its path. The fast path only ever answers orders the promise
// would answer, and with the same numbers (the tests compare both on the whole corpus).

const ORDER_KEYS = new Set(['id', 'placedAt', 'paymentCapturedAt', 'destination', 'lines', 'services']);
const DESTINATION_KEYS = new Set(['country', 'region', 'postalCode', 'zone']);
const LINE_KEYS = new Set(['sku', 'quantity', 'node', 'tags', 'availableOn']);
// As src/quote.rs numbers them (outcome code - 1).
const REASONS = ['node_not_served', 'country_not_served', 'no_transit_time'];
const SLOTS = 10;
const MAX_LINES = 10000;
const MAX_LISTED = 1000;
const MS_PER_DAY = 86400000;

const INSTANT = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d\d):(\d\d))$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` in 2000-2199, else undefined. */
function day(y, m, d) {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d || y < 2000 || y > 2199) return undefined;
  return t / MS_PER_DAY;
}

/** Epoch ms of an RFC 3339 instant as the core reads it (offset required, digits past the
 * milliseconds truncated), else undefined. */
function parseInstant(s) {
  const m = INSTANT.exec(s);
  if (!m) return undefined;
  const d = day(+m[1], +m[2], +m[3]);
  const [h, min, sec] = [+m[4], +m[5], +m[6]];
  if (d === undefined || h > 23 || min > 59 || sec > 59) return undefined;
  const ms = m[7] ? +m[7].slice(0, 3).padEnd(3, '0') : 0;
  let offset = 0;
  if (m[8]) {
    const [oh, om] = [+m[9], +m[10]];
    if (oh > 23 || om > 59) return undefined;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 3600 + om * 60) * 1000;
  }
  return d * MS_PER_DAY + ((h * 60 + min) * 60 + sec) * 1000 + ms - offset;
}

/** An instant as a number the core range-checks, or undefined to take the JSON path. */
export function instantOf(v) {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return typeof v === 'string' ? parseInstant(v) : undefined;
}

function onlyKeys(o, keys) {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return false;
  for (const k in o) if (!keys.has(k)) return false;
  return true;
}

const dayTexts = new Map();
/** `YYYY-MM-DD` of a day number, each worked out once. */
function dayText(d) {
  let text = dayTexts.get(d);
  if (text === undefined) dayTexts.set(d, (text = new Date(d * MS_PER_DAY).toISOString().slice(0, 10)));
  return text;
}

/** Encodes orders for one engine and reads its answers back. */
export class QuoteCodec {
  #buf = new Float64Array(1024);
  #n = 0;
  // Where each encoded order starts in #buf.
  #starts = [];
  #nodes;
  #services;
  #defaultNode;
  #zones = new Set();
  #isZone;

  constructor(info, isZone) {
    this.#nodes = new Map(info.nodes.map((id, i) => [id, i]));
    this.#services = info.services;
    this.#defaultNode = info.defaultNode;
    this.#isZone = isZone;
  }

  reset() {
    this.#n = 0;
    this.#starts.length = 0;
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

  #text(s) {
    this.#push(s.length);
    for (let i = 0; i < s.length; i++) this.#push(s.charCodeAt(i));
  }

  #optionalText(s) {
    if (s === undefined) this.#push(-1);
    else this.#text(s);
  }

  /** Appends an order; false (and nothing appended) when it must take the JSON path. */
  encode(order, at, confidence) {
    const start = this.#n;
    if (this.#tryEncode(order, at, confidence)) {
      this.#starts.push(start);
      return true;
    }
    this.#n = start;
    return false;
  }

  #tryEncode(order, at, confidence) {
    if (!onlyKeys(order, ORDER_KEYS)) return false;
    const { id, destination: dest, lines, services } = order;
    if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return false;
    const placed = order.placedAt === undefined ? at : instantOf(order.placedAt);
    const paid = order.paymentCapturedAt === undefined ? NaN : instantOf(order.paymentCapturedAt);
    if (placed === undefined || paid === undefined) return false;
    if (confidence !== undefined && !(typeof confidence === 'number' && Number.isFinite(confidence))) return false;
    this.#push(placed);
    this.#push(paid);
    this.#push(confidence ?? NaN);

    if (!onlyKeys(dest, DESTINATION_KEYS)) return false;
    const { country, region, postalCode, zone } = dest;
    if (typeof country !== 'string' || !(region === undefined || typeof region === 'string')) return false;
    if (!(postalCode === undefined || typeof postalCode === 'string')) return false;
    if (zone !== undefined && !this.#zone(zone)) return false;
    this.#text(country);
    this.#optionalText(region);
    this.#optionalText(postalCode);

    if (services === undefined) {
      this.#push(-1);
    } else {
      if (!Array.isArray(services) || services.length > MAX_LISTED) return false;
      this.#push(services.length);
      for (const s of services) {
        const i = this.#services.indexOf(s);
        if (i < 0) return false;
        this.#push(i);
      }
    }

    if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_LINES) return false;
    this.#push(lines.length);
    for (const line of lines) {
      if (!onlyKeys(line, LINE_KEYS)) return false;
      const { sku, quantity, tags, availableOn } = line;
      const node = line.node === undefined ? this.#defaultNode : this.#nodes.get(line.node);
      if (node === undefined || node === null || typeof sku !== 'string') return false;
      if (quantity !== undefined && !(Number.isInteger(quantity) && quantity >= 1 && quantity <= 1e6)) return false;
      let available = NaN;
      if (availableOn !== undefined) {
        const m = typeof availableOn === 'string' && DATE.exec(availableOn);
        available = m ? day(+m[1], +m[2], +m[3]) : undefined;
        if (available === undefined) return false;
      }
      this.#push(node);
      this.#push(available);
      this.#text(sku);
      if (tags === undefined) {
        this.#push(0);
      } else {
        if (!Array.isArray(tags)) return false;
        this.#push(tags.length);
        for (const t of tags) {
          if (typeof t !== 'string') return false;
          this.#text(t);
        }
      }
    }
    return true;
  }

  #zone(name) {
    if (typeof name !== 'string') return false;
    if (this.#zones.has(name)) return true;
    if (!this.#isZone(name)) return false;
    this.#zones.add(name);
    return true;
  }

  /** The quote of the `k`th encoded order, `order`, from the numbers at `out[at]` (status,
   * count, slots), and where the next order's begin; `quote` is undefined when the core
   * asks for the JSON path. */
  decode(k, order, out, at) {
    const count = out[at + 1];
    const next = at + 2 + count * SLOTS;
    if (out[at] !== 0) return { quote: undefined, next };
    const ids = order.services ?? this.#services;
    const options = new Array(count);
    for (let i = 0, p = at + 2; i < count; i++, p += SLOTS) {
      const code = out[p];
      options[i] =
        code === 0
          ? {
              service: ids[i],
              available: true,
              shipBy: out[p + 1],
              earliest: dayText(out[p + 2]),
              latest: dayText(out[p + 3]),
              confidence: Number.isNaN(out[p + 4]) ? null : out[p + 4],
              orderBy: out[p + 5],
              next: Number.isNaN(out[p + 6])
                ? null
                : { shipBy: out[p + 6], earliest: dayText(out[p + 7]), latest: dayText(out[p + 8]), orderBy: out[p + 9] },
            }
          : { service: ids[i], available: false, reason: REASONS[code - 1] };
    }
    const quote = order.id === undefined ? {} : { orderId: String(order.id) };
    // As the core reads epoch milliseconds: the whole milliseconds.
    quote.placedAt = Math.floor(this.#buf[this.#starts[k]]);
    quote.options = options;
    return { quote, next };
  }
}
