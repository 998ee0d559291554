//! The promise rules of docs/promise.md, one test each, on small policies.
use order_sla::{Engine, Error};
use serde_json::{json, Value};

fn weekdays(hours: &str) -> Value {
    json!({ "mon": [hours], "tue": [hours], "wed": [hours], "thu": [hours], "fri": [hours] })
}

fn policy(zone: &str, extra_node: Value, extra_service: Value) -> Value {
    let mut node = json!({
        "id": "dc", "name": "DC", "zone": zone, "hours": weekdays("08:00-18:00"),
        "cutoffs": "14:00", "pickups": "17:00", "handlingDays": 0
    });
    merge(&mut node, extra_node);
    let mut service =
        json!({ "id": "ground", "name": "Ground", "carrier": "ups", "transitDays": { "min": 2, "max": 4 } });
    merge(&mut service, extra_service);
    json!({ "nodes": [node], "services": [service] })
}

fn merge(a: &mut Value, b: Value) {
    if let (Value::Object(a), Value::Object(b)) = (a, b) {
        for (k, v) in b {
            a.insert(k, v);
        }
    }
}

fn engine(p: &Value) -> Engine {
    Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn promise(e: &Engine, placed: &str) -> Value {
    promise_with(e, json!({ "placedAt": placed, "destination": { "country": "US" }, "lines": [{ "sku": "A" }] }), "")
}

fn promise_with(e: &Engine, order: Value, options: &str) -> Value {
    let out = e.promise_json(&order.to_string(), options).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out).unwrap()
}

fn option(p: &Value) -> &Value {
    &p["options"][0]
}

/// (ship-by local, earliest, latest, order-by local)
fn summary(p: &Value) -> (String, String, String, String) {
    let o = option(p);
    (
        o["shipBy"]["local"].as_str().unwrap().into(),
        o["delivery"]["earliest"].as_str().unwrap().into(),
        o["delivery"]["latest"].as_str().unwrap().into(),
        o["orderBy"]["local"].as_str().unwrap().into(),
    )
}

fn s(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), d.into())
}

#[test]
fn cutoff_is_exact_to_the_millisecond() {
    let e = engine(&policy("America/New_York", json!({}), json!({})));
    // Tue 1 Dec 2026, cutoff 14:00 EST.
    assert_eq!(
        summary(&promise(&e, "2026-12-01T13:59:59.999-05:00")),
        s("2026-12-01T17:00:00-05:00", "2026-12-03", "2026-12-07", "2026-12-01T14:00:00-05:00")
    );
    assert_eq!(
        summary(&promise(&e, "2026-12-01T14:00:00.000-05:00")),
        s("2026-12-02T17:00:00-05:00", "2026-12-04", "2026-12-08", "2026-12-02T14:00:00-05:00")
    );
    // Epoch milliseconds work the same: 18:59:59.999Z is 13:59:59.999 EST.
    let ms = 1_796_151_599_999i64;
    let p =
        promise_with(&e, json!({ "placedAt": ms, "destination": { "country": "US" }, "lines": [{ "sku": "A" }] }), "");
    assert_eq!(summary(&p).0, "2026-12-01T17:00:00-05:00");
}

#[test]
fn next_promise_applies_from_the_order_by_instant() {
    let e = engine(&policy("America/New_York", json!({}), json!({})));
    let p = promise(&e, "2026-12-01T10:00:00-05:00");
    let next = &option(&p)["next"];
    assert_eq!(next["shipBy"]["local"], "2026-12-02T17:00:00-05:00");
    assert_eq!(next["delivery"]["earliest"], "2026-12-04");
    assert_eq!(next["orderBy"]["local"], "2026-12-02T14:00:00-05:00");
}

