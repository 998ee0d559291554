//! The holiday rule language (the full build only): how a policy (or a built-in preset) says which dates a
//! calendar closes, and how those rules become dates.
//!
//! A rule names one holiday and says when it falls:
//!
//! | JSON                                             | falls on                                   |
//! |--------------------------------------------------|--------------------------------------------|
//! | `{"date": "2026-12-31"}`                         | that date                                  |
//! | `{"from": "2026-12-24", "to": "2026-12-27"}`     | every date of the range                    |
//! | `{"dates": ["2022-06-24", "2023-07-14"]}`        | each listed date                           |
//! | `{"month": 7, "day": 4}`                         | 4 July every year                          |
//! | `{"month": 11, "weekday": "thu", "nth": 4}`      | the 4th Thursday of November (`-1`: last)  |
//! | `{"month": 5, "day": 18, "weekday": "mon"}`      | the first Monday on or after 18 May        |
//! | `{"easter": -2}` / `{"orthodoxEaster": 1}`       | days from Western / Orthodox Easter Sunday |
//! | `{"equinox": "march"}` / `"september"`           | the day of the equinox in Japan (JST)      |
//!
//! Yearly rules also take `offset` (days added after the date is found: "the day after
//! Thanksgiving"), `since` / `until` (first and last year the rule applies), `every` (years
//! between occurrences, counted from `since`), `except` (years it does not apply: a holiday
//! moved once by law is the rule `except` that year plus a one-off date) and `observed`, what happens when the date
//! falls on a weekend:
//!
//! - `"none"` (default): nothing; the day is simply lost in the weekend.
//! - `"sat-fri"`, `"sun-mon"`, `"nearest"` (both): also close the Friday before a Saturday
//!   holiday and/or the Monday after a Sunday one (US federal practice).
//! - `"substitute"`: also close the next weekday that is not already a holiday (UK, IE, AU,
//!   NZ, CA: Christmas on Saturday closes Monday 27, Boxing Day on Sunday closes Tuesday 28).
//! - `"sunday-next"`: a Sunday holiday also closes the next day that is not a holiday (Japan).
//! - `"monday"`: a weekend holiday also closes the following Monday, even when that Monday
//!   is a holiday already (New Zealand's Waitangi and Anzac Days: no extra day then).
//! - `"sun-sat"`: a Sunday holiday also closes the Saturday before (King's Day, Netherlands).
//!
//! The holiday keeps its own date too: an observed day is added, it does not move the holiday.
//! Observed days are named "`<name>` (observed)".

use crate::civil::{days_in_month, Date, Weekday, MAX_DATE, MIN_DATE};
use crate::json::{Map, Value};
use crate::read::{index, join, Reader};

pub use crate::limits::{MAX_RANGE_DAYS, MAX_RULES};

/// When a holiday falls in a given year.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum When {
    /// Explicit dates (a one-off, a range, a list): no yearly repetition.
    Dates(Vec<Date>),
    Fixed {
        month: u32,
        day: u32,
    },
    Nth {
        month: u32,
        weekday: Weekday,
        nth: i32,
    },
    OnOrAfter {
        month: u32,
        day: u32,
        weekday: Weekday,
    },
    Easter {
        offset: i32,
        orthodox: bool,
    },
    Equinox {
        september: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Observed {
    None,
    SatFri,
    SunMon,
    Nearest,
    Substitute,
    SundayNext,
    SunSat,
    Monday,
}

const OBSERVED: &[(&str, Observed)] = &[
    ("none", Observed::None),
    ("sat-fri", Observed::SatFri),
    ("sun-mon", Observed::SunMon),
    ("nearest", Observed::Nearest),
    ("substitute", Observed::Substitute),
    ("sunday-next", Observed::SundayNext),
    ("sun-sat", Observed::SunSat),
    ("monday", Observed::Monday),
];

/// One rule as read from a calendar: a name and when it falls.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub name: String,
    pub when: When,
    pub offset: i32,
    pub since: i32,
    pub until: i32,
    pub every: i32,
    pub except: Vec<i32>,
    pub observed: Observed,
}

impl Rule {
    /// The rule of one date (a compiled policy's special days are dates).
    pub(crate) fn on(date: Date) -> Rule {
        Rule {
            name: String::new(),
            when: When::Dates(vec![date]),
            offset: 0,
            since: i32::MIN,
            until: i32::MAX,
            every: 1,
            except: Vec::new(),
            observed: Observed::None,
        }
    }

