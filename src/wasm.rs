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

// The binding layer itself, compiled to wasm and run in Node by wasm-bindgen-test-runner
// (`cargo test --target wasm32-unknown-unknown --lib`).
#[cfg(test)]
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
        assert_eq!(validate_policy(POLICY), "");
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
        assert_eq!(tzdata_version(), crate::tz::TZDATA_VERSION);
    }
}
