//! The WebAssembly boundary: converts and delegates, nothing else.
//!
//! Documents cross as JSON text (one crossing per call, byte-identical output in every
//! runtime). Errors cross as the error's JSON text, thrown; `js/core.js` turns them into
//! `OrderSlaError`. The core is written not to panic (a panic would trap and poison the
//! instance), so nothing here needs to catch one.
//!
//! The lean build (without the `full` feature) exports only what a checkout page needs:
//! engines from compiled policies, promises and the versions.

#[cfg(feature = "full")]
use crate::calendar::{Calendar, MAX_WORKING_DAY_OFFSET};
#[cfg(feature = "full")]
use crate::civil::{Date, MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR, WEEKDAYS};
use crate::engine::Engine;
#[cfg(feature = "full")]
use crate::json::{Obj, ToJson};
use wasm_bindgen::prelude::*;

fn throw(e: crate::Error) -> JsValue {
    JsValue::from_str(&e.to_json())
}

/// A loaded policy (`createEngine` in the JS API).
#[wasm_bindgen(js_name = WasmEngine)]
pub struct WasmEngine {
    inner: Engine,
    #[cfg(feature = "full")]
    /// Encoded orders the wrapper writes straight into memory, and the numbers it reads
    /// back: quotes cross the boundary once per call, however many orders (see `js/quote.js`).
    input: Vec<f64>,
    #[cfg(feature = "full")]
    output: Vec<f64>,
}

impl From<Engine> for WasmEngine {
    fn from(inner: Engine) -> WasmEngine {
        WasmEngine {
            inner,
            #[cfg(feature = "full")]
            input: Vec::new(),
            #[cfg(feature = "full")]
            output: Vec::new(),
        }
    }
}

#[cfg(feature = "full")]
/// The instance's memory, where the wrapper reads and writes encoded orders.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

#[cfg(feature = "full")]
/// Whether `name` is an IANA zone name the engine knows (the wrapper checks an order's
/// `destination.zone` with it before taking the fast path).
#[wasm_bindgen(js_name = isZone)]
pub fn is_zone(name: &str) -> bool {
    crate::tz::zone_name(name).is_some()
}

#[wasm_bindgen(js_class = WasmEngine)]
impl WasmEngine {
    /// From the bytes `compile` wrote (the lean build's only way to load a policy).
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(bytes: &[u8]) -> Result<WasmEngine, JsValue> {
        Engine::from_compiled(bytes).map(WasmEngine::from).map_err(throw)
    }

    pub fn promise(&self, order_json: &str, options_json: &str) -> Result<String, JsValue> {
        self.inner.promise_json(order_json, options_json).map_err(throw)
    }

    #[wasm_bindgen(getter, js_name = policyHash)]
    pub fn policy_hash(&self) -> String {
        self.inner.policy().hash.clone()
    }
}

#[cfg(feature = "full")]
#[wasm_bindgen(js_class = WasmEngine)]
impl WasmEngine {
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> Result<WasmEngine, JsValue> {
        Engine::new(policy_json).map(WasmEngine::from).map_err(throw)
    }

    /// The policy compiled for orders placed in the years `from..=to`.
    pub fn compile(&self, from: f64, to: f64) -> Result<Vec<u8>, JsValue> {
        let from = int_arg(from, "years.from", MIN_YEAR, MAX_YEAR)?;
        let to = int_arg(to, "years.to", MIN_YEAR, MAX_YEAR)?;
        self.inner.compile(from, to).map_err(throw)
    }

    /// Room for `len` numbers of encoded orders: the byte offset in memory to write them at.
    /// The room stays until a larger one is asked for, so the wrapper asks only to grow it.
    #[wasm_bindgen(js_name = quoteInput)]
    pub fn quote_input(&mut self, len: usize) -> usize {
        self.input.clear();
        self.input.resize(len, 0.0);
        self.input.as_ptr() as usize
    }