    /// The dates this rule closes from `lo` to `hi` (inclusive), without observed days.
    pub(crate) fn dates_between(&self, lo: Date, hi: Date) -> Vec<Date> {
        if let When::Dates(list) = &self.when {
            return list.iter().copied().filter(|d| (lo..=hi).contains(d)).collect();
        }
        // A year's date can move into the year before or after by `offset` (at most 100 days).
        let (first, last) = (lo.year() - 1, hi.year() + 1);
        (self.since.max(first)..=self.until.min(last))
            .filter(|y| !self.except.contains(y))
            .filter(|y| self.every == 1 || (i64::from(*y) - i64::from(self.since)) % i64::from(self.every) == 0)
            .filter_map(|y| self.when.in_year(y))
            .map(|d| d.add_days(self.offset))
            .filter(|d| (lo..=hi).contains(d))
            .collect()
    }
}

impl When {
    fn in_year(&self, year: i32) -> Option<Date> {
        match *self {
            When::Dates(_) => None,
            When::Fixed { month, day } => Date::from_ymd(year, month, day),
            When::Nth { month, weekday, nth } => nth_weekday(year, month, weekday, nth),
            When::OnOrAfter { month, day, weekday } => {
                let d = Date::from_ymd(year, month, day)?;
                Some(d.add_days(days_forward(d.weekday(), weekday)))
            }
            When::Easter { offset, orthodox } => {
                let e = if orthodox { orthodox_easter(year) } else { western_easter(year) };
                Some(e?.add_days(offset))
            }
            When::Equinox { september } => equinox(year, september),
        }
    }
}

fn days_forward(from: Weekday, to: Weekday) -> i32 {
    (to.index() as i32 - from.index() as i32).rem_euclid(7)
}

/// The `nth` (1..=5) or from-the-end (`-1` = last) `weekday` of a month; `None` if the
/// month has no 5th such weekday.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: i32) -> Option<Date> {
    let d = if nth > 0 {
        let first = Date::from_ymd(year, month, 1)?;
        first.add_days(days_forward(first.weekday(), weekday) + 7 * (nth - 1))
    } else {
        let last = Date::from_ymd(year, month, days_in_month(year, month))?;
        last.add_days(-days_forward(weekday, last.weekday()) - 7 * (-nth - 1))
    };
    (d.ymd().1 == month).then_some(d)
}

/// Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
pub(crate) fn western_easter(year: i32) -> Option<Date> {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_ymd(year, month as u32, day as u32)
}

