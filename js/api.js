// The API every entry of the package exports, as live bindings that the entry fills with its
// build (automerge's shape: one API module, one small entry per runtime). The names are
// listed once, in exports.js; each entry calls provide() with its build's functions, at
// import (server runtimes) or in init() (browsers, order-sla/module).
export let createEngine;
export let validatePolicy;
export let calendar;
export let presets;
export let audit;
export let Engine;
export let Calendar;
export let version;
export let tzdataVersion;
export let presetsVersion;
export let limits;

/** Fills the bindings from an API object (what makeApi/makeFullApi return, plus `audit`). */
export function provide(api) {
  ({ createEngine, validatePolicy, calendar, presets, audit, Engine, Calendar, version, tzdataVersion, presetsVersion, limits } = api);
}
