//! The merchant's SLA policy: fulfilment nodes, shipping services, named calendars and
//! release rules, read and validated at load (see `docs/policy.md`).
//!
//! Loading reports every problem at once and rejects policies that could not be
//! evaluated (a node that never works or never ships, a service that never delivers), so
//! such mistakes show up when the policy is saved, not as an error at checkout.

use crate::calendar::{Calendar, DayOff};
use crate::civil::{Date, TimeOfDay};
#[cfg(feature = "full")]
use crate::tracking::rules::TrackingRules;
use crate::tz::TimeZone;

pub(crate) mod compiled;
#[cfg(feature = "full")]
mod read;

/// Largest handling time (standard or extra), in working days.
pub const MAX_HANDLING_DAYS: i64 = 60;
/// Largest transit time, in carrier days.
pub const MAX_TRANSIT_DAYS: i64 = 120;
#[cfg(feature = "full")]
/// Most nodes, services or destination rules in one policy.
pub const MAX_ITEMS: usize = 10_000;

/// A validated policy, ready to evaluate orders.
#[derive(Debug)]
pub struct Policy {
    pub name: Option<String>,
    pub nodes: Vec<Node>,
    pub services: Vec<Service>,
    pub(crate) default_node: Option<usize>,
    pub(crate) require_payment_capture: bool,
    /// After checkout: milestones, at-risk rules, pausing holds, routes.
    #[cfg(feature = "full")]
    pub(crate) tracking: TrackingRules,
    /// The policy's own named calendars, resolved (for calendar queries).
    #[cfg(feature = "full")]
    pub(crate) calendars: Vec<(String, Calendar)>,
    /// `sha256:` + hex digest of the policy's canonical JSON (keys sorted, no spaces).
    pub hash: String,
    /// For a compiled policy, the years of the orders it can answer for (`None`: any year).
    pub(crate) years: Option<(i32, i32)>,
}

/// A warehouse or store that ships orders.
#[derive(Debug)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub zone: TimeZone,
    pub(crate) calendar: Calendar,
    week: [Option<DayTimes>; 7],
    #[cfg(feature = "full")]
    /// Working windows per weekday (tracking measures working time in them).
    hours: [Vec<(TimeOfDay, TimeOfDay)>; 7],
    special: Vec<(Date, SpecialDay)>,
    carriers: Vec<(String, CarrierTimes)>,
    pub(crate) handling_days: u32,
    extra_tags: Vec<(String, u32)>,
    extra_skus: Vec<(String, u32)>,
}

#[derive(Clone, Debug)]
struct DayTimes {
    cutoff: TimeOfDay,
    pickup: Option<TimeOfDay>,
}

#[derive(Clone, Debug)]
struct SpecialDay {
    name: String,
    times: DayTimes,
#[cfg(feature = "full")]
    hours: Vec<(TimeOfDay, TimeOfDay)>,
    /// A one-off date opens even on a day the node is otherwise closed; a yearly special
    /// day ("24 December every year") only changes the hours of a day that is worked.
    forced: bool,
}

#[derive(Clone, Debug, Default)]
struct CarrierTimes {
    cutoffs: [Slot; 7],
    pickups: [Slot; 7],
}

/// A weekday's entry in a weekday map: not given, given as `null`, or a time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Slot {
    #[default]
    Unset,
    Null,
    Time(TimeOfDay),
    /// Given but not a time: already reported, and not checked again (no cascades).
    /// Only the policy reader of the full build makes one.
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    Invalid,
}

impl Slot {
    /// A cutoff: this slot's time, else the fallback (`null` is rejected when read).
    fn cutoff_or(self, fallback: TimeOfDay) -> TimeOfDay {
        if let Slot::Time(t) = self { t } else { fallback }
    }

    /// A pickup: this slot's time, none for `null`, else the fallback.
    fn pickup_or(self, fallback: Option<TimeOfDay>) -> Option<TimeOfDay> {
        match self {
            Slot::Time(t) => Some(t),
            Slot::Null => None,
            Slot::Unset | Slot::Invalid => fallback,
        }
    }
}

/// What a node does on one date for one carrier.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OpenDay<'a> {
    pub cutoff: TimeOfDay,
    /// `None`: the carrier does not collect from this node on this date.
    pub pickup: Option<TimeOfDay>,
    /// Name of the special day this date is, if any ("Christmas Eve").
    pub special: Option<&'a str>,
}

impl Node {
    /// The node's cutoff and pickup for `carrier` on `date`, or why it is closed.
    /// Special days override the weekly schedule and carrier times; holidays close.
    pub(crate) fn day(&self, date: Date, carrier: &str) -> Result<OpenDay<'_>, DayOff<'_>> {
        let off = self.calendar.day_off(date);
        if let Some(s) = self.special_on(date).filter(|s| s.forced || off.is_none()) {
            return Ok(OpenDay { cutoff: s.times.cutoff, pickup: s.times.pickup, special: Some(&s.name) });
        }
        if let Some(off) = off {
            return Err(off);
        }
        let wd = date.weekday().index();
        let Some(base) = &self.week[wd] else {
            return Err(DayOff::Weekday(date.weekday()));
        };
        let mut open = OpenDay { cutoff: base.cutoff, pickup: base.pickup, special: None };
        if let Some((_, c)) = self.carriers.iter().find(|(id, _)| id == carrier) {
            open.cutoff = c.cutoffs[wd].cutoff_or(open.cutoff);
            open.pickup = c.pickups[wd].pickup_or(open.pickup);
        }
        Ok(open)
    }

