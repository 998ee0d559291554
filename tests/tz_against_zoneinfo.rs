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
