// What every entry exports: the one list of the API's names (the bindings live in api.js,
// filled by the entry; types: index.d.ts, browser.d.ts).
export { OrderSlaError } from './core.js';
export * from './format.js';
export {
  createEngine, validatePolicy, calendar, presets, audit, Engine, Calendar, version, tzdataVersion, presetsVersion, limits,
} from './api.js';
