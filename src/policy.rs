//! The merchant's SLA policy: fulfilment nodes, shipping services, named calendars and
//! release rules, read and validated at load (see `docs/policy.md`).
//!
//! Loading reports every problem at once and rejects policies that could not be
//! evaluated (a node that never works or never ships, a service that never delivers), so
//! such mistakes show up when the policy is saved, not as an error at checkout.

use crate::calendar::{Calendar, DayOff};
use crate::civil::{Date, TimeOfDay};
#[cfg(feature = "full")]
use crate::policy::tracking::TrackingRules;
use crate::tz::TimeZone;
use std::sync::Arc;

pub(crate) mod compiled;
#[cfg(feature = "full")]
mod read;
#[cfg(feature = "full")]
pub(crate) mod tracking;

pub use crate::limits::{MAX_HANDLING_DAYS, MAX_TRANSIT_DAYS};

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
    /// Node indexes in id order: orders name nodes by id, line after line.
    nodes_by_id: Vec<usize>,
    /// Settings that load but have no effect (`no_effect`), with their paths: not errors,
    /// but worth a look (`validatePolicy` and `order-sla validate` list them).
    #[cfg(feature = "full")]
    pub(crate) warnings: Vec<crate::error::Problem>,
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
    special: SpecialDays,
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

/// A special day with when it falls (a policy read from source; a compiled one carries the
/// dates of its years instead).
#[derive(Debug)]
pub(crate) struct Special {
    day: SpecialDay,
    #[cfg(feature = "full")]
    rule: crate::calendar::holiday::Rule,
}

/// A node's special days and when each falls, a year at a time on first use (a yearly
/// special day on each of thousands of nodes is not 200 dates each until it is asked about).
/// The special days of a calendar are read once and shared by the nodes that take it.
#[derive(Debug, Default)]
struct SpecialDays {
    /// In precedence order: the node's own, then those of its calendars, in their order.
    parts: Vec<Arc<[Special]>>,
    /// Each year's dates, sorted, with the part and the index in it of the special day there
    /// (the first listed wins).
    years: crate::calendar::holiday::ByYear<Vec<(Date, (u32, u32))>>,
}

impl SpecialDays {
    fn on(&self, date: Date) -> Option<&SpecialDay> {
        let year = self.years.get(date.year(), || self.expand(date.year()))?;
        let i = year.binary_search_by_key(&date, |(d, _)| *d).ok()?;
        year.get(i).and_then(|(_, at)| self.get(*at))
    }

    fn get(&self, (part, i): (u32, u32)) -> Option<&SpecialDay> {
        self.parts.get(part as usize)?.get(i as usize).map(|s| &s.day)
    }

    /// The dates of `year`, sorted, each with its special day.
    #[cfg(feature = "full")]
    fn year(&self, year: i32) -> impl Iterator<Item = (Date, &SpecialDay)> {
        let dates = self.years.get(year, || self.expand(year)).map_or(&[][..], Vec::as_slice);
        dates.iter().filter_map(|(d, at)| Some((*d, self.get(*at)?)))
    }

    #[cfg(feature = "full")]
    fn expand(&self, year: i32) -> Vec<(Date, (u32, u32))> {
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
    fn expand(&self, _year: i32) -> Vec<(Date, (u32, u32))> {
        Vec::new()
    }
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
        if let Slot::Time(t) = self {
            t
        } else {
            fallback
        }
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

/// Why a node does nothing on a date its zone skipped (docs/policy.md, "Days a zone skips").
const SKIPPED_DAY: &str = "the date does not exist in the node's time zone";

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
        if self.zone.skips(date) {
            return Err(DayOff::Holiday(SKIPPED_DAY));
        }
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

    /// Extra handling days of one line: its SKU's plus each of its tags' (they add up:
    /// engraving then gift wrap takes both). Counted without building text: promises
    /// count them on every evaluation, explanations describe them with `extra_days`.
    pub(crate) fn extra_total<'t>(&self, sku: &str, tags: impl IntoIterator<Item = &'t str>) -> u32 {
        let by_tags: u32 = tags.into_iter().filter_map(|t| extra_of(&self.extra_tags, t)).sum();
        extra_of(&self.extra_skus, sku).unwrap_or(0) + by_tags
    }

    /// The parts of [`Node::extra_total`], named for an explanation.
    pub(crate) fn extra_days(&self, sku: &str, tags: &[String]) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        if let Some(n) = extra_of(&self.extra_skus, sku) {
            out.push((format!("SKU {sku}"), n));
        }
        for tag in tags {
            if let Some(n) = extra_of(&self.extra_tags, tag) {
                out.push((tag.clone(), n));
            }
        }
        out
    }
}

/// The extra days of `key` in a list sorted by key.
fn extra_of(list: &[(String, u32)], key: &str) -> Option<u32> {
    list.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().and_then(|i| list.get(i)).map(|(_, n)| *n)
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
    /// Sorted.
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

/// Why a service cannot carry a shipment: the one place its codes are written (promises,
/// quotes, deadline tables, and the JS wrapper through `quoteInfo`, read them from here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unserved {
    /// The service does not ship from the shipment's node.
    Node,
    /// The service does not deliver to the destination's country.
    Country,
    /// The service has no transit time for the destination.
    NoTransit,
}

impl Unserved {
    /// The codes, in declaration order (the quote's wire format numbers them so).
    pub(crate) const CODES: [&'static str; 3] = ["node_not_served", "country_not_served", "no_transit_time"];

    pub(crate) fn code(self) -> &'static str {
        Unserved::CODES[self as usize]
    }
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
        self.nodes.as_ref().is_none_or(|n| n.binary_search(&node).is_ok())
    }

    pub(crate) fn delivers_on(&self, date: Date) -> bool {
        self.delivery_weekdays[date.weekday().index()]
            && self.transit_calendar.day_off(date).is_none_or(|o| matches!(o, DayOff::Weekday(_)))
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
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        name: Option<String>,
        nodes: Vec<Node>,
        services: Vec<Service>,
        default_node: Option<usize>,
        require_payment_capture: bool,
        #[cfg(feature = "full")] tracking: TrackingRules,
        #[cfg(feature = "full")] calendars: Vec<(String, Calendar)>,
        hash: String,
    ) -> Policy {
        let mut nodes_by_id: Vec<usize> = (0..nodes.len()).collect();
        // The crate's small sort: the lean build reads compiled policies through here too.
        crate::json::heap_sort(&mut nodes_by_id, |a, b| nodes.get(*a).map(|n| &n.id) < nodes.get(*b).map(|n| &n.id));
        Policy {
            name,
            nodes,
            services,
            default_node,
            require_payment_capture,
            #[cfg(feature = "full")]
            tracking,
            #[cfg(feature = "full")]
            calendars,
            hash,
            years: None,
            nodes_by_id,
            #[cfg(feature = "full")]
            warnings: Vec::new(),
        }
    }

    pub(crate) fn node_index(&self, id: &str) -> Option<usize> {
        let id_of = |i: &usize| self.nodes.get(*i).map_or("", |n| n.id.as_str());
        let at = self.nodes_by_id.partition_point(|i| id_of(i) < id);
        self.nodes_by_id.get(at).copied().filter(|i| id_of(i) == id)
    }

    pub(crate) fn default_node(&self) -> Option<usize> {
        self.default_node.or((self.nodes.len() == 1).then_some(0))
    }
}

impl Service {
    pub(crate) fn transit_calendar_weekdays(&self) -> [bool; 7] {
        std::array::from_fn(|i| self.transit_calendar.works_weekday(crate::civil::WEEKDAYS[i]))
    }
}