    /// Quotes the `orders` orders written at `quoteInput`: the byte offset of the answers,
    /// or 0 when the numbers there do not follow the layout (a wrapper bug, not bad input:
    /// orders are checked as they are decoded). Infallible, so one call costs no more than
    /// a call.
    #[wasm_bindgen(js_name = quoteRun)]
    pub fn quote_run(&mut self, orders: usize) -> usize {
        match self.inner.quote_encoded(orders, &self.input, &mut self.output) {
            Ok(()) => self.output.as_ptr() as usize,
            Err(_) => 0,
        }
    }

    /// What the wrapper encodes orders with: node and service ids by index, the default node.
    #[wasm_bindgen(js_name = quoteInfo)]
    pub fn quote_info(&self) -> String {
        crate::eval::fast::wire::info(self.inner.policy())
    }

    #[wasm_bindgen(js_name = latestOrderBy)]
    pub fn latest_order_by(&self, query_json: &str) -> Result<String, JsValue> {
        self.inner.latest_order_by_json(query_json).map_err(throw)
    }

    /// One audit row (JSON text) tracked at `now` (epoch ms): the compact record as JSON.
    #[wasm_bindgen(js_name = auditRow)]
    pub fn audit_row(&self, row_json: &str, now: f64) -> Result<String, JsValue> {
        self.inner.audit_row_json(row_json, now as i64).map_err(throw)
    }

    /// Tracking of a stored promise against the order's events (JSON texts).
    pub fn track(&self, promise_json: &str, events_json: &str, options_json: &str) -> Result<String, JsValue> {
        self.inner.track_json(promise_json, events_json, options_json).map_err(throw)
    }

    /// A calendar by id: the policy's own `calendars`, then the presets.
    pub fn calendar(&self, id: &str) -> Result<WasmCalendar, JsValue> {
        self.inner.calendar(id).map(|inner| WasmCalendar { inner }).map_err(throw)
    }
}

#[cfg(feature = "full")]
/// A business calendar (`calendar()` and `engine.calendar()` in the JS API). Dates cross
/// as `YYYY-MM-DD` text, lists as JSON text.
#[wasm_bindgen(js_name = WasmCalendar)]
pub struct WasmCalendar {
    inner: Calendar,
}

#[cfg(feature = "full")]
fn date_arg(s: &str, name: &str) -> Result<Date, JsValue> {
    Date::parse(s).ok_or_else(|| {
        throw(crate::Error::at(
            "invalid_date",
            name,
            format!("\"{s}\" is not a date: use YYYY-MM-DD between {MIN_DATE} and {MAX_DATE}"),
        ))
    })
}

#[cfg(feature = "full")]
/// Integer arguments cross as f64 so that 1.5 or NaN is an error, not a silent truncation.
fn int_arg(v: f64, name: &str, min: i32, max: i32) -> Result<i32, JsValue> {
    if v.fract() != 0.0 || v.is_nan() {
        Err(throw(crate::Error::at("invalid_argument", name, format!("{v} is not a whole number"))))
    } else if v < f64::from(min) || v > f64::from(max) {
        Err(throw(crate::Error::at("out_of_range", name, format!("{v} is outside {min} to {max}"))))
    } else {
        Ok(v as i32)
    }
}

