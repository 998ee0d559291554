//! The delivery promise at checkout, as the shopper and the merchant read it: ship-by,
//! delivery window, order-by and why, per shipping option, built from the evaluation
//! (`crate::eval`, where the rules are), with its JSON.

use crate::civil::Date;
use crate::civil::{format_local, Instant};
use crate::error::Error;
use crate::eval::{
    check_options, complete_differs, compute_option, group_lines, hold_until, summarize, summary_at, wanted_services,
    window_until, Calc, Group, Offer, OptionCalc, PromiseOptions, Promised, Reason, Recalled, Step, Summary,
};
use crate::json::{Obj, ToJson};
use crate::order::Order;
use crate::policy::Policy;
use crate::tz::{TimeZone, TZDATA_VERSION};
use crate::ENGINE_VERSION;

/// The promise for one order: one entry per shipping option.
#[derive(Clone, Debug)]
pub struct Promise {
    pub order_id: Option<String>,
    pub placed_at: String,
    pub options: Vec<ShippingOption>,
    pub policy_hash: String,
    pub engine_version: &'static str,
    pub tzdata_version: &'static str,
    /// The version of the built-in calendar presets ([`crate::calendar::preset::PRESETS_VERSION`]).
    pub presets_version: &'static str,
}

/// One shipping service's promise for the whole order, or why it is not offered.
#[derive(Clone, Debug)]
pub struct ShippingOption {
    pub service: String,
    pub service_name: String,
    pub carrier: String,
    pub available: bool,
    pub reason: Option<Reason>,
    /// The last shipment's ship-by.
    pub ship_by: Option<Moment>,
    /// When the whole order arrives: latest shipment's earliest .. latest shipment's latest.
    pub delivery: Option<Window>,
    /// The first instant at which any part of this promise changes (the countdown target).
    pub order_by: Option<Moment>,
    /// The promise for an order placed exactly at `orderBy`.
    pub next: Option<NextPromise>,
    /// The first instant at which the delivery window changes: the shopper's countdown
    /// (`orderBy` or later; the ship-by of one of several shipments may change first).
    pub window_order_by: Option<Moment>,
    /// The delivery window for an order placed at `windowOrderBy`.
    pub window_next: Option<Window>,
    /// For lines available on different dates: the promise of the other choice between
    /// splitting into shipments and shipping complete.
    pub alternative: Option<Alternative>,
    pub shipments: Vec<Shipment>,
}

/// The promise of the choice the order did not make between splitting and shipping complete.
#[derive(Clone, Debug)]
pub struct Alternative {
    /// Whether this alternative ships complete (else it splits).
    pub ship_complete: bool,
    /// How many shipments it makes.
    pub shipments: usize,
    pub ship_by: Moment,
    pub delivery: Window,
}

/// An instant with its local form in the zone it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    pub utc: String,
    pub local: String,
    pub zone: &'static str,
    pub epoch_ms: i64,
}

impl Moment {
    /// The instant with only its local date as text (`local` is `YYYY-MM-DD`, `utc` empty):
    /// for results that are read as numbers (the audit's).
    #[cfg(feature = "full")]
    pub(crate) fn dated(epoch_ms: i64, zone: TimeZone) -> Moment {
        Moment {
            utc: String::new(),
            local: Date(zone.local_parts(epoch_ms).0).to_string(),
            zone: zone.name(),
            epoch_ms,
        }
    }

    pub(crate) fn new(epoch_ms: i64, zone: TimeZone) -> Moment {
        Moment {
            utc: format_local(epoch_ms, 0),
            local: format_local(epoch_ms, zone.offset_at(epoch_ms)),
            zone: zone.name(),
            epoch_ms,
        }
    }
}

/// Delivery dates (inclusive) in the destination's zone.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    pub earliest: String,
    pub latest: String,
    /// The percentile `latest` was taken from (0.9 for p90); `null` for the carrier's range.
    pub confidence: Option<f64>,
    pub zone: &'static str,
}

#[derive(Clone, Debug)]
pub struct NextPromise {
    pub ship_by: Moment,
    pub delivery: Window,
    pub order_by: Moment,
}

/// One parcel: the lines from one node released together.
#[derive(Clone, Debug)]
pub struct Shipment {
    pub node: String,
    pub node_name: String,
    pub lines: Vec<String>,
    pub released_at: Moment,
    pub handling_starts: String,
    pub ship_by: Moment,
    pub delivery: Window,
    pub order_by: Moment,
    pub explanation: Vec<Step>,
}

fn window(earliest: Date, latest: Date, confidence: Option<f64>, zone: &'static str) -> Window {
    Window { earliest: earliest.to_string(), latest: latest.to_string(), confidence, zone }
}