#[test]
fn weekends_are_skipped_and_explained() {
    let e = engine(&policy("America/New_York", json!({}), json!({})));
    // Fri 4 Dec after the cutoff: handling Mon 7, transit Tue 8 .. Thu 10 / Fri 11.
    let p = promise(&e, "2026-12-04T15:00:00-05:00");
    assert_eq!(summary(&p), s("2026-12-07T17:00:00-05:00", "2026-12-09", "2026-12-11", "2026-12-07T14:00:00-05:00"));
    let steps: Vec<&str> = option(&p)["shipments"][0]["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(steps[..4], ["released", "cutoff_passed", "day_skipped", "day_skipped"]);
    let texts = option(&p)["shipments"][0]["explanation"].to_string();
    assert!(texts.contains("Skipped Sat 5 Dec: DC does not work on Saturdays"), "{texts}");
}

#[test]
fn holidays_close_the_node_and_the_carrier_by_name() {
    let p = policy(
        "America/New_York",
        json!({ "holidays": [{ "date": "2026-11-26", "name": "Thanksgiving Day" }] }),
        json!({ "holidays": [{ "date": "2026-11-30", "name": "Carrier day off" }] }),
    );
    let e = engine(&p);
    // Wed 25 Nov after cutoff: Thu 26 closed -> ships Fri 27; the carrier skips Sat, Sun and Mon 30 (its holiday).
    let out = promise(&e, "2026-11-25T16:00:00-05:00");
    assert_eq!(summary(&out), s("2026-11-27T17:00:00-05:00", "2026-12-02", "2026-12-04", "2026-11-27T14:00:00-05:00"));
    let texts = option(&out)["shipments"][0]["explanation"].to_string();
    assert!(texts.contains("Skipped Thu 26 Nov: Thanksgiving Day"), "{texts}");
    assert!(texts.contains("Skipped Mon 30 Nov: Carrier day off"), "{texts}");
}

#[test]
fn handling_days_and_extra_days_per_tag_and_sku() {
    let p = policy(
        "America/Chicago",
        json!({ "handlingDays": 1, "extraHandlingDays": { "tags": { "engraving": 2, "gift-wrap": 1 }, "skus": { "CUSTOM": 5 } } }),
        json!({}),
    );
    let e = engine(&p);
    let order = |lines: Value| json!({ "placedAt": "2026-12-01T09:00:00-06:00", "destination": { "country": "US" }, "lines": lines });
    let plain = promise_with(&e, order(json!([{ "sku": "A" }])), "");
    assert_eq!(summary(&plain).0, "2026-12-02T17:00:00-06:00");
    // engraving + gift wrap add up on one line: 1 + 3 working days.
    let both = promise_with(&e, order(json!([{ "sku": "A" }, { "sku": "B", "tags": ["engraving", "gift-wrap"] }])), "");
    assert_eq!(summary(&both).0, "2026-12-07T17:00:00-06:00");
    let sku = promise_with(&e, order(json!([{ "sku": "CUSTOM" }])), "");
    assert_eq!(summary(&sku).0, "2026-12-09T17:00:00-06:00");
}

#[test]
fn saturday_delivery_rules_and_carrier_weekdays() {
    let p = policy(
        "America/New_York",
        json!({}),
        json!({ "transitWeekdays": ["mon", "tue", "wed", "thu", "fri", "sat"], "deliveryWeekdays": ["mon", "tue", "wed", "thu", "fri"], "transitDays": 1 }),
    );
    let e = engine(&p);
    // Ships Fri 4 Dec; transit day 1 is Sat 5 Dec, which is not a delivery day -> Mon 7 Dec.
    let out = promise(&e, "2026-12-04T09:00:00-05:00");
    assert_eq!(summary(&out).1, "2026-12-07");
    assert!(option(&out)["shipments"][0]["explanation"].to_string().contains("no_delivery_day"));
}

#[test]
fn year_end_and_leap_day() {
    let e = engine(&policy("Europe/London", json!({}), json!({ "transitDays": 1 })));
    // Thu 31 Dec 2026 after cutoff -> Fri 1 Jan 2027 (no holiday in this policy) ships, arrives Mon 4 Jan.
    assert_eq!(summary(&promise(&e, "2026-12-31T15:00:00Z")).0, "2027-01-01T17:00:00Z");
    assert_eq!(summary(&promise(&e, "2026-12-31T15:00:00Z")).1, "2027-01-04");
    // Mon 28 Feb 2028 after cutoff -> Tue 29 Feb ships, arrives Wed 1 Mar.
    let p = promise(&e, "2028-02-28T15:00:00Z");
    assert_eq!(summary(&p).0, "2028-02-29T17:00:00Z");
    assert_eq!(summary(&p).1, "2028-03-01");
}

#[test]
fn dst_changes_in_new_york_london_and_sydney() {
    // A cutoff and pickup that fall in the spring-forward gap move forward by the gap.
    let gap = policy(
        "America/New_York",
        json!({ "hours": { "sun": ["00:00-24:00"], "mon": ["08:00-18:00"] }, "cutoffs": "02:15", "pickups": "02:30" }),
        json!({ "transitWeekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }),
    );
    let e = engine(&gap);
    // Sun 8 Mar 2026: 02:15 and 02:30 do not exist; they become 03:15 and 03:30 EDT.
    let p = promise(&e, "2026-03-08T01:00:00-05:00");
    assert_eq!(summary(&p).0, "2026-03-08T03:30:00-04:00");
    assert_eq!(summary(&p).3, "2026-03-08T03:15:00-04:00");
    // Both moves are explained: the cutoff's and the pickup's.
    let gaps: Vec<&str> = option(&p)["shipments"][0]["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["code"] == "dst_gap")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        gaps,
        [
            "The cutoff time does not exist that day (clocks go forward): moved forward by the gap",
            "The pickup time does not exist that day (clocks go forward): moved forward by the gap",
        ]
    );
    // 03:14:59.999 EDT is 07:14:59.999Z: still before the moved cutoff.
    assert_eq!(summary(&promise(&e, "2026-03-08T07:14:59.999Z")).0, "2026-03-08T03:30:00-04:00");
    assert_eq!(summary(&promise(&e, "2026-03-08T07:15:00Z")).0, "2026-03-09T02:30:00-04:00");

    // Fall back: a 01:30 cutoff is the first 01:30 (EDT).
    let overlap = policy(
        "America/New_York",
        json!({ "hours": { "sun": ["00:00-24:00"] }, "cutoffs": "01:30", "pickups": "01:45" }),
        json!({ "transitWeekdays": ["sun", "mon"] }),
    );
    let e = engine(&overlap);
    let p = promise(&e, "2026-11-01T00:00:00-04:00");
    assert_eq!(summary(&p).3, "2026-11-01T01:30:00-04:00");
    // Placed at 01:30 EST (the second 01:30) is after the cutoff.
    assert_eq!(summary(&promise(&e, "2026-11-01T01:30:00-05:00")).0, "2026-11-08T01:45:00-05:00");

    // London: the cutoff on the first summer-time day is 14:00 BST.
    let e = engine(&policy("Europe/London", json!({}), json!({})));
    assert_eq!(summary(&promise(&e, "2026-03-30T12:59:59.999Z")).3, "2026-03-30T14:00:00+01:00");
    // Sydney (southern hemisphere): Mon 5 Oct 2026 is in daylight time (+11).
    let e = engine(&policy("Australia/Sydney", json!({}), json!({})));
    assert_eq!(summary(&promise(&e, "2026-10-05T09:00:00+11:00")).3, "2026-10-05T14:00:00+11:00");
    assert_eq!(summary(&promise(&e, "2026-06-01T09:00:00+10:00")).3, "2026-06-01T14:00:00+10:00");
}

#[test]
fn half_hour_offset_and_no_dst_zones() {
    let e = engine(&policy("Asia/Kolkata", json!({}), json!({})));
    let p = promise(&e, "2026-12-01T08:29:59.999Z"); // 13:59:59.999 IST
    assert_eq!(summary(&p).3, "2026-12-01T14:00:00+05:30");
    assert_eq!(summary(&p).0, "2026-12-01T17:00:00+05:30");
    let e = engine(&policy("Australia/Adelaide", json!({}), json!({})));
    assert_eq!(summary(&promise(&e, "2026-07-01T09:00:00+09:30")).3, "2026-07-01T14:00:00+09:30");
    let e = engine(&policy("Asia/Tokyo", json!({}), json!({})));
    assert_eq!(summary(&promise(&e, "2036-07-01T09:00:00+09:00")).3, "2036-07-01T14:00:00+09:00");
}

fn two_nodes() -> Value {
    let mut p = policy("America/New_York", json!({}), json!({}));
    let west = json!({ "id": "west", "zone": "America/Los_Angeles", "hours": weekdays("08:00-16:00"), "cutoffs": "12:00", "pickups": "15:00", "handlingDays": 1 });
    p["nodes"].as_array_mut().unwrap().push(west);
    p
}

#[test]
fn several_nodes_give_a_shipment_each_and_an_order_window() {
    let e = engine(&two_nodes());
    let order = json!({
        "placedAt": "2026-12-01T10:00:00-05:00", "destination": { "country": "US", "zone": "America/Chicago" },
        "lines": [{ "sku": "A", "node": "dc" }, { "sku": "B", "node": "west" }]
    });
    let p = promise_with(&e, order, "");
    let o = option(&p);
    assert_eq!(o["shipments"].as_array().unwrap().len(), 2);
    assert_eq!(o["shipments"][0]["delivery"]["earliest"], "2026-12-03");
    assert_eq!(o["shipments"][1]["delivery"]["earliest"], "2026-12-04");
    assert_eq!(o["delivery"]["earliest"], "2026-12-04");
    assert_eq!(o["delivery"]["latest"], "2026-12-08");
    assert_eq!(o["delivery"]["zone"], "America/Chicago");
    // The order-level countdown is the earliest instant any part changes: west's 12:00 PST.
    assert_eq!(o["orderBy"]["utc"], "2026-12-01T20:00:00Z");
}

#[test]
fn backordered_lines_ship_separately_from_their_availability_date() {
    let e = engine(&policy("America/New_York", json!({}), json!({})));
    let order = json!({
        "placedAt": "2026-12-01T10:00:00-05:00", "destination": { "country": "US" },
        "lines": [{ "sku": "A" }, { "sku": "B", "availableOn": "2026-12-10" }]
    });
    let p = promise_with(&e, order, "");
    let o = option(&p);
    assert_eq!(o["shipments"][1]["shipBy"]["local"], "2026-12-10T17:00:00-05:00");
    assert_eq!(o["delivery"]["latest"], "2026-12-16");
    assert!(o["shipments"][1]["explanation"].to_string().contains("awaiting_stock"));
}

#[test]
fn payment_capture_delays_release_when_required() {
    let mut p = policy("America/New_York", json!({}), json!({}));
    p["release"] = json!({ "requirePaymentCapture": true });
    let e = engine(&p);
    let order = json!({
        "placedAt": "2026-12-01T10:00:00-05:00", "paymentCapturedAt": "2026-12-01T14:30:00-05:00",
        "destination": { "country": "US" }, "lines": [{ "sku": "A" }]
    });
    assert_eq!(summary(&promise_with(&e, order.clone(), "")).0, "2026-12-02T17:00:00-05:00");
    // Not required: capture time does not matter.
    let e = engine(&policy("America/New_York", json!({}), json!({})));
    assert_eq!(summary(&promise_with(&e, order, "")).0, "2026-12-01T17:00:00-05:00");
}

#[test]
fn percentiles_state_the_window_at_a_confidence() {
    let e = engine(&policy(
        "America/New_York",
        json!({}),
        json!({ "transitDays": { "min": 1, "max": 6 }, "transitPercentiles": { "p50": 2, "p90": 3, "p99": 5 } }),
    ));
    let order = json!({ "placedAt": "2026-12-01T10:00:00-05:00", "destination": { "country": "US" }, "lines": [{ "sku": "A" }] });
    let full = promise_with(&e, order.clone(), "");
    assert_eq!(
        (option(&full)["delivery"]["latest"].as_str(), option(&full)["delivery"]["confidence"].as_f64()),
        (Some("2026-12-09"), None)
    );
    let p90 = promise_with(&e, order.clone(), r#"{"confidence":0.9}"#);
    assert_eq!(option(&p90)["delivery"]["latest"], "2026-12-04");
    assert_eq!(option(&p90)["delivery"]["confidence"], 0.9);
    let p95 = promise_with(&e, order, r#"{"confidence":0.95}"#);
    assert_eq!(option(&p95)["delivery"]["latest"], "2026-12-08");
    assert_eq!(option(&p95)["delivery"]["confidence"], 0.99);
}

#[test]
fn destinations_pick_the_most_specific_rule_and_unserved_options_say_why() {
    let e = engine(&policy(
        "America/New_York",
        json!({}),
        json!({ "countries": ["US"], "destinations": [
            { "country": "US", "region": "HI", "transitDays": { "min": 5, "max": 9 } },
            { "country": "US", "region": "HI", "postalPrefix": "967", "transitDays": { "min": 6, "max": 10 } }
        ] }),
    ));
    let to = |dest: Value| {
        promise_with(
            &e,
            json!({ "placedAt": "2026-12-01T10:00:00-05:00", "destination": dest, "lines": [{ "sku": "A" }] }),
            "",
        )
    };
    assert_eq!(
        option(&to(json!({ "country": "US", "region": "hi", "postalCode": "96813" })))["delivery"]["earliest"],
        "2026-12-08"
    );
    assert_eq!(
        option(&to(json!({ "country": "US", "region": "HI", "postalCode": "96720" })))["delivery"]["earliest"],
        "2026-12-09"
    );
    assert_eq!(option(&to(json!({ "country": "US" })))["delivery"]["earliest"], "2026-12-03");
    let ca = to(json!({ "country": "CA" }));
    assert_eq!(option(&ca)["available"], false);
    assert_eq!(option(&ca)["reason"]["code"], "country_not_served");
}

#[test]
fn saturday_cutoff_that_changes_nothing_does_not_end_the_countdown() {
    let mut p = policy("America/New_York", json!({}), json!({}));
    p["nodes"][0]["hours"]["sat"] = json!(["09:00-13:00"]);
    p["nodes"][0]["cutoffs"] = json!({ "default": "14:00", "sat": "11:00" });
    p["nodes"][0]["pickups"] = json!({ "default": "17:00", "sat": null });
    let e = engine(&p);
    // Sat 5 Dec 09:00: handled Saturday but no pickup until Monday; Monday's 14:00 cutoff is the one that matters.
    let out = promise(&e, "2026-12-05T09:00:00-05:00");
    assert_eq!(summary(&out), s("2026-12-07T17:00:00-05:00", "2026-12-09", "2026-12-11", "2026-12-07T14:00:00-05:00"));
}

#[test]
fn special_days_override_hours_cutoff_and_pickup() {
    let p = policy(
        "America/New_York",
        json!({ "specialDays": [{ "date": "2026-12-24", "name": "Christmas Eve", "hours": ["08:00-12:00"], "cutoff": "10:00", "pickup": "12:00" }] }),
        json!({}),
    );
    let e = engine(&p);
    assert_eq!(summary(&promise(&e, "2026-12-24T09:59:59.999-05:00")).0, "2026-12-24T12:00:00-05:00");
    assert_eq!(summary(&promise(&e, "2026-12-24T10:00:00-05:00")).0, "2026-12-25T17:00:00-05:00");
}

#[test]
fn deadline_table_finds_the_last_order_by_for_an_arrival_date() {
    let e = engine(&policy("America/New_York", json!({}), json!({})));
    let out = e.latest_order_by_json(r#"{ "arriveBy": "2026-12-24", "destination": { "country": "US" } }"#).unwrap();
    let t: Value = serde_json::from_str(&out).unwrap();
    // Latest is 4 carrier days: ordering by Fri 18 Dec 14:00 arrives by Thu 24 Dec at the latest.
    assert_eq!(t["rows"][0]["orderBy"]["local"], "2026-12-18T14:00:00-05:00");
    assert_eq!(t["rows"][0]["delivery"]["latest"], "2026-12-24");
    // And one millisecond later the promise is past the date.
    let p = promise(&e, "2026-12-18T14:00:00-05:00");
    assert_eq!(summary(&p).2, "2026-12-25");
    let late = e
        .latest_order_by_json(
            r#"{ "arriveBy": "2026-12-24", "destination": { "country": "US" }, "now": "2026-12-20T00:00:00Z" }"#,
        )
        .unwrap();
    assert!(late.contains("too_late"));
}

fn err(p: &Value) -> Error {
    match Engine::new(&p.to_string()) {
        Ok(_) => panic!("policy accepted"),
        Err(e) => e,
    }
}

#[test]
fn every_policy_problem_is_reported_at_once_with_a_path() {
    let p = json!({
        "nodes": [
            { "id": "a", "zone": "America/New_York", "hours": weekdays("08:00-18:00"), "cutoffs": { "fri": "25:00" }, "handlingDays": 1 },
            { "id": "a", "zone": "Mars/Base", "hours": {}, "handlingDays": -1, "cutof": "14:00" }
        ],
        "services": [{ "id": "s", "carrier": "ups", "transitDays": { "min": 3, "max": 2 } }]
    });
    let e = err(&p);
    assert_eq!(e.code, "invalid_policy");
    let got: Vec<(&str, &str)> = e.problems.iter().map(|p| (p.code, p.path.as_str())).collect();
    for want in [
        ("invalid_time", "nodes[0].cutoffs.fri"),
        ("unknown_zone", "nodes[1].zone"),
        ("no_working_day", "nodes[1].hours"),
        ("out_of_range", "nodes[1].handlingDays"),
        ("unknown_field", "nodes[1].cutof"),
        ("duplicate_id", "nodes[1].id"),
        ("invalid_range", "services[0].transitDays.max"),
    ] {
        assert!(got.contains(&want), "missing {want:?} in {got:?}");
    }
    assert!(e.problems.iter().any(|p| p.message.contains("did you mean \"cutoffs\"")));
    assert!(e.message.contains("nodes[0].cutoffs.fri"));
}

#[test]
fn policies_that_could_never_ship_or_deliver_are_rejected_at_load() {
    let never_picked = policy("America/New_York", json!({ "pickups": null }), json!({}));
    assert!(err(&never_picked).problems.iter().any(|p| p.code == "no_pickup_day"));
    let no_delivery = policy("America/New_York", json!({}), json!({ "deliveryWeekdays": [] }));
    assert!(err(&no_delivery).problems.iter().any(|p| p.code == "never_delivers"));
    let carrier_never = policy("America/New_York", json!({ "carriers": { "ups": { "pickups": null } } }), json!({}));
    assert!(err(&carrier_never).problems.iter().any(|p| p.code == "never_ships"));
    let pickup_early = policy("America/New_York", json!({ "pickups": "13:00" }), json!({}));
    assert!(err(&pickup_early)
        .problems
        .iter()
        .any(|p| p.code == "pickup_before_cutoff" && p.path == "nodes[0].pickups.mon"));
}

#[test]
fn bad_orders_get_codes_and_paths() {
    let e = engine(&two_nodes());
    let bad = |order: &str| e.promise_json(order, "").unwrap_err();
    assert_eq!(bad("{not json").code, "invalid_json");
    let e1 = bad(
        r#"{ "placedAt": "2026-12-01T10:00:00", "destination": { "country": "USA" }, "lines": [{ "sku": "A", "node": "nowhere" }, { "sku": "B" }], "services": ["teleport"] }"#,
    );
    let got: Vec<(&str, &str)> = e1.problems.iter().map(|p| (p.code, p.path.as_str())).collect();
    for want in [
        ("invalid_instant", "placedAt"),
        ("invalid_country", "destination.country"),
        ("unknown_node", "lines[0].node"),
        ("missing_field", "lines[1].node"),
        ("unknown_service", "services[0]"),
    ] {
        assert!(got.contains(&want), "missing {want:?} in {got:?}");
    }
    assert_eq!(
        bad(r#"{ "placedAt": 0, "destination": { "country": "US" }, "lines": [{ "sku": "A", "node": "dc" }] }"#)
            .problems[0]
            .code,
        "out_of_range"
    );
    assert_eq!(bad(r#"[]"#).problems[0].code, "wrong_type");
}

#[test]
fn content_hash_ignores_formatting_and_key_order() {
    let a = engine(&policy("America/New_York", json!({}), json!({})));
    let text = serde_json::to_string_pretty(&policy("America/New_York", json!({}), json!({}))).unwrap();
    let b = Engine::new(&text).unwrap();
    assert_eq!(a.policy().hash, b.policy().hash);
    assert!(a.policy().hash.starts_with("sha256:"));
    let c = engine(&policy("America/New_York", json!({ "handlingDays": 1 }), json!({})));
    assert_ne!(a.policy().hash, c.policy().hash);
}

#[test]
fn example_store_promises_are_real() {
    let e = Engine::new(include_str!("../examples/store/policy.json")).unwrap();
    let out = e.promise_json(include_str!("../examples/store/order.json"), r#"{"at":"2026-11-28T10:20:00Z"}"#).unwrap();
    let p: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(p["options"].as_array().unwrap().len(), 3);
    assert_eq!(p["options"][0]["delivery"]["earliest"], "2026-12-07");
    assert_eq!(p["options"][2]["reason"]["code"], "node_not_served");
}

/// Samoa (Pacific/Apia) skipped Friday 30 December 2011: the clocks went from Thursday
/// 23:59:59 at UTC-10 to Saturday 00:00 at UTC+14. A skipped date is no day at all: no cutoff,
/// no handling, no pickup, no working time (docs/policy.md, "Days a zone skips").
#[test]
fn a_date_the_zone_skipped_is_not_a_working_day() {
    let e = engine(&policy("Pacific/Apia", json!({ "cutoffs": "10:00", "pickups": "16:00" }), json!({})));
    for placed in ["2011-12-31T09:00:00+14:00", "2011-12-29T12:00:00-10:00", "2011-12-29T23:30:00-10:00"] {
        let p = promise(&e, placed);
        let o = &p["options"][0];
        // Not Saturday 16:00 (Friday's pickup moved forward by the lost day): Monday 2 January.
        assert_eq!(o["shipBy"]["local"], "2012-01-02T16:00:00+14:00", "{placed}");
        let steps: Vec<&str> =
            o["shipments"][0]["explanation"].as_array().unwrap().iter().filter_map(|s| s["text"].as_str()).collect();
        // Released on Thursday after the cutoff, the search passes the skipped Friday and says why.
        if placed.starts_with("2011-12-29") {
            assert!(
                steps.contains(&"Skipped Fri 30 Dec: the date does not exist in the node's time zone"),
                "{placed}: {steps:?}"
            );
        }
        // The quote's day tables agree.
        let order =
            json!({ "placedAt": placed, "destination": { "country": "US" }, "lines": [{ "sku": "A" }] }).to_string();
        let q = e
            .quote(
                &order_sla::Order::from_json(e.policy(), &order, None).unwrap(),
                order_sla::PromiseOptions::default(),
            )
            .unwrap();
        assert_eq!(q[0].as_ref().map(|q| q.ship_by), o["shipBy"]["epochMs"].as_i64(), "{placed}");
    }
    // Thursday before the cutoff still ships Thursday.
    assert_eq!(promise(&e, "2011-12-29T09:00:00-10:00")["options"][0]["shipBy"]["local"], "2011-12-29T16:00:00-10:00");
    // The same policy in Honolulu (no skip) works Friday 30 December.
    let h = engine(&policy("Pacific/Honolulu", json!({ "cutoffs": "10:00", "pickups": "16:00" }), json!({})));
    assert_eq!(promise(&h, "2011-12-29T12:00:00-10:00")["options"][0]["shipBy"]["local"], "2011-12-30T16:00:00-10:00");
}

/// Consecutive days skipped for one reason are one step, `date` to `through` (docs/promise.md,
/// "Explanation step codes"); a different reason breaks the run.
#[test]
fn runs_of_days_skipped_for_one_reason_are_one_step() {
    let p = json!({
        "nodes": [{ "id": "lon", "name": "London", "zone": "Europe/London", "hours": weekdays("08:00-17:00"), "cutoffs": "15:00",
                    "pickups": "17:30", "handlingDays": 0, "calendars": ["gb-eng"] }],
        "services": [{ "id": "sat", "name": "DPD Saturday", "carrier": "dpd", "transitDays": { "min": 1, "max": 2 },
                       "deliveryWeekdays": ["sat"], "calendars": ["gb-eng"] }]
    });
    let e = engine(&p);
    let steps = |placed: &str| -> Vec<(String, String, String)> {
        let order = json!({ "placedAt": placed, "destination": { "country": "GB" }, "lines": [{ "sku": "A" }] });
        let p = promise_with(&e, order, "");
        p["options"][0]["shipments"][0]["explanation"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["code"] == "no_delivery_day")
            .map(|s| {
                (
                    s["date"].as_str().unwrap().into(),
                    s["through"].as_str().unwrap_or("").into(),
                    s["text"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    assert_eq!(steps("2026-12-14T10:00:00Z"), [
        ("2026-12-15".into(), "2026-12-18".into(), "Skipped Tue 15 Dec - Fri 18 Dec (4 days): no DPD Saturday delivery (it delivers Sat): the earliest date moves on".into()),
        ("2026-12-16".into(), "2026-12-18".into(), "Skipped Wed 16 Dec - Fri 18 Dec (3 days): no DPD Saturday delivery (it delivers Sat): the latest date moves on".into()),
    ]);
    // Over Christmas: Boxing Day (a Saturday) breaks the run with its own reason.
    let christmas = steps("2026-12-21T10:00:00Z");
    assert_eq!(christmas.len(), 6, "{christmas:?}");
    assert_eq!(
        christmas[1],
        (
            "2026-12-26".into(),
            "".into(),
            "Skipped Sat 26 Dec: Boxing Day, no DPD Saturday delivery: the earliest date moves on".into()
        )
    );
    assert_eq!((christmas[2].0.as_str(), christmas[2].1.as_str()), ("2026-12-27", "2027-01-01"));
}
