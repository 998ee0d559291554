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
    let order =
        json!({ "placedAt": "2026-03-02T12:00:00Z", "destination": { "country": "US" }, "lines": lines }).to_string();
    let e = engine.promise_json(&order, "").unwrap_err();
    assert_eq!(e.problems[0].code, "too_large");
    let big = format!(r#"{{"placedAt": "2026-03-02T12:00:00Z", "pad": "{}"}}"#, "x".repeat(MAX_DOCUMENT_BYTES));
    assert_eq!(engine.promise_json(&big, "").unwrap_err().code, "document_too_large");
    assert_eq!(Engine::new(&big).err().map(|e| e.code), Some("document_too_large"));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(engine.promise_json(&deep, "").unwrap_err().code, "invalid_json");
    assert_eq!(
        engine.track_json("{}", &deep, r#"{"now": "2026-12-01T00:00:00Z"}"#).unwrap_err().code,
        "invalid_promise"
    );
}

#[test]
fn calendars_extend_at_most_sixteen_deep_and_no_chain_overflows_the_stack() {
    // A chain within the count of calendars: cut at the depth limit with a path, not recursed.
    let n = order_sla::limits::MAX_CALENDARS;
    let calendars: serde_json::Map<String, Value> = (0..n)
        .map(|i| (format!("c{i}"), json!({ "extends": [if i + 1 < n { format!("c{}", i + 1) } else { "us".into() }] })))
        .collect();
    let mut p = policy(json!([]), json!(2), 0);
    p["calendars"] = Value::Object(calendars);
    p["nodes"][0]["calendars"] = json!(["c0"]);
    let Err(e) = Engine::new(&p.to_string()) else { panic!("the policy should be refused") };
    assert_eq!(e.code, "invalid_policy");
    let deep = e.problems.iter().find(|p| p.code == "too_large").unwrap();
    assert!(deep.message.contains("more than 16 deep"), "{}", deep.message);
    assert!(deep.path.starts_with("calendars.c") && deep.path.ends_with(".extends[0]"), "{}", deep.path);
}

#[test]
fn documents_are_bounded_in_values_members_and_problems() {
    let engine = Engine::new(&policy(json!([]), json!(2), 0).to_string()).unwrap();
    // Half a million tiny values fit in far less than a megabyte of text.
    let zeros = format!(
        r#"{{"placedAt": "2026-03-02T12:00:00Z", "id": [{}0]}}"#,
        "0,".repeat(order_sla::limits::MAX_JSON_VALUES)
    );
    assert_eq!(engine.promise_json(&zeros, "").unwrap_err().code, "document_too_large");
    let members: Vec<String> = (0..=order_sla::limits::MAX_OBJECT_MEMBERS).map(|i| format!("\"k{i}\":0")).collect();
    let wide = format!("{{{}}}", members.join(","));
    assert_eq!(Engine::new(&wide).err().map(|e| e.code), Some("document_too_large"));
    // Problems past the cap are counted in a last one.
    let mut p = policy(json!([]), json!(2), 0);
    for i in 0..1000 {
        p[format!("unknown{i}")] = json!(i);
    }
    let Err(e) = Engine::new(&p.to_string()) else { panic!("the policy should be refused") };
    assert_eq!(e.problems.len(), order_sla::limits::MAX_PROBLEMS + 1);
    let last = e.problems.last().unwrap();
    assert_eq!((last.code, last.message.as_str()), ("too_many_problems", "and 900 more"));
    // Texts are bounded too.
    let long = format!(
        r#"{{"placedAt": "2026-03-02T12:00:00Z", "destination": {{"country": "US"}}, "lines": [{{"sku": "{}"}}]}}"#,
        "x".repeat(257)
    );
    let e = engine.promise_json(&long, "").unwrap_err();
    assert_eq!((e.problems[0].code, e.problems[0].path.as_str()), ("too_large", "lines[0].sku"));
}

#[test]
fn explanations_list_at_most_128_steps_and_count_the_rest() {
    // Closed for the winter: months of days skipped for one reason are one step.
    let closed = json!([{ "from": "2026-12-01", "to": "2027-05-31", "name": "Closed" }]);
    let engine = Engine::new(&policy(closed, json!(2), 0).to_string()).unwrap();
    let p = promise(&engine, "2026-12-01T12:00:00Z");
    let steps = p["options"][0]["shipments"][0]["explanation"].as_array().unwrap();
    assert_eq!(steps[1]["text"], "Skipped Tue 1 Dec - Mon 31 May (182 days): Closed", "{steps:?}");
    // Closed 300 days in a row, each for its own reason: each one a step, up to the cap.
    let mut day = order_sla::civil::Date::from_ymd(2026, 12, 1).unwrap();
    let names: Vec<Value> = (0..300)
        .map(|i| {
            day = day.succ();
            json!({ "date": day.pred().to_string(), "name": format!("Closure {i}") })
        })
        .collect();
    let engine = Engine::new(&policy(json!(names), json!(2), 0).to_string()).unwrap();
    let p = promise(&engine, "2026-12-01T12:00:00Z");
    let steps = p["options"][0]["shipments"][0]["explanation"].as_array().unwrap();
    assert_eq!(steps.len(), 128);
    let last = &steps[127];
    assert_eq!(last["code"], "steps_omitted");
    assert!(last["text"].as_str().unwrap().ends_with("more steps are not listed"), "{last}");
}

#[test]
fn deadline_tables_have_at_most_256_rows() {
    let nodes: Vec<Value> = (0..300)
        .map(|i| {
            let mut n = policy(json!([]), json!(2), 0)["nodes"][0].clone();
            n["id"] = json!(format!("n{i}"));
            n
        })
        .collect();
    let mut p = policy(json!([]), json!(2), 0);
    p["nodes"] = Value::Array(nodes);
    let engine = Engine::new(&p.to_string()).unwrap();
    let e = engine.latest_order_by_json(r#"{"arriveBy": "2026-12-20", "destination": {"country": "US"}}"#).unwrap_err();
    assert_eq!((e.code, e.problems[0].code, e.problems[0].path.as_str()), ("invalid_query", "too_large", "services"));
    let named = engine
        .latest_order_by_json(
            r#"{"arriveBy": "2026-12-20", "destination": {"country": "US"}, "lines": [{"sku": "A", "node": "n7"}]}"#,
        )
        .unwrap();
    assert!(named.contains(r#""node":"n7""#));
}

#[test]
fn every_limit_is_documented() {
    // docs/limits.md names each constant of src/limits.rs (one source for the numbers).
    let docs = include_str!("../docs/limits.md");
    let source = include_str!("../src/limits.rs");
    for line in source.lines().filter_map(|l| l.strip_prefix("pub const ")) {
        let name = line.split(':').next().unwrap();
        if name == "ALL" {
            continue;
        }
        assert!(docs.contains(&format!("`{name}`")), "docs/limits.md does not name {name}");
    }
}

#[test]
fn answers_past_the_supported_dates_say_so() {
    // An order at the end of 2199 whose delivery would fall in 2200: out of range, not a
    // "compile it for later years" (the policy was never compiled) nor a closure.
    let engine = Engine::new(&policy(json!([]), json!(2), 0).to_string()).unwrap();
    let p = promise(&engine, "2199-12-29T12:00:00Z");
    let reason = &p["options"][0]["reason"];
    assert_eq!(reason["code"], "out_of_range", "{p}");
    assert!(reason["message"].as_str().unwrap().contains("outside 2000-01-01 to 2199-12-31"), "{reason}");
}
