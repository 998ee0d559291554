//! Advisories (docs/policy.md, "Advisories"): declared delays add handling and transit days
//! to shipments released on their dates, for the services, destinations and nodes they
//! name; the countdown runs to the instant one starts; a shipment released after one ends
//! is not promised earlier than one released in its last instant; quotes, compiled
//! policies and deadline tables agree with the promise.
mod common;
use common::{engine, explained, latest, option, promise_to as promise};
use order_sla::{Engine, Order, PromiseOptions};
use serde_json::{json, Value};

fn policy(advisories: Value) -> Value {
    let days = |h: &str| json!({ "mon": [h], "tue": [h], "wed": [h], "thu": [h], "fri": [h] });
    json!({
        "nodes": [
            { "id": "nyc", "name": "Newark", "zone": "America/New_York", "hours": days("08:00-18:00"),
              "cutoffs": "14:00", "pickups": "17:00", "handlingDays": 0 },
            { "id": "lax", "name": "Los Angeles", "zone": "America/Los_Angeles", "hours": days("08:00-18:00"),
              "cutoffs": "14:00", "pickups": "17:00", "handlingDays": 0 }
        ],
        "services": [
            { "id": "ground", "name": "UPS Ground", "carrier": "ups", "transitDays": 3 },
            { "id": "2day", "name": "UPS 2nd Day Air", "carrier": "ups", "transitDays": 2 }
        ],
        "defaultNode": "nyc",
        "advisories": advisories
    })
}

/// The storm of the examples: Thu 3 - Sat 5 Dec 2026, one transit day more by Ground to New
/// York State and to postal codes 02..., from Newark.
fn storm() -> Value {
    json!({ "id": "storm", "name": "Storm in the North-East", "from": "2026-12-03", "to": "2026-12-05",
            "services": ["ground"], "nodes": ["nyc"], "extraTransitDays": 1,
            "destinations": [{ "country": "US", "region": "NY" }, { "country": "US", "postalPrefix": "02" }] })
}

fn ny() -> Value {
    json!({ "country": "US", "region": "NY" })
}

#[test]
fn an_active_advisory_adds_its_days_where_it_applies_and_is_named() {
    let e = engine(&policy(json!([storm()])));
    // Placed Thu 3 Dec 10:00 in Newark: ships Thu 3 Dec; three transit days are Fri 4, Mon 7
    // and Tue 8 Dec, the storm's fourth Wed 9 Dec.
    let p = promise(&e, "2026-12-03T10:00:00-05:00", ny());
    assert_eq!(latest(&p, "ground"), "2026-12-09");
    let text = explained(&p, "ground");
    assert!(text.contains("advisory: Storm in the North-East (advisory): +0 handling, +1 transit day(s)"), "{text}");
    assert!(text.contains("delivery_window: UPS Ground: 4 transit day(s)"), "{text}");
    // Not the service, destination or node it names: no change, no step.
    assert_eq!(latest(&p, "2day"), "2026-12-07");
    assert!(!explained(&p, "2day").contains("advisory"));
    let boston = promise(&e, "2026-12-03T10:00:00-05:00", json!({ "country": "US", "postalCode": "02116" }));
    assert_eq!(latest(&boston, "ground"), "2026-12-09");
    let texas = promise(&e, "2026-12-03T10:00:00-05:00", json!({ "country": "US", "region": "TX" }));
    assert_eq!(latest(&texas, "ground"), "2026-12-08");
    let o = json!({ "placedAt": "2026-12-03T10:00:00-08:00", "destination": ny(), "lines": [{ "sku": "A", "node": "lax" }] });
    let west: Value = serde_json::from_str(&e.promise_json(&o.to_string(), "").unwrap()).unwrap();
    assert_eq!(latest(&west, "ground"), "2026-12-08");
    // Before the advisory (placed Wed 2 Dec 10:00, shipped the same day): no change.
    assert_eq!(latest(&promise(&e, "2026-12-02T10:00:00-05:00", ny()), "ground"), "2026-12-07");
}

