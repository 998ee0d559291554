//! An order's JSON against the example store, as `engine.promise()`, `engine.quote()` and the
//! audit read it; the first byte picks the options.
#![no_main]
use libfuzzer_sys::fuzz_target;
use order_sla::{Engine, Order, PromiseOptions};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(include_str!("../../examples/store/policy.json")).expect("the example policy loads"))
}

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let options = match first % 4 {
        0 => "",
        1 => r#"{"at": "2026-11-28T10:20:00Z"}"#,
        2 => r#"{"at": 1795861200000, "confidence": 0.9}"#,
        _ => r#"{"confidence": 0.5}"#,
    };
    let engine = engine();
    let _ = engine.promise_json(text, options);
    if let Ok(order) = Order::from_json(engine.policy(), text, Some(order_sla::civil::Instant(1_795_861_200_000))) {
        let _ = engine.quote(&order, PromiseOptions { confidence: Some(0.8) });
    }
    let _ = engine.audit_row_json(text, 1_796_299_200_000);
});
