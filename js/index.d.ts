// Types of the order-sla package. Field names match the JSON the Rust core writes.

/** An instant: a Date, an ISO 8601 / RFC 3339 string with offset, or epoch milliseconds. */
export type InstantInput = Date | string | number;
/** A calendar date as `YYYY-MM-DD`. */
export type DateString = string;
/** A time of day as `HH:MM` (or `HH:MM:SS`, `HH:MM:SS.sss`). */
export type TimeString = string;
export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type WeekdayMap<T> = T | ({ [K in WeekdayKey | 'default']?: T });

export interface Closure { date?: DateString; from?: DateString; to?: DateString; name?: string }
export interface SpecialDay { date: DateString; name?: string; hours: string[]; cutoff?: TimeString; pickup?: TimeString | null }
export interface TransitDays { min: number; max: number }

export interface NodePolicy {
  id: string;
  name?: string;
  /** IANA time zone, e.g. `America/New_York`. */
  zone: string;
  /** Working windows per weekday, e.g. `{ mon: ["08:00-12:00", "12:30-17:00"] }`; absent days are closed. */
  hours: { [K in WeekdayKey]?: string[] };
  /** Released strictly before the cutoff: handled that day. Default: close of business. */
  cutoffs?: WeekdayMap<TimeString>;
  /** Carrier pickup per weekday (`null`: none). Default: close of business. */
  pickups?: WeekdayMap<TimeString | null>;
  /** Per-carrier cutoffs and pickups overriding the node's. */
  carriers?: Record<string, { cutoffs?: WeekdayMap<TimeString>; pickups?: WeekdayMap<TimeString | null> }>;
  handlingDays: number;
  extraHandlingDays?: { tags?: Record<string, number>; skus?: Record<string, number> };
  holidays?: Closure[];
  calendars?: string[];
  specialDays?: SpecialDay[];
}

export interface DestinationRule {
  country: string;
  region?: string;
  postalPrefix?: string;
  transitDays: number | TransitDays;
  transitPercentiles?: Record<string, number>;
}

export interface ServicePolicy {
  id: string;
  name?: string;
  carrier: string;
  transitDays?: number | TransitDays;
  /** e.g. `{ p50: 2, p90: 4, p95: 5 }` */
  transitPercentiles?: Record<string, number>;
  transitWeekdays?: WeekdayKey[];
  deliveryWeekdays?: WeekdayKey[];
  holidays?: Closure[];
  calendars?: string[];
  countries?: string[];
  destinations?: DestinationRule[];
  nodes?: string[];
}

export interface Policy {
  version?: 1;
  name?: string;
  calendars?: Record<string, { holidays?: Closure[] }>;
  nodes: NodePolicy[];
  services: ServicePolicy[];
  release?: { requirePaymentCapture?: boolean };
  defaultNode?: string;
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
}

export interface Moment { utc: string; local: string; zone: string; epochMs: number }
export interface Window { earliest: DateString; latest: DateString; confidence: number | null; zone: string }
export interface Step { code: string; date?: DateString; text: string }
export interface Reason { code: string; message: string }
export interface Shipment {
  node: string; nodeName: string; lines: string[];
  releasedAt: Moment; handlingStarts: DateString; shipBy: Moment; delivery: Window; orderBy: Moment;
  explanation: Step[];
}
export interface ShippingOption {
  service: string; serviceName: string; carrier: string;
  available: boolean;
  reason?: Reason;
  shipBy?: Moment; delivery?: Window; orderBy?: Moment;
  next?: { shipBy: Moment; delivery: Window; orderBy: Moment };
  shipments: Shipment[];
}
export interface DeliveryPromise {
  orderId?: string; placedAt: string; options: ShippingOption[];
  policyHash: string; engineVersion: string; tzdataVersion: string;
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
export interface DeadlineTable { arriveBy: DateString; rows: Deadline[]; policyHash: string; engineVersion: string; tzdataVersion: string }

export interface Problem { code: string; path: string; message: string }

export declare class OrderSlaError extends Error {
  readonly name: 'OrderSlaError';
  readonly code: string;
  readonly path: string;
  readonly problems: Problem[];
}

export declare class Engine {
  private constructor();
  readonly policyHash: string;
  promise(order: Order | string, options?: { at?: InstantInput; confidence?: number }): DeliveryPromise;
  latestOrderBy(query: DeadlineQuery | string): DeadlineTable;
  free(): void;
  [Symbol.dispose](): void;
}

export declare function createEngine(policy: Policy | string): Engine;
export declare function validatePolicy(policy: Policy | string): { valid: boolean; code?: string; message?: string; problems: Problem[] };
export declare const version: string;
export declare const tzdataVersion: string;
