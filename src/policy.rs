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

mod advisory;
pub(crate) mod compiled;
mod restrictions;
mod schedule;
pub(crate) use advisory::{keep_behind, Advised, Advisory};
pub(crate) use restrictions::{Cart, Excluded, Refusal, Restrictions};
pub(crate) use schedule::{CarrierTimes, DayTimes, Ready, Special, SpecialDay, SpecialDays, Start, Wave, WAVES};
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
    /// Orders ship complete unless they say otherwise (`release.shipComplete`).
    pub(crate) ship_complete: bool,
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
    /// Each row of the day tables: a service, and the destination rule whose holidays it
    /// counts (`None`: the service's own calendars only). The first rows are the services'.
    pub(crate) lanes: Vec<(usize, Option<usize>)>,
    /// Declared delays, in the policy's order (each service shares them).
    pub(crate) advisories: Arc<[Advisory]>,
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

impl Node {
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
    /// The service's row in the day tables (its own index; set by [`Policy::new`]).
    lane: usize,
    /// Which orders it may carry.
    pub(crate) restrictions: Restrictions,
    /// The policy's advisories (set by [`Policy::set_advisories`]): at most 64, one bit each
    /// in [`Lane::advisories`].
    pub(crate) advisories: Arc<[Advisory]>,
}

/// Transit time in carrier days, optionally with a distribution.
#[derive(Clone, Debug, PartialEq)]
pub struct Transit {
    pub min: u32,
    pub max: u32,
    /// (percentile, days), ascending: `p90 = 4` is (90, 4).
    pub percentiles: Vec<(u8, u32)>,
}

/// Where a rule applies: a country, optionally one of its regions, optionally postal codes
/// with a prefix (normalized as [`normalize_postal`]).
#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub(crate) country: String,
    pub(crate) region: Option<String>,
    pub(crate) postal_prefix: Option<String>,
}

impl Place {
    /// Whether a destination (its postal code normalized) is in this place.
    pub(crate) fn matches(&self, country: &str, region: Option<&str>, postal: &str) -> bool {
        self.country == country
            && self.region.as_ref().is_none_or(|x| Some(x.as_str()) == region)
            && self.postal_prefix.as_ref().is_none_or(|p| postal.starts_with(p.as_str()))
    }

    /// How specific it is: a longer postal prefix, then a region, then the country alone.
    fn specificity(&self) -> (usize, bool) {
        (self.postal_prefix.as_ref().map_or(0, |p| p.len() + 1), self.region.is_some())
    }
}

#[derive(Debug)]
struct DestinationRule {
    place: Place,
    /// `None`: the transit time of a less specific rule, or the service's.
    transit: Option<Transit>,
    /// The destination's holidays (`calendars`, `holidays`), if the rule gives them.
    holidays: Option<DestinationHolidays>,
}

/// The public holidays of a destination, and what they stop (docs/policy.md, "Destination
/// calendars").
#[derive(Debug)]
pub(crate) struct DestinationHolidays {
    /// The destination's calendars merged; every weekday counts as worked (a destination's
    /// weekend is not the carrier's: only its holidays are read).
    pub(crate) calendar: Calendar,
    /// Whether a holiday is no transit day either (`holidaysStop: "transit"`, the default)
    /// or only no delivery day (`"delivery"`).
    pub(crate) stops_transit: bool,
    /// The service's row in the day tables for this destination (set by [`Policy::new`]).
    pub(crate) lane: usize,
}

/// A service as it goes to one destination: its transit time, the destination's holidays
/// if it has any, and its row in the day tables.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lane<'a> {
    pub(crate) transit: &'a Transit,
    pub(crate) holidays: Option<&'a DestinationHolidays>,
    pub(crate) index: usize,
    /// The policy's advisories that affect the service and go to the destination, one bit each.
    pub(crate) advisories: u64,
}

impl DestinationHolidays {
    /// The destination's holiday on `date`, if any.
    pub(crate) fn on(&self, date: Date) -> Option<&str> {
        match self.calendar.day_off(date)? {
            DayOff::Holiday(name) => Some(name),
            DayOff::Weekday(_) => None,
        }
    }
}

