//! A node's day: what node N does on date D for carrier C. Working windows, cutoffs and
//! pickups in waves, special days, closures and why. The one place these rules live: every
//! evaluator (the explained promise, the day tables and fast quotes, deadline tables,
//! tracking) asks here, through [`Node::day`], [`OpenDay::admits`], [`OpenDay::pickup_from`]
//! and the [`Start`] and [`Ready`] they pass between rules 2 and 4.
//!
//! A day has up to [`WAVES`] waves, each a cutoff with its pickup: released before a wave's
//! cutoff, handling starts in that wave, and on a day with no handling days the parcel
//! leaves at that wave's pickup or a later one. Every table and loop over a day's cutoffs
//! is sized by [`WAVES`] and every search carries the wave it found, so a second daily
//! pickup is a change here (and in the readers that fill [`DayTimes`]) that the compiler
//! carries to every evaluator: docs/design.md, "Adding a policy feature".

use super::Node;
use crate::calendar::DayOff;
use crate::civil::{Date, TimeOfDay};
use crate::tz::{local_instant, LocalKind};
use std::sync::Arc;

/// The most waves (a cutoff and its pickup) a node has in one day: `limits::MAX_WAVES`.
pub(crate) const WAVES: usize = crate::limits::MAX_WAVES;

/// A day's waves, in the order of their cutoffs (pickups in the same order); at least one.
/// A day the node works without any pickup is one wave with no pickup: its cutoff still
/// says when handling starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct DayTimes {
    /// How many of `waves` the day has: 1 to [`WAVES`].
    len: u8,
    waves: [Wave; WAVES],
}

impl Default for DayTimes {
    /// One wave, cut off at midnight with no pickup (what damaged compiled bytes read as).
    fn default() -> DayTimes {
        DayTimes { len: 1, waves: [Wave { cutoff: TimeOfDay(0), pickup: None }; WAVES] }
    }
}

impl DayTimes {
    /// One wave: the one-wave form (`cutoffs` and `pickups`).
    #[cfg(feature = "full")]
    pub(crate) fn one(cutoff: TimeOfDay, pickup: Option<TimeOfDay>) -> DayTimes {
        DayTimes { len: 1, waves: [Wave { cutoff, pickup }; WAVES] }
    }