    /// Whether `date` is a working day (handling days count these).
    pub(crate) fn is_working(&self, date: Date) -> bool {
        self.special_on(date).is_some_and(|s| s.forced) || self.calendar.is_working(date)
    }

    #[cfg(feature = "full")]
    /// The node's working windows on `date` (node-local times; empty when closed).
    pub(crate) fn windows(&self, date: Date) -> &[(TimeOfDay, TimeOfDay)] {
        let working = self.calendar.is_working(date);
        match self.special_on(date) {
            Some(s) if s.forced || working => &s.hours,
            _ if working => self.hours.get(date.weekday().index()).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    fn special_on(&self, date: Date) -> Option<&SpecialDay> {
        let i = self.special.binary_search_by_key(&date, |(d, _)| *d).ok()?;
        self.special.get(i).map(|(_, s)| s)
    }

    /// Extra handling days of one line: its SKU's plus each of its tags' (they add up:
    /// engraving then gift wrap takes both). Counted without building text: promises
    /// count them on every evaluation, explanations describe them with `extra_days`.
    pub(crate) fn extra_total<'t>(&self, sku: &str, tags: impl IntoIterator<Item = &'t str>) -> u32 {
        let by_sku = self.extra_skus.iter().find(|(s, _)| s == sku).map_or(0, |(_, n)| *n);
        let by_tags: u32 = tags.into_iter().filter_map(|t| self.extra_tags.iter().find(|(x, _)| x == t)).map(|(_, n)| *n).sum();
        by_sku + by_tags
    }

    /// The parts of [`Node::extra_total`], named for an explanation.
    pub(crate) fn extra_days(&self, sku: &str, tags: &[String]) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        if let Some((_, n)) = self.extra_skus.iter().find(|(s, _)| s == sku) {
            out.push((format!("SKU {sku}"), *n));
        }
        for tag in tags {
            if let Some((_, n)) = self.extra_tags.iter().find(|(t, _)| t == tag) {
                out.push((tag.clone(), *n));
            }
        }
        out
    }
}

/// A carrier service level (e.g. "UPS Ground").
#[derive(Debug)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub carrier: String,
    transit: Option<Transit>,
    destinations: Vec<DestinationRule>,
    countries: Option<Vec<String>>,
    /// Days the carrier moves parcels (transit days), with its holidays.
    pub(crate) transit_calendar: Calendar,
    pub(crate) delivery_weekdays: [bool; 7],
    nodes: Option<Vec<usize>>,
}

/// Transit time in carrier days, optionally with a distribution.
#[derive(Clone, Debug, PartialEq)]
pub struct Transit {
    pub min: u32,
    pub max: u32,
    /// (percentile, days), ascending: `p90 = 4` is (90, 4).
    pub percentiles: Vec<(u8, u32)>,
}

#[derive(Debug)]
struct DestinationRule {
    country: String,
    region: Option<String>,
    postal_prefix: Option<String>,
    transit: Transit,
}

/// Where an order goes, as the engine matches it against services.
#[derive(Clone, Debug, Default)]
pub struct Destination {
    pub country: String,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// The IANA name of the shopper's zone: delivery dates are labelled with it.
    pub zone: Option<&'static str>,
}

/// Why a service cannot carry a shipment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Unserved {
    Country,
    NoTransit,
    Node(String),
}

impl Service {
    /// The transit time to `dest` (most specific rule: postal prefix, then region, then
    /// country, then the service default).
    pub(crate) fn transit_to(&self, dest: &Destination) -> Result<&Transit, Unserved> {
        let postal = dest.postal_code.as_deref().map(normalize_postal).unwrap_or_default();
        self.transit_for(&dest.country, dest.region.as_deref(), &postal)
    }

    /// [`Service::transit_to`] a destination given in parts, the postal code normalized.
    pub(crate) fn transit_for(&self, country: &str, region: Option<&str>, postal: &str) -> Result<&Transit, Unserved> {
        if let Some(countries) = &self.countries {
            if !countries.iter().any(|c| c == country) {
                return Err(Unserved::Country);
            }
        }
        let best = self
            .destinations
            .iter()
            .filter(|r| r.country == country)
            .filter(|r| r.region.is_none() || r.region.as_deref() == region)
            .filter(|r| r.postal_prefix.as_ref().is_none_or(|p| postal.starts_with(p.as_str())))
            .max_by_key(|r| (r.postal_prefix.as_ref().map_or(0, |p| p.len() + 1), r.region.is_some()));
        best.map(|r| &r.transit).or(self.transit.as_ref()).ok_or(Unserved::NoTransit)
    }

    pub(crate) fn ships_from(&self, node: usize) -> bool {
        self.nodes.as_ref().is_none_or(|n| n.contains(&node))
    }

    pub(crate) fn delivers_on(&self, date: Date) -> bool {
        self.delivery_weekdays[date.weekday().index()] && self.transit_calendar.day_off(date).is_none_or(|o| matches!(o, DayOff::Weekday(_)))
    }
}

pub(crate) fn normalize_postal(s: &str) -> String {
    let mut out = String::new();
    normalize_postal_into(s.chars(), &mut out);
    out
}

/// Postal codes match without spaces or dashes, ASCII letters upper case ("sw1a 1aa" is
/// "SW1A1AA"). Into a buffer the caller keeps, for quotes in a batch.
pub(crate) fn normalize_postal_into(chars: impl Iterator<Item = char>, out: &mut String) {
    out.extend(chars.filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()));
}
impl Policy {
    pub(crate) fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    pub(crate) fn default_node(&self) -> Option<usize> {
        self.default_node.or((self.nodes.len() == 1).then_some(0))
    }
}
