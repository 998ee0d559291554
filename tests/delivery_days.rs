//! Delivery on days the carrier does not move parcels (docs/promise.md, rule 5): a parcel
//! that reaches the delivery depot on its last transit day but one is delivered on the next
//! delivery day, a Saturday when the service delivers Saturdays; warnings for delivery days
//! no parcel can reach.
use order_sla::{validate_policy, Engine, Order, PromiseOptions};
use serde_json::{json, Value};

fn policy(services: Value) -> Value {
    let days = |h: &str| json!({ "mon": [h], "tue": [h], "wed": [h], "thu": [h], "fri": [h] });
    json!({
        "nodes": [{ "id": "lon", "name": "London", "zone": "Europe/London", "hours": days("08:00-18:00"),
                    "cutoffs": "15:00", "pickups": "17:30", "handlingDays": 0 }],
        "services": services
    })
}

const MON_SAT: [&str; 6] = ["mon", "tue", "wed", "thu", "fri", "sat"];

fn services() -> Value {
    json!([
        { "id": "dpd", "name": "DPD", "carrier": "dpd", "transitDays": 1 },
        { "id": "dpd-sat", "name": "DPD Saturday", "carrier": "dpd", "transitDays": 1, "deliveryWeekdays": MON_SAT },
        { "id": "ground-sat", "name": "Ground", "carrier": "dpd", "transitDays": { "min": 1, "max": 2 }, "deliveryWeekdays": MON_SAT },
        { "id": "sunday", "name": "Sunday", "carrier": "dpd", "transitDays": 1, "deliveryWeekdays": ["sun", "mon", "tue", "wed", "thu", "fri"] }
    ])
}

fn window(e: &Engine, placed: &str, service: &str) -> (String, String) {
    let o = json!({ "placedAt": placed, "destination": { "country": "GB" }, "lines": [{ "sku": "A" }] });
    let p: Value = serde_json::from_str(&e.promise_json(&o.to_string(), "").unwrap()).unwrap();
    let o = p["options"].as_array().unwrap().iter().find(|o| o["service"] == service).unwrap().clone();
    (o["delivery"]["earliest"].as_str().unwrap().into(), o["delivery"]["latest"].as_str().unwrap().into())
}

fn w(a: &str, b: &str) -> (String, String) {
    (a.into(), b.into())
}

#[test]
fn a_parcel_at_the_depot_on_friday_is_delivered_on_saturday() {
    let e = Engine::new(&policy(services()).to_string()).unwrap();
    // Shipped Fri 4 Dec 2026, one day: Saturday with Saturday delivery, else Monday.
    assert_eq!(window(&e, "2026-12-04T10:00:00Z", "dpd"), w("2026-12-07", "2026-12-07"));
    assert_eq!(window(&e, "2026-12-04T10:00:00Z", "dpd-sat"), w("2026-12-05", "2026-12-05"));
    // Sunday delivery (and none on Saturday): Friday's parcel is delivered on Sunday.
    assert_eq!(window(&e, "2026-12-04T10:00:00Z", "sunday"), w("2026-12-06", "2026-12-06"));
    // Shipped Thu 3 Dec, one to two days: Friday, or Saturday after a day's transit.
    assert_eq!(window(&e, "2026-12-03T10:00:00Z", "ground-sat"), w("2026-12-04", "2026-12-05"));
    // Shipped Fri, two days: Monday's transit, then Tuesday: Saturday is not reached.
    assert_eq!(window(&e, "2026-12-04T10:00:00Z", "ground-sat"), w("2026-12-05", "2026-12-08"));
    // Without Saturday delivery nothing changes: Mon to Tue.
    let o =
        json!({ "placedAt": "2026-12-04T10:00:00Z", "destination": { "country": "GB" }, "lines": [{ "sku": "A" }] });
    let text = e.promise_json(&o.to_string(), "").unwrap();
    assert!(text.contains("\"code\":\"delivery_day\""), "{text}");
    assert!(text.contains("DPD Saturday delivers Sat 5 Dec, a delivery day but not a transit day"), "{text}");
}

#[test]
fn quotes_and_compiled_policies_agree_with_the_promise() {
    let e = Engine::new(&policy(services()).to_string()).unwrap();
    let compiled = Engine::from_compiled(&e.compile(2026, 2027).unwrap()).unwrap();
    let start = 1_796_083_200_000i64; // 2026-11-30T00:00:00Z
    let mut at = start;
    while at < start + 21 * 86_400_000 {
        let text = json!({ "placedAt": at, "destination": { "country": "GB" }, "lines": [{ "sku": "A" }] }).to_string();
        let o = Order::from_json(e.policy(), &text, None).unwrap();
        let full = e.promise(&o, PromiseOptions::default()).unwrap();
        for (q, opt) in e.quote(&o, PromiseOptions::default()).unwrap().iter().zip(&full.options) {
            let (q, d) = (q.as_ref().unwrap(), opt.delivery.as_ref().unwrap());
            assert_eq!(
                (q.earliest.to_string(), q.latest.to_string()),
                (d.earliest.clone(), d.latest.clone()),
                "at {at}"
            );
            assert_eq!(Some(q.order_by), opt.order_by.as_ref().map(|s| s.epoch_ms), "at {at}");
        }
        assert_eq!(compiled.promise_json(&text, "").unwrap(), e.promise_json(&text, "").unwrap());
        at += 53 * 60_000;
    }
}

#[test]
fn a_delivery_day_no_parcel_reaches_is_a_warning() {
    // Two days or more in transit on Mon-Fri, delivered Mon-Sun: a parcel at the depot on
    // Friday is delivered on Saturday, so none is ever delivered on Sunday.
    let s = json!([{ "id": "x", "carrier": "dpd", "transitDays": 2, "deliveryWeekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }]);
    let warnings = validate_policy(&policy(s).to_string()).unwrap();
    let got: Vec<(&str, &str)> = warnings.iter().map(|w| (w.code, w.path.as_str())).collect();
    assert_eq!(got, [("no_effect", "services[0].deliveryWeekdays")]);
    assert!(warnings[0].message.contains("\"sun\""), "{}", warnings[0].message);
    // Saturday alone, after Mon-Fri transit, is reached: no warning.
    let s = json!([{ "id": "x", "carrier": "dpd", "transitDays": 2, "deliveryWeekdays": MON_SAT }]);
    assert!(validate_policy(&policy(s).to_string()).unwrap().is_empty());
}
