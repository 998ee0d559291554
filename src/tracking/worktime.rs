//! Working time: how much of an interval a node (or a carrier) is at work, and which
//! instant is N working milliseconds after or before another, with paused intervals left
//! out. Tracking measures allowances, remaining time and pauses with this.
//!
//! A node works inside its windows (`hours`, special days' hours, nothing on holidays); a
//! carrier works whole days (00:00-24:00 in the destination zone) on its transit days.
//! Local window bounds become instants through the zone's rules, so a window on a DST day
//! is as long as it really is. Every walk is bounded: 400 days without working time end it.

use crate::calendar::MAX_SCAN_DAYS;
use crate::civil::{Date, TimeOfDay, MAX_DATE, MIN_DATE, MS_PER_DAY};
use crate::policy::{Node, Service};
use crate::tz::local_instant;
use crate::tz::TimeZone;

/// Whose working time, with the days already worked out.
#[derive(Clone, Copy)]
pub(crate) struct Clock<'a> {
    who: Who<'a>,
    days: &'a Days,
}

#[derive(Clone, Copy)]
enum Who<'a> {
    Node(&'a Node),
    Carrier { service: &'a Service, zone: TimeZone },
}

/// Each day's working windows as instants, worked out once for all the clocks of one
/// tracking: every milestone of a shipment walks the same days, and resolving a window's
/// local bounds through the zone's rules is most of a walk's cost.
#[derive(Default)]
pub(crate) struct Days(std::cell::RefCell<std::collections::HashMap<DayKey, std::rc::Rc<[Span]>, Quick>>);

/// Whose (node, or service and zone, by address) and which day.
type DayKey = (usize, usize, i32);

/// A multiply-and-add hash for the cache's small integer keys: no attacker chooses them, and
/// the standard hasher cost as much as the offsets it saved.
#[derive(Default, Clone, Copy)]
pub(crate) struct Quick(u64);

impl std::hash::Hasher for Quick {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }

    fn write_i32(&mut self, v: i32) {
        self.write_u64(v as u32 as u64);
    }
}

impl std::hash::BuildHasher for Quick {
    type Hasher = Quick;

    fn build_hasher(&self) -> Quick {
        Quick(0)
    }
}

/// Half-open instants `[start, end)` in epoch milliseconds.
pub(crate) type Span = (i64, i64);

/// The most days one measurement walks (about 200 years), so far-off instants stay bounded.
const MAX_WALK_DAYS: i32 = 80_000;

