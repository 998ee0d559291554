//! Business calendars: which dates are working days, and why a date is not.
//!
//! A calendar is a set of working weekdays plus named closures (one-off dates and date
//! ranges). Node calendars and carrier calendars are both built from this; named policy
//! calendars (`calendars` in the policy) are merged into the calendars that use them.
//! Every search for a working day is bounded by [`MAX_SCAN_DAYS`].

use crate::civil::{Date, Weekday, WEEKDAYS};
use crate::error::Error;
use crate::read::{index, join, Reader};
use serde_json::Value;

/// The most consecutive days any search skips before giving up with `no_working_day`.
pub const MAX_SCAN_DAYS: i32 = 400;
/// The longest single closure (date range) a policy may declare, in days.
pub const MAX_CLOSURE_DAYS: i32 = 366;
/// The most closed dates one calendar may hold after ranges are expanded.
pub const MAX_CLOSED_DATES: usize = 50_000;

/// Why a date is not a working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayOff<'a> {
    /// The weekday is not worked (e.g. Sunday).
    Weekday(Weekday),
    /// A named holiday or closure.
    Holiday(&'a str),
}

/// Working weekdays and named closures.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    weekdays: [bool; 7],
    /// Closed dates, sorted and unique, each with an index into `names`.
    closed: Vec<(Date, u32)>,
    names: Vec<String>,
}

/// A closure as written in a policy, before it is merged into a calendar.
#[derive(Clone, Debug)]
pub(crate) struct Closure {
    pub from: Date,
    pub to: Date,
    pub name: String,
}

impl Calendar {
    pub(crate) fn new(weekdays: [bool; 7], closures: &[Closure]) -> Result<Calendar, &'static str> {
        let mut names: Vec<String> = Vec::new();
        let mut closed = Vec::new();
        for c in closures {
            let name = match names.iter().position(|n| *n == c.name) {
                Some(i) => i,
                None => {
                    names.push(c.name.clone());
                    names.len() - 1
                }
            };
            let mut d = c.from;
            while d <= c.to {
                closed.push((d, name as u32));
                if closed.len() > MAX_CLOSED_DATES {
                    return Err("too_many_closed_dates");
                }
                d = d.succ();
            }
        }
        // Stable sort keeps the first-declared name when two closures share a date.
        closed.sort_by_key(|(d, _)| *d);
        closed.dedup_by_key(|(d, _)| *d);
        Ok(Calendar { weekdays, closed, names })
    }

    /// `None` when `date` is a working day, otherwise why not. Holidays take precedence
    /// over the weekly pattern so explanations name them ("Thanksgiving Day").
    pub fn day_off(&self, date: Date) -> Option<DayOff<'_>> {
        if let Ok(i) = self.closed.binary_search_by_key(&date, |(d, _)| *d) {
            let name = self.closed.get(i).and_then(|(_, n)| self.names.get(*n as usize));
            return Some(DayOff::Holiday(name.map_or("holiday", |s| s.as_str())));
        }
        let wd = date.weekday();
        (!self.weekdays[wd.index()]).then_some(DayOff::Weekday(wd))
    }

    pub fn is_working(&self, date: Date) -> bool {
        self.day_off(date).is_none()
    }

    pub(crate) fn works_weekday(&self, wd: Weekday) -> bool {
        self.weekdays[wd.index()]
    }

    /// The first working day strictly after `date`, within [`MAX_SCAN_DAYS`].
    pub fn next_working_day(&self, date: Date) -> Result<Date, Error> {
        let mut d = date;
        for _ in 0..MAX_SCAN_DAYS {
            d = d.succ();
            if self.is_working(d) {
                return Ok(d);
            }
        }
        Err(no_working_day(date))
    }
}

pub(crate) fn no_working_day(from: Date) -> Error {
    Error::new(
        "no_working_day",
        format!("no working day within {MAX_SCAN_DAYS} days after {from}: check closures and weekly hours"),
    )
}

