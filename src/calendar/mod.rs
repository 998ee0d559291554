//! Business calendars: which dates are working days, and why a date is not.
//!
//! A calendar is a set of working weekdays plus named closed dates, from the holiday
//! holiday rules (`calendar/holiday.rs`, 2000-2199, worked out a year at a time on first use). Node calendars, carrier calendars,
//! named policy calendars and built-in presets are all this type; the queries here are
//! what the JS `Calendar` exposes. Every search for a working day is bounded by
//! [`MAX_SCAN_DAYS`], so a calendar that never works gives `no_working_day`, never a hang.

#[cfg(feature = "full")]
pub(crate) mod definition;
pub(crate) mod holiday;
pub mod preset;

use crate::calendar::holiday::Holidays;
use crate::civil::{Date, Weekday, MAX_DATE, MIN_DATE, WEEKDAYS};
use crate::error::Error;
#[cfg(feature = "full")]
use crate::json::Value;
#[cfg(feature = "full")]
use crate::read::{index, Reader};
use std::sync::Arc;

/// The most consecutive days any search skips before giving up with `no_working_day`.
pub const MAX_SCAN_DAYS: i32 = 400;
/// The most working days one `add_working_days` call may move.
pub const MAX_WORKING_DAY_OFFSET: i32 = 20_000;

/// Why a date is not a working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayOff<'a> {
    /// The weekday is not worked (e.g. Sunday).
    Weekday(Weekday),
    /// A named holiday or closure.
    Holiday(&'a str),
}

#[cfg(feature = "full")]
/// `{"name":...,"reason":"holiday"}` or `{"reason":"weekday","weekday":"sat"}` (keys in
/// alphabetical order, as they have always been written).
impl crate::json::ToJson for DayOff<'_> {
    fn write(&self, out: &mut String) {
        let mut o = crate::json::Obj::new(out);
        match self {
            DayOff::Holiday(name) => o.str("name", name).str("reason", "holiday"),
            DayOff::Weekday(wd) => o.str("reason", "weekday").str("weekday", wd.key()),
        };
        o.end();
    }
}

/// Working weekdays and named closed dates.
/// Cloning is cheap: clones share the holidays and the years already worked out.
#[derive(Clone, Debug)]
pub struct Calendar {
    weekdays: [bool; 7],
    holidays: Arc<Holidays>,
}

impl Calendar {
    pub(crate) fn new(weekdays: [bool; 7], holidays: Arc<Holidays>) -> Calendar {
        Calendar { weekdays, holidays }
    }