/// The destination's holiday on `date` if it stops transit there (`holidaysStop: "transit"`).
pub(crate) fn stops_transit(dest: Option<&DestinationHolidays>, date: Date) -> Option<&str> {
    dest.filter(|h| h.stops_transit).and_then(|h| h.on(date))
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
    /// The transit time to `dest` and the destination's holidays: each from the most specific
    /// rule that gives it (postal prefix, then region, then country), transit else from the
    /// service.
    pub(crate) fn lane_to(&self, dest: &Destination) -> Result<Lane<'_>, Unserved> {
        let postal = dest.postal_code.as_deref().map(normalize_postal).unwrap_or_default();
        self.lane_for(&dest.country, dest.region.as_deref(), &postal)
    }

    /// [`Service::lane_to`] a destination given in parts, the postal code normalized.
    pub(crate) fn lane_for(&self, country: &str, region: Option<&str>, postal: &str) -> Result<Lane<'_>, Unserved> {
        if let Some(countries) = &self.countries {
            if !countries.iter().any(|c| c == country) {
                return Err(Unserved::Country);
            }
        }
        // One pass: the most specific rule giving each (the last of equals, as `max_by_key`).
        let (mut transit, mut holidays) = (None, None);
        for r in &self.destinations {
            if !r.place.matches(country, region, postal) {
                continue;
            }
            let key = r.place.specificity();
            if let Some(t) = &r.transit {
                if transit.is_none_or(|(k, _)| key >= k) {
                    transit = Some((key, t));
                }
            }
            if let Some(h) = &r.holidays {
                if holidays.is_none_or(|(k, _)| key >= k) {
                    holidays = Some((key, h));
                }
            }
        }
        let transit = transit.map(|(_, t)| t).or(self.transit.as_ref()).ok_or(Unserved::NoTransit)?;
        let holidays = holidays.map(|(_, h)| h);
        let mut advisories = 0;
        for (i, a) in self.advisories.iter().enumerate() {
            if a.services >> self.lane & 1 == 1 && a.goes_to(country, region, postal) {
                advisories |= 1 << i;
            }
        }
        Ok(Lane { transit, holidays, index: holidays.map_or(self.lane, |h| h.lane), advisories })
    }

    pub(crate) fn ships_from(&self, node: usize) -> bool {
        self.nodes.as_ref().is_none_or(|n| n.binary_search(&node).is_ok())
    }

    /// Whether the service delivers on `date` to a destination with holidays `dest`.
    pub(crate) fn delivers_on(&self, date: Date, dest: Option<&DestinationHolidays>) -> bool {
        self.delivery_weekdays[date.weekday().index()]
            && self.transit_calendar.day_off(date).is_none_or(|o| matches!(o, DayOff::Weekday(_)))
            && dest.and_then(|h| h.on(date)).is_none()
    }

    /// Whether the service moves parcels on `date` to a destination with holidays `dest`.
    pub(crate) fn transit_day(&self, date: Date, dest: Option<&DestinationHolidays>) -> bool {
        self.transit_calendar.day_off(date).is_none() && stops_transit(dest, date).is_none()
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
        let mut services = services;
        let lanes = number_lanes(&mut services);
        let mut nodes_by_id: Vec<usize> = (0..nodes.len()).collect();
        // The crate's small sort: the lean build reads compiled policies through here too.
        crate::json::heap_sort(&mut nodes_by_id, |a, b| nodes.get(*a).map(|n| &n.id) < nodes.get(*b).map(|n| &n.id));
        Policy {
            name,
            nodes,
            services,
            default_node,
            require_payment_capture,
            ship_complete: false,
            #[cfg(feature = "full")]
            tracking,
            #[cfg(feature = "full")]
            calendars,
            hash,
            years: None,
            nodes_by_id,
            lanes,
            advisories: Arc::new([]),
            #[cfg(feature = "full")]
            warnings: Vec::new(),
        }
    }

    /// Sets the policy's advisories, shared with its services.
    pub(crate) fn set_advisories(&mut self, list: Vec<Advisory>) {
        self.advisories = list.into();
        for service in &mut self.services {
            service.advisories = Arc::clone(&self.advisories);
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

/// Numbers the day tables' rows: one per service, then one per destination rule with
/// holidays (rules that share a calendar share a row).
#[inline(never)]
fn number_lanes(services: &mut [Service]) -> Vec<(usize, Option<usize>)> {
    let mut lanes: Vec<(usize, Option<usize>)> = (0..services.len()).map(|s| (s, None)).collect();
    for (si, service) in services.iter_mut().enumerate() {
        service.lane = si;
        let mut seen: Vec<(*const crate::calendar::holiday::Holidays, bool, usize)> = Vec::new();
        for (ri, rule) in service.destinations.iter_mut().enumerate() {
            let Some(h) = &mut rule.holidays else { continue };
            let key = (h.calendar.holidays_ptr(), h.stops_transit);
            h.lane = match seen.iter().find(|(p, t, _)| (*p, *t) == key) {
                Some((_, _, lane)) => *lane,
                None => {
                    lanes.push((si, Some(ri)));
                    seen.push((key.0, key.1, lanes.len() - 1));
                    lanes.len() - 1
                }
            };
        }
    }
    lanes
}

impl Service {
    /// The service's place in the policy's `services` (paths name it).
    pub(crate) fn index(&self) -> usize {
        self.lane
    }

    /// The destination holidays of the day tables' row for `rule` (`None`: the service's own row).
    pub(crate) fn holidays_of(&self, rule: Option<usize>) -> Option<&DestinationHolidays> {
        self.destinations.get(rule?)?.holidays.as_ref()
    }

    pub(crate) fn transit_calendar_weekdays(&self) -> [bool; 7] {
        std::array::from_fn(|i| self.transit_calendar.works_weekday(crate::civil::WEEKDAYS[i]))
    }
}
