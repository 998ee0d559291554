// The reference implementation the benchmarks race: the numbers of a checkout promise
// (ship-by, delivery window, order-by and what follows it) for the example store's policy,
// written the way a capable JS developer would with the usual libraries:
// - luxon for time zones (cutoffs and pickups are local times at each warehouse);
// - luxon-business-days for working-day arithmetic (handling days, carrier transit days);
// - date-holidays for the US federal holidays the warehouse and carrier calendars start from.
// It is written to be fast, not as a straw man: holiday sets are worked out once per year,
// per-day answers are memoized, days are walked as UTC DateTimes and zone-aware ones are
// made only where a time of day matters (luxon's zone offsets cost the most). It covers what the example policy uses (weekly hours, cutoffs and pickups per
// weekday and carrier, handling and extra handling days, holidays and special days,
// transit days and percentiles by destination, carrier calendars, payment capture,
// backorders), not the whole policy language. The benchmark checks that it agrees with
// order-sla on every order of the benchmark corpus before timing anything.
import businessDays from 'luxon-business-days';
import Holidays from 'date-holidays';

const { DateTime } = businessDays;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MAX_SCAN_DAYS = 400;
const us = new Holidays('US');

// order-sla's preset and holiday names as date-holidays calls them.
const NAMES = { 'Juneteenth National Independence Day': 'Juneteenth' };
const CARRIER_HOLIDAYS = {
  ups: ["New Year's Day", 'Memorial Day', 'Independence Day', 'Labor Day', 'Thanksgiving Day', 'Christmas Day'],
};
CARRIER_HOLIDAYS.fedex = CARRIER_HOLIDAYS.ups;

/** US public holidays of a year with their observed (substitute) days. */
const federal = new Map();
function federalHolidays(year) {
  if (!federal.has(year)) federal.set(year, us.getHolidays(year).filter((h) => h.type === 'public'));
  return federal.get(year);
}
const baseName = (h) => h.name.replace(' (substitute day)', '');

/** The closed dates of a calendar for a year, as a Set of ISO dates. */
function closedDates(id, omit, year) {
  const all = [year - 1, year, year + 1].flatMap(federalHolidays);
  const keep = {
    us: () => true,
    ups: (h) => CARRIER_HOLIDAYS.ups.includes(baseName(h)),
    fedex: (h) => CARRIER_HOLIDAYS.fedex.includes(baseName(h)),
    // The Postal Service moves a Sunday holiday to Monday, never a Saturday one to Friday.
    usps: (h) => !h.substitute || new Date(h.date.slice(0, 10)).getUTCDay() === 1,
  }[id];
  if (!keep) throw new Error(`the reference knows no calendar "${id}"`);
  const omitted = new Set(omit.map((n) => NAMES[n] ?? n));
  return all.filter((h) => keep(h) && !omitted.has(baseName(h))).map((h) => h.date.slice(0, 10)).filter((d) => d.startsWith(String(year)));
}

/** A calendar: worked weekdays (luxon numbers, 1 = Monday) and closed dates per year. */
class Calendar {
  constructor(weekdays, refs, extraClosed = []) {
    this.weekdays = weekdays;
    this.refs = refs; // [{ id, omit }]
    this.extra = extraClosed;
    this.years = new Map();
    this.matchers = [(dt) => this.closed(dt.toISODate())];
  }

  closed(iso) {
    const year = +iso.slice(0, 4);
    let set = this.years.get(year);
    if (!set) {
      set = new Set(this.refs.flatMap((r) => closedDates(r.id, r.omit, year)));
      for (const d of this.extra) set.add(d);
      this.years.set(year, set);
    }
    return set.has(iso);
  }

  isWorking(dt) {
    return this.weekdays.includes(dt.weekday) && !this.closed(dt.toISODate());
  }

  /** `n` working days after `dt` with luxon-business-days (its settings are global). */
  plus(dt, n) {
    if (n === 0) return dt;
    dt.setupBusiness({ businessDays: this.weekdays, holidayMatchers: this.matchers });
    return dt.plusBusiness({ days: n });
  }
}

const weekdayNumbers = (keys) => keys.map((k) => WEEKDAYS.indexOf(k) + 1);

/** A weekday map (`"14:00"` or `{ default, sat }`) as one entry per weekday; `undefined`
 * where not given, `null` where given as null. */
function perWeekday(map) {
  if (map === undefined) return Array(7).fill(undefined);
  if (typeof map === 'string') return Array(7).fill(map);
  return WEEKDAYS.map((k) => (k in map ? map[k] : map.default));
}

function specialRule(s) {
  if (s.day !== undefined) return (dt) => dt.month === s.month && dt.day === s.day;
  const weekday = WEEKDAYS.indexOf(s.weekday) + 1;
  return (dt) => {
    const d = dt.minus({ days: s.offset ?? 0 });
    return d.month === s.month && d.weekday === weekday && Math.ceil(d.day / 7) === s.nth;
  };
}