/// Reads a list of closures (`[{ "date" | "from"+"to", "name" }]`).
pub(crate) fn read_closures(r: &mut Reader, v: &Value, path: &str, out: &mut Vec<Closure>) {
    let Some(items) = r.list(v, path) else { return };
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let Some(map) = r.object(item, &p, &["date", "from", "to", "name"]) else { continue };
        let name = match map.get("name") {
            Some(v) => r.string(v, &join(&p, "name")).map(str::to_string),
            None => Some("holiday".to_string()),
        };
        let (from, to) = match (map.get("date"), map.get("from"), map.get("to")) {
            (Some(d), None, None) => {
                let d = r.date(d, &join(&p, "date"));
                (d, d)
            }
            (None, Some(f), Some(t)) => (r.date(f, &join(&p, "from")), r.date(t, &join(&p, "to"))),
            _ => {
                r.problem("invalid_closure", &p, "give either \"date\" or both \"from\" and \"to\"");
                continue;
            }
        };
        let (Some(from), Some(to), Some(name)) = (from, to, name) else { continue };
        if to < from {
            r.problem("invalid_range", &join(&p, "to"), format!("{to} is before {from}"));
        } else if from.days_until(to) >= MAX_CLOSURE_DAYS {
            r.problem(
                "closure_too_long",
                &p,
                format!("a closure may last at most {MAX_CLOSURE_DAYS} days; split longer ones or reconsider"),
            );
        } else {
            out.push(Closure { from, to, name });
        }
    }
}

/// Reads a list of weekday keys (`["mon", "tue"]`).
pub(crate) fn read_weekdays(r: &mut Reader, v: &Value, path: &str) -> Option<[bool; 7]> {
    let items = r.list(v, path)?;
    let mut days = [false; 7];
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let Some(s) = r.string(item, &p) else { continue };
        match Weekday::from_key(s) {
            Some(wd) => days[wd.index()] = true,
            None => r.problem("invalid_weekday", &p, format!("\"{s}\" is not a weekday (mon, tue, wed, thu, fri, sat, sun)")),
        }
    }
    Some(days)
}

pub(crate) const MON_FRI: [bool; 7] = [true, true, true, true, true, false, false];

/// "Mon-Fri", "Mon-Sat", "Tue, Thu" for explanations.
pub(crate) fn describe_weekdays(days: &[bool; 7]) -> String {
    let on: Vec<Weekday> = WEEKDAYS.iter().copied().filter(|w| days[w.index()]).collect();
    match on.as_slice() {
        [] => "no day".into(),
        [first, .., last] if last.index() - first.index() + 1 == on.len() => format!("{}-{}", first.abbr(), last.abbr()),
        _ => on.iter().map(|w| w.abbr()).collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn holidays_win_over_weekdays_and_ranges_expand() {
        let cal = Calendar::new(
            MON_FRI,
            &[
                Closure { from: d("2026-11-26"), to: d("2026-11-26"), name: "Thanksgiving Day".into() },
                Closure { from: d("2026-12-24"), to: d("2026-12-27"), name: "Winter closure".into() },
            ],
        )
        .unwrap();
        assert_eq!(cal.day_off(d("2026-11-26")), Some(DayOff::Holiday("Thanksgiving Day")));
        assert_eq!(cal.day_off(d("2026-11-28")), Some(DayOff::Weekday(Weekday::Sat)));
        assert_eq!(cal.day_off(d("2026-12-26")), Some(DayOff::Holiday("Winter closure")));
        assert_eq!(cal.next_working_day(d("2026-12-23")).unwrap(), d("2026-12-28"));
        assert_eq!(cal.next_working_day(d("2026-11-25")).unwrap(), d("2026-11-27"));
    }

    #[test]
    fn the_search_for_a_working_day_is_bounded() {
        let closures: Vec<Closure> = (0..2)
            .map(|i| Closure { from: d("2026-01-01").add_days(i * 366), to: d("2026-01-01").add_days(i * 366 + 365), name: "x".into() })
            .collect();
        let cal = Calendar::new([true; 7], &closures).unwrap();
        assert_eq!(cal.next_working_day(d("2025-12-31")).unwrap_err().code, "no_working_day");
    }

    #[test]
    fn weekday_lists_read_for_explanations() {
        assert_eq!(describe_weekdays(&MON_FRI), "Mon-Fri");
        assert_eq!(describe_weekdays(&[true, false, true, false, false, false, false]), "Mon, Wed");
    }
}
