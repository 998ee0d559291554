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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of the ASCII digits of `s` from `at` to `at + n`, or NaN. */
function digits(s, at, n) {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 of the valid date `y-m-d` in 2000-2199, else undefined. */
function day(y, m, d) {
  if (!(y >= 2000 && y <= 2199 && m >= 1 && m <= 12 && d >= 1)) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) return undefined;
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Days of `YYYY-MM-DD` at the start of `s`, else undefined. */
function dateAt(s) {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  return day(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

/** Epoch ms of an RFC 3339 instant as the core reads it (offset required, digits past the
 * milliseconds truncated), else undefined. Read character by character: it is on the hot
 * path of every order given with text instants. */
function parseInstant(s) {
  const t = s.charCodeAt(10);
  if (s.length < 20 || !(t === 84 || t === 116 || t === 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const d = dateAt(s);
  const [h, min, sec] = [digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2)];
  if (d === undefined || !(h <= 23 && min <= 59 && sec <= 59)) return undefined;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      if (i - start < 3) ms = ms * 10 + s.charCodeAt(i) - 48;
      i++;
    }
    const n = i - start;
    if (n === 0 || n > 9) return undefined;
    for (let k = n; k < 3; k++) ms *= 10;
  }
  let offset = 0;
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === s.length) {
    offset = 0;
  } else if ((z === 43 || z === 45) && i + 6 === s.length && s.charCodeAt(i + 3) === 58) {
    const [oh, om] = [digits(s, i + 1, 2), digits(s, i + 4, 2)];
    if (!(oh <= 23 && om <= 59)) return undefined;
    offset = (z === 45 ? -1 : 1) * (oh * 3600 + om * 60) * 1000;
  } else {
    return undefined;
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

// 2000-01-01 and 2199-12-31 in days since 1970-01-01: the dates the engine answers with.
const MIN_DAY = 10957;
let dayTexts;
/** `YYYY-MM-DD` of a day number, each worked out once. */
function dayText(d) {
  dayTexts ??= new Array(84005 - MIN_DAY + 1);
  return (dayTexts[d - MIN_DAY] ??= new Date(d * MS_PER_DAY).toISOString().slice(0, 10));
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
        available = typeof availableOn === 'string' && availableOn.length === 10 ? dateAt(availableOn) : undefined;
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