#[cfg(feature = "full")]
#[wasm_bindgen(js_class = WasmCalendar)]
impl WasmCalendar {
    /// From a preset id or a definition object, as JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(definition_json: &str) -> Result<WasmCalendar, JsValue> {
        Calendar::from_json(definition_json).map(|inner| WasmCalendar { inner }).map_err(throw)
    }

    /// `""` for a working day, else `{"reason":"holiday","name":...}` or
    /// `{"reason":"weekday","weekday":"sat"}` as JSON.
    #[wasm_bindgen(js_name = dayOff)]
    pub fn day_off(&self, date: &str) -> Result<String, JsValue> {
        let d = date_arg(date, "date")?;
        Ok(self.inner.day_off(d).map(|off| off.to_json()).unwrap_or_default())
    }

    #[wasm_bindgen(js_name = nextWorkingDay)]
    pub fn next_working_day(&self, date: &str) -> Result<String, JsValue> {
        self.inner.next_working_day(date_arg(date, "date")?).map(|d| d.to_string()).map_err(throw)
    }

    #[wasm_bindgen(js_name = previousWorkingDay)]
    pub fn previous_working_day(&self, date: &str) -> Result<String, JsValue> {
        self.inner.previous_working_day(date_arg(date, "date")?).map(|d| d.to_string()).map_err(throw)
    }

    #[wasm_bindgen(js_name = addWorkingDays)]
    pub fn add_working_days(&self, date: &str, n: f64) -> Result<String, JsValue> {
        let d = date_arg(date, "date")?;
        let n = int_arg(n, "n", -MAX_WORKING_DAY_OFFSET, MAX_WORKING_DAY_OFFSET)?;
        self.inner.add_working_days(d, n).map(|d| d.to_string()).map_err(throw)
    }

    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(&self, from: &str, to: &str) -> Result<i32, JsValue> {
        Ok(self.inner.working_days_between(date_arg(from, "from")?, date_arg(to, "to")?))
    }

    /// `[{"date":"2026-01-01","name":"New Year's Day"}, ...]` as JSON.
    pub fn holidays(&self, year: f64) -> Result<String, JsValue> {
        let year = int_arg(year, "year", MIN_YEAR, MAX_YEAR)?;
        let list = self.inner.holidays(year);
        let mut out = String::from("[");
        for (i, (date, name)) in list.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            Obj::new(&mut out).str("date", &date.to_string()).str("name", name).end();
        }
        out.push(']');
        Ok(out)
    }

    /// The worked weekdays as JSON: `["mon","tue",...]`.
    #[wasm_bindgen(getter)]
    pub fn weekdays(&self) -> String {
        let days = self.inner.weekdays();
        let keys: Vec<&str> = WEEKDAYS.iter().filter(|w| days[w.index()]).map(|w| w.key()).collect();
        keys.to_json()
    }
}

#[cfg(feature = "full")]
/// Every preset as JSON: `[{"id","name","source"}]`.
#[wasm_bindgen]
pub fn presets() -> String {
    crate::calendar::preset::list().to_json()
}

#[wasm_bindgen(js_name = presetsVersion)]
pub fn presets_version() -> String {
    crate::calendar::preset::PRESETS_VERSION.to_string()
}

#[cfg(feature = "full")]
/// Validates a policy: `{"warnings": [...]}` when valid, else the error (with its `code`), as JSON.
#[wasm_bindgen(js_name = validatePolicy)]
pub fn validate_policy(policy_json: &str) -> String {
    match crate::engine::validate_policy(policy_json) {
        Ok(warnings) => {
            let mut out = String::new();
            crate::json::Obj::new(&mut out).list("warnings", &warnings).end();
            out
        }
        Err(e) => e.to_json(),
    }
}

/// Every input limit (`src/limits.rs`, `docs/limits.md`) as JSON, `{"lines": 500, ...}`:
/// the wrapper refuses what the core would before copying anything into wasm memory.
#[wasm_bindgen]
pub fn limits() -> String {
    let mut out = String::new();
    let mut o = crate::json::Obj::new(&mut out);
    for (name, value) in crate::limits::ALL {
        o.int(name, *value);
    }
    o.end();
    out
}

#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::ENGINE_VERSION.to_string()
}

#[wasm_bindgen(js_name = tzdataVersion)]
pub fn tzdata_version() -> String {
    crate::tz::TZDATA_VERSION.to_string()
}

