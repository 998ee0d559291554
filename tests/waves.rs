//! Several pickups a day (waves), docs/policy.md "Waves": each rule on a small policy, and
//! the fast quotes, deadline tables and compiled policies agreeing with the promise.
use order_sla::{Engine, Order, PromiseOptions};
use serde_json::{json, Value};

const TWO_WAVES: &str = r#"[{ "cutoff": "10:00", "pickup": "11:00" }, { "cutoff": "15:30", "pickup": "17:00" }]"#;

fn weekdays(hours: &str) -> Value {
    json!({ "mon": [hours], "tue": [hours], "wed": [hours], "thu": [hours], "fri": [hours] })
}

fn policy(node: Value, handling_days: u32) -> Value {
    let mut n = json!({ "id": "dc", "name": "DC", "zone": "America/New_York", "hours": weekdays("08:00-18:00"),
                        "handlingDays": handling_days });
    for (k, v) in node.as_object().unwrap() {
        n[k] = v.clone();
    }
    json!({
        "nodes": [n],
        "services": [
            { "id": "ground", "name": "Ground", "carrier": "ups", "transitDays": { "min": 2, "max": 4 } },
            { "id": "dhl", "name": "DHL", "carrier": "dhl", "transitDays": 2 }
        ]
    })
}

fn two_waves() -> Value {
    json!({ "waves": serde_json::from_str::<Value>(TWO_WAVES).unwrap() })
}

fn engine(p: &Value) -> Engine {
    Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn order(placed: &str) -> Value {
    json!({ "placedAt": placed, "destination": { "country": "US" }, "lines": [{ "sku": "A" }] })
}

fn promise(e: &Engine, placed: &str) -> Value {
    serde_json::from_str(&e.promise_json(&order(placed).to_string(), "").unwrap()).unwrap()
}

fn option<'a>(p: &'a Value, service: &str) -> &'a Value {
    p["options"].as_array().unwrap().iter().find(|o| o["service"] == service).unwrap_or_else(|| panic!("{p:#}"))
}

/// (ship-by, order-by, next ship-by, next order-by), local.
fn times(p: &Value, service: &str) -> (String, String, String, String) {
    let o = option(p, service);
    let s = |v: &Value| v.as_str().unwrap_or("-").to_string();
    (
        s(&o["shipBy"]["local"]),
        s(&o["orderBy"]["local"]),
        s(&o["next"]["shipBy"]["local"]),
        s(&o["next"]["orderBy"]["local"]),
    )
}

fn t(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), d.into())
}