/// The promise for `order` under `policy`.
pub fn promise(policy: &Policy, order: &Order, opts: PromiseOptions) -> Result<Promise, Error> {
    check_options(opts)?;
    let complete = order.ships_complete(policy);
    let groups = group_lines(&order.lines, complete);
    // The other choice, where it makes other shipments: the checkout can offer both.
    let other = complete_differs(&order.lines).then(|| group_lines(&order.lines, !complete));
    let mut options = Vec::new();
    for service in wanted_services(policy, order) {
        let mut option = ShippingOption {
            service: service.id.clone(),
            service_name: service.name.clone(),
            carrier: service.carrier.clone(),
            available: false,
            reason: None,
            ship_by: None,
            delivery: None,
            order_by: None,
            next: None,
            window_order_by: None,
            window_next: None,
            alternative: None,
            shipments: Vec::new(),
        };
        let offer = Offer::new(service, &order.destination);
        match compute_option(policy, order, &groups, &offer, order.placed_at.0, opts, true) {
            Err(reason) => option.reason = Some(reason),
            Ok(calc) => fill_option(policy, order, &groups, &offer, opts, calc, &mut option),
        }
        if let (Some(other), Some(dest_zone)) = (&other, option.delivery.as_ref().map(|d| d.zone)) {
            option.alternative = alternative(policy, order, other, &offer, opts, (!complete, dest_zone));
        }
        options.push(option);
    }
    Ok(Promise {
        order_id: order.id.clone(),
        placed_at: Instant(order.placed_at.0).to_utc_string(),
        options,
        policy_hash: policy.hash.clone(),
        engine_version: ENGINE_VERSION,
        tzdata_version: TZDATA_VERSION,
        presets_version: crate::calendar::preset::PRESETS_VERSION,
    })
}