class Node {
  constructor(n, policy) {
    this.id = n.id;
    this.zone = n.zone;
    const hours = WEEKDAYS.map((k) => n.hours[k] ?? []);
    const cutoffs = perWeekday(n.cutoffs);
    const pickups = perWeekday(n.pickups);
    this.week = hours.map((h, i) => {
      if (h.length === 0) return null;
      const close = h.at(-1).split('-')[1];
      return { cutoff: cutoffs[i] ?? close, pickup: pickups[i] === undefined ? close : pickups[i] };
    });
    this.carriers = Object.fromEntries(
      Object.entries(n.carriers ?? {}).map(([c, t]) => [c, { cutoffs: perWeekday(t.cutoffs), pickups: perWeekday(t.pickups) }]),
    );
    const refs = n.calendars.map((id) => policy.calendars?.[id] ?? { extends: [id] });
    const extra = (n.holidays ?? []).flatMap((h) => {
      const out = [];
      for (let d = DateTime.fromISO(h.from, { zone: 'utc' }); d.toISODate() <= h.to; d = d.plus({ days: 1 })) out.push(d.toISODate());
      return out;
    });
    this.calendar = new Calendar(
      weekdayNumbers(WEEKDAYS.filter((_, i) => hours[i].length > 0)),
      refs.flatMap((c) => c.extends.map((id) => ({ id, omit: c.omit ?? [] }))),
      extra,
    );
    this.specials = [...(n.specialDays ?? []), ...refs.flatMap((c) => c.specialDays ?? [])].map((s) => ({ ...s, on: specialRule(s) }));
    this.handlingDays = n.handlingDays;
    this.extra = n.extraHandlingDays ?? {};
    this.days = new Map();
  }

  /** `{ cutoff, pickup }` (epoch ms, pickup `null` when the carrier does not collect) of a
   * node-local date (a UTC DateTime: calendar days need no zone) for a carrier, or `null`
   * when the node is closed. Memoized. */
  day(dt, carrier) {
    const key = `${dt.toISODate()} ${carrier}`;
    let answer = this.days.get(key);
    if (answer !== undefined) return answer;
    const at = (hhmm) =>
      DateTime.fromObject({ year: dt.year, month: dt.month, day: dt.day, hour: +hhmm.slice(0, 2), minute: +hhmm.slice(3, 5) }, { zone: this.zone }).toMillis();
    const off = !this.calendar.isWorking(dt);
    const special = this.specials.find((s) => s.on(dt));
    const wd = dt.weekday - 1;
    if (special && !off) {
      answer = { cutoff: at(special.cutoff), pickup: special.pickup ? at(special.pickup) : null };
    } else if (off || !this.week[wd]) {
      answer = null;
    } else {
      let { cutoff, pickup } = this.week[wd];
      const c = this.carriers[carrier];
      if (c) {
        cutoff = c.cutoffs[wd] ?? cutoff;
        if (c.pickups[wd] !== undefined) pickup = c.pickups[wd];
      }
      answer = { cutoff: at(cutoff), pickup: pickup === null ? null : at(pickup) };
    }
    this.days.set(key, answer);
    return answer;
  }

  extraDays(line) {
    const sku = this.extra.skus?.[line.sku] ?? 0;
    return (line.tags ?? []).reduce((n, t) => n + (this.extra.tags?.[t] ?? 0), sku);
  }
}

class Service {
  constructor(s) {
    this.id = s.id;
    this.carrier = s.carrier;
    this.transit = transitOf(s);
    this.rules = (s.destinations ?? []).map((d) => ({ ...d, transit: transitOf(d) }));
    this.countries = s.countries;
    this.nodes = s.nodes;
    const weekdays = weekdayNumbers(s.transitWeekdays ?? WEEKDAYS.slice(0, 5));
    this.calendar = new Calendar(weekdays, (s.calendars ?? []).map((id) => ({ id, omit: [] })));
    this.deliveryWeekdays = s.deliveryWeekdays ? weekdayNumbers(s.deliveryWeekdays) : weekdays;
  }

  transitTo(dest) {
    if (this.countries && !this.countries.includes(dest.country.toUpperCase())) return 'country_not_served';
    const postal = (dest.postalCode ?? '').replace(/[\s-]/g, '').toUpperCase();
    const region = dest.region?.toUpperCase();
    let best;
    let score = -1;
    for (const r of this.rules) {
      if (r.country !== dest.country.toUpperCase() || (r.region && r.region !== region)) continue;
      if (r.postalPrefix && !postal.startsWith(r.postalPrefix)) continue;
      const s = (r.postalPrefix ? r.postalPrefix.length + 1 : 0) * 2 + (r.region ? 1 : 0);
      if (s >= score) [best, score] = [r.transit, s];
    }
    return best ?? this.transit ?? 'no_transit_time';
  }

  /** The next delivery day from `dt` on. */
  deliveryFrom(dt) {
    let d = dt;
    while (!(this.deliveryWeekdays.includes(d.weekday) && !this.calendar.closed(d.toISODate()))) d = d.plus({ days: 1 });
    return d;
  }
}