    /// `None` when `date` is a working day, otherwise why not. Holidays take precedence
    /// over the weekly pattern so explanations name them ("Thanksgiving Day").
    pub fn day_off(&self, date: Date) -> Option<DayOff<'_>> {
        if let Some(name) = self.holidays.on(date) {
            return Some(DayOff::Holiday(name));
        }
        let wd = date.weekday();
        (!self.weekdays[wd.index()]).then_some(DayOff::Weekday(wd))
    }

    pub fn is_working(&self, date: Date) -> bool {
        self.day_off(date).is_none()
    }

    #[cfg(feature = "full")]
    /// The closed dates behind this calendar (compiled policies write them out).
    pub(crate) fn holidays_data(&self) -> &Holidays {
        &self.holidays
    }

    /// The holidays' address: calendars sharing them share day-table rows.
    pub(crate) fn holidays_ptr(&self) -> *const Holidays {
        Arc::as_ptr(&self.holidays)
    }

    /// Whether the calendar knows `date` (a compiled policy's calendars know only its years).
    pub(crate) fn covers(&self, date: Date) -> bool {
        self.holidays.covers(date.year())
    }

    pub(crate) fn works_weekday(&self, wd: Weekday) -> bool {
        self.weekdays[wd.index()]
    }

    pub fn weekdays(&self) -> [bool; 7] {
        self.weekdays
    }

    /// The first working day strictly after `date`, within [`MAX_SCAN_DAYS`].
    pub fn next_working_day(&self, date: Date) -> Result<Date, Error> {
        self.step(date, 1)
    }

    /// The last working day strictly before `date`, within [`MAX_SCAN_DAYS`].
    pub fn previous_working_day(&self, date: Date) -> Result<Date, Error> {
        self.step(date, -1)
    }

    fn step(&self, date: Date, dir: i32) -> Result<Date, Error> {
        let mut d = date;
        for _ in 0..MAX_SCAN_DAYS {
            d = d.add_days(dir);
            if !(MIN_DATE..=MAX_DATE).contains(&d) {
                return Err(past_the_range(d));
            }
            if self.is_working(d) {
                return Ok(d);
            }
        }
        Err(no_working_day(date))
    }

    /// Moves `n` working days from `date`: for `n > 0` the nth working day after `date`,
    /// for `n < 0` the nth before it, for `n == 0` `date` itself if it is a working day,
    /// else the next one. The start date does not count, working or not: 1 working day
    /// after Friday is Monday, and so is 1 working day after Saturday.
    pub fn add_working_days(&self, date: Date, n: i32) -> Result<Date, Error> {
        if n.abs() > MAX_WORKING_DAY_OFFSET {
            return Err(Error::new(
                "out_of_range",
                format!("{n} working days is more than the {MAX_WORKING_DAY_OFFSET} one call may move"),
            ));
        }
        if n == 0 {
            return if self.is_working(date) { Ok(date) } else { self.next_working_day(date) };
        }
        let mut d = date;
        for _ in 0..n.abs() {
            d = self.step(d, n.signum())?;
        }
        Ok(d)
    }

    /// Working days from `from` (counted) to `to` (not counted): `[from, to)`. When `to` is
    /// before `from` the count is negative and covers `(to, from]`, the start still counted
    /// and the end not, as `numpy.busday_count` does.
    pub fn working_days_between(&self, from: Date, to: Date) -> i32 {
        if to < from {
            return -self.working_days_between(to.succ(), from.succ());
        }
        let days = from.days_until(to);
        let per_week = self.weekdays.iter().filter(|w| **w).count() as i32;
        let mut count = days / 7 * per_week;
        let start = from.add_days(days / 7 * 7);
        let mut d = start;
        while d < to {
            count += i32::from(self.weekdays[d.weekday().index()]);
            d = d.succ();
        }
        // Closed dates in range that fall on a worked weekday were counted above.
        let closed = (from.year()..=to.year())
            .flat_map(|y| self.holidays.year(y))
            .filter(|(x, _)| *x >= from && *x < to && self.weekdays[x.weekday().index()])
            .count();
        count - closed as i32
    }

    /// The closed dates of a year with their names, in date order.
    pub fn holidays(&self, year: i32) -> Vec<(Date, &str)> {
        self.holidays.year(year).iter().map(|(d, n)| (*d, self.holidays.name(*n))).collect()
    }
}

/// An answer that would fall outside the dates the engine knows.
pub(crate) fn past_the_range(d: Date) -> Error {
    Error::new(
        "out_of_range",
        format!("the answer would fall on {d}, outside 2000-01-01 to 2199-12-31, the dates the engine answers for"),
    )
}

pub(crate) fn no_working_day(from: Date) -> Error {
    Error::new(
        "no_working_day",
        format!("no working day within {MAX_SCAN_DAYS} days of {from}: check closures and weekly hours"),
    )
}

#[cfg(feature = "full")]
/// Reads a list of weekday keys (`["mon", "tue"]`).
pub(crate) fn read_weekdays(r: &mut Reader, v: &Value, path: &str) -> Option<[bool; 7]> {
    let items = r.list(v, path)?;
    let mut days = [false; 7];
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let Some(s) = r.string(item, &p) else { continue };
        match Weekday::from_key(s) {
            Some(wd) => days[wd.index()] = true,
            None => r.problem(
                "invalid_weekday",
                &p,
                format!("\"{s}\" is not a weekday (mon, tue, wed, thu, fri, sat, sun)"),
            ),
        }
    }
    Some(days)
}

#[cfg(feature = "full")]
pub(crate) const MON_FRI: [bool; 7] = [true, true, true, true, true, false, false];

