//! Which services an order may use (docs/policy.md, "Service restrictions"): by cart
//! contents, by the order's weight and value where it states them, by the dates a service is
//! offered; a refused option says why with the rule's path, in promises and quotes alike.
use order_sla::{Engine, Order, PromiseOptions};
use serde_json::{json, Value};

fn policy() -> Value {
    let days = |h: &str| json!({ "mon": [h], "tue": [h], "wed": [h], "thu": [h], "fri": [h] });
    json!({
        "nodes": [{ "id": "lon", "name": "London", "zone": "Europe/London", "hours": days("08:00-18:00"),
                    "cutoffs": "15:00", "pickups": "17:30", "handlingDays": 0 }],
        "services": [
            { "id": "ground", "name": "Ground", "carrier": "dpd", "transitDays": 2 },
            { "id": "air", "name": "Air Express", "carrier": "dhl", "transitDays": 1,
              "restrictions": { "excludeTags": ["oversize", "hazmat"], "excludeSkus": ["CANOE"], "maxWeight": 30, "minValue": 10, "maxValue": 2000 } },
            { "id": "xmas", "name": "Christmas Express", "carrier": "dhl", "transitDays": 1,
              "restrictions": { "offered": [{ "from": "2026-12-01", "to": "2026-12-22" }] } }
        ]
    })
}

fn promise(e: &Engine, extra: Value, lines: Value) -> Value {
    let mut o = json!({ "placedAt": "2026-11-30T10:00:00Z", "destination": { "country": "GB" }, "lines": lines });
    for (k, v) in extra.as_object().unwrap() {
        o[k] = v.clone();
    }
    serde_json::from_str(&e.promise_json(&o.to_string(), "").unwrap()).unwrap()
}

fn reason(p: &Value, service: &str) -> (String, String, String) {
    let o = p["options"].as_array().unwrap().iter().find(|o| o["service"] == service).unwrap();
    if o["available"] == true {
        return ("available".into(), String::new(), String::new());
    }
    let r = &o["reason"];
    (r["code"].as_str().unwrap().into(), r["path"].as_str().unwrap_or("").into(), r["message"].as_str().unwrap().into())
}

fn r(code: &str, path: &str, message: &str) -> (String, String, String) {
    (code.into(), path.into(), message.into())
}

#[test]
fn cart_contents_refuse_a_service_with_the_rule_that_refused_it() {
    let e = Engine::new(&policy().to_string()).unwrap();
    let p = promise(&e, json!({}), json!([{ "sku": "MUG" }, { "sku": "BATTERY", "tags": ["fragile", "hazmat"] }]));
    assert_eq!(
        reason(&p, "air"),
        r(
            "excluded_tag",
            "services[1].restrictions.excludeTags[1]",
            "Air Express does not carry hazmat (line BATTERY)"
        )
    );
    assert_eq!(reason(&p, "ground").0, "available");
    let p = promise(&e, json!({}), json!([{ "sku": "CANOE" }]));
    assert_eq!(
        reason(&p, "air"),
        r("excluded_sku", "services[1].restrictions.excludeSkus[0]", "Air Express does not carry CANOE")
    );
}

#[test]
fn weight_and_value_refuse_only_orders_that_state_them() {
    let e = Engine::new(&policy().to_string()).unwrap();
    let mug = json!([{ "sku": "MUG" }]);
    assert_eq!(reason(&promise(&e, json!({}), mug.clone()), "air").0, "available");
    assert_eq!(
        reason(&promise(&e, json!({ "weight": 31.5 }), mug.clone()), "air"),
        r("over_weight", "services[1].restrictions.maxWeight", "Air Express: the order weighs 31.5 (limit 30)")
    );
    assert_eq!(reason(&promise(&e, json!({ "weight": 30 }), mug.clone()), "air").0, "available");
    assert_eq!(reason(&promise(&e, json!({ "value": 2500 }), mug.clone()), "air").0, "over_value");
    assert_eq!(reason(&promise(&e, json!({ "value": 5 }), mug.clone()), "air").1, "services[1].restrictions.minValue");
    let err = e.promise_json(&json!({ "placedAt": "2026-11-30T10:00:00Z", "destination": { "country": "GB" }, "lines": mug, "weight": -1 }).to_string(), "").unwrap_err();
    assert_eq!((err.problems[0].code, err.problems[0].path.as_str()), ("out_of_range", "weight"));
}

#[test]
fn a_seasonal_service_is_offered_on_its_dates_only() {
    let e = Engine::new(&policy().to_string()).unwrap();
    let mug = json!([{ "sku": "MUG" }]);
    // Placed Mon 30 Nov (London): not yet offered; from 1 Dec it is.
    assert_eq!(
        reason(&promise(&e, json!({}), mug.clone()), "xmas"),
        r(
            "not_offered",
            "services[2].restrictions.offered",
            "Christmas Express is offered only Tue 1 Dec - Tue 22 Dec"
        )
    );
    assert_eq!(reason(&promise(&e, json!({ "placedAt": "2026-12-01T00:30:00Z" }), mug.clone()), "xmas").0, "available");
    assert_eq!(reason(&promise(&e, json!({ "placedAt": "2026-12-23T09:00:00Z" }), mug), "xmas").0, "not_offered");
}

#[test]
fn restrictions_are_validated_with_paths() {
    let mut p = policy();
    p["services"][2]["restrictions"] =
        json!({ "offered": [{ "from": "2026-12-22", "to": "2026-12-01" }], "maxWeight": "heavy", "excludeTag": [] });
    let err = Engine::new(&p.to_string()).err().unwrap();
    let got: Vec<(&str, &str)> = err.problems.iter().map(|p| (p.code, p.path.as_str())).collect();
    assert!(got.contains(&("unknown_field", "services[2].restrictions.excludeTag")), "{got:?}");
    assert!(got.contains(&("wrong_type", "services[2].restrictions.maxWeight")), "{got:?}");
    assert!(got.contains(&("invalid_range", "services[2].restrictions.offered[0].to")), "{got:?}");
}

#[test]
fn quotes_and_compiled_policies_agree_with_the_promise() {
    let e = Engine::new(&policy().to_string()).unwrap();
    let compiled = Engine::from_compiled(&e.compile(2026, 2027).unwrap()).unwrap();
    let carts = [
        json!([{ "sku": "MUG" }]),
        json!([{ "sku": "MUG" }, { "sku": "BOX", "tags": ["oversize"] }]),
        json!([{ "sku": "CANOE", "tags": ["hazmat"] }]),
    ];
    for day in 0..40 {
        for (i, lines) in carts.iter().enumerate() {
            let at = 1_796_000_000_000i64 + day * 86_400_000 + i as i64 * 3_600_000;
            let mut o = json!({ "placedAt": at, "destination": { "country": "GB" }, "lines": lines });
            if day % 3 == 0 {
                o["weight"] = json!(day);
            }
            let text = o.to_string();
            let parsed = Order::from_json(e.policy(), &text, None).unwrap();
            let full = e.promise(&parsed, PromiseOptions::default()).unwrap();
            let quotes = e.quote(&parsed, PromiseOptions::default()).unwrap();
            for (q, opt) in quotes.iter().zip(&full.options) {
                assert_eq!(q.is_some(), opt.available, "{text}");
                assert_eq!(q.map(|q| q.order_by), opt.order_by.as_ref().map(|m| m.epoch_ms));
            }
            assert_eq!(compiled.promise_json(&text, "").unwrap(), e.promise_json(&text, "").unwrap());
        }
    }
}
