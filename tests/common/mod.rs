//! Helpers the rule tests share: an engine from a policy value, a promise as JSON, its options.
// Each test file uses some of them.
#![allow(dead_code)]
use order_sla::Engine;
use serde_json::{json, Value};

pub fn engine(p: &Value) -> Engine {
    Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

/// The promise of a one-line order placed at `placed` to `destination`.
pub fn promise_to(e: &Engine, placed: &str, destination: Value) -> Value {
    let o = json!({ "placedAt": placed, "destination": destination, "lines": [{ "sku": "A" }] });
    serde_json::from_str(&e.promise_json(&o.to_string(), "").unwrap()).unwrap()
}

pub fn option<'a>(p: &'a Value, service: &str) -> &'a Value {
    p["options"].as_array().unwrap().iter().find(|o| o["service"] == service).unwrap_or_else(|| panic!("{p:#}"))
}

pub fn latest(p: &Value, service: &str) -> String {
    option(p, service)["delivery"]["latest"].as_str().unwrap().to_string()
}

/// The first shipment's explanation, a line a step: `code: text`.
pub fn explained(p: &Value, service: &str) -> String {
    let steps = option(p, service)["shipments"][0]["explanation"].as_array().unwrap();
    steps
        .iter()
        .map(|s| format!("{}: {}", s["code"].as_str().unwrap(), s["text"].as_str().unwrap()))
        .collect::<Vec<_>>()
        .join("\n")
}
