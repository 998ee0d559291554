//! Advisories: temporary delays the merchant declares (`advisories[i]`, docs/policy.md
//! "Advisories"): a storm, a carrier strike, a peak-season backlog. Each has dates, the
//! services, destinations and nodes it affects, and extra handling or transit days.
//!
//! **Active** for a shipment released on one of its dates, in the node's zone (from local
//! midnight of `from` to local midnight after `to`): its days are added to the shipment's
//! handling days (node working days) and transit days (carrier days, earliest and latest
//! alike). Active advisories add up, to at most [`MAX_ADVISORY_DAYS`] each.
//!
//! **Backlog.** A shipment released after an advisory ends is never promised earlier than
//! the same shipment released in the advisory's last instant: parcels handled and carried
//! in turn do not overtake those queued before them. So promises still only move later as
//! orders are placed later, which the order-by searches and deadline tables rely on. A
//! shipment is held to the backlogs of the [`BACKLOGS`] advisories (that affect it) which
//! ended last, within [`BACKLOG_DAYS`] days: each costs an evaluation of rules 2-5, and a
//! backlog is overtaken by those of later advisories or, a year on, by the calendar itself
//! unless a policy closes for most of a year (a compiled policy has the calendars of those
//! days). Overlapping storms beyond four could in principle make a later order's promise
//! earlier by what the fifth adds; the limit keeps a promise's cost bounded.

use super::{Node, Place, Service};
use crate::civil::{Date, TimeOfDay, MAX_DATE, MIN_DATE};
use crate::limits::MAX_ADVISORY_DAYS;
use crate::tz::local_instant;

/// For how many days after an advisory ends its backlog holds.
pub(crate) const BACKLOG_DAYS: i32 = 365;
/// How many backlogs a shipment is held to: those of the advisories that ended last.
pub(crate) const BACKLOGS: usize = 4;

/// A declared delay.
#[derive(Debug)]
pub(crate) struct Advisory {
    /// Kept for compiling again (the lean build reads past it).
    #[cfg(feature = "full")]
    pub(crate) id: Option<String>,
    pub(crate) name: String,
    /// Release dates, node-local, inclusive.
    pub(crate) from: Date,
    pub(crate) to: Date,
    /// The services it affects: bit `i` for `services[i]` (every bit: every service).
    pub(crate) services: u64,
    /// The nodes it affects, as ids, sorted (`None`: every node).
    pub(crate) nodes: Option<Vec<String>>,
    /// The destinations it affects (none: every destination).
    pub(crate) places: Vec<Place>,
    pub(crate) handling: u32,
    pub(crate) transit: u32,
}

impl Advisory {
    /// Whether a destination is in one of its places (none: everywhere).
    pub(crate) fn goes_to(&self, country: &str, region: Option<&str>, postal: &str) -> bool {
        for p in &self.places {
            if p.matches(country, region, postal) {
                return true;
            }
        }
        self.places.is_empty()
    }

    fn affects_node(&self, node: &Node) -> bool {
        self.nodes.as_ref().is_none_or(|n| n.binary_search_by(|id| id.as_str().cmp(&node.id)).is_ok())
    }

    /// Its last instant for `node` (before local midnight after `to`): the release whose
    /// promise its backlog keeps.
    pub(crate) fn last_instant(&self, node: &Node) -> i64 {
        local_instant(node.zone, self.to.succ(), TimeOfDay(0)).0 - 1
    }
}

/// What a service's advisories do to a shipment released at an instant.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Advised {
    /// Extra handling days and extra transit days, the active advisories' together.
    pub(crate) handling: u32,
    pub(crate) transit: u32,
    /// The active ones and those whose backlog holds (bits over the policy's advisories).
    pub(crate) active: u64,
    pub(crate) backlog: u64,
    /// The first instant after the release at which this changes (`i64::MAX`: never).
    pub(crate) until: i64,
}

impl Service {
    /// What the advisories in `mask` (bits over the policy's, those that affect this service
    /// and go to the order's destination: [`super::Lane::advisories`]) do to a shipment from
    /// `node` released at `release`.
    pub(crate) fn advised(&self, mask: u64, node: &Node, release: i64) -> Advised {
        let mut out = Advised { until: i64::MAX, ..Advised::default() };
        if mask == 0 {
            return out;
        }
        // Dates in the node's zone: an advisory starts at local midnight of `from` and ends
        // at local midnight after `to`, so a release is in it when its local date is.
        let day = Date(node.zone.local_parts(release).0);
        // The advisories ended last, whose backlogs count: (end, index).
        let mut last = [(MIN_DATE, 64usize); BACKLOGS];
        let mut next = MAX_DATE.succ();
        for (i, a) in self.advisories.iter().enumerate() {
            if mask >> i & 1 == 0 || !a.affects_node(node) {
                continue;
            }
            let (end, forgotten) = (a.to.succ(), a.to.succ().add_days(BACKLOG_DAYS));
            let boundary = if day < a.from {
                a.from
            } else if day < end {
                out.active |= 1 << i;
                out.handling += a.handling;
                out.transit += a.transit;
                end
            } else if day < forgotten {
                // Kept if among the last to end: each entry of `last` ends after those below it.
                let mut slot = (end, i);
                for kept in &mut last {
                    if slot.0 > kept.0 {
                        std::mem::swap(kept, &mut slot);
                    }
                }
                forgotten
            } else {
                continue;
            };
            next = next.min(boundary);
        }
        if next <= MAX_DATE {
            out.until = local_instant(node.zone, next, TimeOfDay(0)).0;
        }
        for (end, i) in last {
            if end > MIN_DATE {
                out.backlog |= 1 << i;
            }
        }
        out.handling = out.handling.min(MAX_ADVISORY_DAYS);
        out.transit = out.transit.min(MAX_ADVISORY_DAYS);
        out
    }
}

/// A shipment's dates (ship-by instant, earliest and latest delivery), raised to those of
/// one queued before it; whether any moved.
pub(crate) fn keep_behind(dates: (&mut i64, &mut Date, &mut Date), before: (i64, Date, Date)) -> bool {
    let moved = before.0 > *dates.0 || before.1 > *dates.1 || before.2 > *dates.2;
    *dates.0 = (*dates.0).max(before.0);
    *dates.1 = (*dates.1).max(before.1);
    *dates.2 = (*dates.2).max(before.2);
    moved
}