    /// Up to [`WAVES`] waves, in order (the readers check both); `None` for none or more.
    pub(crate) fn of(list: &[Wave]) -> Option<DayTimes> {
        let first = *list.first()?;
        if list.len() > WAVES {
            return None;
        }
        let mut day = DayTimes { len: list.len() as u8, waves: [first; WAVES] };
        for (slot, w) in day.waves.iter_mut().zip(list) {
            *slot = *w;
        }
        Some(day)
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Wave> {
        self.waves.get(..usize::from(self.len)).unwrap_or_default().iter()
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// The last wave: what a carrier's one-wave form does not give, and what an explanation
    /// names when a release is after every cutoff.
    pub(crate) fn last(&self) -> Wave {
        self.iter().last().copied().unwrap_or(Wave { cutoff: TimeOfDay::END_OF_DAY, pickup: None })
    }

    #[cfg(feature = "full")]
    pub(crate) fn has_pickup(&self) -> bool {
        self.iter().any(|w| w.pickup.is_some())
    }
}

#[derive(Clone, Debug)]
pub(crate) struct SpecialDay {
    pub(crate) name: String,
    pub(crate) times: DayTimes,
    #[cfg(feature = "full")]
    pub(crate) hours: Vec<(TimeOfDay, TimeOfDay)>,
    /// A one-off date opens even on a day the node is otherwise closed; a yearly special
    /// day ("24 December every year") only changes the hours of a day that is worked.
    pub(crate) forced: bool,
}

/// A special day with when it falls (a policy read from source; a compiled one carries the
/// dates of its years instead).
#[derive(Debug)]
pub(crate) struct Special {
    pub(crate) day: SpecialDay,
    #[cfg(feature = "full")]
    pub(crate) rule: crate::calendar::holiday::Rule,
}

/// A node's special days and when each falls, a year at a time on first use (a yearly
/// special day on each of thousands of nodes is not 200 dates each until it is asked about).
/// The special days of a calendar are read once and shared by the nodes that take it.
#[derive(Debug, Default)]
pub(crate) struct SpecialDays {
    /// In precedence order: the node's own, then those of its calendars, in their order.
    pub(crate) parts: Vec<Arc<[Special]>>,
    /// Each year's dates, sorted, with the part and the index in it of the special day there
    /// (the first listed wins).
    pub(crate) years: crate::calendar::holiday::ByYear<Vec<(Date, (u32, u32))>>,
}

impl SpecialDays {
    pub(crate) fn on(&self, date: Date) -> Option<&SpecialDay> {
        let year = self.years.get(date.year(), || self.expand(date.year()))?;
        let i = year.binary_search_by_key(&date, |(d, _)| *d).ok()?;
        year.get(i).and_then(|(_, at)| self.get(*at))
    }

    pub(crate) fn get(&self, (part, i): (u32, u32)) -> Option<&SpecialDay> {
        self.parts.get(part as usize)?.get(i as usize).map(|s| &s.day)
    }

    /// The dates of `year`, sorted, each with its special day.
    #[cfg(feature = "full")]
    pub(crate) fn year(&self, year: i32) -> impl Iterator<Item = (Date, &SpecialDay)> {
        let dates = self.years.get(year, || self.expand(year)).map_or(&[][..], Vec::as_slice);
        dates.iter().filter_map(|(d, at)| Some((*d, self.get(*at)?)))
    }

    #[cfg(feature = "full")]
    pub(crate) fn expand(&self, year: i32) -> Vec<(Date, (u32, u32))> {
        let (Some(lo), Some(hi)) = (Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (p, part) in self.parts.iter().enumerate() {
            for (i, s) in part.iter().enumerate() {
                out.extend(s.rule.dates_between(lo, hi).into_iter().map(|d| (d, (p as u32, i as u32))));
            }
        }
        // Stable: on a date two special days share, the first listed wins.
        out.sort_by_key(|(d, _)| *d);
        out.dedup_by_key(|(d, _)| *d);
        out
    }

    #[cfg(not(feature = "full"))]
    pub(crate) fn expand(&self, _year: i32) -> Vec<(Date, (u32, u32))> {
        Vec::new()
    }
}

/// A carrier's own waves at a node, per weekday: where it has none, the node's apply.
/// Worked out when the policy is read (a carrier's one-wave `cutoffs`/`pickups` over the
/// node's waves included), so that a day's waves are looked up, never assembled. Each
/// distinct day once, with the weekdays it applies to as bits (Monday the lowest): a
/// policy's memory stays in proportion to its text.
#[derive(Clone, Debug, Default)]
pub(crate) struct CarrierTimes {
    pub(crate) days: Vec<(u8, DayTimes)>,
}

impl CarrierTimes {
    /// Sets the carrier's waves on weekday `wd` (0 = Monday).
    pub(crate) fn set(&mut self, wd: usize, day: DayTimes) {
        match self.days.iter_mut().find(|(_, d)| *d == day) {
            Some((mask, _)) => *mask |= 1 << wd,
            None => self.days.push((1 << wd, day)),
        }
    }

    pub(crate) fn on(&self, wd: usize) -> Option<&DayTimes> {
        self.days.iter().find(|(mask, _)| mask & (1 << wd) != 0).map(|(_, d)| d)
    }
}

/// Why a node does nothing on a date its zone skipped (docs/policy.md, "Days a zone skips").
const SKIPPED_DAY: &str = "the date does not exist in the node's time zone";

/// One wave of a day: released strictly before `cutoff`, handled in it; `pickup` (if any)
/// is when the carrier collects.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Wave {
    pub cutoff: TimeOfDay,
    pub pickup: Option<TimeOfDay>,
}

/// What a node does on one open date for one carrier.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OpenDay<'a> {
    /// The day's waves, in the order of their cutoffs.
    pub waves: &'a DayTimes,
    /// Name of the special day this date is, if any ("Christmas Eve").
    pub special: Option<&'a str>,
}

/// Where handling of a release starts: a day, and the wave of it whose cutoff admits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Start {
    pub day: Date,
    pub wave: usize,
}

/// From when a parcel can be picked up: a day, and the first wave of it that may collect it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ready {
    pub day: Date,
    pub wave: usize,
}

impl Start {
    /// Ready on `day` (the last handling day): from this start's own wave when that is the
    /// start's day (no handling days), else from the first wave of `day`.
    pub(crate) fn ready_on(self, day: Date) -> Ready {
        Ready { day, wave: if day == self.day { self.wave } else { 0 } }
    }
}

