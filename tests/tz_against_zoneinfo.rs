//! The embedded zone table against Python's zoneinfo (fixtures from scripts/gen_tz_fixtures.py):
//! every offset change 2000-2050 in 20 zones chosen for their oddities (half-hour DST, Ramadan
//! suspensions, negative DST, southern hemisphere, abolished DST), and the resolution of a
//! wall-clock time inside each gap and overlap.
use order_sla::tz::{LocalKind, TimeZone};
use serde_json::Value;

#[test]
fn offsets_and_local_times_match_zoneinfo_2000_to_2050() {
    let fixtures: Value = serde_json::from_str(include_str!("fixtures/tz_transitions.json")).unwrap();
    let mut checked = 0;
    for (name, zone) in fixtures["zones"].as_object().unwrap() {
        let tz = TimeZone::get(name).unwrap_or_else(|| panic!("{name} missing"));
        let start = 946_771_200_000i64; // 2000-01-02T00:00:00Z
        assert_eq!(tz.offset_at(start) as i64, zone["start_offset"].as_i64().unwrap(), "{name} at 2000-01-02");
        for c in zone["changes"].as_array().unwrap() {
            let c: Vec<i64> = c.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
            let (at, before, after, wall, resolved) = (c[0], c[1], c[2], c[3], c[4]);
            assert_eq!(tz.offset_at((at - 1) * 1000) as i64, before, "{name}: offset just before {at}");
            assert_eq!(tz.offset_at(at * 1000) as i64, after, "{name}: offset at {at}");
            let (t, kind) = tz.resolve(wall * 1000);
            assert_eq!(t, resolved * 1000, "{name}: wall clock {wall} resolves like zoneinfo fold=0");
            assert_eq!(kind, if after > before { LocalKind::Gap } else { LocalKind::Overlap }, "{name} {wall}");
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} transitions checked");
}

/// The dates a zone skipped entirely (zoneinfo, every zone, 2000-2199: Apia and Fakaofo on
/// 30 December 2011), and no others: every day of 2000-2039 in every zone, and the ten years
/// around each skipped one.
#[test]
fn skipped_dates_match_zoneinfo() {
    use order_sla::civil::Date;
    let fixtures: Value = serde_json::from_str(include_str!("fixtures/tz_transitions.json")).unwrap();
    let skipped = fixtures["skipped_days"].as_object().unwrap();
    assert!(skipped.contains_key("Pacific/Apia"));
    let listed = |name: &str, d: Date| {
        skipped
            .get(name)
            .is_some_and(|days| days.as_array().unwrap().iter().any(|x| Date::parse(x.as_str().unwrap()) == Some(d)))
    };
    let (from, to) = (Date::from_ymd(2000, 1, 1).unwrap(), Date::from_ymd(2039, 12, 31).unwrap());
    let mut checked = 0;
    for name in TimeZone::names() {
        let tz = TimeZone::get(name).unwrap();
        let mut d = from;
        while d <= to {
            assert_eq!(tz.skips(d), listed(name, d), "{name} {d}");
            d = d.succ();
            checked += 1;
        }
    }
    for (name, days) in skipped {
        let tz = TimeZone::get(name).unwrap();
        for day in days.as_array().unwrap() {
            let day = Date::parse(day.as_str().unwrap()).unwrap();
            let mut d = (0..1826).fold(day, |d, _| d.pred());
            for k in -1826..=1826 {
                assert_eq!(tz.skips(d), k == 0, "{name} {d}");
                d = d.succ();
            }
        }
    }
    assert!(checked > 5_000_000, "{checked}");
}
