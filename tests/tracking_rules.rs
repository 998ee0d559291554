//! Tracking (docs/tracking.md): statuses, reasons, pauses, routes and history.
use order_sla::Engine;
use serde_json::{json, Value};

fn hours() -> Value {
    let day = json!(["08:00-17:00"]);
    json!({ "mon": day, "tue": day, "wed": day, "thu": day, "fri": day })
}

fn policy(tracking: Value) -> Value {
    json!({
        "calendars": { "dc": { "holidays": [{ "name": "Christmas Day", "month": 12, "day": 25 }] } },
        "nodes": [{ "id": "dc", "zone": "America/New_York", "hours": hours(), "cutoffs": "14:00", "pickups": "17:00",
                    "handlingDays": 0, "calendars": ["dc"] }],
        "services": [{ "id": "ground", "carrier": "ups", "transitDays": 2 }],
        "tracking": tracking
    })
}

fn default_tracking() -> Value {
    json!({
        "atRisk": { "remainingFraction": 0.25 },
        "pausingHolds": ["customer_request", "address_check"],
        "routes": [
            { "milestone": "shipped", "reason": "overdue", "owner": "{node}-ops", "route": "expedite" },
            { "reason": "carrier_exception", "owner": "carrier-desk-{carrier}", "route": "carrier_claim" },
            { "owner": "customer-care", "route": "notify_customer" }
        ]
    })
}

struct Fixture {
    engine: Engine,
    promise: String,
}

/// Placed Tue 1 Dec 2026 10:00 New York: release due 14:00, ship-by 17:00, delivered by the
/// end of Thu 3 Dec.
fn fixture(tracking: Value) -> Fixture {
    let engine = Engine::new(&policy(tracking).to_string()).unwrap_or_else(|e| panic!("{e}"));
    let order = json!({ "id": "A1", "placedAt": "2026-12-01T10:00:00-05:00", "destination": { "country": "US" }, "lines": [{ "sku": "X" }] });
    let promise = engine.promise_json(&order.to_string(), "").unwrap();
    Fixture { engine, promise }
}

fn track(f: &Fixture, events: Value, now: &str) -> Value {
    let out = f
        .engine
        .track_json(&f.promise, &events.to_string(), &json!({ "now": now }).to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out).unwrap()
}

fn ms<'a>(t: &'a Value, id: &str) -> &'a Value {
    t["milestones"].as_array().unwrap().iter().find(|m| m["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

fn ev(kind: &str, at: &str) -> Value {
    json!({ "type": kind, "at": at })
}

fn status(t: &Value, id: &str) -> String {
    ms(t, id)["status"].as_str().unwrap().to_string()
}

fn changes(t: &Value) -> Vec<String> {
    t["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["at"]["local"].as_str().unwrap(),
                c["milestone"].as_str().unwrap_or("order"),
                c["change"].as_str().unwrap()
            )
        })
        .collect()
}

const RELEASED: &str = "2026-12-01T11:00:00-05:00";

#[test]
fn every_status_from_pending_to_met_late() {
    let f = fixture(default_tracking());
    assert_eq!(status(&track(&f, json!([]), "2026-12-01T09:00:00-05:00"), "released"), "pending");
    let t = track(&f, json!([]), "2026-12-01T10:30:00-05:00");
    assert_eq!(
        (status(&t, "released"), status(&t, "shipped"), status(&t, "delivered")),
        ("on_track".into(), "pending".into(), "pending".into())
    );
    assert_eq!(t["status"], "on_track");
    assert_eq!(ms(&t, "released")["remainingWorkingMs"], 3 * 3_600_000 + 1_800_000);
    assert_eq!(ms(&t, "released")["due"]["local"], "2026-12-01T14:00:00-05:00");

    // A quarter of the 4 working hours left: at risk, routed by the catch-all route.
    let t = track(&f, json!([]), "2026-12-01T13:30:00-05:00");
    let r = ms(&t, "released");
    assert_eq!((r["status"].as_str(), r["reasons"][0].as_str()), (Some("at_risk"), Some("low_remaining_fraction")));
    assert_eq!((r["owner"].as_str(), r["route"].as_str()), (Some("customer-care"), Some("notify_customer")));
    assert_eq!(t["status"], "at_risk");

    let t = track(&f, json!([]), "2026-12-01T14:30:00-05:00");
    let r = ms(&t, "released");
    assert_eq!((r["status"].as_str(), r["reasons"][0].as_str()), (Some("breached"), Some("overdue")));
    assert_eq!((r["remainingWorkingMs"].as_i64(), r["remainingWallMs"].as_i64()), (Some(-1_800_000), Some(-1_800_000)));
    assert_eq!(t["status"], "breached");
    assert_eq!(
        changes(&t),
        ["2026-12-01T13:00:00-05:00 released at_risk", "2026-12-01T14:00:00-05:00 released breached"]
    );

    let t = track(
        &f,
        json!([
            ev("released", RELEASED),
            ev("shipped", "2026-12-01T16:00:00-05:00"),
            ev("delivered", "2026-12-03T12:00:00-05:00")
        ]),
        "2026-12-04T09:00:00-05:00",
    );
    assert_eq!(t["status"], "met");
    assert!(t["milestones"].as_array().unwrap().iter().all(|m| m["status"] == "met" && m["owner"].is_null()));
}

#[test]
fn an_event_on_the_due_instant_is_met_one_millisecond_later_is_late() {
    let f = fixture(default_tracking());
    let on = track(&f, json!([ev("released", "2026-12-01T14:00:00.000-05:00")]), "2026-12-01T15:00:00-05:00");
    assert_eq!(status(&on, "released"), "met");
    let late = track(&f, json!([ev("released", "2026-12-01T14:00:00.001-05:00")]), "2026-12-01T15:00:00-05:00");
    assert_eq!(status(&late, "released"), "met_late");
    assert_eq!(ms(&late, "released")["reasons"], json!(["late"]));
    // The overall status is about what is still open: shipping is on track.
    assert_eq!(late["status"], "on_track");
    // At the due instant itself nothing is breached yet.
    let at = track(&f, json!([]), "2026-12-01T14:00:00-05:00");
    assert_eq!(status(&at, "released"), "at_risk");
    assert_eq!(ms(&at, "released")["remainingWorkingMs"], 0);
}

