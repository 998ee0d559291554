// Display helpers over the platform's Intl: the engine returns dates and instants, the
// shopper reads "Arrives Wed, Dec 2 – Fri, Dec 4" and "Order within 2 hr 14 min" in their
// language and zone. Phrases exist for en, de, fr and ja (others fall back to English
// phrasing with the locale's own date and unit formats).

const PHRASES = {
  en: { arrives: (w) => `Arrives ${w}`, within: (d) => `Order within ${d}`, by: (t) => `Order by ${t}`, passed: 'Order deadline passed' },
  de: { arrives: (w) => `Lieferung ${w}`, within: (d) => `Bestellen Sie innerhalb von ${d}`, by: (t) => `Bestellen bis ${t}`, passed: 'Bestellfrist abgelaufen' },
  fr: { arrives: (w) => `Livraison ${w}`, within: (d) => `Commandez dans les ${d}`, by: (t) => `Commandez avant ${t}`, passed: 'Délai de commande dépassé' },
  ja: { arrives: (w) => `${w}にお届け`, within: (d) => `あと${d}以内のご注文で`, by: (t) => `${t}までのご注文で`, passed: 'ご注文の締め切りを過ぎました' },
};

// Building an Intl formatter costs tens of microseconds; a countdown formats every second.
const cache = new Map();
function cached(Kind, locale, options) {
  const key = `${Kind.name}|${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Kind(locale, options);
    cache.set(key, f);
  }
  return f;
}

function phrases(locale) {
  const lang = cached(Intl.DateTimeFormat, locale, {}).resolvedOptions().locale.split('-')[0];
  return PHRASES[lang] ?? PHRASES.en;
}

// A delivery date is a calendar date in the destination's zone: format it as that date,
// whatever zone the shopper's device is in.
function civilDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

const DAY = { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' };

/** "Arrives Wed, Dec 2 – Fri, Dec 4" for a promise's `delivery` window. */
export function formatDelivery(window, { locale } = {}) {
  const f = cached(Intl.DateTimeFormat, locale, DAY);
  const text = window.earliest === window.latest
    ? f.format(civilDate(window.earliest))
    : f.formatRange(civilDate(window.earliest), civilDate(window.latest));
  return phrases(locale).arrives(text);
}

/** A duration as the shopper reads it: "1 day 3 hr", "2 hr 14 min", "45 min" (rounded down). */
export function formatDuration(ms, { locale } = {}) {
  const total = Math.max(0, Math.floor(ms / 60000));
  const unit = (n, u) => cached(Intl.NumberFormat, locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  const days = Math.floor(total / 1440), hours = Math.floor((total % 1440) / 60), minutes = total % 60;
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  return unit(minutes, 'minute');
}

// An instant: epoch ms, a Date, a Moment, or an option of a promise or a quote, whose
// countdown is its `windowOrderBy` (when the delivery window the shopper sees changes).
const epoch = (moment) =>
  typeof moment === 'number'
    ? moment
    : moment instanceof Date
      ? moment.getTime()
      : moment.windowOrderBy !== undefined
        ? epoch(moment.windowOrderBy)
        : moment.epochMs;

/** "Order within 2 hr 14 min" until an instant (a Moment, Date or epoch ms) or an option
 * (a promise's or a quote's: until its `windowOrderBy`, when the window it shows changes),
 * rounded down but never "0 min" while time is left (the last minute reads "1 min"); from
 * then on, "Order deadline passed" (the promise holds for orders strictly before it). */
export function formatOrderWithin(orderBy, { now = Date.now(), locale } = {}) {
  const left = epoch(orderBy) - epoch(now);
  const p = phrases(locale);
  return left > 0 ? p.within(formatDuration(Math.max(left, 60000), { locale })) : p.passed;
}

/** "Order by Mon, Nov 30, 3:00 PM EST" in the shopper's zone (default: the device's), for
 * an instant or an option (its `windowOrderBy`). */
export function formatOrderBy(orderBy, { locale, timeZone } = {}) {
  const f = cached(Intl.DateTimeFormat, locale, {
    weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone,
  });
  return phrases(locale).by(f.format(new Date(epoch(orderBy))));
}
