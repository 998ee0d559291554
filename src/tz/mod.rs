//! Every IANA time zone, from an embedded compact table (see `scripts/gen_tzdata.py`).
//!
//! Each zone is the offset in force on 2000-01-01, the transitions after it up to the
//! point where the zone's POSIX TZ rule takes over, and that rule, which then yields the
//! transitions of any later year. The same table is compiled into the native library and
//! the WebAssembly build, so every runtime gives the same answer whatever its own tzdb.
//!
//! Local times that do not exist (spring-forward gap) or occur twice (fall-back overlap)
//! are resolved the way RFC 5545 and Temporal's `"compatible"` do: a time in a gap moves
//! forward by the length of the gap (02:30 on a New York spring-forward day is 03:30 EDT);
//! a time in an overlap is its first occurrence (01:30 on a fall-back day is 01:30 EDT).

mod data;

use crate::civil::{days_from_civil, days_in_month, Date, MS_PER_DAY};
use std::sync::{Mutex, OnceLock};

/// The tzdata release the embedded table was generated from.
pub const TZDATA_VERSION: &str = data::TZDATA_VERSION;

/// A day a POSIX rule changes offset: the `week`-th (5 = last) `weekday` (0 = Sunday) of
/// `month`, at `time` seconds after local midnight (may be negative or above 24 h).
#[derive(Debug, PartialEq)]
pub(crate) struct RuleDay {
    pub month: u8,
    pub week: u8,
    pub weekday: u8,
    pub time: i32,
}

#[derive(Debug, PartialEq)]
pub(crate) struct Rule {
    /// Standard offset, seconds east of UTC.
    pub std: i32,
    /// Daylight offset with the days it starts and ends, when the zone observes DST.
    pub dst: Option<(i32, RuleDay, RuleDay)>,
}

#[derive(Debug, PartialEq)]
pub(crate) struct Zone {
    pub initial: i32,
    /// (first index, count) in `data::TRANSITIONS`.
    pub transitions: (u16, u16),
    /// From this instant (Unix seconds) on, `rule` alone gives the offset.
    pub rule_from: i64,
    pub rule: Rule,
}

/// A zone's transitions into and out of DST for each cached year, in UTC seconds.
type YearTransitions = OnceLock<Box<[(i64, i64)]>>;

/// An IANA time zone such as `America/New_York`.
#[derive(Clone, Copy)]
pub struct TimeZone {
    name: &'static str,
    zone: &'static Zone,
    /// The zone's listed transitions (Unix seconds, new offset), before `rule_from`.
    transitions: &'static [(u32, i32)],
    /// This zone's cache of rule transitions.
    cache: &'static YearTransitions,
}

impl std::fmt::Debug for TimeZone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for TimeZone {
    fn eq(&self, other: &TimeZone) -> bool {
        self.name == other.name
    }
}
/// How a local date and time maps to instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalKind {
    /// Exactly one instant.
    Unique,
    /// The time was skipped by a forward transition; moved later by the gap's length.
    Gap,
    /// The time occurred twice; the first occurrence was taken.
    Overlap,
}

impl TimeZone {
    /// Looks a zone up by its IANA name (case-sensitive, links such as `US/Eastern` too).
    #[cfg(feature = "full")]
    pub fn get(name: &str) -> Option<TimeZone> {
        static CACHE: [YearTransitions; data::ZONES.len()] = [const { OnceLock::new() }; data::ZONES.len()];
        let i = name_index(name)?;
        let index = *data::NAME_ZONES.get(i)? as usize;
        let zone = data::ZONES.get(index)?;
        let (start, len) = (zone.transitions.0 as usize, zone.transitions.1 as usize);
        let transitions = data::TRANSITIONS.get(start..start + len)?;
        Some(TimeZone { name: name_at(i)?, zone, transitions, cache: CACHE.get(index)? })
    }

    /// A zone carried by a compiled policy (the lean build has no zone table, only names).
    /// Zones are kept once per distinct name and data for the life of the program, so
    /// loading policies again and again does not grow memory.
    pub(crate) fn from_parts(name: &str, zone: Zone, transitions: Vec<(u32, i32)>) -> Option<TimeZone> {
        struct Kept {
            name: &'static str,
            zone: Zone,
            transitions: Vec<(u32, i32)>,
            cache: YearTransitions,
        }
        static KEPT: Mutex<Vec<&'static Kept>> = Mutex::new(Vec::new());
        let name = zone_name(name)?;
        let mut kept = KEPT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let found = kept.iter().find(|k| k.name == name && k.zone == zone && k.transitions == transitions).copied();
        let k = match found {
            Some(k) => k,
            None => {
                let k: &'static Kept = Box::leak(Box::new(Kept { name, zone, transitions, cache: OnceLock::new() }));
                kept.push(k);
                k
            }
        };
        Some(TimeZone { name: k.name, zone: &k.zone, transitions: &k.transitions, cache: &k.cache })
    }