#[test]
fn handling_days_count_working_days_and_active_advisories_add_up_to_the_cap() {
    let peak = json!({ "name": "Peak season", "from": "2026-11-27", "to": "2026-12-24", "extraHandlingDays": 1 });
    let e = engine(&policy(json!([peak, storm()])));
    // Placed Fri 4 Dec 10:00: handling starts Fri 4, one working day more is Mon 7 (the
    // weekend does not count): ships Mon 7; four transit days: Tue 8 - Fri 11 Dec.
    let p = promise(&e, "2026-12-04T10:00:00-05:00", ny());
    assert_eq!(option(&p, "ground")["shipBy"]["local"], "2026-12-07T17:00:00-05:00");
    assert_eq!(latest(&p, "ground"), "2026-12-11");
    let text = explained(&p, "ground");
    assert!(text.contains("advisory: Peak season (advisory): +1 handling, +0 transit day(s)"), "{text}");
    assert!(text.contains("handling: Handling 1 working day(s) at Newark: ready Mon 7 Dec"), "{text}");
    // Together at most 30 days each: 25 + 25 transit days are 30.
    let a = |name: &str| json!({ "name": name, "from": "2026-12-01", "to": "2026-12-31", "extraTransitDays": 25 });
    let e = engine(&policy(json!([a("A"), a("B")])));
    let capped = promise(&e, "2026-12-02T10:00:00-05:00", ny());
    let one = engine(&policy(json!([
        json!({ "name": "C", "from": "2026-12-01", "to": "2026-12-31", "extraTransitDays": 30 })
    ])));
    assert_eq!(latest(&capped, "ground"), latest(&promise(&one, "2026-12-02T10:00:00-05:00", ny()), "ground"));
}

#[test]
fn the_countdown_runs_to_the_advisory_and_an_advisory_that_changes_nothing_is_passed() {
    let e = engine(&policy(json!([storm()])));
    // Placed Wed 2 Dec 15:00, after the cutoff: released Wednesday, before the storm, so it
    // ships Thu 3 Dec and arrives Tue 8 Dec, but only until Thursday's local midnight, when
    // an order is released into the storm (arrives Wed 9 Dec).
    let p = promise(&e, "2026-12-02T15:00:00-05:00", ny());
    let ground = option(&p, "ground");
    assert_eq!(ground["delivery"]["latest"], "2026-12-08");
    assert_eq!(ground["orderBy"]["local"], "2026-12-03T00:00:00-05:00");
    assert_eq!(ground["next"]["delivery"]["latest"], "2026-12-09");
    // Where the storm does not go, Thursday's cutoff is the countdown as before.
    let p = promise(&e, "2026-12-02T15:00:00-05:00", json!({ "country": "US", "region": "TX" }));
    assert_eq!(option(&p, "ground")["orderBy"]["local"], "2026-12-03T14:00:00-05:00");
}

#[test]
fn a_shipment_released_after_an_advisory_queues_behind_its_backlog() {
    let e = engine(&policy(json!([storm()])));
    // Placed Sat 5 Dec (the storm's last day; Newark is closed): ships Mon 7, four transit
    // days: Fri 11 Dec. Placed on Sunday, after the storm, it would ship Mon 7 as well and
    // arrive Thu 10: the same truck, so it keeps Friday.
    let sat = promise(&e, "2026-12-05T12:00:00-05:00", ny());
    assert_eq!(latest(&sat, "ground"), "2026-12-11");
    let sun = promise(&e, "2026-12-06T12:00:00-05:00", ny());
    assert_eq!(latest(&sun, "ground"), "2026-12-11");
    let text = explained(&sun, "ground");
    assert!(!text.contains("advisory: "), "{text}");
    assert!(
        text.contains("advisory_backlog: Queued behind the backlog of Storm in the North-East (ended Sat 5 Dec)"),
        "{text}"
    );
    // Shipped Tue 8 Dec (placed Mon 7 after the cutoff), it arrives Fri 11 Dec anyway; placed
    // Tue 8 after the cutoff, Mon 14 Dec, past the backlog.
    assert_eq!(latest(&promise(&e, "2026-12-07T15:00:00-05:00", ny()), "ground"), "2026-12-11");
    let later = promise(&e, "2026-12-08T15:00:00-05:00", ny());
    assert_eq!(latest(&later, "ground"), "2026-12-14");
    assert!(!explained(&later, "ground").contains("advisory_backlog"));
}

