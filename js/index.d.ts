// Types of the order-sla package's full build: the entries for Node (ESM; index.d.cts is
// the same for CommonJS), Bun, Deno and workers (workerd, Vercel Edge). The browser entry
// has its own declarations (browser.d.ts), selected by the `browser` and `default` export
// conditions. Field names match the JSON the Rust core writes. No DOM or Node types are
// needed: a project with `lib: ["es2022"]` and `skipLibCheck: false` type-checks.
/// <reference lib="esnext.disposable" />

/** An instant: a Date, an ISO 8601 / RFC 3339 string with offset, or epoch milliseconds. */
export type InstantInput = Date | string | number;
/** A calendar date as `YYYY-MM-DD`. */
export type DateString = string;
/** A time of day as `HH:MM` (or `HH:MM:SS`, `HH:MM:SS.sss`). */
export type TimeString = string;
export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type WeekdayMap<T> = T | ({ [K in WeekdayKey | 'default']?: T });

/** When a holiday falls: give exactly one of the forms (see docs/calendars.md). */
export interface HolidayWhen {
  /** One-off date. */
  date?: DateString;
  /** A range of dates, both included. */
  from?: DateString; to?: DateString;
  /** A list of one-off dates. */
  dates?: DateString[];
  /** 1-12, with `day` (fixed date), `weekday`+`nth` (nth weekday, -1 = last) or `day`+`weekday` (first weekday on or after). */
  month?: number; day?: number; weekday?: WeekdayKey; nth?: number;
  /** Days from Western / Orthodox Easter Sunday (-2 = Good Friday). */
  easter?: number; orthodoxEaster?: number;
  equinox?: 'march' | 'september';
  /** Yearly rules: days added once the date is found. */
  offset?: number;
  /** Yearly rules: first and last year, years between occurrences (from `since`), years skipped. */
  since?: number; until?: number; every?: number; except?: number[];
}
export type Observed = 'none' | 'sat-fri' | 'sun-mon' | 'nearest' | 'substitute' | 'sunday-next' | 'monday' | 'sun-sat';
export interface HolidayRule extends HolidayWhen {
  name?: string;
  /** What a weekend date also closes (yearly rules only). Default `none`. */
  observed?: Observed;
}
/** A day with its own hours: a one-off `date` (opens even a closed day) or a yearly rule (changes a working day's hours). */
export interface SpecialDay extends HolidayWhen {
  name?: string;
  hours: string[];
  cutoff?: TimeString;
  pickup?: TimeString | null;
  /** The day's waves, instead of `cutoff` and `pickup` (`[]`: no pickup that day). */
  waves?: Wave[];
}
/** One wave of a day: released strictly before `cutoff`, handled in it; collected at `pickup`. */
export interface Wave { cutoff: TimeString; pickup: TimeString }
/** Waves for every worked day, or per weekday (`null` or `[]`: no pickup that day). */
export type WavesMap = Wave[] | ({ [K in WeekdayKey | 'default']?: Wave[] | null });
/** A calendar definition, as in a policy's `calendars` or `calendar({...})`. */
export interface CalendarDefinition {
  name?: string;
  source?: string;
  /** Preset ids or the policy's calendar ids whose holidays this calendar includes. */
  extends?: string[];
  /** Holiday names dropped from the extended calendars (their observed days too). */
  omit?: string[];
  /** Worked weekdays for calendar queries. Default: the first extended calendar's, else Mon-Fri. */
  weekdays?: WeekdayKey[];
  holidays?: HolidayRule[];
  /** Special days applied to the nodes that use this calendar. */
  specialDays?: SpecialDay[];
  /** Closes a day between two holidays under this name (Japan's "National Holiday"). */
  bridgeDays?: string;
}
export interface TransitDays { min: number; max: number }

