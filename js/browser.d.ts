// Types of the order-sla browser entry (the lean build, selected by the `browser` and
// `default` export conditions): one `await init()`, then engines from compiled policies
// that make promises and quotes. What only the full build does exists here too and throws
// `not_in_this_build` (docs/compiled.md); its types say so (`never`). The data types are the
// full build's (index.d.ts).
/// <reference lib="esnext.disposable" />
import type {
  CompiledPolicy, DeliveryPromise, Limits, Order, Quote,
} from './index.js';

export type {
  Advisory, AvailableOption, CompiledPolicy, Deadline, DeadlineQuery, DeadlineTable, DeliveryPromise, Destination, Limits, Moment, NodePolicy,
  Order, OrderLine, Policy, Problem, Quote, QuoteOption, Reason, ServicePolicy, Shipment, ShippingOption, Step, UnavailableOption,
  Window, InstantInput, DateString, TimeString, WeekdayKey,
} from './index.js';
export { OrderSlaError, formatDelivery, formatDuration, formatOrderWithin, formatOrderBy } from './index.js';

/** What init() takes: the wasm's URL (a string or a URL), a fetch Response, its bytes or a
 * compiled WebAssembly.Module. Default: the file beside the entry, as bundlers emit it. */
export type InitInput = string | { readonly href: string } | ArrayBuffer | ArrayBufferView | object;

/** Fetches and compiles the wasm once (later calls return the same promise); the API is
 * synchronous after it. */
export declare function init(input?: InitInput): Promise<void>;
export default init;

/** A compiled policy loaded once, evaluated for many orders. Create with createEngine(). */
export declare class Engine {
  private constructor();
  readonly policyHash: string;
  /** The numbers of the promise, the same as promise()'s, without text. */
  quote(order: Order | string, options?: { at?: Date | string | number; confidence?: number }): Quote;
  /** Quotes of many orders in one call; an invalid order's place holds its OrderSlaError. */
  quoteBatch(orders: Array<Order | string>, options?: { at?: Date | string | number; confidence?: number }): Array<Quote | import('./index.js').OrderSlaError>;
  promise(order: Order | string, options?: { at?: Date | string | number; confidence?: number }): DeliveryPromise;
  /** The promise as the JSON text the core wrote, byte-identical in every runtime. */
  promiseJson(order: Order | string, options?: { at?: Date | string | number; confidence?: number }): string;
  /** Full build only: throws `not_in_this_build` here. */
  track(...args: unknown[]): never;
  /** Full build only: throws `not_in_this_build` here. */
  latestOrderBy(...args: unknown[]): never;
  /** Full build only: throws `not_in_this_build` here. */
  auditRow(...args: unknown[]): never;
  /** Full build only: throws `not_in_this_build` here. */
  calendar(...args: unknown[]): never;
  /** Full build only: throws `not_in_this_build` here. */
  compile(...args: unknown[]): never;
  free(): void;
  [Symbol.dispose](): void;
}

/** Loads a compiled policy (`order-sla compile`, or engine.compile() in the full build);
 * anything else throws `compiled_policy_required`. Call `await init()` first. */
export declare function createEngine(policy: CompiledPolicy): Engine;
export declare const version: string;
export declare const tzdataVersion: string;
export declare const presetsVersion: string;
export declare const limits: Limits;

/** Full build only: throws `not_in_this_build` here. */
export declare function validatePolicy(...args: unknown[]): never;
/** Full build only: throws `not_in_this_build` here. */
export declare function calendar(...args: unknown[]): never;
/** Full build only: throws `not_in_this_build` here. */
export declare function presets(...args: unknown[]): never;
/** Full build only: throws `not_in_this_build` here. */
export declare function audit(...args: unknown[]): never;