/// Orthodox Easter Sunday as a Gregorian date: Meeus' Julian algorithm, then the
/// Julian-to-Gregorian difference (13 days in 1900-2099, 14 in 2100-2199).
pub(crate) fn orthodox_easter(year: i32) -> Option<Date> {
    let (a, b, c) = (year % 4, year % 7, year % 19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian_shift = year / 100 - year / 400 - 2;
    Some(Date::from_ymd(year, month as u32, day as u32)?.add_days(julian_shift))
}

/// The equinox day as Japan's National Astronomical Observatory computes it: the standard
/// approximation, exact for 1980-2099, an estimate after (the official date is announced a
/// year ahead). Integer arithmetic so every runtime gives the same day.
fn equinox(year: i32, september: bool) -> Option<Date> {
    if year < 1980 {
        return None;
    }
    // Day-of-month constants in millionths, from the NAO formula.
    let base: i64 = match (year <= 2099, september) {
        (true, false) => 20_843_100,
        (true, true) => 23_248_800,
        (false, false) => 21_851_000,
        (false, true) => 24_248_800,
    };
    let n = i64::from(year - 1980);
    let day = (base + 242_194 * n) / 1_000_000 - n / 4;
    Date::from_ymd(year, if september { 9 } else { 3 }, day as u32)
}

/// One calendar's own rules for `year`. Observed and bridge days depend on the other
/// holidays around them, so the dates of the years before and after are worked out too
/// (an observed day is at most 14 days from its holiday).
pub(crate) fn expand_year(
    rules: &[Rule],
    ids: &[u32],
    observed_ids: &[u32],
    bridge: Option<u32>,
    year: i32,
) -> Vec<(Date, u32)> {
    let lo = Date::from_ymd(year - 1, 1, 1).unwrap_or(MIN_DATE);
    let hi = Date::from_ymd(year + 1, 12, 31).unwrap_or(MAX_DATE);
    let mut actual: Vec<(Date, u32)> = Vec::new();
    let mut weekend: Vec<(Date, usize)> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let id = ids.get(i).copied().unwrap_or(0);
        for d in rule.dates_between(lo, hi) {
            actual.push((d, id));
            if rule.observed != Observed::None && matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                weekend.push((d, i));
            }
        }
    }
    actual.sort_by_key(|(d, _)| *d);
    actual.dedup_by_key(|(d, _)| *d);
    if let Some(id) = bridge {
        let bridges: Vec<(Date, u32)> = actual
            .windows(2)
            .filter_map(|w| match w {
                [(a, _), (b, _)] if a.days_until(*b) == 2 && a.succ().weekday() != Weekday::Sun => Some((a.succ(), id)),
                _ => None,
            })
            .collect();
        actual.extend(bridges);
        actual.sort_by_key(|(d, _)| *d);
    }
    let closed = |x: Date| actual.binary_search_by_key(&x, |(d, _)| *d).is_ok();
    // In date order, so a substitute day sees the observed days given before it.
    weekend.sort_by_key(|(d, _)| *d);
    let mut extra: Vec<(Date, u32)> = Vec::new();
    for (d, i) in weekend {
        let Some(rule) = rules.get(i) else { continue };
        let free = |x: &Date| !closed(*x) && !extra.iter().any(|(e, _)| e == x);
        let day = match (rule.observed, d.weekday()) {
            (Observed::SatFri | Observed::Nearest, Weekday::Sat) => Some(d.pred()),
            (Observed::SunMon | Observed::Nearest, Weekday::Sun) => Some(d.succ()),
            (Observed::Substitute, _) => {
                (1..=14).map(|k| d.add_days(k)).find(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun) && free(x))
            }
            (Observed::SundayNext, Weekday::Sun) => (1..=14).map(|k| d.add_days(k)).find(free),
            (Observed::SunSat, Weekday::Sun) => Some(d.pred()),
            (Observed::Monday, Weekday::Sat) => Some(d.add_days(2)),
            (Observed::Monday, Weekday::Sun) => Some(d.succ()),
            _ => None,
        };
        if let Some(day) = day.filter(|x| (MIN_DATE..=MAX_DATE).contains(x)) {
            extra.push((day, observed_ids.get(i).copied().unwrap_or(0)));
        }
    }
    actual.extend(extra);
    actual.retain(|(d, _)| d.year() == year);
    actual.sort_by_key(|(d, _)| *d);
    actual
}

const RULE_KEYS: &[&str] = &[
    "name",
    "date",
    "from",
    "to",
    "dates",
    "month",
    "day",
    "weekday",
    "nth",
    "easter",
    "orthodoxEaster",
    "equinox",
    "offset",
    "since",
    "until",
    "every",
    "except",
    "observed",
];

/// Reads a list of rules (`holidays` of a calendar or node).
pub(crate) fn read_rules(r: &mut Reader, v: &Value, path: &str, out: &mut Vec<Rule>) {
    let Some(items) = r.list(v, path) else { return };
    if !r.within(items.len(), MAX_RULES, path, "holiday rules") {
        return;
    }
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let Some(map) = r.object(item, &p, RULE_KEYS) else { continue };
        let name = match map.get("name") {
            Some(v) => r.string(v, &join(&p, "name")).map(str::to_string),
            None => Some("holiday".to_string()),
        };
        if let (Some(name), Some(rule)) = (name, read_rule(r, map, &p)) {
            out.push(Rule { name, ..rule });
        }
    }
}