// The binding layer itself, compiled to wasm and run in Node by wasm-bindgen-test-runner
// (`cargo test --target wasm32-unknown-unknown --lib`).
#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const POLICY: &str = include_str!("../examples/store/policy.json");
    const ORDER: &str = include_str!("../examples/store/order.json");

    fn error_code(e: JsValue) -> String {
        let text = e.as_string().unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        v["code"].as_str().unwrap_or("").to_string()
    }

    #[wasm_bindgen_test]
    fn promise_through_the_boundary_matches_the_native_engine() {
        let engine = WasmEngine::new(POLICY).unwrap_or_else(|_| unreachable!());
        let opts = r#"{"at":"2026-11-28T10:20:00Z"}"#;
        let native = Engine::new(POLICY).and_then(|e| e.promise_json(ORDER, opts)).unwrap_or_default();
        assert_eq!(engine.promise(ORDER, opts).ok(), Some(native));
        assert!(engine.policy_hash().starts_with("sha256:"));
    }

    #[wasm_bindgen_test]
    fn errors_cross_as_json_with_a_code() {
        assert_eq!(WasmEngine::new("{").err().map(error_code).as_deref(), Some("invalid_json"));
        let engine = WasmEngine::new(POLICY).unwrap_or_else(|_| unreachable!());
        assert_eq!(engine.promise("[]", "").err().map(error_code).as_deref(), Some("invalid_order"));
        assert_eq!(engine.promise(ORDER, "{\"at\":\"x\"}").err().map(error_code).as_deref(), Some("invalid_options"));
        assert!(validate_policy("{\"nodes\":[]}").contains("\"code\":\"invalid_policy\""));
        assert_eq!(validate_policy(POLICY), r#"{"warnings":[]}"#);
    }

    #[wasm_bindgen_test]
    fn many_bad_calls_leave_the_instance_usable() {
        let engine = WasmEngine::new(POLICY).unwrap_or_else(|_| unreachable!());
        for bad in ["", "{", "null", "{\"lines\":[{}]}", "{\"placedAt\":1e300}"].iter().cycle().take(500) {
            assert!(engine.promise(bad, "").is_err());
        }
        assert!(engine.promise(ORDER, r#"{"at":0}"#).is_err());
        assert!(engine.promise(ORDER, r#"{"at":"2026-11-28T10:20:00Z"}"#).is_ok());
        assert_eq!(engine_version(), crate::ENGINE_VERSION);
        assert_eq!(presets_version(), crate::calendar::preset::PRESETS_VERSION);
        assert_eq!(tzdata_version(), crate::tz::TZDATA_VERSION);
    }

    #[wasm_bindgen_test]
    fn calendars_cross_as_text_and_reject_bad_arguments() {
        let us = WasmCalendar::new("\"us\"").unwrap_or_else(|_| unreachable!());
        assert_eq!(us.day_off("2026-11-26").ok().as_deref(), Some(r#"{"name":"Thanksgiving Day","reason":"holiday"}"#));
        assert_eq!(us.next_working_day("2026-11-26").ok().as_deref(), Some("2026-11-27"));
        assert_eq!(us.add_working_days("2026-11-25", 2.0).ok().as_deref(), Some("2026-11-30"));
        assert_eq!(us.add_working_days("2026-11-25", 1.5).err().map(error_code).as_deref(), Some("invalid_argument"));
        assert_eq!(
            us.add_working_days("2026-11-25", f64::NAN).err().map(error_code).as_deref(),
            Some("invalid_argument")
        );
        assert_eq!(us.day_off("26/11/2026").err().map(error_code).as_deref(), Some("invalid_date"));
        assert_eq!(us.holidays(1999.0).err().map(error_code).as_deref(), Some("out_of_range"));
        assert_eq!(WasmCalendar::new("\"atlantis\"").err().map(error_code).as_deref(), Some("invalid_calendar"));
        let engine = WasmEngine::new(POLICY).unwrap_or_else(|_| unreachable!());
        assert!(engine.calendar("gb-eng").is_ok());
        assert!(presets().contains("\"id\":\"jp\""));
        let promise = engine.promise(ORDER, r#"{"at":"2026-11-28T10:20:00Z"}"#).unwrap_or_default();
        let tracked = engine.track(&promise, "[]", r#"{"now":"2026-11-30T12:00:00Z","service":"ups-ground"}"#);
        assert!(tracked.is_ok_and(|t| t.contains("\"milestones\"")));
        assert_eq!(engine.track(&promise, "[", "{}").err().map(error_code).as_deref(), Some("invalid_options"));
    }
}