#[test]
fn routes_fill_in_node_and_carrier() {
    let f = fixture(default_tracking());
    let t = track(&f, json!([ev("released", RELEASED)]), "2026-12-01T18:00:00-05:00");
    let s = ms(&t, "shipped");
    assert_eq!(
        (s["status"].as_str(), s["owner"].as_str(), s["route"].as_str()),
        (Some("breached"), Some("dc-ops"), Some("expedite"))
    );
    let exception = json!({ "type": "carrier_exception", "at": "2026-12-02T09:00:00-05:00", "reason": "damaged" });
    let t = track(
        &f,
        json!([ev("released", RELEASED), ev("shipped", "2026-12-01T16:00:00-05:00"), exception]),
        "2026-12-02T10:00:00-05:00",
    );
    let d = ms(&t, "delivered");
    assert_eq!((d["status"].as_str(), d["reasons"][0].as_str()), (Some("at_risk"), Some("carrier_exception")));
    assert_eq!((d["owner"].as_str(), d["route"].as_str()), (Some("carrier-desk-ups"), Some("carrier_claim")));
    assert!(changes(&t).contains(&"2026-12-02T09:00:00-05:00 delivered at_risk".to_string()));
}

#[test]
fn other_at_risk_rules_remaining_hours_and_not_started() {
    let f = fixture(json!({
        "milestones": { "released": {}, "shipped": { "takesWorkingHours": 2, "atRisk": { "remainingFraction": null } }, "delivered": {} },
        "atRisk": { "remainingFraction": null, "remainingWorkingHours": 1 }
    }));
    // Not released at 15:30 with 1.5 h to the ship-by, and shipping takes 2 h.
    let t = track(&f, json!([]), "2026-12-01T15:30:00-05:00");
    assert_eq!(ms(&t, "shipped")["reasons"], json!(["not_started_in_time"]));
    let t = track(&f, json!([ev("released", RELEASED)]), "2026-12-01T16:15:00-05:00");
    assert_eq!(ms(&t, "shipped")["reasons"], json!(["low_remaining_hours"]));
    let t = track(&f, json!([ev("released", RELEASED)]), "2026-12-01T15:45:00-05:00");
    assert_eq!(status(&t, "shipped"), "on_track");
}

#[test]
fn custom_milestones_follow_their_predecessor() {
    let f = fixture(
        json!({ "custom": [{ "id": "picked", "name": "Picked", "event": "picked", "after": "released", "withinWorkingHours": 2 }] }),
    );
    let t = track(&f, json!([ev("released", RELEASED)]), "2026-12-01T12:00:00-05:00");
    assert_eq!(ms(&t, "picked")["due"]["local"], "2026-12-01T13:00:00-05:00");
    assert_eq!(status(&t, "picked"), "on_track");
    let t = track(
        &f,
        json!([ev("released", RELEASED), ev("picked", "2026-12-01T13:30:00-05:00")]),
        "2026-12-01T14:00:00-05:00",
    );
    assert_eq!(status(&t, "picked"), "met_late");
    // Released at 16:30: 30 minutes today, 90 tomorrow from 08:00.
    let t = track(&f, json!([ev("released", "2026-12-01T16:30:00-05:00")]), "2026-12-01T16:45:00-05:00");
    assert_eq!(ms(&t, "picked")["due"]["local"], "2026-12-02T09:30:00-05:00");
}

#[test]
fn pausing_holds_move_the_due_by_working_time_across_weekends_and_holidays() {
    let engine = Engine::new(&policy(default_tracking()).to_string()).unwrap();
    let order = json!({ "placedAt": "2026-12-23T10:00:00-05:00", "destination": { "country": "US" }, "lines": [{ "sku": "X" }] });
    let f = Fixture { promise: engine.promise_json(&order.to_string(), "").unwrap(), engine };
    let hold = |kind: &str, at: &str, reason: &str| json!({ "type": kind, "at": at, "reason": reason });
    // On hold Wed 23 Dec 12:00 to Mon 28 Dec 10:00: 2 working hours of the release clock were
    // left; Thu 24 is worked but paused, Fri 25 is Christmas, then the weekend.
    let events = json!([
        hold("hold_started", "2026-12-23T12:00:00-05:00", "customer_request"),
        hold("hold_ended", "2026-12-28T10:00:00-05:00", "customer_request")
    ]);
    let t = track(&f, events, "2026-12-28T11:15:00-05:00");
    let r = ms(&t, "released");
    assert_eq!(r["due"]["local"], "2026-12-28T12:00:00-05:00");
    // 45 minutes of the 4 working hours are left.
    assert_eq!((r["status"].as_str(), r["remainingWorkingMs"].as_i64()), (Some("at_risk"), Some(2_700_000)));
    // Working time on hold: Wed 12:00-17:00, Thu 08:00-17:00, Mon 08:00-10:00.
    assert_eq!(r["pausedWorkingMs"], (5 + 9 + 2) * 3_600_000);
    assert!(changes(&t).starts_with(&[
        "2026-12-23T12:00:00-05:00 order paused".to_string(),
        "2026-12-28T10:00:00-05:00 order resumed".to_string()
    ]));

    // A hold the policy does not mark as pausing moves nothing.
    let events = json!([
        hold("hold_started", "2026-12-23T12:00:00-05:00", "fraud_review"),
        hold("hold_ended", "2026-12-28T10:00:00-05:00", "fraud_review")
    ]);
    assert_eq!(
        ms(&track(&f, events, "2026-12-28T11:00:00-05:00"), "released")["due"]["local"],
        "2026-12-23T14:00:00-05:00"
    );

    // Overlapping holds count once: 12:00-13:00 and 12:30-13:30 pause 1.5 h.
    let events = json!([
        hold("hold_started", "2026-12-23T12:00:00-05:00", "customer_request"),
        hold("hold_started", "2026-12-23T12:30:00-05:00", "address_check"),
        hold("hold_ended", "2026-12-23T13:00:00-05:00", "customer_request"),
        hold("hold_ended", "2026-12-23T13:30:00-05:00", "address_check")
    ]);
    assert_eq!(
        ms(&track(&f, events, "2026-12-23T13:45:00-05:00"), "released")["due"]["local"],
        "2026-12-23T15:30:00-05:00"
    );

    // An open hold keeps the clock stopped until now.
    let events = json!([hold("hold_started", "2026-12-23T12:00:00-05:00", "customer_request")]);
    let t = track(&f, events, "2026-12-23T13:00:00-05:00");
    assert_eq!(
        (ms(&t, "released")["paused"].as_bool(), ms(&t, "released")["due"]["local"].as_str()),
        (Some(true), Some("2026-12-23T15:00:00-05:00"))
    );
}