export interface NodePolicy {
  id: string;
  name?: string;
  /** IANA time zone, e.g. `America/New_York`. */
  zone: string;
  /** Working windows per weekday, e.g. `{ mon: ["08:00-12:00", "12:30-17:00"] }`; absent days are closed. */
  hours: { [K in WeekdayKey]?: string[] };
  /** Released strictly before the cutoff: handled that day. Default: close of business. One wave a day; not with `waves`. */
  cutoffs?: WeekdayMap<TimeString>;
  /** Carrier pickup per weekday (`null`: none). Default: close of business. One wave a day; not with `waves`. */
  pickups?: WeekdayMap<TimeString | null>;
  /** Several pickups a day, each with its own cutoff, e.g. `[{ cutoff: "10:00", pickup: "11:00" }, { cutoff: "15:30", pickup: "17:00" }]`. */
  waves?: WavesMap;
  /** Per-carrier cutoffs and pickups (one wave) or waves, replacing the node's on the days they give. */
  carriers?: Record<string, { cutoffs?: WeekdayMap<TimeString>; pickups?: WeekdayMap<TimeString | null>; waves?: WavesMap }>;
  handlingDays: number;
  extraHandlingDays?: { tags?: Record<string, number>; skus?: Record<string, number> };
  holidays?: HolidayRule[];
  /** Ids of the policy's calendars or of presets (`us`, `gb-eng`, `ups`, ...). */
  calendars?: string[];
  specialDays?: SpecialDay[];
}

/** A destination rule: a transit time, the destination's calendars, or both (the most specific rule giving each wins). */
export type DestinationRule = {
  country: string;
  region?: string;
  postalPrefix?: string;
  transitPercentiles?: Record<string, number>;
  /** The destination's public holidays: policy calendar ids or presets (`fr`, `de`, `gb-sct`, ...). */
  calendars?: string[];
  holidays?: HolidayRule[];
  /** `transit` (default): a destination holiday is neither a transit nor a delivery day; `delivery`: no delivery only. */
  holidaysStop?: 'transit' | 'delivery';
} & ({ transitDays: number | TransitDays } | { transitDays?: number | TransitDays; calendars: string[] } | { transitDays?: number | TransitDays; holidays: HolidayRule[] });

export interface ServicePolicy {
  id: string;
  name?: string;
  carrier: string;
  transitDays?: number | TransitDays;
  /** e.g. `{ p50: 2, p90: 4, p95: 5 }` */
  transitPercentiles?: Record<string, number>;
  transitWeekdays?: WeekdayKey[];
  deliveryWeekdays?: WeekdayKey[];
  holidays?: HolidayRule[];
  /** Ids of the policy's calendars or of presets (`us`, `ups`, `usps`, ...). */
  calendars?: string[];
  countries?: string[];
  destinations?: DestinationRule[];
  nodes?: string[];
  /** Which orders the service may carry; a refused option says why, with the rule's path. */
  restrictions?: {
    excludeTags?: string[];
    excludeSkus?: string[];
    maxWeight?: number;
    minValue?: number;
    maxValue?: number;
    /** Placement dates (inclusive) the service is offered on: a seasonal service. */
    offered?: { from: DateString; to: DateString }[];
  };
}

export interface AtRiskRule {
  /** At risk when less than this fraction of the milestone's working-time allowance is left (`null`: off). */
  remainingFraction?: number | null;
  /** At risk when fewer working hours than this are left (`null`: off). */
  remainingWorkingHours?: number | null;
}
export type BuiltinMilestone = 'payment_captured' | 'released' | 'shipped' | 'delivered';
export interface TrackingPolicy {
  /** Built-in milestones to track, with their settings. Default: all (payment only when capture is required). */
  milestones?: { [K in BuiltinMilestone]?: { atRisk?: AtRiskRule; takesWorkingHours?: number } };
  /** Own milestones: due `withinWorkingHours` after `after` is met, met by an event of type `event`. */
  custom?: { id: string; name?: string; event: string; after: string; withinWorkingHours: number; atRisk?: AtRiskRule; takesWorkingHours?: number }[];
  /** Default at-risk rule (default: `{ remainingFraction: 0.25 }`). */
  atRisk?: AtRiskRule;
  /** Hold reasons that stop the clock. */
  pausingHolds?: string[];
  /** First match wins; `milestone`/`reason` absent = any. `{node}`, `{carrier}`, `{milestone}` are filled in. */
  routes?: { milestone?: string; reason?: TrackingReason; owner: string; route: string }[];
  /** Local time on the latest delivery day by which delivery is due (default: end of day). */
  deliveredBy?: TimeString;
}