impl OpenDay<'_> {
    /// The first wave whose cutoff on `date` `release` is strictly before, with the cutoff
    /// as an instant and how the zone resolved it (a gap moves it forward).
    pub(crate) fn admits(&self, node: &Node, date: Date, release: i64) -> Option<(Start, Wave, i64, LocalKind)> {
        self.waves.iter().enumerate().find_map(|(i, &w)| {
            let (at, kind) = local_instant(node.zone, date, w.cutoff);
            (release < at).then_some((Start { day: date, wave: i }, w, at, kind))
        })
    }

    /// The first wave from `from` on with a pickup: its index, the pickup's time, instant
    /// and how the zone resolved it.
    pub(crate) fn pickup_from(
        &self,
        node: &Node,
        date: Date,
        from: usize,
    ) -> Option<(usize, TimeOfDay, i64, LocalKind)> {
        self.waves.iter().enumerate().skip(from).find_map(|(i, w)| {
            let p = w.pickup?;
            let (at, kind) = local_instant(node.zone, date, p);
            Some((i, p, at, kind))
        })
    }

    /// The last wave's cutoff: what an explanation names when the release is after all.
    pub(crate) fn last_cutoff(&self) -> TimeOfDay {
        self.waves.last().cutoff
    }

    /// `{before}wave 2 of 3` on a day of several waves, else nothing: how explanations
    /// name a wave.
    pub(crate) fn wave_name(&self, wave: usize, before: &str) -> String {
        match self.waves.len() {
            0 | 1 => String::new(),
            n => format!("{before}wave {} of {n}", wave + 1),
        }
    }

    /// Each wave's cutoff and pickup as instants on `date` (`i64::MIN` for none): the rows
    /// of the day tables.
    pub(crate) fn instants(&self, node: &Node, date: Date) -> [(i64, i64); WAVES] {
        let mut out = [(i64::MIN, i64::MIN); WAVES];
        for (slot, w) in out.iter_mut().zip(self.waves.iter()) {
            slot.0 = local_instant(node.zone, date, w.cutoff).0;
            slot.1 = w.pickup.map_or(i64::MIN, |p| local_instant(node.zone, date, p).0);
        }
        out
    }
}

impl Node {
    /// The node's waves for `carrier` on `date`, or why it is closed. Special days override
    /// the weekly schedule and carrier times; holidays close; a date the zone skipped is none.
    pub(crate) fn day(&self, date: Date, carrier: &str) -> Result<OpenDay<'_>, DayOff<'_>> {
        if self.zone.skips(date) {
            return Err(DayOff::Holiday(SKIPPED_DAY));
        }
        let off = self.calendar.day_off(date);
        if let Some(s) = self.special_on(date).filter(|s| s.forced || off.is_none()) {
            return Ok(OpenDay { waves: &s.times, special: Some(&s.name) });
        }
        if let Some(off) = off {
            return Err(off);
        }
        let waves = self.weekly(date.weekday(), carrier).ok_or(DayOff::Weekday(date.weekday()))?;
        Ok(OpenDay { waves, special: None })
    }

    /// The weekly schedule's waves for `carrier` on `wd` (special days aside), or none on a
    /// weekday the node does not work: the node's, or the carrier's where it has its own.
    pub(crate) fn weekly(&self, wd: crate::civil::Weekday, carrier: &str) -> Option<&DayTimes> {
        let base = self.week.get(wd.index())?.as_ref()?;
        let own = self.carriers.iter().find(|(id, _)| id == carrier).and_then(|(_, c)| c.on(wd.index()));
        Some(own.unwrap_or(base))
    }

    /// Whether the weekly schedule (special days aside) has a pickup for `carrier` on `wd`.
    #[cfg(feature = "full")]
    pub(crate) fn picks_up_weekly(&self, wd: crate::civil::Weekday, carrier: &str) -> bool {
        self.weekly(wd, carrier).is_some_and(|d| d.has_pickup())
    }

    /// Whether `date` is a working day (handling days count these).
    pub(crate) fn is_working(&self, date: Date) -> bool {
        !self.zone.skips(date) && (self.special_on(date).is_some_and(|s| s.forced) || self.calendar.is_working(date))
    }

    #[cfg(feature = "full")]
    /// The node's working windows on `date` (node-local times; empty when closed).
    pub(crate) fn windows(&self, date: Date) -> &[(TimeOfDay, TimeOfDay)] {
        let working = self.calendar.is_working(date);
        match self.special_on(date) {
            _ if self.zone.skips(date) => &[],
            Some(s) if s.forced || working => &s.hours,
            _ if working => self.hours.get(date.weekday().index()).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    fn special_on(&self, date: Date) -> Option<&SpecialDay> {
        self.special.on(date)
    }
}