    /// The data a compiled policy stores for this zone.
    #[cfg(feature = "full")]
    pub(crate) fn parts(&self) -> (&'static Zone, &'static [(u32, i32)]) {
        (self.zone, self.transitions)
    }

    /// Every zone name the table knows, sorted.
    pub fn names() -> impl Iterator<Item = &'static str> {
        (0..name_starts().len() - 1).filter_map(name_at)
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The UTC offset in seconds (east positive) in force at `epoch_ms`.
    pub fn offset_at(&self, epoch_ms: i64) -> i32 {
        let t = epoch_ms.div_euclid(1000);
        let z = self.zone;
        if t >= z.rule_from {
            return rule_offset(&z.rule, self.cache, t);
        }
        let table = self.transitions;
        let i = table.partition_point(|(when, _)| (*when as i64) <= t);
        match i.checked_sub(1).and_then(|i| table.get(i)) {
            Some((_, offset)) => *offset,
            None => z.initial,
        }
    }

    /// The instant of a local wall-clock time (`local_ms`: milliseconds on the local time
    /// line, i.e. date * 86 400 000 + time of day), resolving gaps and overlaps as the
    /// module documentation says. Relies on transitions being more than a day apart, which
    /// the generator checks for every zone from 2000 on.
    pub fn resolve(&self, local_ms: i64) -> (i64, LocalKind) {
        let before = self.offset_at(local_ms - MS_PER_DAY) as i64 * 1000;
        let after = self.offset_at(local_ms + MS_PER_DAY) as i64 * 1000;
        if before == after {
            return (local_ms - before, LocalKind::Unique);
        }
        let (t_before, t_after) = (local_ms - before, local_ms - after);
        let before_ok = self.offset_at(t_before) as i64 * 1000 == before;
        let after_ok = self.offset_at(t_after) as i64 * 1000 == after;
        match (before_ok, after_ok) {
            (true, true) => (t_before.min(t_after), LocalKind::Overlap),
            (true, false) => (t_before, LocalKind::Unique),
            (false, true) => (t_after, LocalKind::Unique),
            // In a gap the earlier offset places the time after the transition: moved forward.
            (false, false) => (t_before, LocalKind::Gap),
        }
    }

    /// Whether the zone skipped the whole local `date`: a transition moved its clocks from
    /// before the date's start to after its end (Pacific/Apia went from Thursday 29 to
    /// Saturday 31 December 2011), so its midnight and the next are the same instant.
    pub fn skips(&self, date: Date) -> bool {
        let start = i64::from(date.0) * MS_PER_DAY;
        // Only a listed transition jumps a day (rules move clocks by hours), and only where
        // the offsets around the date differ by a day: most dates are answered at the first test.
        let listed = start / 1000 <= self.zone.rule_from + 2 * 86_400;
        listed
            && self.offset_at(start + 2 * MS_PER_DAY) - self.offset_at(start - MS_PER_DAY) >= 86_400
            && self.resolve(start).0 >= self.resolve(start + MS_PER_DAY).0
    }

    /// Local date (days since 1970-01-01) and time of day (ms) of an instant.
    pub(crate) fn local_parts(&self, epoch_ms: i64) -> (i32, u32) {
        let local = epoch_ms + self.offset_at(epoch_ms) as i64 * 1000;
        (local.div_euclid(MS_PER_DAY) as i32, local.rem_euclid(MS_PER_DAY) as u32)
    }
}

/// First and last year whose rule transitions are cached; outside, they are computed.
const CACHED_YEARS: (i32, i32) = (1999, 2200);

/// Per zone, the UTC seconds of each year's two rule transitions (into and out of DST),
/// worked out on the zone's first use past its listed transitions. Offsets are looked up on
/// every local time a promise touches; the rule arithmetic was a third of a quote's cost.
fn rule_transitions(rule: &Rule, cache: &YearTransitions, year: i32) -> Option<(i64, i64)> {
    let (std, (dst, start, end)) = (rule.std, rule.dst.as_ref()?);
    let compute = |y: i32| (rule_day_seconds(y, start) - std as i64, rule_day_seconds(y, end) - *dst as i64);
    let years = cache.get_or_init(|| (CACHED_YEARS.0..=CACHED_YEARS.1).map(compute).collect());
    Some(usize::try_from(year - CACHED_YEARS.0).ok().and_then(|i| years.get(i)).copied().unwrap_or_else(|| compute(year)))
}