#[test]
fn a_pause_across_a_dst_change_counts_the_hours_that_really_passed() {
    // Carrier days are whole local days: Sun 1 Nov 2026 in New York lasts 25 hours.
    let mut p = policy(json!({ "pausingHolds": ["address_check"] }));
    p["services"][0]["transitWeekdays"] = json!(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
    let engine = Engine::new(&p.to_string()).unwrap();
    let order = json!({ "placedAt": "2026-10-30T10:00:00-04:00", "destination": { "country": "US" }, "lines": [{ "sku": "X" }] });
    let f = Fixture { promise: engine.promise_json(&order.to_string(), "").unwrap(), engine };
    let before = track(
        &f,
        json!([ev("released", "2026-10-30T10:30:00-04:00"), ev("shipped", "2026-10-30T16:00:00-04:00")]),
        "2026-10-31T09:00:00-04:00",
    );
    assert_eq!(ms(&before, "delivered")["due"]["local"], "2026-11-02T00:00:00-05:00");
    let events = json!([
        ev("released", "2026-10-30T10:30:00-04:00"), ev("shipped", "2026-10-30T16:00:00-04:00"),
        { "type": "hold_started", "at": "2026-10-31T12:00:00-04:00", "reason": "address_check" },
        { "type": "hold_ended", "at": "2026-11-01T12:00:00-05:00", "reason": "address_check" }
    ]);
    let t = track(&f, events, "2026-11-01T13:00:00-05:00");
    let d = ms(&t, "delivered");
    assert_eq!(d["pausedWorkingMs"], 25 * 3_600_000);
    assert_eq!(d["due"]["local"], "2026-11-03T01:00:00-05:00");
}

#[test]
fn cancellation_stops_every_clock() {
    let f = fixture(default_tracking());
    let events = json!([
        ev("released", RELEASED),
        ev("cancelled", "2026-12-01T12:00:00-05:00"),
        ev("shipped", "2026-12-01T16:00:00-05:00")
    ]);
    let t = track(&f, events, "2026-12-02T12:00:00-05:00");
    assert_eq!(t["status"], "cancelled");
    assert_eq!(
        (status(&t, "released"), status(&t, "shipped"), status(&t, "delivered")),
        ("met".into(), "cancelled".into(), "cancelled".into())
    );
    assert_eq!(t["warnings"][0]["code"], "event_after_cancellation");
    assert_eq!(t["warnings"][0]["path"], "events[2]");
    assert!(!changes(&t).iter().any(|c| c.contains("breached")));
}

#[test]
fn input_that_cannot_apply_is_a_warning_never_a_silent_status() {
    let f = fixture(default_tracking());
    let events = json!([
        ev("shipped", "2026-12-01T09:00:00-05:00"),
        ev("teleported", "2026-12-01T12:00:00-05:00"),
        ev("delivered", "2026-12-05T12:00:00-05:00"),
        { "type": "shipped", "at": "2026-12-01T12:00:00-05:00", "node": "lax" },
        { "type": "hold_ended", "at": "2026-12-01T12:00:00-05:00", "reason": "customer_request" },
        ev("released", RELEASED), ev("released", RELEASED)
    ]);
    let t = track(&f, events, "2026-12-01T13:00:00-05:00");
    let codes: Vec<(&str, &str)> = t["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["code"].as_str().unwrap(), w["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("event_before_placement", "events[0]"),
            ("unknown_event", "events[1]"),
            ("event_after_now", "events[2]"),
            ("unknown_node", "events[3]"),
            ("hold_not_started", "events[4]")
        ]
    );
    assert_eq!(status(&t, "shipped"), "on_track");
    assert_eq!(status(&t, "released"), "met");
}

#[test]
fn bad_documents_are_errors_with_paths() {
    let f = fixture(default_tracking());
    let err = |promise: &str, events: Value, opts: Value| {
        f.engine.track_json(promise, &events.to_string(), &opts.to_string()).err().unwrap()
    };
    let now = json!({ "now": "2026-12-01T12:00:00Z" });
    let e = err(&f.promise, json!([{ "type": "shipped", "at": "yesterday" }, { "at": 0 }]), now.clone());
    assert_eq!(e.code, "invalid_events");
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["events[0].at", "events[1].type", "events[1].at"]);
    assert_eq!(err(&f.promise, json!([]), json!({})).code, "invalid_options");
    assert_eq!(err("{}", json!([]), now.clone()).code, "invalid_promise");
    let store = Engine::new(include_str!("../examples/store/policy.json")).unwrap();
    let promise =
        store.promise_json(include_str!("../examples/store/order.json"), r#"{"at":"2026-11-28T10:20:00Z"}"#).unwrap();
    let e = store.track_json(&promise, "[]", r#"{"now":"2026-11-30T12:00:00Z"}"#).err().unwrap();
    assert_eq!((e.code, e.problems[0].code), ("invalid_promise", "service_required"));
    let e = store.track_json(&promise, "[]", r#"{"now":"2026-11-30T12:00:00Z","service":"fedex-2day"}"#).err().unwrap();
    assert_eq!(e.problems[0].code, "option_not_available");
    // Two shipments: a shipment event must say its node.
    let t: Value = serde_json::from_str(
        &store
            .track_json(
                &promise,
                r#"[{"type":"shipped","at":"2026-11-30T12:00:00Z"}]"#,
                r#"{"now":"2026-11-30T13:00:00Z","service":"ups-ground"}"#,
            )
            .unwrap(),
    )
    .unwrap();
    assert_eq!(t["warnings"][0]["code"], "ambiguous_node");
    assert_eq!(t["milestones"].as_array().unwrap().iter().filter(|m| m["id"] == "shipped").count(), 2);
    assert_eq!(t["milestones"][0]["id"], "payment_captured");

    // A hold with a node pauses that shipment only.
    let hold = r#"[{"type":"hold_started","at":"2026-12-01T18:00:00Z","node":"ont","reason":"customer_request"},
                   {"type":"hold_ended","at":"2026-12-02T17:00:00Z","node":"ont","reason":"customer_request"}]"#;
    let t: Value = serde_json::from_str(
        &store.track_json(&promise, hold, r#"{"now":"2026-12-03T18:00:00Z","service":"ups-ground"}"#).unwrap(),
    )
    .unwrap();
    let shipped = |node: &str| {
        t["milestones"].as_array().unwrap().iter().find(|m| m["id"] == "shipped" && m["node"] == node).unwrap().clone()
    };
    assert_eq!(shipped("ewr")["pausedWorkingMs"], 0);
    assert_eq!(shipped("ont")["pausedWorkingMs"], (5 * 3_600_000) + 1_800_000 + 3 * 3_600_000);
    assert_eq!(shipped("ont")["due"]["local"], "2026-12-04T14:00:00-08:00");
    assert!(t["history"].as_array().unwrap().iter().any(|c| c["change"] == "paused" && c["node"] == "ont"));
}

#[test]
fn more_events_after_a_breach_never_undo_it() {
    let f = fixture(default_tracking());
    let base = vec![ev("released", RELEASED)];
    let now = "2026-12-02T12:00:00-05:00";
    assert_eq!(status(&track(&f, json!(base), now), "shipped"), "breached");
    let later = [
        ev("shipped", "2026-12-02T09:00:00-05:00"),
        json!({ "type": "hold_started", "at": "2026-12-01T17:30:00-05:00", "reason": "customer_request" }),
        json!({ "type": "hold_ended", "at": "2026-12-02T10:00:00-05:00", "reason": "customer_request" }),
        json!({ "type": "carrier_exception", "at": "2026-12-02T08:00:00-05:00" }),
        ev("picked", "2026-12-01T18:00:00-05:00"),
        ev("released", "2026-12-02T08:00:00-05:00"),
    ];
    // Every subset of events dated after the breach (17:00 on 1 Dec).
    for mask in 0u32..(1 << later.len()) {
        let mut events = base.clone();
        events.extend(later.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, e)| e.clone()));
        let s = status(&track(&f, json!(events), now), "shipped");
        assert!(s == "breached" || s == "met_late", "mask {mask:b}: {s}");
    }
}

