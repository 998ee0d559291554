// Calendars through the JS API: presets, definitions, queries, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { calendar, presets, presetsVersion, createEngine, OrderSlaError } from '../../pkg/node.js';

const policy = JSON.parse(readFileSync(new URL('../../examples/store/policy.json', import.meta.url), 'utf8'));

test('a preset answers the calendar questions', () => {
  const us = calendar('us');
  assert.deepEqual(us.weekdays, ['mon', 'tue', 'wed', 'thu', 'fri']);
  assert.equal(us.isWorkingDay('2026-11-26'), false);
  assert.deepEqual(us.dayOff('2026-11-26'), { reason: 'holiday', name: 'Thanksgiving Day' });
  assert.deepEqual(us.dayOff('2026-11-28'), { reason: 'weekday', weekday: 'sat' });
  assert.equal(us.dayOff('2026-11-27'), null);
  assert.equal(us.nextWorkingDay('2026-11-25'), '2026-11-27');
  assert.equal(us.previousWorkingDay('2026-11-27'), '2026-11-25');
  assert.equal(us.addWorkingDays('2026-11-25', 3), '2026-12-01');
  assert.equal(us.addWorkingDays('2026-12-01', -3), '2026-11-25');
  assert.equal(us.workingDaysBetween('2026-11-23', '2026-11-30'), 4);
  const h = us.holidays(2026);
  assert.equal(h.length, 12);
  assert.deepEqual(h[0], { date: '2026-01-01', name: "New Year's Day" });
  assert.ok(h.some((x) => x.date === '2026-07-03' && x.name === 'Independence Day (observed)'));
  us.free();
  us.free();
  assert.throws(() => us.isWorkingDay('2026-11-26'), (e) => e instanceof OrderSlaError && e.code === 'calendar_freed');
});

test('every preset is listed, loads, and carries the presets version', () => {
  const list = presets();
  assert.ok(list.length >= 30);
  for (const p of list) {
    assert.ok(p.name && p.source, p.id);
    calendar(p.id).free();
  }
  assert.match(presetsVersion, /^\d{4}\.\d+$/);
  const engine = createEngine(policy);
  const out = engine.promise(JSON.parse(readFileSync(new URL('../../examples/store/order.json', import.meta.url), 'utf8')), { at: '2026-11-25T20:00:00Z' });
  assert.equal(out.presetsVersion, presetsVersion);
});

test('a definition composes presets; engine.calendar finds policy calendars and presets', () => {
  const mine = calendar({ extends: ['us'], omit: ['Columbus Day'], holidays: [{ name: 'Stocktake', month: 12, day: 31 }] });
  assert.equal(mine.isWorkingDay('2026-10-12'), true);
  assert.deepEqual(mine.dayOff('2026-12-31'), { reason: 'holiday', name: 'Stocktake' });
  // A date two calendars close keeps the name it has in the calendar listed first.
  assert.deepEqual(mine.dayOff('2027-12-31'), { reason: 'holiday', name: "New Year's Day (observed)" });
  const engine = createEngine(policy);
  assert.equal(engine.calendar('dc-holidays').isWorkingDay('2026-10-12'), true);
  assert.equal(engine.calendar('fedex').isWorkingDay('2026-11-26'), false);
  assert.throws(() => engine.calendar('nope'), (e) => e instanceof OrderSlaError && e.code === 'invalid_calendar');
});

test('bad arguments throw OrderSlaError with a code and a path, and the instance stays usable', () => {
  const uk = calendar('gb-eng');
  const bad = [
    [() => uk.isWorkingDay('28/12/2026'), 'invalid_date', 'date'],
    [() => uk.isWorkingDay(new Date()), 'invalid_date', 'date'],
    [() => uk.addWorkingDays('2026-12-24', 1.5), 'invalid_argument', 'n'],
    [() => uk.addWorkingDays('2026-12-24', '2'), 'invalid_argument', 'n'],
    [() => uk.addWorkingDays('2026-12-24', 1e9), 'out_of_range', 'n'],
    [() => uk.holidays(1999), 'out_of_range', 'year'],
    [() => uk.addWorkingDays('2199-12-30', 5), 'out_of_range', ''],
    [() => uk.workingDaysBetween('2026-12-24', '2200-01-01'), 'invalid_date', 'to'],
    [() => calendar({ extends: ['gb-enf'] }), 'invalid_calendar', 'calendar.extends[0]'],
    [() => calendar({ holidays: [{ month: 2, day: 30 }] }), 'invalid_calendar', 'calendar.holidays[0].day'],
    [() => calendar(null), 'wrong_type', ''],
  ];
  for (let i = 0; i < 100; i++) {
    for (const [fn, code, path] of bad) {
      assert.throws(fn, (e) => e instanceof OrderSlaError && e.code === code && e.path === path, `${code} ${path}`);
    }
  }
  assert.equal(uk.nextWorkingDay('2026-12-24'), '2026-12-29');
});

test('the preset table stays within its 10 KB gzip budget', async () => {
  // Deterministic proxy for what the presets add to the wasm (measured: 3,938 B gzip).
  const { gzipSync } = await import('node:zlib');
  const table = readFileSync(new URL('../../src/calendar/presets/presets.json', import.meta.url));
  const size = gzipSync(table, { level: 9 }).length;
  assert.ok(size <= 10 * 1024, `presets are ${size} B gzip`);
});