function transitOf(s) {
  if (s.transitDays === undefined) return undefined;
  const t = typeof s.transitDays === 'number' ? { min: s.transitDays, max: s.transitDays } : s.transitDays;
  const percentiles = Object.entries(s.transitPercentiles ?? {}).map(([k, v]) => [+k.slice(1), v]).sort((a, b) => a[0] - b[0]);
  return { ...t, percentiles };
}

function transitDays(t, confidence) {
  if (confidence === undefined) return [t.min, t.max, null];
  const p = t.percentiles.find(([q]) => q >= confidence * 100 - 1e-9);
  return p ? [t.min, Math.max(p[1], t.min), p[0] / 100] : [t.min, t.max, null];
}

/** The reference's engine for one policy. */
export function createReference(policy) {
  const nodes = policy.nodes.map((n) => new Node(n, policy));
  const services = policy.services.map((s) => new Service(s));
  const defaultNode = policy.defaultNode ?? (nodes.length === 1 ? nodes[0].id : undefined);
  const requirePayment = policy.release?.requirePaymentCapture ?? false;

  /** One shipment released at `release`: [orderBy, shipBy, earliest, latest]. */
  function shipment(node, service, days, extra, release) {
    // Days are walked as UTC DateTimes: zone offsets (luxon's costly part) only for times.
    const local = DateTime.fromMillis(release, { zone: node.zone });
    let d = DateTime.utc(local.year, local.month, local.day);
    let open;
    for (let i = 0; ; i++, d = d.plus({ days: 1 })) {
      if (i > MAX_SCAN_DAYS) throw new Error('no working day');
      open = node.day(d, service.carrier);
      if (open && release < open.cutoff) break;
    }
    const orderBy = open.cutoff;
    let ship = node.calendar.plus(d, node.handlingDays + extra);
    let pickup = node.day(ship, service.carrier);
    while (!pickup?.pickup) {
      ship = ship.plus({ days: 1 });
      pickup = node.day(ship, service.carrier);
    }
    const earliest = service.deliveryFrom(service.calendar.plus(ship, days[0]));
    const latest = service.deliveryFrom(service.calendar.plus(ship, days[1]));
    return [orderBy, pickup.pickup, earliest.toISODate(), latest.toISODate()];
  }

  function summary(groups, service, days, payment, t) {
    let acc;
    for (const g of groups) {
      let release = t;
      if (requirePayment && payment !== undefined && payment > release) release = payment;
      if (g.availableOn) release = Math.max(release, DateTime.fromISO(g.availableOn, { zone: g.node.zone }).toMillis());
      const [o, s, e, l] = shipment(g.node, service, days, g.extra, release);
      acc = acc ? [Math.min(acc[0], o), Math.max(acc[1], s), e > acc[2] ? e : acc[2], l > acc[3] ? l : acc[3]] : [o, s, e, l];
    }
    return acc;
  }

  function quote(order, { at, confidence } = {}) {
    const placed = order.placedAt === undefined ? +new Date(at) : +new Date(order.placedAt);
    const payment = order.paymentCapturedAt === undefined ? undefined : +new Date(order.paymentCapturedAt);
    const groups = [];
    for (const line of order.lines) {
      const node = nodes.find((n) => n.id === (line.node ?? defaultNode));
      const extra = node.extraDays(line);
      const g = groups.find((x) => x.node === node && x.availableOn === line.availableOn);
      if (g) g.extra = Math.max(g.extra, extra);
      else groups.push({ node, availableOn: line.availableOn, extra });
    }
    const wanted = order.services ? order.services.map((id) => services.find((s) => s.id === id)) : services;
    const options = wanted.map((service) => {
      const transit = service.transitTo(order.destination);
      // The first shipment the service cannot carry says why.
      const why = (g) => (service.nodes && !service.nodes.includes(g.node.id) ? 'node_not_served' : typeof transit === 'string' ? transit : undefined);
      const reason = groups.map(why).find((r) => r);
      if (reason) return { service: service.id, available: false, reason };
      const days = transitDays(transit, confidence);
      const [orderBy0, shipBy, earliest, latest] = summary(groups, service, days, payment, placed);
      // Hold the order-by past cutoffs after which the customer is promised the same.
      let orderBy = orderBy0;
      let next = null;
      for (let i = 0; i < MAX_SCAN_DAYS; i++) {
        const [o, s, e, l] = summary(groups, service, days, payment, orderBy);
        if (s === shipBy && e === earliest && l === latest && o > orderBy) {
          orderBy = o;
        } else {
          next = { shipBy: s, earliest: e, latest: l, orderBy: o };
          break;
        }
      }
      return { service: service.id, available: true, shipBy, earliest, latest, confidence: days[2], orderBy, next };
    });
    const out = order.id === undefined ? {} : { orderId: String(order.id) };
    out.placedAt = placed;
    out.options = options;
    return out;
  }

  return { quote };
}
