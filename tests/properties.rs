//! Properties over generated policies and orders (proptest): whatever the policy and the
//! instant, a promise never ships before its release, its window is ordered, a later order
//! never gets an earlier promise, the explanation accounts for every day of transit,
//! tracking is deterministic, and errors carry codes and paths.
use order_sla::Engine;
use proptest::prelude::*;
use serde_json::{json, Value};

const ZONES: [&str; 6] =
    ["America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"];
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// 2026-01-01T00:00:00Z and two years on.
const START: i64 = 1_767_225_600_000;
const SPAN: i64 = 2 * 365 * 86_400_000;

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn weekdays() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::sample::subsequence(DAYS.to_vec(), 1..=7)
}

prop_compose! {
    fn node(id: &'static str)(zone in proptest::sample::select(ZONES.to_vec()), days in weekdays(),
        open in 300u32..600, cut in 60u32..480, pick in 0u32..120, close in 0u32..180, handling in 0u32..3,
        closures in proptest::collection::vec((0i64..700, 1i64..20), 0..3), us in any::<bool>(),
        second in proptest::option::of((1u32..240, 0u32..120))) -> Value {
        let cutoff = open + cut;
        let pickup = cutoff + pick;
        let shut = pickup + close + 1;
        let hours: serde_json::Map<String, Value> = days.iter().map(|d| (d.to_string(), json!([format!("{}-{}", hhmm(open), hhmm(shut.min(1439)))]))).collect();
        let holidays: Vec<Value> = closures.iter().map(|(from, len)| json!({ "from": day_after_start(*from), "to": day_after_start(from + len), "name": "Closed" })).collect();
        let mut n = json!({ "id": id, "zone": zone, "hours": hours, "cutoffs": hhmm(cutoff), "pickups": hhmm(pickup.min(shut)),
                            "handlingDays": handling, "holidays": holidays });
        if us { n["calendars"] = json!(["us"]); }
        // A second wave, later in the day than the first (its pickup may be after closing).
        if let Some((gap, wait)) = second {
            let cutoff2 = (cutoff + gap).min(1400);
            let pickup2 = (cutoff2 + wait).max(pickup.min(shut) + 1).min(1439);
            if cutoff2 > cutoff {
                let n = n.as_object_mut().unwrap();
                n.remove("cutoffs");
                n.remove("pickups");
                n.insert("waves".into(), json!([{ "cutoff": hhmm(cutoff), "pickup": hhmm(pickup.min(shut)) },
                                                { "cutoff": hhmm(cutoff2), "pickup": hhmm(pickup2) }]));
            }
        }
        n
    }
}

prop_compose! {
    fn service(id: &'static str)(min in 0u32..5, extra in 0u32..4, transit in weekdays(), presets in any::<bool>(), p90 in 0u32..3,
        delivery in proptest::option::of(weekdays())) -> Value {
        let mut s = json!({ "id": id, "carrier": id, "transitDays": { "min": min, "max": min + extra }, "transitWeekdays": transit });
        // Delivery days of their own (Saturday delivery and the like) in some services.
        if let Some(days) = delivery { s["deliveryWeekdays"] = json!(days); }
        if presets { s["calendars"] = json!(["ups"]); }
        if p90 > 0 { s["transitPercentiles"] = json!({ "p90": (min + p90).min(min + extra) }); }
        s
    }
}

prop_compose! {
    fn policy()(a in node("a"), b in node("b"), two in any::<bool>(), s1 in service("s1"), s2 in service("s2")) -> Value {
        let nodes = if two { json!([a, b]) } else { json!([a]) };
        json!({ "nodes": nodes, "services": [s1, s2], "defaultNode": "a" })
    }
}

/// `YYYY-MM-DD` of the day `n` days after 2026-01-01 (`START`).
fn day_after_start(n: i64) -> String {
    let mut d = order_sla::civil::Date::parse("2026-01-01").unwrap();
    for _ in 0..n {
        d = d.succ();
    }
    d.to_string()
}

fn order(at: i64, lines: &[&str]) -> String {
    let lines: Vec<Value> = lines.iter().map(|n| json!({ "sku": "X", "node": n })).collect();
    json!({ "id": "P", "placedAt": at, "destination": { "country": "US", "zone": "America/Chicago" }, "lines": lines })
        .to_string()
}