/// The promise of the other choice between splitting and shipping complete, without text or
/// countdown (no order-by search: promising the order with that choice gives those).
fn alternative(
    policy: &Policy,
    order: &Order,
    groups: &[Group<'_>],
    offer: &Offer<'_>,
    opts: PromiseOptions,
    (ship_complete, dest_zone): (bool, &'static str),
) -> Option<Alternative> {
    let recalled = Recalled::default();
    let Summary { promised, .. } = summary_at(policy, order, groups, offer, opts, order.placed_at.0, &recalled)?;
    // Its instants in the first shipment's node's zone, as a promise's order-by is.
    let zone = groups.first().and_then(|g| policy.nodes.get(g.node))?.zone;
    Some(Alternative {
        ship_complete,
        shipments: groups.len(),
        ship_by: Moment::new(promised.ship_by, zone),
        delivery: window(promised.earliest, promised.latest, promised.confidence, dest_zone),
    })
}

fn fill_option(
    policy: &Policy,
    order: &Order,
    groups: &[Group<'_>],
    offer: &Offer<'_>,
    opts: PromiseOptions,
    calc: OptionCalc,
    option: &mut ShippingOption,
) {
    let zone_of = |gi: usize| groups.get(gi).and_then(|g| policy.nodes.get(g.node)).map(|n| n.zone);
    let Some(first_zone) = calc.shipments.first().and_then(|(gi, _)| zone_of(*gi)) else { return };
    let dest_zone = order.destination.zone.unwrap_or(first_zone.name());
    let Some(Summary { promised, order_by }) = summarize(&calc.shipments) else { return };
    let Promised { ship_by, earliest, latest, confidence } = promised;
    let recalled = Recalled::default();
    let at = |t| summary_at(policy, order, groups, offer, opts, t, &recalled);
    let held = hold_until(&promised, order_by, &at);
    let (window_order_by, window_next) = window_until(&promised, held, &at);
    let (order_by, next) = held;
    // Order-level instants are shown in the zone of the shipment that sets them.
    let zone_at = |t: i64, pick: fn(&Calc) -> i64| {
        calc.shipments.iter().find(|(_, c)| pick(c) == t).and_then(|(gi, _)| zone_of(*gi)).unwrap_or(first_zone)
    };
    let ship_zone = zone_at(ship_by, |c| c.ship_by);
    // The held order-by need not be any one shipment's cutoff: show it in the first node's zone.
    let order_zone = first_zone;
    option.available = true;
    option.ship_by = Some(Moment::new(ship_by, ship_zone));
    option.order_by = Some(Moment::new(order_by, order_zone));
    option.delivery = Some(window(earliest, latest, confidence, dest_zone));
    option.window_order_by = Some(Moment::new(window_order_by, order_zone));
    option.window_next = window_next.map(|d| window(d.earliest, d.latest, confidence, dest_zone));
    if let Some(Summary { promised: n, order_by: n_order }) = next {
        option.next = Some(NextPromise {
            ship_by: Moment::new(n.ship_by, ship_zone),
            delivery: window(n.earliest, n.latest, n.confidence, dest_zone),
            order_by: Moment::new(n_order, order_zone),
        });
    }
    for (gi, c) in calc.shipments {
        let (Some(group), Some(zone)) = (groups.get(gi), zone_of(gi)) else { continue };
        let Some(node) = policy.nodes.get(group.node) else { continue };
        let one = std::slice::from_ref(group);
        let recalled = Recalled::default();
        let promised =
            Promised { ship_by: c.ship_by, earliest: c.earliest, latest: c.latest, confidence: c.confidence };
        let (shipment_order_by, _) =
            hold_until(&promised, c.order_by, &|t| summary_at(policy, order, one, offer, opts, t, &recalled));
        option.shipments.push(Shipment {
            node: node.id.clone(),
            node_name: node.name.clone(),
            lines: group.lines.iter().map(|l| l.sku.clone()).collect(),
            released_at: Moment::new(c.release, zone),
            handling_starts: c.start.day.to_string(),
            ship_by: Moment::new(c.ship_by, zone),
            delivery: window(c.earliest, c.latest, c.confidence, dest_zone),
            order_by: Moment::new(shipment_order_by, zone),
            explanation: c.steps,
        });
    }
}

// How each result is written: one writer per type (docs/design.md, "JSON").

/// A confidence is a percentile over 100 (`0.9` for p90, `1.0` for p100): written as
/// serde_json writes those doubles, without float formatting.
fn confidence(out: &mut String, c: Option<f64>) {
    let Some(c) = c else { return out.push_str("null") };
    let k = (c * 100.0).round() as u32;
    match k {
        100.. => out.push_str("1.0"),
        k if k % 10 == 0 => {
            out.push_str("0.");
            crate::civil::push_digits(out, k / 10, 1);
        }
        k => {
            out.push_str("0.");
            crate::civil::push_digits(out, k, 2);
        }
    }
}

impl ToJson for Promise {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .opt_str("orderId", self.order_id.as_deref())
            .str("placedAt", &self.placed_at)
            .list("options", &self.options)
            .str("policyHash", &self.policy_hash)
            .str("engineVersion", self.engine_version)
            .str("tzdataVersion", self.tzdata_version)
            .str("presetsVersion", self.presets_version)
            .end();
    }
}

impl ToJson for ShippingOption {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("service", &self.service)
            .str("serviceName", &self.service_name)
            .str("carrier", &self.carrier)
            .bool("available", self.available)
            .opt("reason", self.reason.as_ref())
            .opt("shipBy", self.ship_by.as_ref())
            .opt("delivery", self.delivery.as_ref())
            .opt("orderBy", self.order_by.as_ref())
            .opt("next", self.next.as_ref())
            .opt("windowOrderBy", self.window_order_by.as_ref())
            .opt("windowNext", self.window_next.as_ref())
            .opt("alternative", self.alternative.as_ref())
            .list("shipments", &self.shipments)
            .end();
    }
}

impl ToJson for Moment {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("utc", &self.utc)
            .str("local", &self.local)
            .str("zone", self.zone)
            .int("epochMs", self.epoch_ms)
            .end();
    }
}

impl ToJson for Window {
    fn write(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.str("earliest", &self.earliest).str("latest", &self.latest);
        confidence(o.key("confidence"), self.confidence);
        o.str("zone", self.zone).end();
    }
}

impl ToJson for Alternative {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .bool("shipComplete", self.ship_complete)
            .int("shipments", self.shipments as i64)
            .value("shipBy", &self.ship_by)
            .value("delivery", &self.delivery)
            .end();
    }
}

impl ToJson for NextPromise {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .value("shipBy", &self.ship_by)
            .value("delivery", &self.delivery)
            .value("orderBy", &self.order_by)
            .end();
    }
}

impl ToJson for Shipment {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("node", &self.node)
            .str("nodeName", &self.node_name)
            .list("lines", &self.lines)
            .value("releasedAt", &self.released_at)
            .str("handlingStarts", &self.handling_starts)
            .value("shipBy", &self.ship_by)
            .value("delivery", &self.delivery)
            .value("orderBy", &self.order_by)
            .list("explanation", &self.explanation)
            .end();
    }
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;

    #[test]
    fn confidences_are_written_as_serde_json_writes_them() {
        for k in 1..=100u32 {
            let c = f64::from(k) / 100.0;
            let mut out = String::new();
            confidence(&mut out, Some(c));
            assert_eq!(out, serde_json::to_string(&c).unwrap(), "p{k}");
        }
    }
}
