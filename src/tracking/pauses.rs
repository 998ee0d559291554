//! Pausing holds and how they move a milestone's due (docs/tracking.md, "Pauses").
//!
//! The rules, each chosen so that the due is a continuous function of the holds:
//!
//! - A hold counts for a milestone between the instant its due is reckoned from (placement
//!   for the dues the promise sets; the predecessor's completion, or its due, for a custom
//!   step) and the milestone's completion: a hold after a milestone is met moves nothing.
//! - The due moves out by the working time on hold before it; a hold still open at the due
//!   holds the due until it ends (a milestone on hold does not breach). So a hold that starts
//!   a minute earlier moves the due by at most a minute of working time.
//! - A hold that starts after the due (after a breach) moves nothing.
//! - Holds before the parcel is handed to the carrier move `delivered` only through shipping:
//!   its delivery day moves on by the carrier's transit days the ship day slipped, counting
//!   the handover as no later than the moved ship-by. Holds after handover move it by the
//!   carrier time on hold.

use crate::civil::{Date, MAX_DATE, MS_PER_DAY};
use crate::error::Problem;
use crate::policy::tracking::TrackingRules;
use crate::policy::Service;
use crate::tracking::input::Event;
use crate::tracking::worktime::{merge_spans, Clock, Span};
use crate::tz::TimeZone;
use std::collections::BTreeMap;

/// Pausing holds, merged into spans, and whether one is open now.
pub(crate) struct Holds {
    pub spans: Vec<Span>,
    pub open: bool,
}

/// The pausing holds given for `scope` (a shipment, or `None` for the whole order). A hold
/// of a reason is open from its `hold_started` until the next `hold_ended` of that reason in
/// the same scope; a second `hold_started` while it is open is reported and left out. A hold
/// still open runs until `end` (now, or the cancellation); it is open now unless the order is
/// cancelled.
pub(crate) fn holds(
    rules: &TrackingRules,
    events: &[Event],
    scope: Option<usize>,
    end: i64,
    live: bool,
    warnings: &mut Vec<Problem>,
) -> Holds {
    let mut open: BTreeMap<&str, i64> = BTreeMap::new();
    let mut spans = Vec::new();
    let pausing = |reason: &str| rules.pausing_holds.iter().any(|p| p == reason);
    for e in events.iter().filter(|e| e.shipment == scope) {
        let reason = e.reason.as_deref().unwrap_or_default();
        match e.kind.as_str() {
            "hold_started" => match open.get(reason) {
                Some(_) => warnings.push(Problem {
                    code: "hold_already_open",
                    path: format!("events[{}]", e.index),
                    message: format!("a hold \"{reason}\" starts while one is open; ignored: the open hold runs until its hold_ended"),
                }),
                None => {
                    open.insert(reason, e.at);
                }
            },
            "hold_ended" => match open.remove(reason) {
                Some(a) if pausing(reason) => spans.push((a, e.at)),
                Some(_) => {}
                None => warnings.push(Problem {
                    code: "hold_not_started",
                    path: format!("events[{}]", e.index),
                    message: format!("a hold \"{reason}\" ends that never started; ignored"),
                }),
            },
            _ => {}
        }
    }
    let still: Vec<i64> = open.into_iter().filter(|(r, _)| pausing(r)).map(|(_, a)| a).collect();
    let is_open = live && !still.is_empty();
    spans.extend(still.into_iter().map(|a| (a, end)));
    Holds { spans: merge_spans(spans), open: is_open }
}

/// The parts of `pauses` (sorted, disjoint) inside `[from, to)`.
pub(crate) fn clip(pauses: &[Span], from: i64, to: i64) -> Vec<Span> {
    pauses.iter().map(|&(a, b)| (a.max(from), b.min(to))).filter(|(a, b)| a < b).collect()
}

/// `t`, or the end of the pause it falls in: a milestone on hold at its due is due when the
/// hold ends.
fn resume(t: i64, pauses: &[Span]) -> i64 {
    pauses.iter().find(|(a, b)| *a <= t && t < *b).map_or(t, |p| p.1)
}

/// `due` moved out by the working time on hold between `anchor` and it (`pauses` already
/// clipped to the time the milestone was open), then past a hold open at that instant.
pub(crate) fn moved(clock: &Clock, anchor: i64, due: i64, pauses: &[Span]) -> i64 {
    if pauses.is_empty() {
        return due;
    }
    let lost = clock.working_ms(anchor, due, &[]) - clock.working_ms(anchor, due, pauses);
    let t = if lost > 0 { clock.advance(due, lost, pauses).unwrap_or(due) } else { due };
    resume(t, pauses)
}

/// A step due `within` working milliseconds after `from`, outside `pauses`, then past a hold
/// open at that instant.
pub(crate) fn after(clock: &Clock, from: i64, within: i64, pauses: &[Span]) -> Option<i64> {
    clock.advance(from, within, pauses).map(|t| resume(t, pauses))
}

/// The latest promised delivery day once shipping slipped from `promised_ship` to `handover`
/// (instants, read as dates in the node's `zone`): later by the carrier's transit days in
/// between, then on to a delivery day. Shipping on the promised day or earlier moves nothing.
pub(crate) fn slipped_delivery(
    service: &Service,
    zone: TimeZone,
    promised_ship: i64,
    handover: i64,
    latest: Date,
) -> Date {
    let date = |t: i64| Date((t + i64::from(zone.offset_at(t)) * 1000).div_euclid(MS_PER_DAY) as i32);
    let (from, to) = (date(promised_ship), date(handover));
    let transit = |d: Date| service.transit_calendar.is_working(d);
    let mut slipped = 0;
    let mut d = from;
    while d < to && d < MAX_DATE {
        d = d.succ();
        slipped += u32::from(transit(d));
    }
    let mut out = latest;
    while slipped > 0 && out < MAX_DATE {
        out = out.succ();
        slipped -= u32::from(transit(out));
    }
    // On to a delivery day; a week with none (a policy changed since) leaves the transit day.
    // A stored promise does not name its destination, so its holidays are not known here
    // (docs/tracking.md, "Pauses").
    let day = (0..crate::calendar::MAX_SCAN_DAYS)
        .map(|i| out.add_days(i))
        .find(|d| *d <= MAX_DATE && service.delivers_on(*d, None));
    day.unwrap_or(out)
}
