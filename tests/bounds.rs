//! Bounded work (docs/limits.md): the worst calendars and the largest inputs either answer or
//! fail with a stable code, and always return. No timing is asserted; a hang would stop the
//! test run (the runners' time-outs catch it).
use order_sla::{Engine, Order, PromiseOptions, MAX_DOCUMENT_BYTES, MAX_LINES};
use serde_json::{json, Value};

fn policy(holidays: Value, transit: Value, handling: u32) -> Value {
    let day = json!(["08:00-17:00"]);
    json!({
        "nodes": [{ "id": "dc", "zone": "America/New_York",
                    "hours": { "mon": day, "tue": day, "wed": day, "thu": day, "fri": day },
                    "cutoffs": "14:00", "pickups": "16:00", "handlingDays": handling, "holidays": holidays }],
        "services": [{ "id": "ground", "carrier": "ups", "transitDays": transit, "holidays": holidays }]
    })
}

/// Closed ranges of at most a year each (the policy's longest range) covering the years
/// `from..=to`, leaving 1 December of each open when `open_dec_1`.
fn closed(from: i32, to: i32, open_dec_1: bool) -> Value {
    let mut out = Vec::new();
    for year in from..=to {
        if open_dec_1 {
            out.push(json!({ "from": format!("{year}-01-01"), "to": format!("{year}-11-30"), "name": "Closed" }));
            out.push(json!({ "from": format!("{year}-12-02"), "to": format!("{year}-12-31"), "name": "Closed" }));
        } else {
            out.push(json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31"), "name": "Closed" }));
        }
    }
    Value::Array(out)
}

fn promise(engine: &Engine, placed: &str) -> Value {
    let order = format!(r#"{{"placedAt": "{placed}", "destination": {{"country": "US"}}, "lines": [{{"sku": "A"}}]}}"#);
    let p: Value = serde_json::from_str(&engine.promise_json(&order, "").unwrap()).unwrap();
    // The quote (day tables, or the rules past them) agrees.
    let o = Order::from_json(engine.policy(), &order, None).unwrap();
    let q = engine.quote(&o, PromiseOptions::default()).unwrap();
    assert_eq!(q[0].is_some(), p["options"][0]["available"] == true);
    p
}

#[test]
fn a_closure_of_years_is_no_working_day_not_a_hang() {
    let engine = Engine::new(&policy(closed(2026, 2029, false), json!(2), 0).to_string()).unwrap();
    let p = promise(&engine, "2026-03-02T12:00:00Z");
    assert_eq!(p["options"][0]["available"], false);
    assert_eq!(p["options"][0]["reason"]["code"], "no_working_day");
}

#[test]
fn one_working_day_a_year_is_found_or_reported() {
    // Open only on 1 December: the handling start is 2026-12-01; the carrier, closed the same
    // way, moves the parcel a year later at the earliest (past the 400-day search).
    let holidays = closed(2026, 2028, true);
    let engine = Engine::new(&policy(holidays, json!(1), 0).to_string()).unwrap();
    let p = promise(&engine, "2026-01-05T12:00:00Z");
    let o = &p["options"][0];
    match o["available"].as_bool() {
        Some(true) => assert_eq!(o["shipments"][0]["handlingStarts"], "2026-12-01"),
        _ => assert_eq!(o["reason"]["code"], "no_working_day"),
    }
}

#[test]
fn limits_are_errors_at_load_and_at_call() {
    let code = |p: Value| Engine::new(&p.to_string()).err().map(|e| e.problems.first().map_or(e.code, |p| p.code));
    assert!(code(policy(json!([]), json!(365), 0)).is_some(), "transit of a year");
    assert!(code(policy(json!([]), json!(2), 61)).is_some(), "handling beyond 60 days");
    let engine = Engine::new(&policy(json!([]), json!(2), 0).to_string()).unwrap();
    let lines: Vec<Value> = (0..=MAX_LINES).map(|i| json!({ "sku": format!("S{i}") })).collect();
    let order = json!({ "placedAt": "2026-03-02T12:00:00Z", "destination": { "country": "US" }, "lines": lines }).to_string();
    let e = engine.promise_json(&order, "").unwrap_err();
    assert_eq!(e.problems[0].code, "too_large");
    let big = format!(r#"{{"placedAt": "2026-03-02T12:00:00Z", "pad": "{}"}}"#, "x".repeat(MAX_DOCUMENT_BYTES));
    assert_eq!(engine.promise_json(&big, "").unwrap_err().code, "document_too_large");
    assert_eq!(Engine::new(&big).err().map(|e| e.code), Some("document_too_large"));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(engine.promise_json(&deep, "").unwrap_err().code, "invalid_json");
    assert_eq!(engine.track_json("{}", &deep, r#"{"now": "2026-12-01T00:00:00Z"}"#).unwrap_err().code, "invalid_promise");
}
