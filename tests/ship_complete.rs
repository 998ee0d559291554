//! Split or ship complete (docs/promise.md, "Ship complete"): lines available on different
//! dates split into shipments, or wait for the last; the promise states the other choice as
//! `alternative`; the order's `shipComplete` overrides the policy's `release.shipComplete`;
//! quotes answer either as the promise does.
use order_sla::{Engine, Order, PromiseOptions};
use serde_json::{json, Value};

fn policy(ship_complete: bool) -> Value {
    let days = |h: &str| json!({ "mon": [h], "tue": [h], "wed": [h], "thu": [h], "fri": [h] });
    json!({
        "release": { "shipComplete": ship_complete },
        "nodes": [
            { "id": "lon", "name": "London", "zone": "Europe/London", "hours": days("08:00-18:00"), "cutoffs": "15:00", "pickups": "17:30", "handlingDays": 0 },
            { "id": "man", "name": "Manchester", "zone": "Europe/London", "hours": days("08:00-18:00"), "cutoffs": "14:00", "pickups": "17:00", "handlingDays": 1 }
        ],
        "services": [{ "id": "rm", "name": "Royal Mail", "carrier": "royalmail", "transitDays": { "min": 1, "max": 2 } }]
    })
}

/// A mug in stock in London, a flask in Manchester from Thursday 10 Dec, and a second mug
/// in Manchester in stock; placed Tuesday 1 Dec 2026 at 10:00.
fn order(ship_complete: Option<bool>) -> Value {
    let mut o = json!({
        "placedAt": "2026-12-01T10:00:00Z", "destination": { "country": "GB" },
        "lines": [{ "sku": "MUG", "node": "lon" }, { "sku": "FLASK", "node": "man", "availableOn": "2026-12-10" }, { "sku": "MUG-2", "node": "man" }]
    });
    if let Some(c) = ship_complete {
        o["shipComplete"] = json!(c);
    }
    o
}

fn promise(e: &Engine, o: &Value) -> Value {
    serde_json::from_str(&e.promise_json(&o.to_string(), "").unwrap()).unwrap()
}

fn dates(w: &Value) -> (String, String) {
    (w["earliest"].as_str().unwrap().into(), w["latest"].as_str().unwrap().into())
}

#[test]
fn lines_split_by_availability_or_wait_for_the_last() {
    let e = Engine::new(&policy(false).to_string()).unwrap();
    let split = promise(&e, &order(None));
    let option = &split["options"][0];
    // Split: London's mug and Manchester's mug leave this week, the flask next week.
    let shipments = option["shipments"].as_array().unwrap();
    assert_eq!(shipments.len(), 3);
    assert_eq!(shipments[0]["shipBy"]["local"], "2026-12-01T17:30:00Z");
    assert_eq!(dates(&option["delivery"]), ("2026-12-14".into(), "2026-12-15".into()));
    // The other choice: two shipments (one per node), all waiting for Thursday's flask.
    let alt = &option["alternative"];
    assert_eq!((alt["shipComplete"].as_bool(), alt["shipments"].as_u64()), (Some(true), Some(2)));
    let complete = promise(&e, &order(Some(true)));
    let c = &complete["options"][0];
    assert_eq!(c["shipments"].as_array().unwrap().len(), 2);
    assert_eq!(dates(&alt["delivery"]), dates(&c["delivery"]));
    assert_eq!(alt["shipBy"]["epochMs"], c["shipBy"]["epochMs"]);
    // No countdown of its own: promising the order with that choice gives it.
    assert!(alt.get("orderBy").is_none());
    // London's shipment says what it waits for.
    let london = c["shipments"].as_array().unwrap().iter().find(|s| s["node"] == "lon").unwrap();
    assert_eq!(london["shipBy"]["local"], "2026-12-10T17:30:00Z");
    let steps = london["explanation"].as_array().unwrap();
    assert!(steps.iter().any(
        |s| s["code"] == "ship_complete" && s["text"] == "Shipped complete: waits for FLASK, available Thu 10 Dec"
    ));
    // And the complete promise offers splitting as its alternative.
    assert_eq!(c["alternative"]["shipComplete"], false);
    assert_eq!(dates(&c["alternative"]["delivery"]), dates(&option["delivery"]));
}

#[test]
fn the_policy_sets_the_default_and_the_order_chooses() {
    let e = Engine::new(&policy(true).to_string()).unwrap();
    assert_eq!(promise(&e, &order(None))["options"][0]["shipments"].as_array().unwrap().len(), 2);
    assert_eq!(promise(&e, &order(Some(false)))["options"][0]["shipments"].as_array().unwrap().len(), 3);
    // Lines all available together: nothing to choose, no alternative.
    let same = json!({ "placedAt": "2026-12-01T10:00:00Z", "destination": { "country": "GB" }, "lines": [{ "sku": "MUG", "node": "lon" }] });
    assert!(promise(&e, &same)["options"][0].get("alternative").is_none());
    // A wrong type is refused with its path.
    let mut bad = order(None);
    bad["shipComplete"] = json!("yes");
    let err = e.promise_json(&bad.to_string(), "").unwrap_err();
    assert_eq!((err.code, err.problems[0].path.as_str()), ("invalid_order", "shipComplete"));
}

#[test]
fn quotes_and_compiled_policies_agree_with_the_promise() {
    for default in [false, true] {
        let e = Engine::new(&policy(default).to_string()).unwrap();
        let compiled = Engine::from_compiled(&e.compile(2026, 2027).unwrap()).unwrap();
        for choice in [None, Some(true), Some(false)] {
            let mut at = 1_796_083_200_000i64; // 2026-11-30T00:00:00Z
            while at < 1_796_083_200_000 + 14 * 86_400_000 {
                let mut o = order(choice);
                o["placedAt"] = json!(at);
                let text = o.to_string();
                let parsed = Order::from_json(e.policy(), &text, None).unwrap();
                let full = e.promise(&parsed, PromiseOptions::default()).unwrap();
                let q = e.quote(&parsed, PromiseOptions::default()).unwrap();
                let (q, opt) = (q[0].unwrap(), &full.options[0]);
                assert_eq!(Some(q.ship_by), opt.ship_by.as_ref().map(|m| m.epoch_ms));
                assert_eq!(Some(q.order_by), opt.order_by.as_ref().map(|m| m.epoch_ms));
                assert_eq!(q.latest.to_string(), opt.delivery.as_ref().unwrap().latest);
                assert_eq!(compiled.promise_json(&text, "").unwrap(), e.promise_json(&text, "").unwrap());
                at += 71 * 60_000;
            }
        }
    }
}