fn promise(engine: &Engine, order: &str, options: &str) -> Value {
    serde_json::from_str(&engine.promise_json(order, options).expect("generated orders are valid")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn promises_are_ordered_monotone_and_explained(p in policy(), t in 0i64..SPAN, later in 1i64..(3 * 86_400_000), two in any::<bool>(), p90 in any::<bool>()) {
        let engine = Engine::new(&p.to_string()).expect("generated policies are valid");
        let nodes: Vec<&str> = if two && p["nodes"].as_array().unwrap().len() == 2 { vec!["a", "b"] } else { vec!["a"] };
        let options = if p90 { r#"{"confidence": 0.9}"# } else { "" };
        let first = promise(&engine, &order(START + t, &nodes), options);
        let second = promise(&engine, &order(START + t + later, &nodes), options);
        // The quote (day tables) gives the promise's numbers.
        let parsed = order_sla::Order::from_json(engine.policy(), &order(START + t, &nodes), None).unwrap();
        let quotes = engine.quote(&parsed, order_sla::PromiseOptions { confidence: p90.then_some(0.9) }).unwrap();
        for (q, o) in quotes.iter().zip(first["options"].as_array().unwrap()) {
            prop_assert_eq!(q.is_some(), o["available"] == true);
            if let Some(q) = q {
                prop_assert_eq!(Some(q.ship_by), o["shipBy"]["epochMs"].as_i64());
                prop_assert_eq!(Some(q.order_by), o["orderBy"]["epochMs"].as_i64());
                prop_assert_eq!(q.latest.to_string(), o["delivery"]["latest"].as_str().unwrap());
                prop_assert_eq!(q.earliest.to_string(), o["delivery"]["earliest"].as_str().unwrap());
                let next = o["next"]["orderBy"]["epochMs"].as_i64();
                prop_assert_eq!(q.next.map(|n| n.order_by), next);
            }
        }
        for (o, o2) in first["options"].as_array().unwrap().iter().zip(second["options"].as_array().unwrap()) {
            if o["available"] != true {
                prop_assert!(o["reason"]["code"].as_str().is_some_and(|c| !c.is_empty()));
                continue;
            }
            prop_assert!(o["orderBy"]["epochMs"].as_i64() > Some(START + t));
            prop_assert!(o["delivery"]["earliest"].as_str() <= o["delivery"]["latest"].as_str());
            for s in o["shipments"].as_array().unwrap() {
                // Never ships before release; the window is ordered.
                prop_assert!(s["shipBy"]["epochMs"].as_i64() >= s["releasedAt"]["epochMs"].as_i64());
                prop_assert!(s["delivery"]["earliest"].as_str() <= s["delivery"]["latest"].as_str());
                // Every day after the ship date and before the latest delivery date is explained
                // (a transit day, a carrier's day off, a day without delivery, a delivery day that is
                // not a transit day, a destination holiday); the latest date
                // itself is the window's.
                let ship = s["shipBy"]["local"].as_str().unwrap()[..10].to_string();
                let latest = s["delivery"]["latest"].as_str().unwrap().to_string();
                // A step stands for its `date`, or every day from it `through` another.
                let dated: Vec<(&str, &str)> = s["explanation"].as_array().unwrap().iter()
                    .filter(|e| matches!(e["code"].as_str(), Some("transit_day" | "carrier_day_skipped" | "no_delivery_day" | "delivery_day" | "destination_holiday")))
                    .filter_map(|e| e["date"].as_str().map(|d| (d, e["through"].as_str().unwrap_or(d)))).collect();
                let mut day = ship.clone();
                let mut n = 0;
                loop {
                    day = next_day(&day);
                    if day >= latest || n > 400 {
                        break;
                    }
                    prop_assert!(dated.iter().any(|(a, b)| *a <= day.as_str() && day.as_str() <= *b), "{day} of {ship}..{latest} not explained");
                    n += 1;
                }
            }
            // A later order never gets an earlier promise.
            if o2["available"] == true {
                prop_assert!(o2["shipBy"]["epochMs"].as_i64() >= o["shipBy"]["epochMs"].as_i64());
                prop_assert!(o2["delivery"]["earliest"].as_str() >= o["delivery"]["earliest"].as_str());
                prop_assert!(o2["delivery"]["latest"].as_str() >= o["delivery"]["latest"].as_str());
            }
        }
    }

    #[test]
    fn tracking_is_deterministic(p in policy(), t in 0i64..SPAN, shipped_after in 0i64..(10 * 86_400_000), now_after in 0i64..(20 * 86_400_000)) {
        let engine = Engine::new(&p.to_string()).unwrap();
        let first = promise(&engine, &order(START + t, &["a"]), "");
        let Some(option) = first["options"].as_array().unwrap().iter().find(|o| o["available"] == true) else { return Ok(()) };
        let events = json!([{ "type": "released", "at": START + t + 60_000 }, { "type": "shipped", "at": START + t + shipped_after }]).to_string();
        let now = json!({ "now": START + t + now_after, "service": option["service"] }).to_string();
        let a = engine.track_json(&first.to_string(), &events, &now);
        let b = engine.track_json(&first.to_string(), &events, &now);
        prop_assert_eq!(a.as_ref().ok(), b.as_ref().ok());
        prop_assert_eq!(a.err().map(|e| e.code), b.err().map(|e| e.code));
    }

    /// The order-by is where the promise changes: placed a millisecond before it, the same
    /// promise; placed at it, a different one (`next`, when there is one). With one line
    /// backordered up to most of a year, the order's promise is held while the other line's
    /// cutoffs pass one a day: the order-by search gallops there instead of walking.
    #[test]
    fn the_order_by_is_where_the_promise_changes(p in policy(), t in 0i64..SPAN, backorder in proptest::option::of(1i64..300), p90 in any::<bool>()) {
        let engine = Engine::new(&p.to_string()).expect("generated policies are valid");
        let placed = START + t;
        let order_at = |at: i64| {
            let mut lines = vec![json!({ "sku": "NOW", "node": "a" })];
            if let Some(days) = backorder {
                lines.push(json!({ "sku": "LATER", "node": "a", "availableOn": day_after_start(t / 86_400_000 + days) }));
            }
            json!({ "placedAt": at, "destination": { "country": "US" }, "lines": lines }).to_string()
        };
        let options = if p90 { r#"{"confidence": 0.9}"# } else { "" };
        let promised = |o: &Value| (o["shipBy"]["epochMs"].as_i64(), o["delivery"]["earliest"].clone(), o["delivery"]["latest"].clone());
        let first = promise(&engine, &order_at(placed), options);
        for (i, o) in first["options"].as_array().unwrap().iter().enumerate() {
            if o["available"] != true {
                continue;
            }
            let order_by = o["orderBy"]["epochMs"].as_i64().unwrap();
            // Past the engine's range the promise cannot be asked for.
            if order_by >= START + SPAN + 400 * 86_400_000 {
                continue;
            }
            let before = promise(&engine, &order_at(order_by - 1), options);
            prop_assert_eq!(promised(&before["options"][i]), promised(o), "placed 1 ms before the order-by");
            let at = promise(&engine, &order_at(order_by), options);
            let after = &at["options"][i];
            if after["available"] == true {
                prop_assert_ne!(promised(after), promised(o), "placed at the order-by");
                if o["next"].is_object() {
                    prop_assert_eq!(promised(after), promised(&o["next"]), "next is the promise from the order-by on");
                }
            }
            // The window's own countdown: at or after the order-by, the last instant with the
            // same dates, and `windowNext` the dates from then on.
            let window = |o: &Value| (o["delivery"]["earliest"].clone(), o["delivery"]["latest"].clone());
            let window_by = o["windowOrderBy"]["epochMs"].as_i64().unwrap();
            prop_assert!(window_by >= order_by);
            if window_by >= START + SPAN + 400 * 86_400_000 {
                continue;
            }
            let before = promise(&engine, &order_at(window_by - 1), options);
            prop_assert_eq!(window(&before["options"][i]), window(o), "placed 1 ms before the window's order-by");
            let at = &promise(&engine, &order_at(window_by), options)["options"][i];
            if at["available"] == true && o["windowNext"].is_object() {
                prop_assert_ne!(window(at), window(o), "placed at the window's order-by");
                prop_assert_eq!(window(at), (o["windowNext"]["earliest"].clone(), o["windowNext"]["latest"].clone()));
            }
        }
    }

    #[test]
    fn errors_have_codes_and_paths(p in policy(), key in proptest::sample::select(vec!["placedAt", "destination", "lines", "services", "id", "extra"]),
                                   value in proptest::sample::select(vec![json!(null), json!(-1), json!("x"), json!([]), json!({}), json!([{"sku": 1}])])) {
        let engine = Engine::new(&p.to_string()).unwrap();
        let mut o: Value = serde_json::from_str(&order(START, &["a"])).unwrap();
        o[key] = value;
        if let Err(e) = engine.promise_json(&o.to_string(), "") {
            prop_assert!(!e.code.is_empty());
            for problem in &e.problems {
                prop_assert!(!problem.code.is_empty() && !problem.message.is_empty());
                prop_assert!(!problem.path.is_empty(), "{} has no path", problem.code);
            }
        }
    }
}

fn next_day(d: &str) -> String {
    let date = order_sla::civil::Date::parse(d).unwrap();
    date.succ().to_string()
}
