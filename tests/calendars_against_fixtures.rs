//! Every preset against the `holidays` package (2000-2050), and working-day arithmetic
//! against `numpy.busday_offset` / `numpy.busday_count`. The fixtures are written by
//! `scripts/gen_calendar_fixtures.py`; documented deviations are listed here with reasons.

use order_sla::calendar::Calendar;
use order_sla::civil::{Date, Weekday};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Where a preset knowingly differs from the `holidays` package, and why (the same list is
/// in docs/calendars.md, "Known deviations"). `what` is one of:
/// `+YYYY-MM-DD` the preset closes a date the package does not; `-YYYY-MM-DD` the reverse;
/// `+name` every date the package lacks that the preset closes under that name;
/// `<YYYY` the package has no dates for this country before that year.
const DEVIATIONS: &[(&str, &str, &str)] = &[
    ("ca", "+Canada Day (observed)", "Holidays Act s.2: when 1 July is a Sunday, 2 July is Canada Day"),
    ("ca-on", "+Canada Day (observed)", "Holidays Act s.2: when 1 July is a Sunday, 2 July is Canada Day"),
    ("ca-on", "+Christmas Day (observed)", "Christmas on a Sunday: Boxing Day is Monday, the substitute is Tuesday 27"),
    ("ie", "+2001-09-14", "National Day of Mourning after 11 September 2001"),
    ("ie", "-2011-09-14", "the package dates the 2001 day of mourning 2011"),
    ("au", "+New Year's Day (observed)", "every state adds a substitute weekday; the package's national set has none"),
    ("au", "+Australia Day (observed)", "every state adds a substitute Monday; the package's national set has none"),
    ("au", "+Christmas Day (observed)", "every state adds a substitute weekday; the package's national set has none"),
    ("au", "+Boxing Day (observed)", "every state adds a substitute weekday; the package's national set has none"),
    ("es", "<2008", "the package has no Spanish holidays before 2008"),
];

fn explained(id: &str, date: &str, ours: Option<&str>) -> bool {
    DEVIATIONS.iter().filter(|(p, _, _)| *p == id).any(|(_, what, _)| match (what.split_at(1), ours) {
        (("+", rest), Some(name)) => rest == date || rest == name,
        (("-", rest), None) => rest == date,
        (("<", year), _) => &date[..4] < year,
        _ => false,
    })
}

#[test]
fn presets_match_the_holidays_package_2000_to_2050() {
    let fx = fixture("holidays.json");
    let presets = fx["presets"].as_object().unwrap();
    assert_eq!(presets.len(), order_sla::preset::list().len(), "every preset has a fixture");
    let mut problems = Vec::new();
    let mut compared = 0;
    for (id, data) in presets {
        let cal = Calendar::preset(id).unwrap_or_else(|e| panic!("preset {id}: {e}"));
        for year in 2000..=2050 {
            let theirs: BTreeSet<String> = data["dates"][year.to_string()]
                .as_str()
                .unwrap_or("")
                .split_whitespace()
                .map(|md| format!("{year}-{}-{}", &md[..2], &md[2..]))
                .collect();
            let ours: BTreeMap<String, &str> = cal
                .holidays(year)
                .into_iter()
                .filter(|(d, _)| d.weekday() != Weekday::Sun)
                .map(|(d, name)| (d.to_string(), name))
                .collect();
            compared += theirs.len();
            for (d, name) in &ours {
                if !theirs.contains(d) && !explained(id, d, Some(name)) {
                    problems.push(format!("{id}: +{d} {name}"));
                }
            }
            for d in theirs.iter().filter(|d| !ours.contains_key(*d)) {
                if !explained(id, d, None) {
                    problems.push(format!("{id}: -{d}"));
                }
            }
        }
    }
    assert!(compared > 14_000, "compared only {compared} dates");
    assert!(problems.is_empty(), "{} unexplained differences:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_listed_deviation_still_differs() {
    // A deviation that no longer differs is stale: the preset or the package changed.
    let fx = fixture("holidays.json");
    for (id, what, _) in DEVIATIONS {
        let cal = Calendar::preset(id).unwrap();
        let theirs = |d: Date| {
            let (y, m, dd) = d.ymd();
            fx["presets"][id]["dates"][y.to_string()].as_str().unwrap_or("").contains(&format!("{m:02}{dd:02}"))
        };
        let differs = match what.split_at(1) {
            ("<", year) => {
                let y: i32 = year.parse().unwrap();
                (2000..y).all(|y| fx["presets"][id]["dates"][y.to_string()].is_null())
                    && !cal.holidays(y - 1).is_empty()
            }
            (sign, rest) => match Date::parse(rest) {
                Some(d) => {
                    let ours = cal.holidays(d.ymd().0).iter().any(|(x, _)| *x == d);
                    ours == (sign == "+") && theirs(d) == (sign == "-")
                }
                None => (2000..=2050).flat_map(|y| cal.holidays(y)).any(|(d, name)| name == rest && !theirs(d)),
            },
        };
        assert!(differs, "stale deviation {id} {what}");
    }
}

#[test]
fn working_day_arithmetic_matches_numpy() {
    let fx = fixture("busday.json");
    let mut cases = 0;
    for cal in fx["calendars"].as_array().unwrap() {
        let mask: Vec<char> = cal["weekmask"].as_str().unwrap().chars().collect();
        let keys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let weekdays: Vec<&str> = keys.iter().zip(&mask).filter(|(_, m)| **m == '1').map(|(k, _)| *k).collect();
        let def =
            serde_json::json!({ "weekdays": weekdays, "holidays": [{ "dates": cal["holidays"], "name": "closed" }] });
        let c = Calendar::from_json(&def.to_string()).unwrap();
        for case in cal["cases"].as_array().unwrap() {
            let date = Date::parse(case[0].as_str().unwrap()).unwrap();
            let n = case[1].as_i64().unwrap() as i32;
            let until = Date::parse(case[3].as_str().unwrap()).unwrap();
            let got = c.add_working_days(date, n).unwrap();
            assert_eq!(got.to_string(), case[2].as_str().unwrap(), "{} {date} {n:+}", cal["weekmask"]);
            let count = c.working_days_between(date, until);
            assert_eq!(i64::from(count), case[4].as_i64().unwrap(), "{} [{date}, {until})", cal["weekmask"]);
            cases += 1;
        }
    }
    assert!(cases >= 4000, "ran {cases} cases");
}
