//! Destination calendars (docs/policy.md, "Destination calendars"): a destination's public
//! holidays are no delivery days and, by default, no transit days; per destination rule,
//! with presets or the policy's calendars; the fast quotes, deadline tables and compiled
//! policies agree with the promise.
mod common;
use common::{engine, explained, latest, promise_to as promise};
use order_sla::{Engine, Order, PromiseOptions};
use serde_json::{json, Value};

fn policy(destinations: Value) -> Value {
    let days = |h: &str| json!({ "mon": [h], "tue": [h], "wed": [h], "thu": [h], "fri": [h] });
    json!({
        "calendars": { "sn": { "extends": ["de"], "holidays": [{ "date": "2026-11-18", "name": "Buß- und Bettag" }] } },
        "nodes": [{ "id": "ber", "name": "Berlin", "zone": "Europe/Berlin", "hours": days("08:00-18:00"),
                    "cutoffs": "14:00", "pickups": "17:00", "handlingDays": 0, "calendars": ["de"] }],
        "services": [
            { "id": "dhl", "name": "DHL", "carrier": "dhl", "transitDays": 2, "destinations": destinations },
            { "id": "plain", "name": "Plain", "carrier": "dhl", "transitDays": 2 }
        ]
    })
}

#[test]
fn a_destination_holiday_is_neither_a_transit_nor_a_delivery_day_by_default() {
    let e = engine(&policy(json!([{ "country": "FR", "calendars": ["fr"] }])));
    // Shipped Tue 10 Nov 2026; Wed 11 Nov is Armistice Day in France: two transit days are
    // Thu 12 and Fri 13. To Germany, and by the service without the rule, Wed 11 and Thu 12.
    let p = promise(&e, "2026-11-10T10:00:00+01:00", json!({ "country": "FR" }));
    assert_eq!(latest(&p, "dhl"), "2026-11-13");
    assert_eq!(latest(&p, "plain"), "2026-11-12");
    let text = explained(&p, "dhl");
    assert!(text.contains("destination_holiday: Skipped Wed 11 Nov: Armistice Day at the destination: DHL neither moves nor delivers parcels there"), "{text}");
    let p = promise(&e, "2026-11-10T10:00:00+01:00", json!({ "country": "DE" }));
    assert_eq!(latest(&p, "dhl"), "2026-11-12");
}

#[test]
fn holidays_stop_delivery_only_when_configured() {
    let e = engine(&policy(json!([{ "country": "FR", "calendars": ["fr"], "holidaysStop": "delivery" }])));
    // Wed 11 Nov counts as a transit day; only delivery moves off the holiday.
    let p = promise(&e, "2026-11-10T10:00:00+01:00", json!({ "country": "FR" }));
    assert_eq!(latest(&p, "dhl"), "2026-11-12");
    // Shipped Mon 9 Nov: transit Tue 10 and Wed 11, but nothing is delivered on Armistice Day.
    let p = promise(&e, "2026-11-09T10:00:00+01:00", json!({ "country": "FR" }));
    assert_eq!(latest(&p, "dhl"), "2026-11-12");
    let text = explained(&p, "dhl");
    assert!(text.contains("destination_holiday: Skipped Wed 11 Nov: Armistice Day at the destination: no DHL delivery there, the latest date moves on"), "{text}");
}

#[test]
fn the_most_specific_rule_gives_the_calendars_and_another_the_transit_time() {
    let rules = json!([
        { "country": "DE", "calendars": ["de"] },
        { "country": "DE", "region": "SN", "calendars": ["sn"] },
        { "country": "FR", "calendars": ["fr"], "transitDays": 2 },
        { "country": "FR", "postalPrefix": "20", "transitDays": 4 }
    ]);
    let e = engine(&policy(rules));
    // Shipped Tue 17 Nov: Saxony closes Wed 18 Nov (Buß- und Bettag), Bavaria does not.
    let p = promise(&e, "2026-11-17T10:00:00+01:00", json!({ "country": "DE", "region": "SN" }));
    assert_eq!(latest(&p, "dhl"), "2026-11-20");
    let p = promise(&e, "2026-11-17T10:00:00+01:00", json!({ "country": "DE", "region": "BY" }));
    assert_eq!(latest(&p, "dhl"), "2026-11-19");
    // Corsica (postal codes 20...): four transit days from its own rule, France's holidays
    // from the country rule. Shipped Mon 9 Nov: Tue 10, Thu 12, Fri 13, Mon 16.
    let p = promise(&e, "2026-11-09T10:00:00+01:00", json!({ "country": "FR", "postalCode": "20000" }));
    assert_eq!(latest(&p, "dhl"), "2026-11-16");
}