#[test]
fn a_later_now_never_makes_an_open_milestone_less_late() {
    let f = fixture(default_tracking());
    let events = json!([
        ev("released", RELEASED),
        { "type": "hold_started", "at": "2026-12-01T15:00:00-05:00", "reason": "customer_request" },
        { "type": "hold_ended", "at": "2026-12-02T09:00:00-05:00", "reason": "customer_request" }
    ]);
    let mut last: Option<(i64, i64, bool)> = None;
    // Every 20 minutes for three days, across nights and the pause. Remaining working time
    // never grows (a pause holds it); wall time never grows except while paused, when the
    // due moves out with the clock stopped.
    for step in 0..(3 * 72) {
        let now = 1_796_140_800_000i64 + step * 1_200_000;
        let t: Value = serde_json::from_str(
            &f.engine.track_json(&f.promise, &events.to_string(), &json!({ "now": now }).to_string()).unwrap(),
        )
        .unwrap();
        for id in ["shipped", "delivered"] {
            let s = ms(&t, id);
            if s["metAt"].is_null() && id == "shipped" {
                let cur = (
                    s["remainingWorkingMs"].as_i64().unwrap(),
                    s["remainingWallMs"].as_i64().unwrap(),
                    s["paused"] == true,
                );
                if let Some(prev) = last {
                    assert!(cur.0 <= prev.0, "at {now}: working {cur:?} after {prev:?}");
                    assert!(cur.1 <= prev.1 || cur.2 || prev.2, "at {now}: wall {cur:?} after {prev:?}");
                }
                last = Some(cur);
            }
        }
    }
}

#[test]
fn the_same_inputs_give_the_same_history_in_any_event_order() {
    let f = fixture(default_tracking());
    let events = vec![
        ev("released", RELEASED),
        json!({ "type": "hold_started", "at": "2026-12-01T15:00:00-05:00", "reason": "customer_request" }),
        json!({ "type": "hold_ended", "at": "2026-12-02T09:00:00-05:00", "reason": "customer_request" }),
        ev("shipped", "2026-12-02T10:30:00-05:00"),
        json!({ "type": "carrier_exception", "at": "2026-12-03T08:00:00-05:00" }),
    ];
    let now = json!({ "now": "2026-12-04T12:00:00-05:00" }).to_string();
    let first = f.engine.track_json(&f.promise, &json!(events).to_string(), &now).unwrap();
    let mut reversed = events.clone();
    reversed.reverse();
    let mut doubled = events.clone();
    doubled.extend(events.iter().cloned());
    for variant in [events.clone(), reversed, doubled] {
        assert_eq!(f.engine.track_json(&f.promise, &json!(variant).to_string(), &now).unwrap(), first);
    }
    let t: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        changes(&t),
        [
            "2026-12-01T11:00:00-05:00 released met",
            "2026-12-01T15:00:00-05:00 order paused",
            "2026-12-02T09:00:00-05:00 order resumed",
            "2026-12-02T09:30:00-05:00 shipped at_risk",
            "2026-12-02T10:30:00-05:00 shipped met",
            "2026-12-03T08:00:00-05:00 delivered at_risk",
        ]
    );
    // The hold made it ship on Wednesday, not Tuesday: one transit day later, so the
    // delivery day moved from Thursday to Friday (due by its end).
    assert_eq!(ms(&t, "delivered")["due"]["local"], "2026-12-05T00:00:00-05:00");
    assert_eq!(ms(&t, "delivered")["pausedWorkingMs"], 24 * 3_600_000);
}

#[test]
fn a_bad_tracking_section_is_reported_with_paths() {
    let p = policy(json!({
        "milestones": { "released": {}, "shipped": { "takesWorkingHours": -1 }, "delivred": {} },
        "custom": [
            { "id": "picked", "event": "picked", "after": "relesed", "withinWorkingHours": 2 },
            { "id": "held", "event": "hold_started", "after": "shipped", "withinWorkingHours": 2 }
        ],
        "atRisk": { "remainingFraction": 1.5 },
        "routes": [{ "milestone": "shiped", "reason": "overdue", "owner": "x", "route": "y" }, { "reason": "breached", "owner": "x", "route": "y" }, { "owner": "x" }]
    }));
    let e = Engine::new(&p.to_string()).err().unwrap();
    let got: Vec<(&str, &str)> = e.problems.iter().map(|p| (p.code, p.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("out_of_range", "tracking.atRisk.remainingFraction"),
            ("unknown_field", "tracking.milestones.delivred"),
            ("out_of_range", "tracking.milestones.shipped.takesWorkingHours"),
            ("unknown_milestone", "tracking.custom[0].after"),
            ("invalid_event_type", "tracking.custom[1].event"),
            ("unknown_milestone", "tracking.routes[0].milestone"),
            ("unknown_reason", "tracking.routes[1].reason"),
            ("missing_field", "tracking.routes[2].route"),
        ]
    );
    assert!(e.problems[1].message.contains("did you mean \"delivered\"?"));
    assert!(e.problems[3].message.contains("did you mean \"released\"?"));
}

