//! Events' JSON tracked against the example store's placed order, as `engine.track()` reads
//! them, and the same inside an audit row.
#![no_main]
use libfuzzer_sys::fuzz_target;
use order_sla::Engine;
use std::sync::OnceLock;

fn setup() -> &'static (Engine, String) {
    static SETUP: OnceLock<(Engine, String)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let engine = Engine::new(include_str!("../../examples/store/policy.json")).expect("the example policy loads");
        let promise = engine.promise_json(include_str!("../../examples/store/placed-order.json"), "").expect("a promise");
        (engine, promise)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (engine, promise) = setup();
    for now in ["2026-11-28T12:00:00Z", "2026-12-03T18:00:00Z", "2027-06-01T00:00:00Z"] {
        let _ = engine.track_json(promise, text, &format!(r#"{{"now": "{now}", "service": "ups-ground"}}"#));
    }
    let row = format!(r#"{{"order": {}, "service": "ups-ground", "events": {text}}}"#, include_str!("../../examples/store/placed-order.json"));
    let _ = engine.audit_row_json(&row, 1_796_299_200_000);
});
