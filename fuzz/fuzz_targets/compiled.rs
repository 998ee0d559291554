//! Compiled policy bytes (`createEngine(bytes)` in browsers): loaded, and when they load,
//! used for a promise.
#![no_main]
use libfuzzer_sys::fuzz_target;
use order_sla::Engine;

fuzz_target!(|data: &[u8]| {
    let Ok(engine) = Engine::from_compiled(data) else { return };
    let _ = engine.promise_json(r#"{"placedAt": "2026-11-27T18:30:00Z", "destination": {"country": "US"}, "lines": [{"sku": "A"}]}"#, "");
});