/** A temporary delay the merchant declares: active for shipments released on its dates (the
 * node's local dates), it adds working days to handling and carrier days to transit, and is
 * named in explanations; a shipment released after it ends is never promised earlier than
 * one released in its last instant (its backlog). */
export interface Advisory {
  id?: string;
  /** What explanations call it: "Storm in the North-East". */
  name: string;
  from: DateString;
  /** Inclusive. */
  to: DateString;
  /** Ids of the services it affects (default: every service). */
  services?: string[];
  /** Ids of the nodes it affects (default: every node). */
  nodes?: string[];
  /** Where deliveries are affected (default: everywhere). */
  destinations?: { country: string; region?: string; postalPrefix?: string }[];
  /** 0 to 30 (default 0). */
  extraHandlingDays?: number;
  /** 0 to 30 (default 0). */
  extraTransitDays?: number;
}

export interface Policy {
  version?: 1;
  name?: string;
  calendars?: Record<string, CalendarDefinition>;
  nodes: NodePolicy[];
  services: ServicePolicy[];
  /** `shipComplete`: orders wait for their last line unless they say otherwise (default: split). */
  release?: { requirePaymentCapture?: boolean; shipComplete?: boolean };
  tracking?: TrackingPolicy;
  defaultNode?: string;
  /** Declared delays (at most 64). */
  advisories?: Advisory[];
}

export interface Destination { country: string; region?: string; postalCode?: string; zone?: string }
export interface OrderLine { sku: string; quantity?: number; node?: string; tags?: string[]; availableOn?: DateString }
export interface Order {
  id?: string | number;
  placedAt?: InstantInput;
  paymentCapturedAt?: InstantInput;
  destination: Destination;
  lines: OrderLine[];
  services?: string[];
  /** Hold every line until the last is available (`true`), or split by availability
   * (`false`); default: the policy's `release.shipComplete`. */
  shipComplete?: boolean;
  /** The order's weight and value, read by services' `restrictions` (`maxWeight`, `minValue`, `maxValue`). */
  weight?: number;
  value?: number;
}

export interface Moment { utc: string; local: string; zone: string; epochMs: number }
export interface Window { earliest: DateString; latest: DateString; confidence: number | null; zone: string }
/** One step of an explanation; consecutive days skipped for one reason are one step from
 * `date` `through` the last. */
export interface Step { code: string; date?: DateString; through?: DateString; text: string }
/** Why an option is not offered; `path` names the policy rule that refused it (service restrictions). */
export interface Reason { code: string; message: string; path?: string }
export interface Shipment {
  node: string; nodeName: string; lines: string[];
  releasedAt: Moment; handlingStarts: DateString; shipBy: Moment; delivery: Window; orderBy: Moment;
  explanation: Step[];
}
/** One shipping option: available (with its ship-by, delivery window and order-by), or
 * not (with the reason). `if (option.available)` tells TypeScript which. */
export type ShippingOption = AvailableOption | UnavailableOption;
export interface AvailableOption {
  service: string; serviceName: string; carrier: string;
  available: true;
  shipBy: Moment; delivery: Window;
  /** When any part of this promise changes: the first change of ship-by. */
  orderBy: Moment;
  /** The promise for an order placed at `orderBy`, when there is one. */
  next?: { shipBy: Moment; delivery: Window; orderBy: Moment };
  /** When the delivery window changes (`orderBy` or later): the shopper's countdown. */
  windowOrderBy: Moment;
  /** The delivery window for an order placed at `windowOrderBy`, when there is one. */
  windowNext?: Window;
  /** Lines available on different dates: the other choice between splitting and shipping
   * complete ("the mug Thursday and the flask next week, or everything next week"). */
  alternative?: { shipComplete: boolean; shipments: number; shipBy: Moment; delivery: Window };
  shipments: Shipment[];
}
export interface UnavailableOption {
  service: string; serviceName: string; carrier: string;
  available: false;
  reason: Reason;
  shipments: Shipment[];
}
export interface DeliveryPromise {
  orderId?: string; placedAt: string; options: ShippingOption[];
  policyHash: string; engineVersion: string; tzdataVersion: string; presetsVersion: string;
}