impl<'a> Clock<'a> {
    /// A node's clock: its windows (hours, special days' hours, nothing on holidays).
    pub(crate) fn node(node: &'a Node, days: &'a Days) -> Clock<'a> {
        Clock { who: Who::Node(node), days }
    }

    /// A carrier's clock: whole transit days in `zone` (the destination's).
    pub(crate) fn carrier(service: &'a Service, zone: TimeZone, days: &'a Days) -> Clock<'a> {
        Clock { who: Who::Carrier { service, zone }, days }
    }

    fn zone(&self) -> TimeZone {
        match self.who {
            Who::Node(n) => n.zone,
            Who::Carrier { zone, .. } => zone,
        }
    }

    /// The working windows of `date` as instants, before pauses.
    fn windows(&self, date: Date) -> std::rc::Rc<[Span]> {
        let key = match self.who {
            Who::Node(n) => (n as *const Node as usize, 0, date.0),
            Who::Carrier { service, zone } => {
                (service as *const Service as usize, zone.name().as_ptr() as usize, date.0)
            }
        };
        if let Some(w) = self.days.0.borrow().get(&key) {
            return std::rc::Rc::clone(w);
        }
        let zone = self.zone();
        let at = |t: TimeOfDay| local_instant(zone, date, t).0;
        let windows: std::rc::Rc<[Span]> = match self.who {
            // The union of the day's windows once they are instants: a window that ends in a
            // spring-forward gap moves forward by it and can overlap the next one (counted once).
            Who::Node(n) => merge_spans(n.windows(date).iter().map(|(a, b)| (at(*a), at(*b))).collect()).into(),
            Who::Carrier { service, .. } if service.transit_calendar.is_working(date) => {
                std::rc::Rc::new([(at(TimeOfDay(0)), at(TimeOfDay::END_OF_DAY))])
            }
            Who::Carrier { .. } => std::rc::Rc::new([]),
        };
        self.days.0.borrow_mut().insert(key, std::rc::Rc::clone(&windows));
        windows
    }

    /// The local date an instant falls on.
    fn date_of(&self, ms: i64) -> Date {
        let local = ms + i64::from(self.zone().offset_at(ms)) * 1000;
        let d = Date(local.div_euclid(MS_PER_DAY) as i32);
        d.clamp(MIN_DATE, MAX_DATE)
    }

    /// Working spans of a date, as instants, with `pauses` (sorted, disjoint) cut out.
    fn spans(&self, date: Date, pauses: &[Span]) -> Vec<Span> {
        let windows = self.windows(date);
        let mut out = Vec::new();
        for &(mut a, b) in windows.iter() {
            let (lo, hi) = (a, b);
            // Pauses are merged and sorted: the ones over this window are found, not scanned.
            let first = pauses.partition_point(|(_, pb)| *pb <= lo);
            for &(pa, pb) in pauses.iter().skip(first).take_while(|(pa, _)| *pa < hi) {
                if pa > a {
                    out.push((a, pa));
                }
                a = a.max(pb);
            }
            if a < b {
                out.push((a, b));
            }
        }
        out
    }

    /// Working milliseconds in `[a, b)` outside `pauses` (0 when `b <= a`).
    pub(crate) fn working_ms(&self, a: i64, b: i64, pauses: &[Span]) -> i64 {
        if b <= a {
            return 0;
        }
        let (first, last) = (self.date_of(a), self.date_of(b));
        let mut total = 0;
        let mut d = first;
        for _ in 0..MAX_WALK_DAYS {
            for (s, e) in self.spans(d, pauses) {
                total += (e.min(b) - s.max(a)).max(0);
            }
            if d >= last || d >= MAX_DATE {
                break;
            }
            d = d.succ();
        }
        total
    }

    /// The instant `amount` working milliseconds after `from`, outside `pauses`; `None`
    /// when the clock does not work for [`MAX_SCAN_DAYS`] days in a row.
    pub(crate) fn advance(&self, from: i64, amount: i64, pauses: &[Span]) -> Option<i64> {
        self.walk(from, amount, pauses, true)
    }

    /// The instant `amount` working milliseconds before `from`, outside `pauses`.
    pub(crate) fn retreat(&self, from: i64, amount: i64, pauses: &[Span]) -> Option<i64> {
        self.walk(from, amount, pauses, false)
    }

    fn walk(&self, from: i64, amount: i64, pauses: &[Span], forward: bool) -> Option<i64> {
        if amount <= 0 {
            return Some(from);
        }
        let mut left = amount;
        let mut d = self.date_of(from);
        let mut idle = 0;
        while idle < MAX_SCAN_DAYS {
            let mut spans = self.spans(d, pauses);
            if !forward {
                spans.reverse();
            }
            let mut worked = false;
            for (s, e) in spans {
                // The part of the span on the walking side of `from`.
                let (s, e) = if forward { (s.max(from), e) } else { (s, e.min(from)) };
                if e <= s {
                    continue;
                }
                worked = true;
                if left <= e - s {
                    return Some(if forward { s + left } else { e - left });
                }
                left -= e - s;
            }
            idle = if worked { 0 } else { idle + 1 };
            if (forward && d >= MAX_DATE) || (!forward && d <= MIN_DATE) {
                return None;
            }
            d = if forward { d.succ() } else { d.pred() };
        }
        None
    }
}

/// Sorts and merges overlapping spans, so overlapping holds count once.
pub(crate) fn merge_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::new();
    for (a, b) in spans.into_iter().filter(|(a, b)| b > a) {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}
