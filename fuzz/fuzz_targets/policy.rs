//! A policy's JSON, as `createEngine(policy)` reads it: loaded, and when it loads, used for a
//! promise, a quote, a deadline table and compiled (each must return, never panic).
#![no_main]
use libfuzzer_sys::fuzz_target;
use order_sla::{Engine, Order, PromiseOptions};

const ORDER: &str = r#"{"placedAt": "2026-11-27T18:30:00Z", "destination": {"country": "US"}, "lines": [{"sku": "A"}]}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(engine) = Engine::new(text) else { return };
    let _ = engine.promise_json(ORDER, "");
    if let Ok(order) = Order::from_json(engine.policy(), ORDER, None) {
        let _ = engine.quote(&order, PromiseOptions::default());
    }
    let _ = engine.latest_order_by_json(r#"{"arriveBy": "2026-12-24", "destination": {"country": "US"}}"#);
    let _ = engine.compile(2026, 2027);
});