export interface DeadlineQuery {
  arriveBy: DateString;
  destination: Destination;
  lines?: OrderLine[];
  services?: string[];
  now?: InstantInput;
  confidence?: number;
}
export interface Deadline {
  service: string; serviceName: string; node: string; nodeName: string;
  available: boolean; reason?: Reason;
  orderBy?: Moment; shipBy?: Moment; delivery?: Window;
}
export interface DeadlineTable { arriveBy: DateString; rows: Deadline[]; policyHash: string; engineVersion: string; tzdataVersion: string; presetsVersion: string }

export interface Problem { code: string; path: string; message: string }

export declare class OrderSlaError extends Error {
  readonly name: 'OrderSlaError';
  readonly code: string;
  readonly path: string;
  readonly problems: Problem[];
  toJSON(): { code: string; message: string; path: string; problems: Problem[] };
}

/** The numbers of one option's promise (`engine.quote()`): instants as epoch milliseconds,
 * dates as `YYYY-MM-DD` in the destination's zone. */
export type QuoteOption =
  | {
      service: string;
      available: true;
      shipBy: number;
      earliest: string;
      latest: string;
      /** The percentile the latest date was taken from (0.9 for p90), or null. */
      confidence: number | null;
      /** Until when this holds (ship-by and window). */
      orderBy: number;
      /** What applies from `orderBy` on. */
      next: { shipBy: number; earliest: string; latest: string; orderBy: number } | null;
      /** Until when the delivery window holds: the shopper's countdown. */
      windowOrderBy: number;
      /** The window from `windowOrderBy` on. */
      windowNext: { earliest: string; latest: string } | null;
    }
  | { service: string; available: false; reason: string };

/** A promise's numbers without its explanation, one option per wanted service. */
export interface Quote {
  orderId?: string;
  placedAt: number;
  options: QuoteOption[];
}

export declare class Engine {
  private constructor();
  readonly policyHash: string;
  /** The numbers of the promise (ship-by, delivery dates, order-by, next), the same as
   * promise()'s, without text: about a microsecond in server runtimes. */
  quote(order: Order | string, options?: { at?: InstantInput; confidence?: number }): Quote;
  /** Quotes of many orders in one call; an invalid order's place holds its OrderSlaError. */
  quoteBatch(orders: Array<Order | string>, options?: { at?: InstantInput; confidence?: number }): Array<Quote | OrderSlaError>;
  promise(order: Order | string, options?: { at?: InstantInput; confidence?: number }): DeliveryPromise;
  /** The promise as the JSON text the core wrote, byte-identical in every runtime. */
  promiseJson(order: Order | string, options?: { at?: InstantInput; confidence?: number }): string;
  latestOrderBy(query: DeadlineQuery | string): DeadlineTable;
  /** Tracking of a stored promise against the order's events at `now` (default: now). */
  track(promise: DeliveryPromise | string, events: TrackingEvent[] | string, options?: { now?: InstantInput; service?: string }): Tracking;
  /** A calendar by id: the policy's own `calendars` first, then the presets. */
  calendar(id: string): Calendar;
  /** One audit row (`{ order, events, service?, promise? }` or its JSON text) tracked at
   * `now`: the compact record `audit()` yields. Full build. */
  auditRow(row: object | string, options?: { now?: InstantInput }): { orderId?: string; service: string; status: string; milestones: AuditMilestone[] };
  /** The policy compiled for orders placed in the years `from`..`to` (default: this year
   * and next; at most 50 years), for the browser build. Full build, source policies only. */
  compile(years?: { from?: number; to?: number }): Uint8Array;
  free(): void;
  [Symbol.dispose](): void;
}

/** A policy compiled by `engine.compile()` or `order-sla compile`. */
export type CompiledPolicy = Uint8Array | ArrayBuffer;
/** Loads a policy. Node, Deno, Bun and workers (the full build) take the policy itself or
 * compiled bytes; the browser entry (the lean build) takes compiled bytes only and throws
 * `compiled_policy_required` otherwise, and its engines have `promise`, `promiseJson`,
 * `quote` and `quoteBatch` only. */
export declare function createEngine(policy: Policy | string | CompiledPolicy): Engine;
/** Checks a policy: every problem when it is invalid; `warnings`, settings that load but have
 * no effect (`no_effect`), when it is valid. */
