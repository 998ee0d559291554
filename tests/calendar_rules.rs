//! The calendar rules of docs/calendars.md: the rule language, composition, special days,
//! errors, and what promises say about skipped holidays.
use order_sla::calendar::{Calendar, DayOff};
use order_sla::civil::{Date, Weekday};
use order_sla::{Engine, Error};
use serde_json::{json, Value};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn cal(def: Value) -> Calendar {
    Calendar::from_json(&def.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn cal_err(def: Value) -> Error {
    Calendar::from_json(&def.to_string()).unwrap_err()
}

fn problems(e: &Error) -> Vec<(String, String)> {
    e.problems.iter().map(|p| (p.code.to_string(), p.path.clone())).collect()
}

fn names(c: &Calendar, year: i32) -> Vec<(String, String)> {
    c.holidays(year).into_iter().map(|(d, n)| (d.to_string(), n.to_string())).collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn every_preset_loads_and_works_some_weekday() {
    for p in order_sla::preset::list() {
        let c = Calendar::preset(p.id).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert!(!p.name.is_empty() && !p.source.is_empty(), "{} needs a name and a source", p.id);
        assert!(c.next_working_day(d("2026-12-24")).is_ok(), "{}", p.id);
        assert!(!c.holidays(2026).is_empty(), "{}", p.id);
    }
}

#[test]
fn yearly_rules_fall_where_the_law_says() {
    let c = cal(json!({ "holidays": [
        { "name": "Thanksgiving Day", "month": 11, "weekday": "thu", "nth": 4 },
        { "name": "Day after Thanksgiving", "month": 11, "weekday": "thu", "nth": 4, "offset": 1 },
        { "name": "Memorial Day", "month": 5, "weekday": "mon", "nth": -1 },
        { "name": "Victoria Day", "month": 5, "day": 18, "weekday": "mon" },
        { "name": "Good Friday", "easter": -2 },
        { "name": "Orthodox Easter Monday", "orthodoxEaster": 1 },
        { "name": "Leap day", "month": 2, "day": 29 },
        { "name": "Inauguration", "month": 1, "day": 20, "since": 2001, "every": 4 },
        { "name": "Juneteenth", "month": 6, "day": 19, "since": 2021, "until": 2030, "except": [2027] }
    ]}));
    assert_eq!(c.day_off(d("2026-11-26")), Some(DayOff::Holiday("Thanksgiving Day")));
    assert_eq!(c.day_off(d("2026-11-27")), Some(DayOff::Holiday("Day after Thanksgiving")));
    assert_eq!(c.day_off(d("2026-05-25")), Some(DayOff::Holiday("Memorial Day")));
    assert_eq!(c.day_off(d("2026-05-18")), Some(DayOff::Holiday("Victoria Day")));
    assert_eq!(c.day_off(d("2027-05-24")), Some(DayOff::Holiday("Victoria Day")));
    assert_eq!(c.day_off(d("2026-04-03")), Some(DayOff::Holiday("Good Friday")));
    assert_eq!(c.day_off(d("2026-04-13")), Some(DayOff::Holiday("Orthodox Easter Monday")));
    assert!(c.holidays(2028).iter().any(|(x, n)| *x == d("2028-02-29") && *n == "Leap day"));
    assert!(!c.holidays(2027).iter().any(|(_, n)| *n == "Leap day"));
    assert!(c.holidays(2029).iter().any(|(_, n)| *n == "Inauguration"));
    assert!(!c.holidays(2027).iter().any(|(_, n)| *n == "Inauguration"));
    assert!(c.holidays(2026).iter().any(|(_, n)| *n == "Juneteenth"));
    assert!(!c.holidays(2027).iter().any(|(_, n)| *n == "Juneteenth"));
    assert!(!c.holidays(2031).iter().any(|(_, n)| *n == "Juneteenth"));
}

#[test]
fn observed_days_for_each_weekend_rule() {
    let rule =
        |observed: &str| cal(json!({ "holidays": [{ "name": "H", "month": 7, "day": 4, "observed": observed }] }));
    // 4 July 2026 is a Saturday, 4 July 2027 a Sunday.
    let observed = |c: &Calendar, y: i32| -> Vec<String> {
        c.holidays(y).into_iter().filter(|(_, n)| *n == "H (observed)").map(|(d, _)| d.to_string()).collect()
    };
    assert_eq!(observed(&rule("none"), 2026), Vec::<String>::new());
    assert_eq!(observed(&rule("nearest"), 2026), ["2026-07-03"]);
    assert_eq!(observed(&rule("nearest"), 2027), ["2027-07-05"]);
    assert_eq!(observed(&rule("sat-fri"), 2027), Vec::<String>::new());
    assert_eq!(observed(&rule("sun-mon"), 2026), Vec::<String>::new());
    assert_eq!(observed(&rule("substitute"), 2026), ["2026-07-06"]);
    assert_eq!(observed(&rule("monday"), 2026), ["2026-07-06"]);
    assert_eq!(observed(&rule("sun-sat"), 2027), ["2027-07-03"]);
    assert_eq!(observed(&rule("sunday-next"), 2026), Vec::<String>::new());
    assert_eq!(observed(&rule("sunday-next"), 2027), ["2027-07-05"]);
    // The holiday keeps its own date too.
    assert!(rule("nearest").holidays(2026).iter().any(|(x, n)| *x == d("2026-07-04") && *n == "H"));
}

#[test]
fn japan_substitutes_and_bridges() {
    let jp = Calendar::preset("jp").unwrap();
    // 2026: Constitution Day on Sunday 3 May; 4 and 5 May are holidays, so Wednesday 6 May.
    assert_eq!(jp.day_off(d("2026-05-06")), Some(DayOff::Holiday("Constitution Day (observed)")));
    // 2026 "Silver Week": Tuesday 22 Sep between Respect for the Aged Day and the equinox.
    assert_eq!(jp.day_off(d("2026-09-22")), Some(DayOff::Holiday("National Holiday")));
    assert_eq!(jp.day_off(d("2026-09-23")), Some(DayOff::Holiday("Autumnal Equinox Day")));
}

#[test]
fn calendars_compose_with_extends_and_omit() {
    let c = cal(json!({ "extends": ["us"], "omit": ["Columbus Day", "Independence Day"],
        "holidays": [{ "name": "Stocktake", "date": "2026-12-31" }] }));
    assert!(c.is_working(d("2026-10-12")));
    // Omitting a holiday drops its observed day too.
    assert!(c.is_working(d("2026-07-03")));
    assert_eq!(c.day_off(d("2026-12-31")), Some(DayOff::Holiday("Stocktake")));
    assert_eq!(c.day_off(d("2026-11-26")), Some(DayOff::Holiday("Thanksgiving Day")));
    assert_eq!(c.weekdays(), [true, true, true, true, true, false, false]);
    // Weekdays come from the first extended calendar unless given.
    let usps = cal(json!({ "extends": ["usps", "us"] }));
    assert!(usps.is_working(d("2026-11-28")));
    assert_eq!(usps.day_off(d("2026-11-29")), Some(DayOff::Weekday(Weekday::Sun)));
    // A carrier and a country together: UPS closes fewer days than the federal calendar.
    let ups = Calendar::preset("ups").unwrap();
    assert!(ups.is_working(d("2026-10-12")) && ups.is_working(d("2026-01-19")));
    assert!(!ups.is_working(d("2026-11-26")));
}

#[test]
fn uk_substitute_days_skip_the_other_holidays() {
    let eng = Calendar::preset("gb-eng").unwrap();
    assert_eq!(
        names(&eng, 2022).into_iter().filter(|(d, _)| d.starts_with("2022-12")).collect::<Vec<_>>(),
        [
            pair("2022-12-25", "Christmas Day"),
            pair("2022-12-26", "Boxing Day"),
            pair("2022-12-27", "Christmas Day (observed)")
        ]
    );
    let sct = Calendar::preset("gb-sct").unwrap();
    // Scotland 2023: 1 Jan Sunday, 2 Jan is the New Year Holiday, so New Year's Day moves to the 3rd.
    assert!(!sct.is_working(d("2023-01-02")) && !sct.is_working(d("2023-01-03")));
    assert!(sct.is_working(d("2026-04-06")), "Easter Monday is not a Scottish bank holiday");
}

#[test]
fn working_day_queries() {
    let us = Calendar::preset("us").unwrap();
    assert_eq!(us.next_working_day(d("2026-11-25")).unwrap(), d("2026-11-27"));
    assert_eq!(us.previous_working_day(d("2026-11-27")).unwrap(), d("2026-11-25"));
    assert_eq!(us.add_working_days(d("2026-11-25"), 3).unwrap(), d("2026-12-01"));
    assert_eq!(us.add_working_days(d("2026-12-01"), -3).unwrap(), d("2026-11-25"));
    assert_eq!(us.working_days_between(d("2026-11-23"), d("2026-11-30")), 4);
    assert_eq!(us.holidays(2026).len(), 12);
}

#[test]
fn a_policy_uses_presets_and_its_own_calendars() {
    let p = json!({
        "calendars": {
            "us": { "extends": ["us"], "omit": ["Columbus Day"] },
            "shop": { "extends": ["us"], "holidays": [{ "name": "Inventory", "from": "2026-12-30", "to": "2026-12-31" }] }
        },
        "nodes": [{ "id": "dc", "zone": "America/New_York", "handlingDays": 0, "calendars": ["shop"],
            "hours": { "mon": ["08:00-17:00"], "tue": ["08:00-17:00"], "wed": ["08:00-17:00"], "thu": ["08:00-17:00"], "fri": ["08:00-17:00"] } }],
        "services": [{ "id": "g", "carrier": "ups", "transitDays": 1, "calendars": ["ups"] }]
    });
    let e = Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"));
    // "us" in the policy extends the preset of the same id; "shop" gets the policy's "us".
    assert!(e.calendar("us").unwrap().is_working(d("2026-10-12")));
    assert!(e.calendar("shop").unwrap().is_working(d("2026-10-12")));
    assert!(!e.calendar("shop").unwrap().is_working(d("2026-12-31")));
    assert!(!e.calendar("gb-eng").unwrap().is_working(d("2026-12-28")));
    let out: Value = serde_json::from_str(
        &e.promise_json(&json!({ "placedAt": "2026-11-25T20:00:00Z", "destination": { "country": "US" }, "lines": [{ "sku": "A" }] }).to_string(), "")
            .unwrap(),
    )
    .unwrap();
    let steps: Vec<&str> = out["options"][0]["shipments"][0]["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(steps.contains(&"Skipped Thu 26 Nov: Thanksgiving Day"), "{steps:?}");
    assert_eq!(out["presetsVersion"], order_sla::preset::PRESETS_VERSION);
}

#[test]
fn yearly_special_days_change_hours_only_on_working_days() {
    let p = json!({
        "calendars": { "half": { "specialDays": [{ "name": "Christmas Eve", "month": 12, "day": 24, "hours": ["08:00-12:00"], "cutoff": "10:00" }] } },
        "nodes": [{ "id": "dc", "zone": "UTC", "handlingDays": 0, "calendars": ["half"], "pickups": "17:00",
            "hours": { "mon": ["08:00-17:00"], "tue": ["08:00-17:00"], "wed": ["08:00-17:00"], "thu": ["08:00-17:00"], "fri": ["08:00-17:00"] },
            "specialDays": [{ "name": "Open Sunday", "date": "2028-12-24", "hours": ["09:00-13:00"] }] }],
        "services": [{ "id": "g", "carrier": "x", "transitDays": 1 }]
    });
    let e = Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let ship_by = |placed: &str| -> String {
        let out = e
            .promise_json(
                &json!({ "placedAt": placed, "destination": { "country": "US" }, "lines": [{ "sku": "A" }] })
                    .to_string(),
                "",
            )
            .unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        v["options"][0]["shipBy"]["local"].as_str().unwrap().to_string()
    };
    // Thu 24 Dec 2026: the 10:00 cutoff and the 12:00 close (pickup defaults to the close).
    assert_eq!(ship_by("2026-12-24T09:00:00Z"), "2026-12-24T12:00:00Z");
    assert_eq!(ship_by("2026-12-24T10:30:00Z"), "2026-12-25T17:00:00Z");
    // Sat 24 Dec 2033: a yearly special day does not open a weekend.
    assert_eq!(ship_by("2033-12-24T09:00:00Z"), "2033-12-26T17:00:00Z");
    // Sun 24 Dec 2028: the node's own one-off special day opens it.
    assert_eq!(ship_by("2028-12-24T09:00:00Z"), "2028-12-24T13:00:00Z");
}

#[test]
fn bad_rules_are_reported_with_paths_all_at_once() {
    let e = cal_err(json!({ "holidays": [
        { "name": "A", "month": 13, "day": 1 },
        { "name": "B", "month": 2, "day": 30 },
        { "name": "C", "month": 11, "weekday": "thu", "nth": 0 },
        { "name": "D", "date": "2026-12-24", "observed": "nearest" },
        { "name": "E", "month": 1, "day": 1, "every": 4 },
        { "name": "F", "month": 1, "day": 1, "observed": "closest" },
        { "name": "G", "month": 1 },
        { "name": "H" },
        { "name": "I", "month": 1, "day": 1, "since": 2030, "until": 2020 },
        { "name": "J", "equinox": "june" },
        { "name": "K", "from": "2026-01-01", "to": "2027-06-01" }
    ]}));
    assert_eq!(e.code, "invalid_calendar");
    assert_eq!(
        problems(&e),
        [
            pair("out_of_range", "calendar.holidays[0].month"),
            pair("out_of_range", "calendar.holidays[1].day"),
            pair("invalid_rule", "calendar.holidays[2].nth"),
            pair("invalid_rule", "calendar.holidays[3].observed"),
            pair("invalid_rule", "calendar.holidays[4].since"),
            pair("invalid_rule", "calendar.holidays[5].observed"),
            pair("invalid_rule", "calendar.holidays[6]"),
            pair("invalid_rule", "calendar.holidays[7]"),
            pair("invalid_range", "calendar.holidays[8].until"),
            pair("invalid_rule", "calendar.holidays[9].equinox"),
            pair("too_large", "calendar.holidays[10]"),
        ]
    );
}

#[test]
fn bad_references_say_what_exists() {
    let e = cal_err(json!({ "extends": ["gb-enf"], "omit": ["Columbus Day"] }));
    assert_eq!(
        problems(&e),
        [pair("unknown_calendar", "calendar.extends[0]"), pair("unknown_holiday", "calendar.omit[0]")]
    );
    assert!(e.problems[0].message.contains("did you mean \"gb-eng\"?"), "{}", e.problems[0].message);
    let e = cal_err(json!({ "extends": ["us"], "omit": ["Colombus Day"] }));
    assert!(e.problems[0].message.contains("did you mean \"Columbus Day\"?"), "{}", e.problems[0].message);
    let e = cal_err(json!({ "weekdays": [] }));
    assert_eq!(problems(&e), [pair("no_working_day", "calendar.weekdays")]);

    let p = json!({
        "calendars": { "a": { "extends": ["b"] }, "b": { "extends": ["a"] } },
        "nodes": [{ "id": "dc", "zone": "UTC", "handlingDays": 0, "calendars": ["a", "nope"], "hours": { "mon": ["08:00-17:00"] } }],
        "services": [{ "id": "g", "carrier": "x", "transitDays": 1 }]
    });
    let e = Engine::new(&p.to_string()).err().unwrap();
    assert_eq!(
        problems(&e),
        [pair("calendar_cycle", "calendars.b.extends[0]"), pair("unknown_calendar", "nodes[0].calendars[1]")]
    );
}

#[test]
fn a_calendar_that_never_works_is_an_error_not_a_hang() {
    let closed_year = json!({ "holidays": [
        { "name": "closed", "from": "2026-01-01", "to": "2026-12-31" },
        { "name": "closed", "from": "2027-01-01", "to": "2027-12-31" }
    ]});
    let c = cal(closed_year);
    assert_eq!(c.next_working_day(d("2025-12-31")).unwrap_err().code, "no_working_day");
    assert_eq!(c.add_working_days(d("2025-12-31"), 5).unwrap_err().code, "no_working_day");
}