fn rule_offset(rule: &Rule, cache: &YearTransitions, t: i64) -> i32 {
    let Some((dst, _, _)) = &rule.dst else {
        return rule.std;
    };
    let year = crate::civil::year_of_days(t.div_euclid(86_400) as i32);
    let mut current = (i64::MIN, rule.std);
    for y in [year - 1, year, year + 1] {
        let Some((on, off)) = rule_transitions(rule, cache, y) else { continue };
        for (when, offset) in [(on, *dst), (off, rule.std)] {
            if when <= t && when > current.0 {
                current = (when, offset);
            }
        }
    }
    current.1
}

fn rule_day_seconds(year: i32, day: &RuleDay) -> i64 {
    let month = day.month as u32;
    let first = days_from_civil(year, month, 1);
    let first_weekday = (first + 4).rem_euclid(7) as u32; // 0 = Sunday; 1970-01-01 was a Thursday
    let mut dom = 1 + (day.weekday as u32 + 7 - first_weekday) % 7 + 7 * (day.week as u32 - 1);
    while dom > days_in_month(year, month) {
        dom -= 7;
    }
    (first as i64 + dom as i64 - 1) * 86_400 + day.time as i64
}

/// The table's spelling of a zone name (`None` if there is no such zone): all a
/// destination needs, since its zone only labels the delivery dates.
pub(crate) fn zone_name(name: &str) -> Option<&'static str> {
    name_at(name_index(name)?)
}

/// Where each name starts in `NAMES_TEXT`, and where the text ends: found once, so the
/// binary carries no table of them (docs/compiled.md, "Why two builds").
fn name_starts() -> &'static [u16] {
    static STARTS: OnceLock<Box<[u16]>> = OnceLock::new();
    STARTS.get_or_init(|| {
        let ends = data::NAMES_TEXT.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u16 + 1);
        std::iter::once(0).chain(ends).collect()
    })
}

fn name_at(i: usize) -> Option<&'static str> {
    let starts = name_starts();
    let (start, next) = (*starts.get(i)?, *starts.get(i + 1)?);
    data::NAMES_TEXT.get(start as usize..next as usize - 1)
}

fn name_index(name: &str) -> Option<usize> {
    let count = name_starts().len() - 1;
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match name_at(mid)?.cmp(name) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;
    use crate::civil::{format_local, Date, Instant};

    fn local(zone: &TimeZone, s: &str) -> (String, LocalKind) {
        let date = Date::parse(&s[..10]).unwrap();
        let time = crate::civil::TimeOfDay::parse(&s[11..]).unwrap();
        let (t, kind) = zone.resolve(date.start_ms() + time.ms() as i64);
        (format_local(t, zone.offset_at(t)), kind)
    }

    #[test]
    fn new_york_gap_moves_forward_and_overlap_takes_the_first() {
        let ny = TimeZone::get("America/New_York").unwrap();
        assert_eq!(local(&ny, "2026-03-08 02:30"), ("2026-03-08T03:30:00-04:00".into(), LocalKind::Gap));
        assert_eq!(local(&ny, "2026-03-08 03:00"), ("2026-03-08T03:00:00-04:00".into(), LocalKind::Unique));
        assert_eq!(local(&ny, "2026-11-01 01:30"), ("2026-11-01T01:30:00-04:00".into(), LocalKind::Overlap));
        assert_eq!(local(&ny, "2026-11-01 02:00"), ("2026-11-01T02:00:00-05:00".into(), LocalKind::Unique));
    }

    #[test]
    fn southern_hemisphere_half_hour_and_fixed_zones() {
        let syd = TimeZone::get("Australia/Sydney").unwrap();
        assert_eq!(local(&syd, "2026-10-04 02:30"), ("2026-10-04T03:30:00+11:00".into(), LocalKind::Gap));
        assert_eq!(local(&syd, "2026-04-05 02:30"), ("2026-04-05T02:30:00+11:00".into(), LocalKind::Overlap));
        assert_eq!(local(&syd, "2026-01-15 12:00").0, "2026-01-15T12:00:00+11:00");
        let adl = TimeZone::get("Australia/Adelaide").unwrap();
        assert_eq!(local(&adl, "2026-07-01 12:00").0, "2026-07-01T12:00:00+09:30");
        let kol = TimeZone::get("Asia/Kolkata").unwrap();
        assert_eq!(local(&kol, "2026-03-08 02:30").0, "2026-03-08T02:30:00+05:30");
        let t = Instant::parse("2040-06-01T00:00:00Z").unwrap();
        assert_eq!(TimeZone::get("Asia/Tokyo").unwrap().offset_at(t.0), 9 * 3600);
    }

    #[test]
    fn links_and_unknown_names() {
        assert!(TimeZone::get("US/Eastern").is_some());
        assert!(TimeZone::get("UTC").is_some());
        assert!(TimeZone::get("america/new_york").is_none());
        assert!(TimeZone::get("Mars/Olympus_Mons").is_none());
        assert!(TimeZone::names().count() > 590);
    }
}