export declare function validatePolicy(policy: Policy | string): { valid: boolean; code?: string; message?: string; problems: Problem[]; warnings: Problem[] };
export declare const version: string;
export declare const tzdataVersion: string;

/** The engine's limits on what a document may hold (docs/limits.md): past one, a document is
 * refused with `too_large` at the path of what is too large, or `document_too_large`. */
export interface Limits {
  readonly policyBytes: number;
  readonly documentBytes: number;
  readonly requestBytes: number;
  readonly jsonValues: number;
  readonly objectMembers: number;
  readonly depth: number;
  readonly textBytes: number;
  readonly problems: number;
  readonly lines: number;
  readonly shipments: number;
  readonly tags: number;
  readonly orderServices: number;
  readonly events: number;
  readonly nodes: number;
  readonly services: number;
  readonly calendars: number;
  readonly extends: number;
  readonly extendsDepth: number;
  readonly holidayNames: number;
  readonly omit: number;
  readonly rules: number;
  readonly rangeDays: number;
  readonly specialDays: number;
  readonly windows: number;
  readonly waves: number;
  readonly nodeCarriers: number;
  readonly extraHandling: number;
  readonly restrictions: number;
  readonly destinations: number;
  readonly destinationCalendars: number;
  readonly advisories: number;
  readonly advisoryDestinations: number;
  readonly advisoryDays: number;
  readonly countries: number;
  readonly customMilestones: number;
  readonly routes: number;
  readonly deadlineRows: number;
  readonly handlingDays: number;
  readonly transitDays: number;
  readonly compiledYears: number;
  readonly workingDayOffset: number;
}
export declare const limits: Limits;

export type DayOff = { reason: 'holiday'; name: string } | { reason: 'weekday'; weekday: WeekdayKey };

/** A business calendar. Dates are `YYYY-MM-DD` strings (a Date is an instant, not a day). */
export declare class Calendar {
  private constructor();
  readonly weekdays: WeekdayKey[];
  isWorkingDay(date: DateString): boolean;
  /** Why a date is not a working day; `null` on a working day. */
  dayOff(date: DateString): DayOff | null;
  nextWorkingDay(date: DateString): DateString;
  previousWorkingDay(date: DateString): DateString;
  /** `n` working days after `date` (before it when negative); the start day does not count. */
  addWorkingDays(date: DateString, n: number): DateString;
  /** Working days in [from, to); negative (covering (to, from]) when `to` is earlier. */
  workingDaysBetween(from: DateString, to: DateString): number;
  holidays(year: number): { date: DateString; name: string }[];
  free(): void;
  [Symbol.dispose](): void;
}

/** A calendar from a preset id (`'us'`, `'gb-eng'`, `'ups'`) or a definition. */
export declare function calendar(definition: string | CalendarDefinition): Calendar;
/** Every built-in preset. */
export declare function presets(): { id: string; name: string; source: string }[];
export declare const presetsVersion: string;

export type TrackingEventType = 'payment_captured' | 'released' | 'picked' | 'packed' | 'shipped' | 'delivered'
  | 'hold_started' | 'hold_ended' | 'carrier_exception' | 'cancelled';
/** An order event. Other fields are ignored. `node`: the shipment (needed when the order ships from several nodes). */
export interface TrackingEvent { type: TrackingEventType | string; at: InstantInput; node?: string; reason?: string }
export type MilestoneState = 'pending' | 'on_track' | 'at_risk' | 'breached' | 'met' | 'met_late' | 'cancelled';
export type TrackingReason = 'overdue' | 'late' | 'low_remaining_fraction' | 'low_remaining_hours' | 'not_started_in_time' | 'carrier_exception' | 'cancelled';
export interface MilestoneStatus {
  id: string; name: string; node?: string;
  status: MilestoneState;
  due: Moment; metAt: Moment | null;
  /** Negative when late; null once met or cancelled. */
  remainingWorkingMs: number | null; remainingWallMs: number | null;
  pausedWorkingMs: number; paused: boolean;
  reasons: TrackingReason[];
  owner: string | null; route: string | null;
}
export interface TrackingChange {
  at: Moment; milestone?: string; node?: string;
  change: 'at_risk' | 'breached' | 'met' | 'met_late' | 'paused' | 'resumed' | 'cancelled';
  reason?: string;
}
export interface Tracking {
  orderId?: string; service: string; now: Moment;
  status: 'on_track' | 'at_risk' | 'breached' | 'met' | 'met_late' | 'cancelled';
  milestones: MilestoneStatus[];
  history: TrackingChange[];
  warnings: Problem[];
  policyHash: string; engineVersion: string;
}