fn explained(p: &Value, service: &str) -> String {
    let steps = option(p, service)["shipments"][0]["explanation"].as_array().unwrap();
    steps.iter().map(|s| s["text"].as_str().unwrap().to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn an_order_ships_on_the_first_wave_whose_cutoff_it_makes() {
    let e = engine(&policy(two_waves(), 0));
    // Tue 1 Dec 2026. Before the first cutoff: the 11:00 pickup; the countdown is to 10:00, and
    // what follows is the afternoon wave the same day.
    let p = promise(&e, "2026-12-01T09:00:00-05:00");
    assert_eq!(
        times(&p, "ground"),
        t(
            "2026-12-01T11:00:00-05:00",
            "2026-12-01T10:00:00-05:00",
            "2026-12-01T17:00:00-05:00",
            "2026-12-01T15:30:00-05:00"
        )
    );
    assert!(
        explained(&p, "ground").contains("Released before the 10:00 cutoff of wave 1 of 2"),
        "{}",
        explained(&p, "ground")
    );
    assert!(
        explained(&p, "ground").contains("Carrier pickup (ups, wave 1 of 2) Tue 1 Dec: ship by Tue 1 Dec 11:00"),
        "{}",
        explained(&p, "ground")
    );
    // Between the waves (10:00 exactly is past the first cutoff): the 17:00 pickup.
    for placed in ["2026-12-01T10:00:00-05:00", "2026-12-01T15:29:59.999-05:00"] {
        let p = promise(&e, placed);
        assert_eq!(
            times(&p, "ground"),
            t(
                "2026-12-01T17:00:00-05:00",
                "2026-12-01T15:30:00-05:00",
                "2026-12-02T11:00:00-05:00",
                "2026-12-02T10:00:00-05:00"
            )
        );
        assert!(explained(&p, "ground").contains("Released before the 15:30 cutoff of wave 2 of 2"));
        assert!(
            explained(&p, "ground").contains("Carrier pickup (ups, wave 2 of 2) Tue 1 Dec: ship by Tue 1 Dec 17:00")
        );
    }
    // After the last: the next working day's first wave, named as such.
    let p = promise(&e, "2026-12-01T15:30:00-05:00");
    assert_eq!(times(&p, "ground").0, "2026-12-02T11:00:00-05:00");
    let text = explained(&p, "ground");
    assert!(
        text.contains("Released after the 15:30 cutoff on Tue 1 Dec: handling starts the next working day"),
        "{text}"
    );
    assert!(text.contains("Handling starts Wed 2 Dec (10:00 cutoff of wave 1 of 2)"), "{text}");
}

#[test]
fn with_handling_days_the_parcel_leaves_on_the_first_wave_of_the_ready_day() {
    let e = engine(&policy(two_waves(), 1));
    // Both waves of Tuesday lead to the same promise (ready Wednesday, 11:00): the countdown
    // runs to the last cutoff that keeps it, 15:30. `next` states the first cutoff it depends
    // on (Wednesday's first), as documented: it is not searched further.
    let p = promise(&e, "2026-12-01T09:00:00-05:00");
    assert_eq!(
        times(&p, "ground"),
        t(
            "2026-12-02T11:00:00-05:00",
            "2026-12-01T15:30:00-05:00",
            "2026-12-03T11:00:00-05:00",
            "2026-12-02T10:00:00-05:00"
        )
    );
    // Placed at Wednesday's first cutoff, that promise holds on until 15:30.
    let p = promise(&e, "2026-12-02T10:00:00-05:00");
    assert_eq!(times(&p, "ground").0, "2026-12-03T11:00:00-05:00");
    assert_eq!(times(&p, "ground").1, "2026-12-02T15:30:00-05:00");
}

#[test]
fn carriers_and_special_days_have_their_own_waves() {
    let mut node = two_waves();
    node["carriers"] = json!({ "dhl": { "waves": { "default": [{ "cutoff": "12:00", "pickup": "13:00" }],
                                                   "fri": null } } });
    node["specialDays"] = json!([{ "date": "2026-12-24", "name": "Christmas Eve", "hours": ["08:00-12:00"],
                                   "waves": [{ "cutoff": "09:00", "pickup": "09:30" }, { "cutoff": "11:00", "pickup": "11:30" }] }]);
    let e = engine(&policy(node, 0));
    let p = promise(&e, "2026-12-01T10:30:00-05:00");
    // UPS: the afternoon wave; DHL collects once, at 13:00 (cutoff 12:00).
    assert_eq!(times(&p, "ground").0, "2026-12-01T17:00:00-05:00");
    assert_eq!(times(&p, "dhl").0, "2026-12-01T13:00:00-05:00");
    assert_eq!(times(&p, "dhl").1, "2026-12-01T12:00:00-05:00");
    // `null` on a weekday: no DHL pickup on Fridays; handling still starts by the node's last
    // cutoff, so Friday's orders leave on Monday.
    let p = promise(&e, "2026-12-04T14:00:00-05:00");
    assert_eq!(times(&p, "dhl").0, "2026-12-07T13:00:00-05:00");
    assert_eq!(times(&p, "ground").0, "2026-12-04T17:00:00-05:00");
    // The special day's waves apply to every carrier.
    let p = promise(&e, "2026-12-24T10:00:00-05:00");
    assert_eq!(times(&p, "ground").0, "2026-12-24T11:30:00-05:00");
    assert_eq!(times(&p, "dhl").0, "2026-12-24T11:30:00-05:00");
    assert!(explained(&p, "ground").contains("wave 2 of 2"));
}

#[test]
fn one_wave_carrier_times_take_what_they_do_not_give_from_the_last_wave() {
    let mut node = two_waves();
    node["carriers"] = json!({ "dhl": { "cutoffs": "14:00" } });
    let e = engine(&policy(node, 0));
    let p = promise(&e, "2026-12-01T09:00:00-05:00");
    assert_eq!(times(&p, "dhl").0, "2026-12-01T17:00:00-05:00");
    assert_eq!(times(&p, "dhl").1, "2026-12-01T14:00:00-05:00");
}

#[test]
fn a_weekday_map_of_waves_and_an_empty_list() {
    let node = json!({ "waves": { "default": serde_json::from_str::<Value>(TWO_WAVES).unwrap(), "wed": [] } });
    let e = engine(&policy(node, 0));
    // Wednesday has no pickup: an order before its close starts handling Wednesday and
    // leaves on Thursday's first wave, as does one placed on Thursday before 10:00.
    let p = promise(&e, "2026-12-02T12:00:00-05:00");
    assert_eq!(times(&p, "ground").0, "2026-12-03T11:00:00-05:00");
    assert_eq!(times(&p, "ground").1, "2026-12-03T10:00:00-05:00");
    assert!(explained(&p, "ground").contains("Released before the 18:00 cutoff: handling starts Wed 2 Dec"));
}

fn problems(p: &Value) -> Vec<(String, String, String)> {
    let e = match Engine::new(&p.to_string()) {
        Ok(_) => panic!("policy accepted"),
        Err(e) => e,
    };
    e.problems.iter().map(|p| (p.code.to_string(), p.path.clone(), p.message.clone())).collect()
}

#[test]
fn waves_are_validated_with_paths() {
    let both = json!({ "waves": serde_json::from_str::<Value>(TWO_WAVES).unwrap(), "cutoffs": "14:00" });
    let got = problems(&policy(both, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("conflicting_fields", "nodes[0].waves"));

    let unordered =
        json!({ "waves": [{ "cutoff": "15:30", "pickup": "17:00" }, { "cutoff": "10:00", "pickup": "11:00" }] });
    let got = problems(&policy(unordered, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("waves_out_of_order", "nodes[0].waves[1]"));

    let early = json!({ "waves": [{ "cutoff": "10:00", "pickup": "09:00" }] });
    let got = problems(&policy(early, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("pickup_before_cutoff", "nodes[0].waves[0].pickup"));

    let wave = json!({ "cutoff": "10:00", "pickup": "11:00" });
    let many = json!({ "waves": vec![wave; 5] });
    let got = problems(&policy(many, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("too_large", "nodes[0].waves"));

    let typo = json!({ "waves": [{ "cutof": "10:00", "pickup": "11:00" }] });
    let got = problems(&policy(typo, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("unknown_field", "nodes[0].waves[0].cutof"));
    assert!(got[0].2.contains("did you mean \"cutoff\""), "{}", got[0].2);

    // What a user first tries says what is accepted.
    let list = json!({ "pickups": ["11:00", "17:00"] });
    let got = problems(&policy(list, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("wrong_type", "nodes[0].pickups"));
    assert!(got[0].2.contains("weekday map") && got[0].2.contains("\"waves\""), "{}", got[0].2);

    let closed = json!({ "waves": { "sat": serde_json::from_str::<Value>(TWO_WAVES).unwrap() } });
    let got = problems(&policy(closed, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("not_a_working_day", "nodes[0].waves.sat"));

    let mut carrier = two_waves();
    carrier["carriers"] = json!({ "ups": { "waves": [], "pickups": "12:00" } });
    let got = problems(&policy(carrier, 0));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("conflicting_fields", "nodes[0].carriers.ups.waves"));
}

/// Every minute-ish instant of a week, quoted from the day tables and promised rule by rule,
/// from the policy's source and compiled: the same numbers.
#[test]
fn quotes_deadlines_and_compiled_policies_agree_with_the_promise() {
    let mut node = two_waves();
    node["carriers"] =
        json!({ "dhl": { "waves": { "default": [{ "cutoff": "12:00", "pickup": "13:00" }], "fri": null } } });
    node["specialDays"] = json!([{ "date": "2026-12-24", "hours": ["08:00-12:00"],
                                   "waves": [{ "cutoff": "09:00", "pickup": "09:30" }, { "cutoff": "11:00", "pickup": "11:30" }] }]);
    for handling in [0, 1] {
        let p = policy(node.clone(), handling);
        let e = engine(&p);
        let compiled = Engine::from_compiled(&e.compile(2026, 2027).unwrap()).unwrap();
        let start = 1_796_097_600_000i64; // Mon 30 Nov 2026 00:00 EST
        let mut at = start;
        while at < start + 28 * 86_400_000 {
            let text = order(&format!("{at}")).to_string().replace(&format!("\"{at}\""), &at.to_string());
            let o = Order::from_json(e.policy(), &text, None).unwrap();
            let full = e.promise(&o, PromiseOptions::default()).unwrap();
            let quotes = e.quote(&o, PromiseOptions::default()).unwrap();
            for (q, opt) in quotes.iter().zip(&full.options) {
                let q = q.as_ref().unwrap();
                assert_eq!(Some(q.ship_by), opt.ship_by.as_ref().map(|s| s.epoch_ms), "at {at}");
                assert_eq!(Some(q.order_by), opt.order_by.as_ref().map(|s| s.epoch_ms), "at {at}");
                assert_eq!(q.next.map(|n| n.ship_by), opt.next.as_ref().map(|n| n.ship_by.epoch_ms), "at {at}");
            }
            assert_eq!(compiled.promise_json(&text, "").unwrap(), e.promise_json(&text, "").unwrap());
            at += 37 * 60_000 + 13_000;
        }
    }
}

#[test]
fn deadline_tables_use_the_last_wave_that_still_arrives() {
    let e = engine(&policy(two_waves(), 0));
    let out = e
        .latest_order_by_json(
            r#"{ "arriveBy": "2026-12-24", "destination": { "country": "US" }, "now": "2026-12-01T00:00:00Z" }"#,
        )
        .unwrap();
    let t: Value = serde_json::from_str(&out).unwrap();
    let ground = t["rows"].as_array().unwrap().iter().find(|r| r["service"] == "ground").unwrap();
    // 4 carrier days at the latest: the afternoon wave of Fri 18 Dec is the last that arrives
    // by Thu 24 Dec.
    assert_eq!(ground["orderBy"]["local"], "2026-12-18T15:30:00-05:00");
    let p = promise(&e, "2026-12-18T15:30:00-05:00");
    assert_eq!(option(&p, "ground")["delivery"]["latest"], "2026-12-25");
}

/// The worked example of docs/policy.md ("Waves"), on examples/uk/policy.json.
#[test]
fn the_documented_uk_example() {
    let source = include_str!("../examples/uk/policy.json");
    let e = Engine::new(source).unwrap();
    let gb = |placed: &str| {
        let o =
            json!({ "placedAt": placed, "destination": { "country": "GB" }, "lines": [{ "sku": "A", "node": "man" }] });
        serde_json::from_str::<Value>(&e.promise_json(&o.to_string(), "").unwrap()).unwrap()
    };
    // Tuesday 1 Dec 2026 (GMT).
    let p = gb("2026-12-01T09:20:00Z");
    assert_eq!(times(&p, "rm-48").0, "2026-12-01T11:00:00Z");
    assert_eq!(times(&p, "rm-48").1, "2026-12-01T10:00:00Z");
    let p = gb("2026-12-01T10:05:00Z");
    assert_eq!(times(&p, "rm-48").0, "2026-12-01T17:00:00Z");
    assert_eq!(times(&p, "rm-48").1, "2026-12-01T15:30:00Z");
    let p = gb("2026-12-01T15:31:00Z");
    assert_eq!(times(&p, "rm-48").0, "2026-12-02T11:00:00Z");
    let p = gb("2026-12-01T12:30:00Z");
    assert_eq!(times(&p, "dpd-next-day").0, "2026-12-01T17:45:00Z");
    assert_eq!(times(&p, "dpd-next-day").1, "2026-12-01T16:30:00Z");
    // Saturday 5 Dec: Royal Mail once at 12:00; DPD not at all, so Monday 13:00.
    let p = gb("2026-12-05T10:00:00Z");
    assert_eq!(times(&p, "rm-48").0, "2026-12-05T12:00:00Z");
    assert_eq!(times(&p, "dpd-next-day").0, "2026-12-07T13:00:00Z");
}