/// Reads the "when" part of a rule (everything but the name); `name` is left empty.
pub(crate) fn read_rule(r: &mut Reader, m: &Map<String, Value>, p: &str) -> Option<Rule> {
    let has = |k: &str| m.contains_key(k);
    let when = if has("date") || has("from") || has("to") || has("dates") {
        read_explicit_dates(r, m, p)?
    } else if let Some(v) = m.get("easter") {
        When::Easter { offset: r.integer(v, &join(p, "easter"), -100, 100)? as i32, orthodox: false }
    } else if let Some(v) = m.get("orthodoxEaster") {
        When::Easter { offset: r.integer(v, &join(p, "orthodoxEaster"), -100, 100)? as i32, orthodox: true }
    } else if let Some(v) = m.get("equinox") {
        match r.string(v, &join(p, "equinox"))? {
            "march" => When::Equinox { september: false },
            "september" => When::Equinox { september: true },
            other => {
                r.problem("invalid_rule", &join(p, "equinox"), format!("\"{other}\": use \"march\" or \"september\""));
                return None;
            }
        }
    } else if let Some(v) = m.get("month") {
        let month = r.integer(v, &join(p, "month"), 1, 12)? as u32;
        let weekday = match m.get("weekday") {
            Some(v) => Some(read_weekday(r, v, &join(p, "weekday"))?),
            None => None,
        };
        let day = match m.get("day") {
            // 29 February is allowed: the rule then closes leap years only.
            Some(v) => Some(r.integer(v, &join(p, "day"), 1, i64::from(days_in_month(2000, month)))? as u32),
            None => None,
        };
        match (day, weekday, m.get("nth")) {
            (Some(day), None, None) => When::Fixed { month, day },
            (Some(day), Some(weekday), None) => When::OnOrAfter { month, day, weekday },
            (None, Some(weekday), Some(n)) => {
                let nth = r.integer(n, &join(p, "nth"), -5, 5)? as i32;
                if nth == 0 {
                    r.problem("invalid_rule", &join(p, "nth"), "nth counts from 1 (first) or from -1 (last)");
                    return None;
                }
                When::Nth { month, weekday, nth }
            }
            _ => {
                r.problem(
                    "invalid_rule",
                    p,
                    "with \"month\" give \"day\" (a fixed date), \"weekday\" and \"nth\" (the nth weekday), or \"day\" and \"weekday\" (the first weekday on or after that day)",
                );
                return None;
            }
        }
    } else {
        r.problem(
            "invalid_rule",
            p,
            "say when the holiday falls: \"date\", \"from\"/\"to\", \"dates\", \"month\", \"easter\", \"orthodoxEaster\" or \"equinox\"",
        );
        return None;
    };
    let yearly = !matches!(when, When::Dates(_));
    if !yearly {
        for k in ["offset", "since", "until", "every", "except", "observed", "month", "day", "weekday", "nth", "easter"]
        {
            if has(k) {
                r.problem(
                    "invalid_rule",
                    &join(p, k),
                    format!("\"{k}\" applies to yearly rules, not to explicit dates"),
                );
            }
        }
    }
    let year = |r: &mut Reader, k: &str| m.get(k).and_then(|v| r.integer(v, &join(p, k), 1900, 2199).map(|y| y as i32));
    let since = year(r, "since");
    let until = year(r, "until");
    if let (Some(s), Some(u)) = (since, until) {
        if u < s {
            r.problem("invalid_range", &join(p, "until"), format!("{u} is before {s}"));
        }
    }
    let every = match m.get("every") {
        Some(v) if since.is_none() => {
            r.problem("invalid_rule", &join(p, "since"), "\"every\" counts years from \"since\": give both");
            r.integer(v, &join(p, "every"), 1, 100)
        }
        Some(v) => r.integer(v, &join(p, "every"), 1, 100),
        None => Some(1),
    }? as i32;
    let mut except = Vec::new();
    let except_path = join(p, "except");
    if let Some(list) = m
        .get("except")
        .and_then(|v| r.list(v, &except_path))
        .filter(|l| r.within(l.len(), MAX_RANGE_DAYS as usize, &except_path, "years"))
    {
        for (i, v) in list.iter().enumerate() {
            except.extend(r.integer(v, &index(&join(p, "except"), i), 1900, 2199).map(|y| y as i32));
        }
    }
    let offset = m.get("offset").map_or(Some(0), |v| r.integer(v, &join(p, "offset"), -100, 100))? as i32;
    let observed = match m.get("observed") {
        Some(v) => {
            let s = r.string(v, &join(p, "observed"))?;
            match OBSERVED.iter().find(|(k, _)| *k == s) {
                Some((_, o)) => *o,
                None => {
                    let keys: Vec<&str> = OBSERVED.iter().map(|(k, _)| *k).collect();
                    r.problem(
                        "invalid_rule",
                        &join(p, "observed"),
                        format!("\"{s}\" is not one of {}", keys.join(", ")),
                    );
                    return None;
                }
            }
        }
        None => Observed::None,
    };
    Some(Rule {
        name: String::new(),
        when,
        offset,
        since: since.unwrap_or(i32::MIN),
        until: until.unwrap_or(i32::MAX),
        every,
        except,
        observed,
    })
}

fn read_weekday(r: &mut Reader, v: &Value, path: &str) -> Option<Weekday> {
    let s = r.string(v, path)?;
    let wd = Weekday::from_key(s);
    if wd.is_none() {
        r.problem("invalid_weekday", path, format!("\"{s}\" is not a weekday (mon, tue, wed, thu, fri, sat, sun)"));
    }
    wd
}

