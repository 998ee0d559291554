//! The WebAssembly boundary: converts and delegates, nothing else.
//!
//! Documents cross as JSON text (one crossing per call, byte-identical output in every
//! runtime). Errors cross as the error's JSON text, thrown; `js/core.js` turns them into
//! `OrderSlaError`. The core is written not to panic (a panic would trap and poison the
//! instance), so nothing here needs to catch one.

use crate::engine::Engine;
use wasm_bindgen::prelude::*;

fn throw(e: crate::Error) -> JsValue {
    JsValue::from_str(&e.to_json())
}

/// A loaded policy (`createEngine` in the JS API).
#[wasm_bindgen(js_name = WasmEngine)]
pub struct WasmEngine {
    inner: Engine,
}

#[wasm_bindgen(js_class = WasmEngine)]
impl WasmEngine {
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> Result<WasmEngine, JsValue> {
        Engine::new(policy_json).map(|inner| WasmEngine { inner }).map_err(throw)
    }

    pub fn promise(&self, order_json: &str, options_json: &str) -> Result<String, JsValue> {
        self.inner.promise_json(order_json, options_json).map_err(throw)
    }

    #[wasm_bindgen(js_name = latestOrderBy)]
    pub fn latest_order_by(&self, query_json: &str) -> Result<String, JsValue> {
        self.inner.latest_order_by_json(query_json).map_err(throw)
    }

    #[wasm_bindgen(getter, js_name = policyHash)]
    pub fn policy_hash(&self) -> String {
        self.inner.policy().hash.clone()
    }
}

/// Validates a policy: `""` when valid, else the error as JSON.
#[wasm_bindgen(js_name = validatePolicy)]
pub fn validate_policy(policy_json: &str) -> String {
    match crate::engine::validate_policy(policy_json) {
        Ok(()) => String::new(),
        Err(e) => e.to_json(),
    }
}

#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::ENGINE_VERSION.to_string()
}

#[wasm_bindgen(js_name = tzdataVersion)]
pub fn tzdata_version() -> String {
    crate::tz::TZDATA_VERSION.to_string()
}