#[test]
fn advisories_are_validated_with_paths() {
    let problems = |advisories: Value| -> Vec<(String, String, String)> {
        match Engine::new(&policy(advisories).to_string()) {
            Ok(_) => panic!("accepted"),
            Err(e) => e.problems.iter().map(|p| (p.code.to_string(), p.path.clone(), p.message.clone())).collect(),
        }
    };
    let first = |advisory: Value| problems(json!([advisory])).remove(0);
    let code_path = |(code, path, _): (String, String, String)| (code, path);
    let mut a = storm();
    a["services"] = json!(["grund"]);
    assert_eq!(code_path(first(a)), (String::from("unknown_service"), "advisories[0].services[0]".into()));
    let mut a = storm();
    a["nodes"] = json!(["ewr"]);
    assert_eq!(code_path(first(a)), (String::from("unknown_node"), "advisories[0].nodes[0]".into()));
    let mut a = storm();
    a["to"] = json!("2026-12-01");
    assert_eq!(code_path(first(a)), (String::from("invalid_range"), "advisories[0].to".into()));
    let mut a = storm();
    a["extraTransitDays"] = json!(31);
    assert_eq!(code_path(first(a)), (String::from("out_of_range"), "advisories[0].extraTransitDays".into()));
    let mut a = storm();
    a.as_object_mut().unwrap().remove("name");
    assert_eq!(code_path(first(a)), (String::from("missing_field"), "advisories[0].name".into()));
    let mut a = storm();
    a["extraTransitDay"] = json!(1);
    let got = first(a);
    assert_eq!((got.0.as_str(), got.1.as_str()), ("unknown_field", "advisories[0].extraTransitDay"));
    assert!(got.2.contains("did you mean \"extraTransitDays\""), "{}", got.2);
    let mut a = storm();
    a["destinations"] = json!([{ "country": "USA" }]);
    assert_eq!(first(a).1, "advisories[0].destinations[0].country");
    // At most 64 advisories, and 1,000 destinations in all of them.
    let got = problems(json!((0..65).map(|_| storm()).collect::<Vec<_>>()));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("too_large", "advisories"));
    let mut a = storm();
    a["destinations"] =
        json!((0..600).map(|i| json!({ "country": "US", "postalPrefix": format!("{i:03}") })).collect::<Vec<_>>());
    let got = problems(json!([a.clone(), a]));
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("too_large", "advisories[1].destinations"));
}

/// Every 97 minutes over four weeks around two advisories (one with a backlog that outlasts
/// it), to three destinations: quotes and the compiled policy agree with the promise, and
/// promises only move later as orders are placed later.
#[test]
fn quotes_compiled_policies_and_deadlines_agree_with_the_promise() {
    let peak =
        json!({ "name": "Peak", "from": "2026-12-10", "to": "2026-12-11", "nodes": ["nyc"], "extraHandlingDays": 2 });
    let e = engine(&policy(json!([storm(), peak])));
    let compiled = Engine::from_compiled(&e.compile(2026, 2027).unwrap()).unwrap();
    let dests = [ny(), json!({ "country": "US", "postalCode": "02116" }), json!({ "country": "US", "region": "TX" })];
    let start = 1_795_996_800_000i64; // 2026-11-30T00:00:00Z
    let mut at = start;
    let mut compared = 0;
    let mut last: Vec<(String, String)> = vec![(String::new(), String::new()); 2 * dests.len()];
    while at < start + 28 * 86_400_000 {
        for (di, dest) in dests.iter().enumerate() {
            let text = json!({ "placedAt": at, "destination": dest, "lines": [{ "sku": "A" }] }).to_string();
            let o = Order::from_json(e.policy(), &text, None).unwrap();
            let full = e.promise(&o, PromiseOptions::default()).unwrap();
            for (si, (q, opt)) in e.quote(&o, PromiseOptions::default()).unwrap().iter().zip(&full.options).enumerate()
            {
                let q = q.as_ref().unwrap();
                let d = opt.delivery.as_ref().unwrap();
                let dates = (d.earliest.clone(), d.latest.clone());
                assert_eq!((q.earliest.to_string(), q.latest.to_string()), dates, "at {at} to {dest}");
                assert_eq!(Some(q.order_by), opt.order_by.as_ref().map(|s| s.epoch_ms), "at {at} to {dest}");
                let seen = &mut last[2 * di + si];
                assert!(dates.0 >= seen.0 && dates.1 >= seen.1, "earlier at {at} to {dest}: {dates:?} after {seen:?}");
                *seen = dates;
                compared += 1;
            }
            assert_eq!(compiled.promise_json(&text, "").unwrap(), e.promise_json(&text, "").unwrap());
        }
        at += 97 * 60_000;
    }
    assert!(compared > 2000);
    // To arrive in New York by Thu 10 Dec by Ground: placed Fri 4 Dec before the cutoff, it
    // ships that day with the storm's four transit days (Mon 7 - Thu 10); after the cutoff it
    // ships Mon 7 and arrives Fri 11, and so does an order placed after the storm (the
    // backlog): the last order-by is Fri 4 Dec 14:00.
    let table = e
        .latest_order_by_json(
            r#"{ "arriveBy": "2026-12-10", "destination": { "country": "US", "region": "NY" }, "services": ["ground"], "now": "2026-12-01T00:00:00Z" }"#,
        )
        .unwrap();
    let t: Value = serde_json::from_str(&table).unwrap();
    let row = t["rows"].as_array().unwrap().iter().find(|r| r["node"] == "nyc").unwrap();
    assert_eq!(row["orderBy"]["local"], "2026-12-04T14:00:00-05:00", "{row:#}");
}