/** "Arrives Wed, Dec 2 – Fri, Dec 4" (en), "Lieferung Mi., 2. – Fr., 4. Dez." (de), ... */
export declare function formatDelivery(window: Window, options?: { locale?: string }): string;
/** "1 day 3 hr", "2 hr 14 min", "45 min" (rounded down), in the locale's units. */
export declare function formatDuration(ms: number, options?: { locale?: string }): string;
/** An instant, or an option whose countdown is its `windowOrderBy`. */
export type CountdownTarget = Moment | Date | number | { windowOrderBy: Moment | number };
/** "Order within 2 hr 14 min" until an instant or an option's `windowOrderBy` (never
 * "0 min" while time is left), then "Order deadline passed" (each in en, de, fr, ja). */
export declare function formatOrderWithin(orderBy: CountdownTarget, options?: { now?: Moment | Date | number; locale?: string }): string;
/** "Order by Mon, Nov 30, 3:00 PM EST" in the shopper's zone (default: the device's), for an
 * instant or an option's `windowOrderBy`. */
export declare function formatOrderBy(orderBy: CountdownTarget, options?: { locale?: string; timeZone?: string }): string;

/** One milestone of an audited order (see docs/audit.md). */
export interface AuditMilestone {
  id: string;
  node: string | null;
  status: 'on_track' | 'at_risk' | 'breached' | 'met' | 'met_late' | 'pending' | 'cancelled';
  /** Epoch milliseconds. */
  due: number;
  /** The due's local date at its node. */
  dueDay: string;
  metAt: number | null;
  /** How late it was met, or is (breached, against now); null otherwise. */
  lateMs: number | null;
  reasons: string[];
  owner: string | null;
  route: string | null;
}

/** One audited row: its result, or its error (`if (item.error)` tells which; both can be
 * destructured). */
export type AuditItem =
  | { file: string; line: number; result: { orderId?: string; service: string; status: string; milestones: AuditMilestone[] }; error?: undefined }
  | { file: string; line: number; orderId?: string; error: OrderSlaError; result?: undefined };

export interface AuditSummary {
  now: string;
  orders: number;
  badRows: number;
  byStatus: Record<string, number>;
  shipping: { onTime: number; late: number; breached: number; onTimeRate: number | null };
  delivery: { onTime: number; late: number; breached: number; onTimeRate: number | null };
  atRisk: AuditCounts;
  breached: AuditCounts;
  lateness: { late: number; p50Ms: number | null; p90Ms: number | null; p99Ms: number | null; histogram: { fromHours: number; toHours: number | null; count: number }[] };
  shippedByDay: Record<string, { onTime: number; late: number }>;
  atRiskList: (AuditMilestone & { file: string; line: number; orderId?: string; service: string })[];
  badRowList: { file: string; line: number; code: string; message: string; path: string }[];
}

export interface AuditCounts {
  total: number;
  byReason: Record<string, number>;
  byOwner: Record<string, number>;
  byNode: Record<string, number>;
  byService: Record<string, number>;
  byDay: Record<string, number>;
}

/** Audits rows of orders with their events (Node, Bun): an async iterator of per-order
 * results in input order, and the summary once read. See docs/audit.md. */
export declare function audit(
  /** Rows or lines, a file's text, or a stream (a Node stream, a web ReadableStream). */
  source: string | Uint8Array | Iterable<unknown> | AsyncIterable<unknown> | { getReader(): unknown },
  options: ({ policy: Policy | string; engine?: Engine } | { engine: Engine; policy?: Policy | string }) & {
    now?: InstantInput;
    file?: string;
    format?: 'ndjson' | 'csv';
    strict?: boolean;
    /** Worker threads (needs `policy`); 1 by default. */
    workers?: number;
  },
): AsyncIterable<AuditItem> & { summary(): Promise<AuditSummary> };
