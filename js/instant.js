// Instants and dates as the core reads them, in JS (the full build: quotes encode instants
// as numbers, and the audit and the CLI need them as numbers): the one reader of instants
// given to the API (`at`, `now`, audit and CLI instants), tested against the core's on edge
// cases (tests/js/quote.test.mjs).
import { OrderSlaError } from './core.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const MS_PER_DAY = 86400000;
// 2000-01-01 and 2199-12-31 in days since 1970-01-01: the dates the engine answers with.
export const MIN_DAY = 10957;
export const MAX_DAY = 84005;

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

/** Days since 1970-01-01 of the valid date `y-m-d` (any year 0000-9999), else undefined. */
function day(y, m, d) {
  if (!(y >= 0 && m >= 1 && m <= 12 && d >= 1)) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) return undefined;
  // setUTCFullYear, not Date.UTC: that one reads years 0-99 as 1900-1999.
  return new Date(0).setUTCFullYear(y, m - 1, d) / MS_PER_DAY;
}

/** Days of `YYYY-MM-DD` at the start of `s` in any year, else undefined. */
function anyDateAt(s) {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  return day(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

/** Days of `YYYY-MM-DD` at the start of `s`, a date in 2000-2199, else undefined. */
export function dateAt(s) {
  const d = anyDateAt(s);
  return d >= MIN_DAY && d <= MAX_DAY ? d : undefined;
}

/** Epoch ms of an RFC 3339 instant exactly as the core reads one (an offset required,
 * digits past the milliseconds truncated, years 0000-9999: the range is checked after),
 * else undefined. Read character
 * by character: it is on the hot path of every order given with text instants. */
export function parseInstant(s) {
  const t = s.charCodeAt(10);
  if (s.length < 20 || !(t === 84 || t === 116 || t === 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const d = anyDateAt(s);
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

// The instants the engine answers for (the core's range): 2000-01-02T00:00Z up to, not
// including, 2199-12-31T00:00Z.
const FIRST_INSTANT = Date.UTC(2000, 0, 2);
const END_INSTANT = Date.UTC(2199, 11, 31);

/** An instant given to the API: a Date, an RFC 3339 text with an offset or epoch
 * milliseconds, read as the core reads them (`placedAt` in a document): whole
 * milliseconds, in the engine's range. Throws an OrderSlaError `code` with a problem at
 * `path`. */
export function readInstant(value, path, code = 'invalid_options') {
  let t;
  if (value instanceof Date) t = value.getTime();
  else if (typeof value === 'number') t = value;
  else if (typeof value === 'string') t = parseInstant(value) ?? NaN;
  const fail = (problem, message) => new OrderSlaError(code, `${path}: ${message}`, { path, problems: [{ code: problem, path, message }] });
  if (t === undefined) throw fail('invalid_instant', 'expected a Date, an RFC 3339 text with an offset (2026-11-28T10:20:00Z) or epoch milliseconds');
  if (!Number.isFinite(t)) throw fail('invalid_instant', typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" is not an instant: use RFC 3339 with an offset, e.g. 2026-11-27T14:05:00-05:00 or ...Z` : `${String(value)} is not an instant`);
  if (t < FIRST_INSTANT || t >= END_INSTANT) throw fail('out_of_range', 'instants must fall between 2000-01-02 and 2199-12-30 (UTC)');
  return Math.floor(t);
}