#[test]
fn destination_rules_are_validated_with_paths() {
    let problems = |rules: Value| -> Vec<(String, String, String)> {
        match Engine::new(&policy(rules).to_string()) {
            Ok(_) => panic!("accepted"),
            Err(e) => e.problems.iter().map(|p| (p.code.to_string(), p.path.clone(), p.message.clone())).collect(),
        }
    };
    let got = problems(json!([{ "country": "FR", "calendars": ["fr"], "holidaysStop": "delivry" }]));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("invalid_value", "services[0].destinations[0].holidaysStop"));
    assert!(got[0].2.contains("did you mean \"delivery\""), "{}", got[0].2);
    let got = problems(json!([{ "country": "FR", "calendars": ["france"] }]));
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("unknown_calendar", "services[0].destinations[0].calendars[0]")
    );
    let got = problems(json!([{ "country": "FR" }]));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("missing_field", "services[0].destinations[0].transitDays"));
    // At most 1,000 rules with calendars in a policy: each is a calendar read and kept.
    let many: Vec<Value> =
        (0..1000).map(|i| json!({ "country": "FR", "postalPrefix": format!("{i:04}"), "calendars": ["fr"] })).collect();
    let mut p = policy(json!(many));
    p["services"][1]["destinations"] = json!([{ "country": "DE", "calendars": ["de"] }]);
    let e = Engine::new(&p.to_string()).err().unwrap();
    assert_eq!((e.problems[0].code, e.problems[0].path.as_str()), ("too_large", "services[1].destinations[0]"));
}

/// Every 97 minutes over eight weeks of November and December, to France, Saxony and
/// Bavaria: the day tables' quotes, the compiled policy and the deadline tables agree with
/// the promise.
#[test]
fn quotes_compiled_policies_and_deadlines_agree_with_the_promise() {
    let rules = json!([
        { "country": "DE", "region": "SN", "calendars": ["sn"] },
        { "country": "FR", "calendars": ["fr"] },
        { "country": "FR", "postalPrefix": "20", "transitDays": 4, "calendars": ["fr"], "holidaysStop": "delivery" }
    ]);
    let e = engine(&policy(rules));
    let compiled = Engine::from_compiled(&e.compile(2026, 2027).unwrap()).unwrap();
    let dests = [
        json!({ "country": "FR" }),
        json!({ "country": "FR", "postalCode": "20090" }),
        json!({ "country": "DE", "region": "SN" }),
        json!({ "country": "DE", "region": "BY" }),
    ];
    let start = 1_793_577_600_000i64; // 2026-11-02T00:00:00Z
    let mut at = start;
    let mut compared = 0;
    while at < start + 56 * 86_400_000 {
        for dest in &dests {
            let text = json!({ "placedAt": at, "destination": dest, "lines": [{ "sku": "A" }] }).to_string();
            let o = Order::from_json(e.policy(), &text, None).unwrap();
            let full = e.promise(&o, PromiseOptions::default()).unwrap();
            for (q, opt) in e.quote(&o, PromiseOptions::default()).unwrap().iter().zip(&full.options) {
                let q = q.as_ref().unwrap();
                let d = opt.delivery.as_ref().unwrap();
                assert_eq!(
                    (q.earliest.to_string(), q.latest.to_string()),
                    (d.earliest.clone(), d.latest.clone()),
                    "at {at} to {dest}"
                );
                assert_eq!(Some(q.order_by), opt.order_by.as_ref().map(|s| s.epoch_ms));
                compared += 1;
            }
            assert_eq!(compiled.promise_json(&text, "").unwrap(), e.promise_json(&text, "").unwrap());
        }
        at += 97 * 60_000;
    }
    assert!(compared > 5000);
    // The last order that arrives in France by Fri 13 Nov ships Wed 11 Nov (the warehouse in
    // Germany works on Armistice Day; transit starts the day after), so its order-by is
    // Wednesday's 14:00 cutoff.
    let table = e
        .latest_order_by_json(
            r#"{ "arriveBy": "2026-11-13", "destination": { "country": "FR" }, "now": "2026-11-02T00:00:00Z" }"#,
        )
        .unwrap();
    let t: Value = serde_json::from_str(&table).unwrap();
    let dhl = t["rows"].as_array().unwrap().iter().find(|r| r["service"] == "dhl").unwrap();
    assert_eq!(dhl["orderBy"]["local"], "2026-11-11T14:00:00+01:00");
    assert_eq!(latest(&promise(&e, "2026-11-11T14:00:00+01:00", json!({ "country": "FR" })), "dhl"), "2026-11-16");
}