fn read_explicit_dates(r: &mut Reader, m: &Map<String, Value>, p: &str) -> Option<When> {
    match (m.get("date"), m.get("from"), m.get("to"), m.get("dates")) {
        (Some(d), None, None, None) => Some(When::Dates(vec![r.date(d, &join(p, "date"))?])),
        (None, Some(f), Some(t), None) => {
            let (from, to) = (r.date(f, &join(p, "from")), r.date(t, &join(p, "to")));
            let (from, to) = (from?, to?);
            if to < from {
                r.problem("invalid_range", &join(p, "to"), format!("{to} is before {from}"));
                None
            } else if from.days_until(to) >= MAX_RANGE_DAYS {
                r.problem(
                    "too_large",
                    p,
                    format!(
                        "a closure of {} days; the limit is {MAX_RANGE_DAYS}: split longer ones",
                        from.days_until(to) + 1
                    ),
                );
                None
            } else {
                Some(When::Dates((0..=from.days_until(to)).map(|i| from.add_days(i)).collect()))
            }
        }
        (None, None, None, Some(list)) => {
            let lp = join(p, "dates");
            let items = r.list(list, &lp)?;
            if !r.within(items.len(), MAX_RANGE_DAYS as usize, &lp, "dates") {
                return None;
            }
            let dates: Vec<Option<Date>> = items.iter().enumerate().map(|(i, v)| r.date(v, &index(&lp, i))).collect();
            dates.into_iter().collect::<Option<Vec<Date>>>().map(When::Dates)
        }
        _ => {
            r.problem("invalid_closure", p, "give one of \"date\", both \"from\" and \"to\", or \"dates\"");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::holiday::Holidays;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn rule(when: When, observed: Observed) -> Rule {
        Rule { name: "h".into(), when, offset: 0, since: i32::MIN, until: i32::MAX, every: 1, except: vec![], observed }
    }

    #[test]
    fn easter_sundays_match_published_tables() {
        // Western: 2000-04-23, 2008-03-23 (earliest in the range), 2038-04-25 (latest).
        assert_eq!(western_easter(2000), Some(d("2000-04-23")));
        assert_eq!(western_easter(2008), Some(d("2008-03-23")));
        assert_eq!(western_easter(2038), Some(d("2038-04-25")));
        assert_eq!(western_easter(2026), Some(d("2026-04-05")));
        // Orthodox: 2026-04-12, 2024-05-05, 2101 crosses the 14-day shift.
        assert_eq!(orthodox_easter(2026), Some(d("2026-04-12")));
        assert_eq!(orthodox_easter(2024), Some(d("2024-05-05")));
        assert_eq!(orthodox_easter(2010), Some(d("2010-04-04")));
    }

    #[test]
    fn nth_and_last_weekdays() {
        assert_eq!(nth_weekday(2026, 11, Weekday::Thu, 4), Some(d("2026-11-26")));
        assert_eq!(nth_weekday(2026, 5, Weekday::Mon, -1), Some(d("2026-05-25")));
        assert_eq!(nth_weekday(2026, 2, Weekday::Mon, 5), None);
        assert_eq!(When::OnOrAfter { month: 5, day: 18, weekday: Weekday::Mon }.in_year(2026), Some(d("2026-05-18")));
    }

    #[test]
    fn japanese_equinoxes() {
        assert_eq!(equinox(2026, false), Some(d("2026-03-20")));
        assert_eq!(equinox(2026, true), Some(d("2026-09-23")));
        assert_eq!(equinox(2012, true), Some(d("2012-09-22")));
    }

    #[test]
    fn substitutes_skip_other_holidays() {
        // 2021: Christmas on Saturday, Boxing Day on Sunday -> Monday 27 and Tuesday 28.
        let rules = [
            Rule { name: "Christmas Day".into(), ..rule(When::Fixed { month: 12, day: 25 }, Observed::Substitute) },
            Rule { name: "Boxing Day".into(), ..rule(When::Fixed { month: 12, day: 26 }, Observed::Substitute) },
        ];
        let mut c = Holidays::default();
        c.add_rules(rules.to_vec(), None);
        let name = |s: &str| c.on(d(s));
        assert_eq!(name("2021-12-27"), Some("Christmas Day (observed)"));
        assert_eq!(name("2021-12-28"), Some("Boxing Day (observed)"));
        // 2022: Christmas on Sunday; Monday is Boxing Day itself, so Christmas moves to Tuesday.
        assert_eq!(name("2022-12-26"), Some("Boxing Day"));
        assert_eq!(name("2022-12-27"), Some("Christmas Day (observed)"));
    }
}