/// "Mon-Fri", "Mon-Sat", "Tue, Thu" for explanations.
pub(crate) fn describe_weekdays(days: &[bool; 7]) -> String {
    let on: Vec<Weekday> = WEEKDAYS.iter().copied().filter(|w| days[w.index()]).collect();
    match on.as_slice() {
        [] => "no day".into(),
        [first, .., last] if last.index() - first.index() + 1 == on.len() => {
            format!("{}-{}", first.abbr(), last.abbr())
        }
        _ => crate::civil::join(on.iter().map(|w| w.abbr()), ", "),
    }
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;
    use crate::calendar::holiday::{Observed, Rule, When};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn closed(list: &[(&str, &str, &str)]) -> Arc<Holidays> {
        let rules: Vec<Rule> = list
            .iter()
            .map(|(from, to, name)| Rule {
                name: name.to_string(),
                when: When::Dates((0..=d(from).days_until(d(to))).map(|i| d(from).add_days(i)).collect()),
                offset: 0,
                since: i32::MIN,
                until: i32::MAX,
                every: 1,
                except: vec![],
                observed: Observed::None,
            })
            .collect();
        let mut h = Holidays::default();
        h.add_rules(rules, None);
        Arc::new(h)
    }

    #[test]
    fn holidays_win_over_weekdays_and_ranges_expand() {
        let cal = Calendar::new(
            MON_FRI,
            closed(&[("2026-11-26", "2026-11-26", "Thanksgiving Day"), ("2026-12-24", "2026-12-27", "Winter closure")]),
        );
        assert_eq!(cal.day_off(d("2026-11-26")), Some(DayOff::Holiday("Thanksgiving Day")));
        assert_eq!(cal.day_off(d("2026-11-28")), Some(DayOff::Weekday(Weekday::Sat)));
        assert_eq!(cal.day_off(d("2026-12-26")), Some(DayOff::Holiday("Winter closure")));
        assert_eq!(cal.next_working_day(d("2026-12-23")).unwrap(), d("2026-12-28"));
        assert_eq!(cal.next_working_day(d("2026-11-25")).unwrap(), d("2026-11-27"));
        assert_eq!(cal.previous_working_day(d("2026-11-27")).unwrap(), d("2026-11-25"));
        assert_eq!(cal.add_working_days(d("2026-11-25"), 1).unwrap(), d("2026-11-27"));
        assert_eq!(cal.add_working_days(d("2026-11-28"), 1).unwrap(), d("2026-11-30"));
        assert_eq!(cal.add_working_days(d("2026-11-28"), -1).unwrap(), d("2026-11-27"));
        assert_eq!(cal.add_working_days(d("2026-11-28"), 0).unwrap(), d("2026-11-30"));
        assert_eq!(cal.working_days_between(d("2026-11-23"), d("2026-11-30")), 4);
        // Backwards the start counts and the end does not: Tue, Wed, Fri and Mon 30.
        assert_eq!(cal.working_days_between(d("2026-11-30"), d("2026-11-23")), -4);
        assert_eq!(cal.holidays(2026).len(), 5);
    }

    #[test]
    fn the_search_for_a_working_day_is_bounded() {
        let cal =
            Calendar::new([true; 7], closed(&[("2026-01-01", "2026-12-31", "x"), ("2027-01-01", "2027-12-31", "x")]));
        assert_eq!(cal.next_working_day(d("2025-12-31")).unwrap_err().code, "no_working_day");
        assert_eq!(cal.add_working_days(d("2025-12-31"), 2).unwrap_err().code, "no_working_day");
        assert_eq!(cal.add_working_days(d("2025-12-31"), 30_000).unwrap_err().code, "out_of_range");
        // The edge of the supported range ends a search instead of leaving it, and says so.
        let open = Calendar::new(MON_FRI, Arc::new(Holidays::default()));
        let e = open.previous_working_day(MIN_DATE).unwrap_err();
        assert_eq!(e.code, "out_of_range");
        assert!(e.message.contains("1999-12-31, outside 2000-01-01 to 2199-12-31"), "{}", e.message);
    }

    #[test]
    fn weekday_lists_read_for_explanations() {
        assert_eq!(describe_weekdays(&MON_FRI), "Mon-Fri");
        assert_eq!(describe_weekdays(&[true, false, true, false, false, false, false]), "Mon, Wed");
    }
}
