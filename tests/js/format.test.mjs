// The Intl display helpers in five locales (Node's ICU; browsers may use thin spaces).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, formatDelivery, formatDuration, formatOrderWithin, formatOrderBy } from '../../pkg/node.js';

const words = (s) => s.replace(/\s+/gu, ' ');
const window = { earliest: '2026-12-02', latest: '2026-12-04', zone: 'America/Los_Angeles', confidence: null };
const orderBy = { utc: '2026-11-30T20:00:00Z', local: '2026-11-30T15:00:00-05:00', zone: 'America/New_York', epochMs: Date.parse('2026-11-30T20:00:00Z') };
const now = orderBy.epochMs - (2 * 60 + 14) * 60000;

const CASES = {
  'en-US': ['Arrives Wed, Dec 2 – Fri, Dec 4', 'Order within 2 hr 14 min', 'Order by Mon, Nov 30, 3:00 PM EST'],
  'en-GB': ['Arrives Wed 2 Dec – Fri 4 Dec', 'Order within 2 hrs 14 mins', 'Order by Mon 30 Nov, 15:00 GMT-5'],
  'de-DE': ['Lieferung Mi., 2. – Fr., 4. Dez.', 'Bestellen Sie innerhalb von 2 Std. 14 Min.', 'Bestellen bis Mo., 30. Nov., 15:00 GMT-5'],
  'fr-FR': ['Livraison mer. 2 – ven. 4 déc.', 'Commandez dans les 2 h 14 min', 'Commandez avant lun. 30 nov., 15:00 UTC−5'],
  'ja-JP': ['12/02(水)～12/04(金)にお届け', 'あと2 時間 14 分以内のご注文で', '11月30日(月) 15:00 GMT-5までのご注文で'],
};

for (const [locale, [arrives, within, by]] of Object.entries(CASES)) {
  test(`${locale}: delivery window, countdown and order-by`, () => {
    assert.equal(words(formatDelivery(window, { locale })), arrives);
    assert.equal(words(formatOrderWithin(orderBy, { now, locale })), within);
    assert.equal(words(formatOrderBy(orderBy, { locale, timeZone: 'America/New_York' })), by);
  });
}

test('delivery dates do not shift with the device zone; one-day windows read as one date', () => {
  const one = { ...window, latest: window.earliest };
  assert.equal(formatDelivery(one, { locale: 'en-US' }), 'Arrives Wed, Dec 2');
});

test('durations round down and pick two units', () => {
  assert.equal(formatDuration(59_999, { locale: 'en-US' }), '0 min');
  assert.equal(formatDuration(45 * 60000, { locale: 'en-US' }), '45 min');
  assert.equal(formatDuration(3 * 3600000, { locale: 'en-US' }), '3 hr');
  assert.equal(formatDuration((27 * 60 + 59) * 60000, { locale: 'en-US' }), '1 day 3 hr');
  assert.equal(formatDuration(-5000, { locale: 'en-US' }), '0 min');
  assert.equal(formatOrderWithin(new Date(now + 3600000), { now: new Date(now), locale: 'en-US' }), 'Order within 1 hr');
});

test('the last minute reads "1 min" and from the order-by on the deadline has passed, in each language', () => {
  const passed = { 'en-US': 'Order deadline passed', 'de-DE': 'Bestellfrist abgelaufen', 'fr-FR': 'Délai de commande dépassé', 'ja-JP': 'ご注文の締め切りを過ぎました' };
  for (const [locale, text] of Object.entries(passed)) {
    assert.equal(formatOrderWithin(orderBy, { now: orderBy.epochMs, locale }), text, locale);
    assert.equal(formatOrderWithin(orderBy, { now: orderBy.epochMs + 86400000, locale }), text, locale);
  }
  assert.equal(formatOrderWithin(orderBy, { now: orderBy.epochMs - 1, locale: 'en-US' }), 'Order within 1 min');
  assert.equal(formatOrderWithin(orderBy, { now: orderBy.epochMs - 119_999, locale: 'en-US' }), 'Order within 1 min');
  assert.equal(formatOrderWithin(orderBy, { now: orderBy.epochMs - 120_000, locale: 'en-US' }), 'Order within 2 min');
  // Other languages: English phrasing.
  assert.equal(formatOrderWithin(orderBy, { now: orderBy.epochMs, locale: 'sv-SE' }), 'Order deadline passed');
});

test('the countdown the shopper sees runs to the window, not to a ship-by it never sees', () => {
  // Corpus orders split across nodes whose order-level ship-by changes (the latest pickup of
  // two shipments leaving the same day) while the delivery window does not.
  const corpus = JSON.parse(readFileSync(new URL('../corpus/corpus.json', import.meta.url), 'utf8'));
  const engines = {};
  let checked = 0;
  for (const c of corpus.orders) {
    if (checked >= 5 || c.order.placedAt === 'not a date' || c.order.lines.length === 0) continue;
    const engine = (engines[c.policy] ??= createEngine(corpus.policies[c.policy]));
    const option = engine.promise(c.order, c.options).options.find((o) => o.available && o.windowOrderBy.epochMs > o.orderBy.epochMs);
    if (!option) continue;
    const at = Date.parse(c.order.placedAt);
    assert.equal(formatOrderWithin(option, { now: at, locale: 'en-US' }), formatOrderWithin(option.windowOrderBy, { now: at, locale: 'en-US' }));
    // A placement a millisecond before the window's order-by keeps the window; at it, windowNext.
    const placed = (t) => engine.promise({ ...c.order, placedAt: t }, c.options).options.find((o) => o.service === option.service);
    const before = placed(option.windowOrderBy.epochMs - 1);
    assert.deepEqual([before.delivery.earliest, before.delivery.latest], [option.delivery.earliest, option.delivery.latest]);
    if (option.windowNext) {
      const after = placed(option.windowOrderBy.epochMs);
      assert.deepEqual([after.delivery.earliest, after.delivery.latest], [option.windowNext.earliest, option.windowNext.latest]);
    }
    // Quotes carry the same numbers, and the helpers read an option of a quote alike.
    const q = engine.quote(c.order, c.options).options.find((o) => o.service === option.service);
    assert.equal(q.windowOrderBy, option.windowOrderBy.epochMs);
    assert.equal(formatOrderBy(q, { locale: 'en-US', timeZone: 'UTC' }), formatOrderBy(option.windowOrderBy, { locale: 'en-US', timeZone: 'UTC' }));
    checked++;
  }
  assert.equal(checked, 5);
  for (const e of Object.values(engines)) e.free();
});