#[test]
fn a_hold_ends_only_in_its_own_scope() {
    // An order-wide hold is not ended by a shipment's hold_ended: that one is reported and
    // the order's hold stays open.
    let f = fixture(default_tracking());
    let events = json!([
        { "type": "hold_started", "at": "2026-12-01T11:00:00-05:00", "reason": "customer_request" },
        { "type": "hold_ended", "at": "2026-12-01T12:00:00-05:00", "reason": "customer_request", "node": "dc" }
    ]);
    let t = track(&f, events, "2026-12-01T13:00:00-05:00");
    assert_eq!(t["warnings"][0]["code"], "hold_not_started");
    assert_eq!(t["warnings"][0]["path"], "events[1]");
    assert_eq!(ms(&t, "released")["paused"], true);
    assert_eq!(changes(&t), ["2026-12-01T11:00:00-05:00 order paused"]);
}

/// The audit's row (order re-promised without its text, compact record) says what full
/// tracking of the written promise says, milestone for milestone, at several instants.
#[test]
fn audit_rows_agree_with_tracking_of_the_written_promise() {
    let engine = Engine::new(include_str!("../examples/store/policy.json")).unwrap();
    let order = include_str!("../examples/store/placed-order.json");
    let events: Value = serde_json::from_str(include_str!("../examples/store/events.json")).unwrap();
    let promise = engine.promise_json(order, "").unwrap();
    let row =
        json!({ "order": serde_json::from_str::<Value>(order).unwrap(), "events": events, "service": "ups-ground" })
            .to_string();
    let with_promise = json!({ "promise": serde_json::from_str::<Value>(&promise).unwrap(), "events": events, "service": "ups-ground" }).to_string();
    for now in ["2026-11-30T12:00:00Z", "2026-12-01T20:00:00Z", "2026-12-03T18:00:00Z", "2026-12-10T00:00:00Z"] {
        let options = json!({ "now": now, "service": "ups-ground" }).to_string();
        let full: Value =
            serde_json::from_str(&engine.track_json(&promise, &events.to_string(), &options).unwrap()).unwrap();
        let ms = order_sla::civil::Instant::parse(now).unwrap().0;
        for text in [&row, &with_promise] {
            let rec: Value = serde_json::from_str(&engine.audit_row_json(text, ms).unwrap()).unwrap();
            assert_eq!(rec["status"], full["status"], "{now}");
            assert_eq!(rec["orderId"], full["orderId"]);
            let pick = |m: &Value, due: &str, met: &str| {
                json!([m["id"], m["node"].as_str(), m["status"], m[due], m[met], m["reasons"], m["owner"], m["route"]])
            };
            let want: Vec<Value> = full["milestones"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    json!([
                        m["id"],
                        m["node"].as_str(),
                        m["status"],
                        m["due"]["epochMs"],
                        m["metAt"]["epochMs"],
                        m["reasons"],
                        m["owner"],
                        m["route"]
                    ])
                })
                .collect();
            let got: Vec<Value> =
                rec["milestones"].as_array().unwrap().iter().map(|m| pick(m, "due", "metAt")).collect();
            assert_eq!(got, want, "{now}");
            for (m, f) in rec["milestones"].as_array().unwrap().iter().zip(full["milestones"].as_array().unwrap()) {
                assert_eq!(m["dueDay"].as_str(), f["due"]["local"].as_str().map(|l| &l[..10]));
            }
        }
    }
    let bad = engine.audit_row_json(r#"{"events": []}"#, 0).unwrap_err();
    assert_eq!((bad.code, bad.path.as_str()), ("missing_field", "order"));
    assert_eq!(engine.audit_row_json(r#"{"order": {}, "extra": 1}"#, 0).unwrap_err().code, "invalid_row");
}

/// Working time is the union of a day's windows after gap resolution: a window ending in a
/// spring-forward gap is moved forward by the gap and may then overlap the next window, whose
/// overlap counts once (St John's moves 30 minutes differently from most zones: a whole hour
/// on 14 Mar 2027, at 02:00 NST).
#[test]
fn working_time_counts_overlapping_windows_once_across_a_gap() {
    let p = json!({
        "nodes": [{ "id": "yyt", "zone": "America/St_Johns", "hours": { "sun": ["00:55-02:50", "03:40-21:00"], "mon": ["08:00-17:00"] },
                    "cutoffs": { "sun": "20:00", "mon": "16:00" }, "pickups": { "sun": "21:00", "mon": "17:00" }, "handlingDays": 0 }],
        "services": [{ "id": "ground", "carrier": "canada-post", "transitDays": 2 }],
        "tracking": { "custom": [{ "id": "picked", "event": "picked", "after": "released", "withinWorkingHours": 2 }] }
    });
    let engine = Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let order = json!({ "placedAt": "2027-03-14T00:50:00-03:30", "destination": { "country": "CA" }, "lines": [{ "sku": "X" }] });
    let promise = engine.promise_json(&order.to_string(), "").unwrap();
    // Released at 00:55 NST: 65 minutes until the gap at 02:00, then 55 more from 03:00 NDT,
    // the windows 03:00-03:50 (02:50 moved by the gap) and 03:40-21:00 making one.
    let events = json!([{ "type": "released", "at": "2027-03-14T00:55:00-03:30" }]);
    let out = engine.track_json(&promise, &events.to_string(), r#"{"now": "2027-03-14T03:00:00-02:30"}"#).unwrap();
    let t: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(ms(&t, "picked")["due"]["local"], "2027-03-14T03:55:00-02:30");
}

/// The same union at Lord Howe (clocks go forward by 30 minutes, at 02:00 on 4 Oct 2026) and
/// London (an hour, at 01:00 GMT on 29 Mar 2026).
#[test]
fn working_time_across_half_hour_and_hour_gaps() {
    for (zone, day, hours, placed, released, due) in [
        // 02:25 is 02:55 (+11:00), overlapping the next window from 02:40: 30 minutes before
        // the gap, 90 after it from 02:30.
        (
            "Australia/Lord_Howe",
            "sun",
            json!(["01:30-02:25", "02:40-22:00"]),
            "2026-10-04T01:20:00+10:30",
            "2026-10-04T01:30:00+10:30",
            "2026-10-04T04:00:00+11:00",
        ),
        // 01:50 is 02:50 BST, overlapping the next window from 02:20.
        (
            "Europe/London",
            "sun",
            json!(["00:30-01:50", "02:20-22:00"]),
            "2026-03-29T00:10:00+00:00",
            "2026-03-29T00:30:00+00:00",
            "2026-03-29T03:30:00+01:00",
        ),
    ] {
        let p = json!({
            "nodes": [{ "id": "n", "zone": zone, "hours": { day: hours, "mon": ["08:00-17:00"] }, "cutoffs": { day: "20:00", "mon": "16:00" },
                        "pickups": { day: "21:00", "mon": "17:00" }, "handlingDays": 0 }],
            "services": [{ "id": "ground", "carrier": "post", "transitDays": 2 }],
            "tracking": { "custom": [{ "id": "picked", "event": "picked", "after": "released", "withinWorkingHours": 2 }] }
        });
        let engine = Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let order = json!({ "placedAt": placed, "destination": { "country": "AU" }, "lines": [{ "sku": "X" }] });
        let promise = engine.promise_json(&order.to_string(), "").unwrap();
        let events = json!([{ "type": "released", "at": released }]);
        let now = json!({ "now": released }).to_string();
        let t: Value = serde_json::from_str(&engine.track_json(&promise, &events.to_string(), &now).unwrap()).unwrap();
        assert_eq!(ms(&t, "picked")["due"]["local"], due, "{zone}");
    }
}

/// A DPD next-day shop in London (docs/tracking.md, "Pauses"): hours 08:00-17:00 on
/// weekdays, cutoff 15:00, pickup 17:30, transit 1 day Mon-Fri; `address_check` and
/// `customer_request` pause, a custom `picked` step follows release within 2 working hours.
fn dpd() -> Fixture {
    let day = json!(["08:00-17:00"]);
    let p = json!({
        "nodes": [{ "id": "lon", "zone": "Europe/London", "hours": { "mon": day, "tue": day, "wed": day, "thu": day, "fri": day },
                    "cutoffs": "15:00", "pickups": "17:30", "handlingDays": 0 }],
        "services": [{ "id": "dpd-next-day", "carrier": "dpd", "transitDays": 1 }],
        "tracking": {
            "pausingHolds": ["address_check", "customer_request"],
            "custom": [{ "id": "picked", "event": "picked", "after": "released", "withinWorkingHours": 2 }]
        }
    });
    let engine = Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"));
    // Thursday 17 December 2026, 10:00: ships by 17:30, arrives Friday 18 December.
    let order =
        json!({ "placedAt": "2026-12-17T10:00:00Z", "destination": { "country": "GB" }, "lines": [{ "sku": "X" }] });
    Fixture { promise: engine.promise_json(&order.to_string(), "").unwrap(), engine }
}

fn hold(kind: &str, at: &str, reason: &str) -> Value {
    json!({ "type": kind, "at": at, "reason": reason, "node": "lon" })
}

fn due(t: &Value, id: &str) -> String {
    ms(t, id)["due"]["local"].as_str().unwrap().to_string()
}

fn paused_ms(t: &Value, id: &str) -> i64 {
    ms(t, id)["pausedWorkingMs"].as_i64().unwrap()
}

const H: i64 = 3_600_000;

#[test]
fn a_hold_after_a_milestone_is_met_does_not_move_it_and_a_parcel_that_ships_that_day_arrives_as_promised() {
    let f = dpd();
    let events = json!([
        ev("released", "2026-12-17T13:15:00Z"),
        hold("hold_started", "2026-12-17T14:00:00Z", "address_check"),
        hold("hold_ended", "2026-12-17T16:00:00Z", "address_check"),
        ev("picked", "2026-12-17T16:30:00Z"),
        ev("shipped", "2026-12-17T17:20:00Z")
    ]);
    let t = track(&f, events, "2026-12-18T12:00:00Z");
    // Released before the hold: its due stays the 15:00 cutoff, nothing paused.
    assert_eq!(
        (due(&t, "released"), paused_ms(&t, "released"), status(&t, "released")),
        ("2026-12-17T15:00:00Z".into(), 0, "met".into())
    );
    // Picked was open during the hold: 45 min before it, 1 h after it (to 17:00), the last
    // 15 min on Friday; met at 16:30.
    assert_eq!(
        (due(&t, "picked"), paused_ms(&t, "picked"), status(&t, "picked")),
        ("2026-12-18T08:15:00Z".into(), 2 * H, "met".into())
    );
    // Shipped: the 17:30 ship-by moves by the 2 working hours on hold: 17:30 is after hours,
    // so to Friday 10:00; reported both ways.
    assert_eq!(
        (due(&t, "shipped"), paused_ms(&t, "shipped"), status(&t, "shipped")),
        ("2026-12-18T10:00:00Z".into(), 2 * H, "met".into())
    );
    // The parcel left on Thursday, the promised day: delivery is still due by the end of Friday.
    assert_eq!((due(&t, "delivered"), paused_ms(&t, "delivered")), ("2026-12-19T00:00:00Z".into(), 0));
}

#[test]
fn a_hold_that_delays_shipping_moves_delivery_by_transit_days_before_and_after_shipping() {
    let f = dpd();
    let base = vec![
        ev("released", "2026-12-17T11:00:00Z"),
        hold("hold_started", "2026-12-17T14:00:00Z", "address_check"),
        hold("hold_ended", "2026-12-17T16:00:00Z", "address_check"),
    ];
    // Not shipped yet on Friday morning: it may ship by Friday 10:00, a transit day later, so
    // delivery moves from Friday to Monday 21 December (Saturday and Sunday are not DPD days).
    let t = track(&f, json!(base), "2026-12-18T09:00:00Z");
    assert_eq!((due(&t, "delivered"), paused_ms(&t, "delivered")), ("2026-12-22T00:00:00Z".into(), 24 * H));
    // Shipped at 09:30 Friday: the same, once shipped too.
    let mut shipped = base.clone();
    shipped.push(ev("shipped", "2026-12-18T09:30:00Z"));
    let t = track(&f, json!(shipped), "2026-12-18T12:00:00Z");
    assert_eq!(
        (due(&t, "delivered"), paused_ms(&t, "delivered"), status(&t, "shipped")),
        ("2026-12-22T00:00:00Z".into(), 24 * H, "met".into())
    );
    // Shipped later than the hold excuses (Monday): the warehouse's own delay moves nothing more.
    let mut late = base.clone();
    late.push(ev("shipped", "2026-12-21T09:00:00Z"));
    let t = track(&f, json!(late), "2026-12-21T12:00:00Z");
    assert_eq!((due(&t, "delivered"), status(&t, "shipped")), ("2026-12-22T00:00:00Z".into(), "met_late".into()));
    // A hold in transit (after the handover) moves delivery by carrier time: on hold from
    // Friday 06:00 to 18:00 is 12 carrier hours, so due Monday 12:00 (the weekend is not
    // carrier time).
    let transit = json!([
        ev("released", "2026-12-17T11:00:00Z"),
        ev("shipped", "2026-12-17T17:00:00Z"),
        hold("hold_started", "2026-12-18T06:00:00Z", "customer_request"),
        hold("hold_ended", "2026-12-18T18:00:00Z", "customer_request")
    ]);
    let t = track(&f, transit, "2026-12-18T19:00:00Z");
    assert_eq!((due(&t, "delivered"), paused_ms(&t, "delivered")), ("2026-12-21T12:00:00Z".into(), 12 * H));
}

#[test]
fn a_milestone_on_hold_at_its_due_does_not_breach_and_a_minute_earlier_moves_it_a_minute() {
    let f = dpd();
    // Released 11:00; a hold from 17:10 (after hours, before the 17:30 ship-by) still open at
    // 18:00: no working time was on hold, but the shipment is on hold at its due.
    let t = track(
        &f,
        json!([ev("released", "2026-12-17T11:00:00Z"), hold("hold_started", "2026-12-17T17:10:00Z", "address_check")]),
        "2026-12-17T18:00:00Z",
    );
    let s = ms(&t, "shipped");
    assert_eq!(
        (s["status"].as_str(), s["paused"].as_bool(), s["due"]["local"].as_str()),
        (Some("at_risk"), Some(true), Some("2026-12-17T18:00:00Z"))
    );
    // Ended at 19:00: due at the end of the hold, breached after it.
    let ended = json!([
        ev("released", "2026-12-17T11:00:00Z"),
        hold("hold_started", "2026-12-17T17:10:00Z", "address_check"),
        hold("hold_ended", "2026-12-17T19:00:00Z", "address_check")
    ]);
    assert_eq!(due(&track(&f, ended.clone(), "2026-12-17T20:00:00Z"), "shipped"), "2026-12-17T19:00:00Z");
    assert_eq!(status(&track(&f, ended, "2026-12-17T20:00:00Z"), "shipped"), "breached");
    // From 16:59: one working minute on hold, so due one working minute after the hold ends.
    let earlier = json!([
        ev("released", "2026-12-17T11:00:00Z"),
        hold("hold_started", "2026-12-17T16:59:00Z", "address_check"),
        hold("hold_ended", "2026-12-17T19:00:00Z", "address_check")
    ]);
    let t = track(&f, earlier, "2026-12-17T20:00:00Z");
    assert_eq!((due(&t, "shipped"), paused_ms(&t, "shipped")), ("2026-12-18T08:01:00Z".into(), 60_000));
    // After the due (a breach): nothing moves.
    let after =
        json!([ev("released", "2026-12-17T11:00:00Z"), hold("hold_started", "2026-12-17T17:31:00Z", "address_check")]);
    let t = track(&f, after, "2026-12-17T18:00:00Z");
    assert_eq!((due(&t, "shipped"), status(&t, "shipped")), ("2026-12-17T17:30:00Z".into(), "breached".into()));
}

#[test]
fn custom_steps_count_holds_from_their_predecessor_and_report_what_moved_them() {
    let f = dpd();
    // A hold before release delays release, not picking: picked is due 2 h after release.
    let before = json!([
        hold("hold_started", "2026-12-17T10:00:00Z", "address_check"),
        hold("hold_ended", "2026-12-17T11:00:00Z", "address_check"),
        ev("released", "2026-12-17T12:00:00Z")
    ]);
    let t = track(&f, before, "2026-12-17T12:30:00Z");
    assert_eq!((due(&t, "picked"), paused_ms(&t, "picked")), ("2026-12-17T14:00:00Z".into(), 0));
    assert_eq!((due(&t, "released"), paused_ms(&t, "released")), ("2026-12-17T16:00:00Z".into(), H));
    // Before release is met, picked's due follows release's moved due (16:00, then 1 h on
    // Thursday and 1 h on Friday), and says so.
    let open = json!([
        hold("hold_started", "2026-12-17T10:00:00Z", "address_check"),
        hold("hold_ended", "2026-12-17T11:00:00Z", "address_check")
    ]);
    let t = track(&f, open, "2026-12-17T12:30:00Z");
    assert_eq!(
        (due(&t, "picked"), paused_ms(&t, "picked"), status(&t, "picked")),
        ("2026-12-18T09:00:00Z".into(), H, "pending".into())
    );
}

#[test]
fn a_second_start_of_an_open_hold_is_reported_and_a_passed_due_is_a_breach_even_before_its_clock_starts() {
    let f = dpd();
    let events = json!([
        hold("hold_started", "2026-12-17T10:00:00Z", "address_check"),
        hold("hold_started", "2026-12-17T10:30:00Z", "address_check"),
        hold("hold_ended", "2026-12-17T11:00:00Z", "address_check")
    ]);
    let t = track(&f, events, "2026-12-17T12:00:00Z");
    assert_eq!(
        (t["warnings"][0]["code"].as_str(), t["warnings"][0]["path"].as_str()),
        (Some("hold_already_open"), Some("events[1]"))
    );
    // One hour on hold, closed by its one hold_ended: not left open.
    assert_eq!((paused_ms(&t, "released"), ms(&t, "released")["paused"].as_bool()), (H, Some(false)));
    // Not released by Friday: shipped's clock never started, its due passed.
    let t = track(&f, json!([]), "2026-12-18T09:00:00Z");
    assert_eq!(
        (status(&t, "released"), status(&t, "shipped"), status(&t, "delivered")),
        ("breached".into(), "breached".into(), "pending".into())
    );
}

mod random_holds {
    //! The pause rules over random holds, releases, shipments and "now"s on the DPD shop.
    use super::*;
    use proptest::prelude::*;

    const PLACED: i64 = 1_797_501_600_000; // Thu 17 Dec 2026 10:00 London
    const MIN: i64 = 60_000;
    const REASONS: [&str; 3] = ["address_check", "customer_request", "fraud_review"];

    /// A hold: start (minutes after placement), length in minutes (`None`: still open), on
    /// the shipment or the whole order. Each hold has its own reason, so no start repeats one.
    type Hold = (i64, Option<i64>, bool);

    /// The events of `holds` (each with the reason of its position in the generated list)
    /// and of the steps, each step given in minutes after the one before it.
    fn events(holds: &[(usize, Hold)], released: Option<i64>, picked: Option<i64>, shipped: Option<i64>) -> Vec<Value> {
        let mut out = Vec::new();
        for (i, (start, len, on_node)) in holds.iter().copied() {
            let scope = |mut e: Value| {
                if on_node {
                    e["node"] = json!("lon");
                }
                e
            };
            out.push(scope(json!({ "type": "hold_started", "at": PLACED + start * MIN, "reason": REASONS[i] })));
            if let Some(len) = len {
                out.push(scope(
                    json!({ "type": "hold_ended", "at": PLACED + (start + len) * MIN, "reason": REASONS[i] }),
                ));
            }
        }
        let mut at = 0;
        for (kind, after) in [("released", released), ("picked", picked), ("shipped", shipped)] {
            let Some(after) = after else { break };
            at += after;
            out.push(json!({ "type": kind, "at": PLACED + at * MIN }));
        }
        out
    }

    fn run(f: &Fixture, events: &[Value], now: i64) -> Value {
        let out = f
            .engine
            .track_json(&f.promise, &json!(events).to_string(), &json!({ "now": PLACED + now * MIN }).to_string())
            .unwrap();
        serde_json::from_str(&out).unwrap()
    }

    fn at_ms(m: &Value, key: &str) -> Option<i64> {
        m[key]["epochMs"].as_i64()
    }

    fn hold() -> impl Strategy<Value = Hold> {
        (0i64..4 * 1440, prop::option::weighted(0.8, 1i64..2 * 1440), any::<bool>())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

        #[test]
        fn pauses_follow_their_rules(
            holds in prop::collection::vec(hold(), 0..=3),
            released in prop::option::weighted(0.8, 0i64..1440),
            picked in prop::option::weighted(0.7, 0i64..1440),
            shipped in prop::option::weighted(0.6, 0i64..2 * 1440),
            now in 0i64..7 * 1440,
        ) {
            let f = dpd();
            let numbered: Vec<(usize, Hold)> = holds.iter().copied().enumerate().collect();
            let given = events(&numbered, released, picked, shipped);
            let t = run(&f, &given, now);
            let plain = run(&f, &events(&[], released, picked, shipped), now);
            for m in t["milestones"].as_array().unwrap() {
                let id = m["id"].as_str().unwrap();
                let p = ms(&plain, id);
                let (due, plain_due) = (at_ms(m, "due").unwrap(), at_ms(p, "due").unwrap());
                let paused = m["pausedWorkingMs"].as_i64().unwrap();
                // Holds only ever move a due out, and say by how much.
                prop_assert!(due >= plain_due, "{id}: {due} before {plain_due}");
                prop_assert!(paused >= 0);
                if due == plain_due {
                    prop_assert_eq!(paused, 0, "{}", id);
                }
                prop_assert_eq!(p["pausedWorkingMs"].as_i64(), Some(0));
                // Holds that start after a milestone is met do not touch it.
                if let Some(met) = at_ms(m, "metAt") {
                    let before: Vec<(usize, Hold)> = numbered.iter().copied().filter(|(_, (s, _, _))| PLACED + s * MIN <= met).collect();
                    let without = run(&f, &events(&before, released, picked, shipped), now);
                    let w = ms(&without, id);
                    prop_assert_eq!((&m["due"], &m["status"], &m["pausedWorkingMs"]), (&w["due"], &w["status"], &w["pausedWorkingMs"]), "{}", id);
                }
                // A milestone not met, on hold at its due, is not breached (delivery, before
                // the handover, is held through its ship-by instead).
                if m["metAt"].is_null() && m["paused"] == true && m["status"] == "breached" && id != "delivered" {
                    // fraud_review (the last reason) does not pause.
                    let covering = numbered.iter().any(|(i, (s, len, _))| *i < 2 && PLACED + s * MIN <= due && len.is_none_or(|l| PLACED + (s + l) * MIN > due));
                    prop_assert!(!covering, "{id} breached while on hold at its due");
                }
            }
            // A hold that starts a minute earlier (and not after the due) moves each node
            // milestone's due by at most a minute of working time.
            if let Some(&(start, len, on_node)) = holds.first().filter(|h| h.0 >= 1) {
                let mut earlier = numbered.clone();
                earlier[0].1 = (start - 1, len.map(|l| l + 1), on_node);
                let e = run(&f, &events(&earlier, released, picked, shipped), now);
                for m in t["milestones"].as_array().unwrap() {
                    let id = m["id"].as_str().unwrap();
                    if id == "delivered" || PLACED + start * MIN > at_ms(m, "due").unwrap() {
                        continue;
                    }
                    let grown = ms(&e, id)["pausedWorkingMs"].as_i64().unwrap() - m["pausedWorkingMs"].as_i64().unwrap();
                    prop_assert!((0..=MIN).contains(&grown), "{id}: paused grew by {grown} ms for a hold a minute earlier");
                    prop_assert!(at_ms(ms(&e, id), "due").unwrap() >= at_ms(m, "due").unwrap());
                }
            }
        }
    }
}

#[test]
fn a_date_the_zone_skipped_has_no_working_time() {
    // Apia skipped Friday 30 December 2011 (docs/policy.md, "Days a zone skips"): two working
    // hours from Thursday 16:00 are one on Thursday and one on Monday 2 January.
    let mut p = policy(
        json!({ "custom": [{ "id": "picked", "event": "picked", "after": "released", "withinWorkingHours": 2 }] }),
    );
    p["nodes"][0]["zone"] = json!("Pacific/Apia");
    p["calendars"]["dc"]["holidays"] = json!([]);
    let engine = Engine::new(&p.to_string()).unwrap();
    let order = json!({ "placedAt": "2011-12-29T09:00:00-10:00", "destination": { "country": "US" }, "lines": [{ "sku": "X" }] });
    let f = Fixture { promise: engine.promise_json(&order.to_string(), "").unwrap(), engine };
    let t = track(&f, json!([ev("released", "2011-12-29T16:00:00-10:00")]), "2011-12-29T16:30:00-10:00");
    assert_eq!(ms(&t, "picked")["due"]["local"], "2012-01-02T09:00:00+14:00");
}
