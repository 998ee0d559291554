//! Evaluation: the promise rules over a policy and an order, as numbers and explanation
//! steps (the result types and their JSON are in `crate::promise`).
//!
//! The rules, in the order they apply (`docs/promise.md` states each with examples):
//! 1. **Release.** A shipment is released to its node at the latest of: the order's
//!    placement; payment capture, when the policy requires it; local midnight of the
//!    availability date of backordered stock.
//! 2. **Cutoff.** Handling starts on the release date when the node works that day and
//!    the release instant is strictly before that day's cutoff for the carrier
//!    (13:59:59.999 makes a 14:00 cutoff, 14:00:00.000 does not); otherwise on the next
//!    working day. On a day of several waves, the first wave whose cutoff the release is
//!    before. That cutoff is the **order-by** instant: any order released before it gets
//!    the same promise.
//! 3. **Handling.** The node's handling days plus the shipment's extra days (per line:
//!    SKU extra + each tag's extra; the slowest line sets the shipment's) are counted in
//!    node working days after the handling start day; 0 ships the same day.
//! 4. **Pickup.** The parcel leaves at the carrier's pickup time on the first working day
//!    from there with a pickup (on the start day itself, from the start's wave on): that
//!    instant is the **ship-by**.
//! 5. **Transit.** Transit days are counted on the carrier's transit days (its weekdays,
//!    minus its holidays) after the ship date; a result that is not a delivery day moves
//!    to the next delivery day. `min` gives the earliest date, `max` (or the chosen
//!    percentile) the latest.

pub(crate) mod explain;
pub(crate) mod fast;
mod rules;
pub(crate) mod tables;

use crate::calendar::MAX_SCAN_DAYS;
use crate::civil::{Date, TimeOfDay, MS_PER_DAY};
use crate::error::Error;
use crate::json::{Obj, ToJson};
use crate::order::{Line, Order};
use crate::policy::{Advisory, Cart, Destination, Lane, Node, Policy, Refusal, Service, Start, Transit, Unserved};
use crate::tz::local_instant;
use explain::local_text;
pub(crate) use explain::Explain;
pub use explain::Step;
pub(crate) use rules::compute;

/// Options for a promise.
#[derive(Clone, Copy, Debug, Default)]
pub struct PromiseOptions {
    /// With a transit-time distribution, state the latest date at this confidence (0..1].
    pub confidence: Option<f64>,
}

/// Why a service is not offered for an order (so options never silently disappear).
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub code: &'static str,
    pub message: String,
    /// The policy rule that refused the option (`services[2].restrictions.excludeTags[0]`).
    pub path: Option<String>,
}

/// A shipment before it is computed: which lines, from where, released when.
pub(crate) struct Group<'a> {
    pub node: usize,
    pub lines: Vec<&'a Line>,
    pub available_on: Option<Date>,
    /// Shipped complete: the line of another shipment whose availability this one waits for.
    pub held_for: Option<&'a Line>,
}

/// The shipments of an order's lines: one per node and availability date, or, shipped
/// complete, one per node released when the last line of the order is available.
pub(crate) fn group_lines(lines: &[Line], complete: bool) -> Vec<Group<'_>> {
    let last = lines.iter().filter(|_| complete).filter_map(|l| Some((l.available_on?, l))).max_by_key(|(d, _)| *d);
    let mut groups: Vec<Group> = Vec::new();
    for line in lines {
        let available_on = last.map_or(line.available_on, |(d, _)| Some(d));
        match groups.iter_mut().find(|g| g.node == line.node && g.available_on == available_on) {
            Some(g) => g.lines.push(line),
            None => groups.push(Group { node: line.node, lines: vec![line], available_on, held_for: None }),
        }
    }
    if let Some((date, line)) = last {
        for g in &mut groups {
            if !g.lines.iter().any(|l| l.available_on == Some(date)) {
                g.held_for = Some(line);
            }
        }
    }
    groups
}

/// Whether shipping complete would make other shipments than splitting: the lines are not
/// all available on the same date.
pub(crate) fn complete_differs(lines: &[Line]) -> bool {
    lines.windows(2).any(|w| w.first().map(|l| l.available_on) != w.get(1).map(|l| l.available_on))
}

/// The raw result for one shipment.
pub(crate) struct Calc {
    pub release: i64,
    /// Where handling starts: its day and wave.
    pub start: Start,
    pub order_by: i64,
    pub ship_by: i64,
    pub earliest: Date,
    pub latest: Date,
    pub confidence: Option<f64>,
    pub steps: Vec<Step>,
}

/// Extra handling days of a group: the slowest line's, and that line.
pub(crate) fn extra_days<'a>(node: &Node, lines: &[&'a Line]) -> (u32, Option<&'a Line>) {
    let mut best = (0u32, None);
    for line in lines {
        let total = node.extra_total(&line.sku, line.tags.iter().map(String::as_str));
        if total > best.0 {
            best = (total, Some(*line));
        }
    }
    best
}

#[cfg(feature = "full")]
pub(crate) fn extra_days_of<'a>(policy: &Policy, group: &Group<'a>) -> (u32, Option<&'a Line>) {
    policy.nodes.get(group.node).map(|n| extra_days(n, &group.lines)).unwrap_or_default()
}

/// Picks the transit days for the window: `min..max`, or `min..pNN` at a confidence.
pub(crate) fn transit_days(t: &Transit, confidence: Option<f64>) -> (u32, u32, Option<f64>) {
    let Some(c) = confidence else { return (t.min, t.max, None) };
    match t.percentiles.iter().find(|(p, _)| *p as f64 >= c * 100.0 - 1e-9) {
        Some((p, days)) => (t.min, (*days).max(t.min), Some(*p as f64 / 100.0)),
        None => (t.min, t.max, None),
    }
}

pub(crate) struct ShipmentInput<'a> {
    pub node: &'a Node,
    pub service: &'a Service,
    /// The service to the order's destination: transit time and destination holidays.
    pub lane: Lane<'a>,
    pub release: i64,
    /// Extra handling days and the line that needs them.
    pub extra: (u32, Option<&'a Line>),
    pub confidence: Option<f64>,
    /// Where the promises of the backlogs it is held to are kept (see [`Backlogs`]).
    pub backlogs: &'a Backlogs,
}

/// The ship-by and delivery dates each advisory's backlog keeps, by node, extra handling
/// days and advisory, for one service to one destination: they do not depend on the release,
/// and an order-by search asks for them again and again.
#[derive(Default)]
pub(crate) struct Backlogs(std::cell::RefCell<Vec<BacklogEntry>>);

/// (node, extra handling days, advisory), (ship-by, earliest, latest).
type BacklogEntry = ((usize, u32, usize), (i64, Date, Date));

impl Backlogs {
    /// What the backlog of advisory `i` keeps for a shipment from `node` with `extra`
    /// handling days: the dates `eval` gives for a release at the advisory's last instant,
    /// worked out the first time they are asked for.
    pub(crate) fn keep<E>(
        &self,
        (node, extra, i): (&Node, u32, usize),
        a: &Advisory,
        eval: impl FnOnce(i64) -> Result<(i64, Date, Date), E>,
    ) -> Result<(i64, Date, Date), E> {
        let key = (std::ptr::from_ref(node) as usize, extra, i);
        if let Some((_, dates)) = self.0.borrow().iter().find(|(k, _)| *k == key) {
            return Ok(*dates);
        }
        let dates = eval(a.last_instant(node))?;
        self.0.borrow_mut().push((key, dates));
        Ok(dates)
    }
}

/// Why `service` cannot carry a shipment from `node` to `dest`, as promises and deadline
/// tables state it.
pub(crate) fn unserved_reason(u: Unserved, service: &Service, node: &Node, dest: &Destination) -> Reason {
    let message = match u {
        Unserved::Node => format!("{} does not ship from {}", service.name, node.name),
        Unserved::Country => format!("{} does not deliver to {}", service.name, dest.country),
        Unserved::NoTransit => format!("{} has no transit time for this destination ({})", service.name, dest.country),
    };
    Reason { code: u.code(), message, path: None }
}

/// Why `service`'s restrictions refuse `order`, if they do (before any rule: the option is
/// not offered at all).
pub(crate) fn refusal(policy: &Policy, order: &Order, service: &Service) -> Option<Refusal> {
    let rs = &service.restrictions;
    if rs.is_empty() {
        return None;
    }
    // The placement's date where the order is first handled.
    let zone = order.lines.first().and_then(|l| policy.nodes.get(l.node)).map(|n| n.zone)?;
    rs.refuse(Cart {
        lines: order.lines.iter().map(|l| (l.sku.as_str(), l.tags.iter().map(String::as_str))),
        weight: order.weight,
        value: order.value,
        placed_on: Date(zone.local_parts(order.placed_at.0).0),
    })
}

impl Refusal {
    /// The reason a promise states, with the rule's path.
    fn reason(self, service: &Service) -> Reason {
        let path = Some(format!("services[{}].{}", service.index(), self.rule));
        Reason { code: self.code, message: self.message(&service.name), path }
    }
}

/// Release instant of a group (rule 1), with its explanation.
pub(crate) fn release_of(
    policy: &Policy,
    order: &Order,
    placed: i64,
    node: &Node,
    group: &Group<'_>,
    ex: &mut Explain,
) -> i64 {
    let mut release = placed;
    if policy.require_payment_capture {
        match order.payment_captured_at {
            Some(p) if p.0 > release => {
                release = p.0;
                ex.push("payment_captured", None, || {
                    format!("Handling waits for payment capture: {}", local_text(node.zone, p.0))
                });
            }
            Some(_) => {}
            None => ex.push("payment_assumed", None, || "Payment capture is required; assumed at placement".into()),
        }
    }
    if let Some(date) = group.available_on {
        let (at, _) = local_instant(node.zone, date, TimeOfDay(0));
        if at > release {
            release = at;
            match group.held_for {
                Some(line) => ex.push("ship_complete", Some(date), || {
                    format!("Shipped complete: waits for {}, available {}", line.sku, date.short())
                }),
                None => {
                    ex.push("awaiting_stock", Some(date), || format!("Waiting for stock: available {}", date.short()))
                }
            }
        }
    }
    ex.push("released", None, || format!("Released to {} {}", node.name, local_text(node.zone, release)));
    release
}

pub(crate) struct OptionCalc {
    pub shipments: Vec<(usize, Calc)>,
}

/// A service as it would carry this order: its transit time and holidays at the order's
/// destination, found once (a service may have a thousand destination rules), or why it
/// has none.
pub(crate) struct Offer<'a> {
    pub service: &'a Service,
    pub lane: Result<Lane<'a>, Unserved>,
    pub backlogs: Backlogs,
}

impl<'a> Offer<'a> {
    pub(crate) fn new(service: &'a Service, destination: &Destination) -> Offer<'a> {
        Offer { service, lane: service.lane_to(destination), backlogs: Backlogs::default() }
    }
}

pub(crate) fn compute_option(
    policy: &Policy,
    order: &Order,
    groups: &[Group<'_>],
    offer: &Offer<'_>,
    placed: i64,
    opts: PromiseOptions,
    explain: bool,
) -> Result<OptionCalc, Reason> {
    let service = offer.service;
    if let Some(r) = refusal(policy, order, service) {
        return Err(r.reason(service));
    }
    let mut shipments = Vec::new();
    for (gi, group) in groups.iter().enumerate() {
        if let Some(calc) = compute_group(policy, order, group, offer, placed, opts, explain)? {
            shipments.push((gi, calc));
        }
    }
    Ok(OptionCalc { shipments })
}

/// Rules 1-5 for one shipment of an option (`None` for a node the policy does not have).
fn compute_group(
    policy: &Policy,
    order: &Order,
    group: &Group<'_>,
    offer: &Offer<'_>,
    placed: i64,
    opts: PromiseOptions,
    explain: bool,
) -> Result<Option<Calc>, Reason> {
    let Some(node) = policy.nodes.get(group.node) else { return Ok(None) };
    let mut ex = Explain::new(explain);
    let release = release_of(policy, order, placed, node, group, &mut ex);
    compute_released(order, group, node, offer, (release, opts), ex).map(Some)
}

/// Rules 2-5 for one shipment of an option released at `release` (rule 1, explained in `ex`).
fn compute_released(
    order: &Order,
    group: &Group<'_>,
    node: &Node,
    offer: &Offer<'_>,
    (release, opts): (i64, PromiseOptions),
    mut ex: Explain,
) -> Result<Calc, Reason> {
    let service = offer.service;
    if !service.ships_from(group.node) {
        return Err(unserved_reason(Unserved::Node, service, node, &order.destination));
    }
    let lane = offer.lane.map_err(|u| unserved_reason(u, service, node, &order.destination))?;
    let input = ShipmentInput {
        node,
        service,
        lane,
        release,
        extra: extra_days(node, &group.lines),
        confidence: opts.confidence,
        backlogs: &offer.backlogs,
    };
    let mut calc = compute(&input, &mut ex).map_err(|e| Reason { code: e.code, message: e.message, path: None })?;
    calc.steps = ex.finish();
    Ok(calc)
}

#[cfg(feature = "full")]
/// One shipment of an option as the promise states it, without text (what tracking reads).
pub(crate) struct PromisedShipment {
    pub node: usize,
    pub handling_starts: Date,
    pub ship_by: i64,
    pub latest: Date,
}

#[cfg(feature = "full")]
/// The shipments of service `service`'s option as the promise states them, without text,
/// or why it is not available.
pub(crate) fn compute_shipments(
    policy: &Policy,
    order: &Order,
    service: usize,
) -> Result<Vec<PromisedShipment>, Reason> {
    let groups = group_lines(&order.lines, order.ships_complete(policy));
    let service = policy.services.get(service).ok_or_else(|| Reason {
        code: "internal",
        message: "no such service".into(),
        path: None,
    })?;
    let offer = Offer::new(service, &order.destination);
    let calc = compute_option(policy, order, &groups, &offer, order.placed_at.0, PromiseOptions::default(), false)?;
    Ok(calc
        .shipments
        .into_iter()
        .filter_map(|(gi, c)| {
            Some(PromisedShipment {
                node: groups.get(gi)?.node,
                handling_starts: c.start.day,
                ship_by: c.ship_by,
                latest: c.latest,
            })
        })
        .collect())
}

/// The order-level promise of an option's shipments: the latest ship-by and delivery dates,
/// the lowest confidence, the earliest order-by.
pub(crate) fn summarize(calcs: &[(usize, Calc)]) -> Option<Summary> {
    calcs.iter().map(|(_, c)| Summary::of(c)).reduce(Summary::and)
}

impl Summary {
    fn of(c: &Calc) -> Summary {
        let promised =
            Promised { ship_by: c.ship_by, earliest: c.earliest, latest: c.latest, confidence: c.confidence };
        Summary { promised, order_by: c.order_by }
    }

    /// Two shipments' promises as one order's: the later dates, the earlier order-by.
    fn and(self, other: Summary) -> Summary {
        let (p, c) = (self.promised, other.promised);
        Summary {
            promised: Promised {
                ship_by: p.ship_by.max(c.ship_by),
                earliest: p.earliest.max(c.earliest),
                latest: p.latest.max(c.latest),
                confidence: match (p.confidence, c.confidence) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    _ => None,
                },
            },
            order_by: self.order_by.min(other.order_by),
        }
    }
}

pub(crate) fn check_options(opts: PromiseOptions) -> Result<(), Error> {
    match opts.confidence {
        Some(c) if !(c > 0.0 && c <= 1.0) => {
            Err(Error::at("out_of_range", "confidence", "confidence must be above 0 and at most 1"))
        }
        _ => Ok(()),
    }
}

/// The services the order asks for (all of them by default), in that order.
pub(crate) fn wanted_services<'a>(policy: &'a Policy, order: &'a Order) -> impl Iterator<Item = &'a Service> + 'a {
    wanted_service_indexes(policy, order).filter_map(|i| policy.services.get(i))
}

/// The indexes of the services the order asks for (all of them by default), in that order.
pub(crate) fn wanted_service_indexes<'a>(policy: &Policy, order: &'a Order) -> impl Iterator<Item = usize> + 'a {
    let all = order.services.is_none().then_some(0..policy.services.len()).into_iter().flatten();
    all.chain(order.services.iter().flatten().copied())
}

/// The numbers of one option's promise, without any text: what a countdown, a batch or an
/// audit needs. Equal, field for field, to the full promise's (the corpus test checks it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quote {
    /// Epoch milliseconds.
    pub ship_by: i64,
    /// Delivery window, dates in the destination's zone.
    pub earliest: Date,
    pub latest: Date,
    pub confidence: Option<f64>,
    /// Epoch milliseconds until which this holds: the first change of ship-by (the window
    /// never changes before it).
    pub order_by: i64,
    /// What applies from `order_by` on.
    pub next: Option<QuoteNext>,
    /// Epoch milliseconds until which the delivery window holds: the shopper's countdown
    /// (`order_by` or later: an internal ship-by may change while the window does not).
    pub window_order_by: i64,
    /// The delivery window from `window_order_by` on.
    pub window_next: Option<DeliveryDates>,
}

/// A delivery window, dates in the destination's zone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeliveryDates {
    pub earliest: Date,
    pub latest: Date,
}

/// What a quote's option promises from its order-by on, until its own order-by.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuoteNext {
    /// Epoch milliseconds.
    pub ship_by: i64,
    pub earliest: Date,
    pub latest: Date,
    /// Epoch milliseconds.
    pub order_by: i64,
}

impl Quote {
    /// The quote of a promise held until `order_by`, what applies after it, and when its
    /// window changes.
    pub(crate) fn of(promised: Promised, (order_by, next): Held, window: WindowHeld) -> Quote {
        let Promised { ship_by, earliest, latest, confidence } = promised;
        let next = next.map(|n| QuoteNext {
            ship_by: n.promised.ship_by,
            earliest: n.promised.earliest,
            latest: n.promised.latest,
            order_by: n.order_by,
        });
        let (window_order_by, window_next) = window;
        Quote { ship_by, earliest, latest, confidence, order_by, next, window_order_by, window_next }
    }
}

/// A promise's order-by and what applies from then on.
pub(crate) type Held = (i64, Option<Summary>);
/// When a promise's delivery window changes and the window from then on.
pub(crate) type WindowHeld = (i64, Option<DeliveryDates>);

/// The quote of each wanted service, rule by rule, in the order of the promise's options;
/// where a service cannot carry the order, the code of why (as in the promise's `reason`).
/// [`crate::eval::fast`] reads the same numbers from day tables and falls back to this.
pub(crate) fn quote(
    policy: &Policy,
    order: &Order,
    opts: PromiseOptions,
) -> Result<Vec<Result<Quote, &'static str>>, Error> {
    check_options(opts)?;
    let groups = group_lines(&order.lines, order.ships_complete(policy));
    let mut out = Vec::new();
    for service in wanted_services(policy, order) {
        let placed = order.placed_at.0;
        let offer = Offer::new(service, &order.destination);
        let first = compute_option(policy, order, &groups, &offer, placed, opts, false).map_err(|r| r.code);
        let q = first.and_then(|calc| summarize(&calc.shipments).ok_or("no_lines")).map(|s| {
            let recalled = Recalled::default();
            let at = |t| summary_at(policy, order, &groups, &offer, opts, t, &recalled);
            let held = hold_until(&s.promised, s.order_by, &at);
            Quote::of(s.promised, held, window_until(&s.promised, held, &at))
        });
        out.push(q);
    }
    Ok(out)
}

/// What the customer is promised for an option: ship-by and delivery window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Promised {
    pub ship_by: i64,
    pub earliest: Date,
    pub latest: Date,
    pub confidence: Option<f64>,
}

impl Promised {
    pub(crate) fn dates(&self) -> DeliveryDates {
        DeliveryDates { earliest: self.earliest, latest: self.latest }
    }
}

/// Whether two promises give the same delivery window (ship-by aside).
fn same_window(a: &Promised, b: &Promised) -> bool {
    a.dates() == b.dates()
}

/// A promise and the first cutoff it depends on (the instant until which it holds unless
/// [`try_hold_until`] moves it on).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Summary {
    pub promised: Promised,
    pub order_by: i64,
}

/// What [`summary_at`] remembers between the evaluations of one option's search: per
/// shipment, the release its numbers were worked out for. They hold for any later release
/// before their order-by (the same first cutoff, so the same everything after it), which is
/// most of what an order-by search asks of an order of several shipments.
#[derive(Default)]
pub(crate) struct Recalled(std::cell::RefCell<Vec<Option<(i64, Summary)>>>);

pub(crate) fn summary_at(
    policy: &Policy,
    order: &Order,
    groups: &[Group<'_>],
    offer: &Offer<'_>,
    opts: PromiseOptions,
    placed: i64,
    recalled: &Recalled,
) -> Option<Summary> {
    let mut memo = recalled.0.borrow_mut();
    memo.resize(groups.len(), None);
    let mut acc: Option<Summary> = None;
    for (group, slot) in groups.iter().zip(memo.iter_mut()) {
        let Some(node) = policy.nodes.get(group.node) else { continue };
        let release = release_of(policy, order, placed, node, group, &mut Explain::new(false));
        let s = match *slot {
            Some((from, s)) if from <= release && release < s.order_by => s,
            _ => {
                let calc = compute_released(order, group, node, offer, (release, opts), Explain::new(false)).ok()?;
                let s = Summary::of(&calc);
                *slot = Some((release, s));
                s
            }
        };
        acc = Some(acc.map_or(s, |a| a.and(s)));
    }
    acc
}

/// Moves the order-by instant past cutoffs that do not change what is promised (a
/// Saturday cutoff when the carrier only collects on Monday): the countdown target is the
/// first instant at which the promise itself changes. Returns it with the promise that
/// applies from then on. `at` may fail (the day tables cannot answer): so does this.
///
/// Most promises change at the first or second cutoff, so the first few are walked one by
/// one. A promise held longer (a slow shipment keeps the order's dates while another
/// shipment's daily cutoffs pass; a carrier that collects rarely) is searched instead:
/// a promise only ever moves later as the order is placed later (rule 1 to 5 are monotone
/// in the release instant), so the instants at which it still holds form one interval,
/// found by doubling steps of a day and then halving, between which the next cutoffs are
/// stepped to. That is some 30 evaluations at most instead of one per cutoff, and the
/// search looks [`MAX_SCAN_DAYS`] days ahead: a promise that still holds then keeps the
/// first cutoff after that as its order-by, with no `next`.
pub(crate) fn try_hold_until<E>(
    promised: &Promised,
    order_by: i64,
    at: impl FnMut(i64) -> Result<Option<Summary>, E>,
) -> Result<Held, E> {
    try_hold_by(promised, order_by, at, |a, b| a == b)
}

/// When the delivery window changes, given what [`try_hold_until`] found: at the order-by
/// where `next` gives other dates; where `next` keeps them (a ship-by the shopper never
/// sees changed), searched on from `next`'s own first cutoff, comparing dates only. Windows
/// move only later as orders are placed later, so the same search applies.
pub(crate) fn try_window_until<E>(
    promised: &Promised,
    (order_by, next): Held,
    at: impl FnMut(i64) -> Result<Option<Summary>, E>,
) -> Result<WindowHeld, E> {
    match next {
        Some(n) if same_window(&n.promised, promised) => {
            let (until, after) = try_hold_by(promised, n.order_by, at, same_window)?;
            Ok((until, after.map(|s| s.promised.dates())))
        }
        other => Ok((order_by, other.map(|s| s.promised.dates()))),
    }
}

/// [`try_hold_until`] with the promises compared by `same`.
fn try_hold_by<E>(
    promised: &Promised,
    order_by: i64,
    mut at: impl FnMut(i64) -> Result<Option<Summary>, E>,
    same: fn(&Promised, &Promised) -> bool,
) -> Result<Held, E> {
    const WALK: usize = 4;
    // `lo` is an instant at which the promise holds (known, or the placement) and `next`
    // the first cutoff after it, where the promise may change.
    let mut next = order_by;
    let mut lo = i64::MIN;
    // Evaluates the promise at `next`: where it changes, the answer; else `lo` moves there.
    fn step<E>(
        (promised, same): (&Promised, fn(&Promised, &Promised) -> bool),
        lo: &mut i64,
        next: &mut i64,
        at: &mut impl FnMut(i64) -> Result<Option<Summary>, E>,
    ) -> Result<Option<Held>, E> {
        match at(*next)? {
            Some(Summary { promised: p, order_by: after }) if same(&p, promised) && after > *next => {
                *lo = *next;
                *next = after;
                Ok(None)
            }
            other => Ok(Some((*next, other))),
        }
    }
    for _ in 0..WALK {
        if let Some(done) = step((promised, same), &mut lo, &mut next, &mut at)? {
            return Ok(done);
        }
    }
    // Gallop: the promise still holds at `lo`; find an instant `hi` where it does not.
    let limit = lo.saturating_add(i64::from(MAX_SCAN_DAYS) * MS_PER_DAY);
    let mut stride = MS_PER_DAY;
    let mut hi = loop {
        let probe = lo.saturating_add(stride).min(limit);
        match at(probe)? {
            Some(Summary { promised: p, order_by: after }) if same(&p, promised) => {
                if probe == limit {
                    return Ok((after, None));
                }
                lo = probe;
                next = after;
                stride = stride.saturating_mul(2);
            }
            _ => break probe,
        }
    };
    // The change is at a cutoff in (lo, hi]: step to the next cutoff (the first after lo is
    // at most hi), halving (lo, hi) in between, until the promise changes at one.
    for _ in 0..4 * MAX_SCAN_DAYS {
        if let Some(done) = step((promised, same), &mut lo, &mut next, &mut at)? {
            return Ok(done);
        }
        if hi - lo > MS_PER_DAY {
            let mid = lo + (hi - lo) / 2;
            match at(mid)? {
                Some(Summary { promised: p, order_by: after }) if same(&p, promised) => {
                    lo = mid;
                    next = after;
                }
                _ => hi = mid,
            }
        }
    }
    Ok((next, None))
}

/// [`try_hold_until`] over the rule-by-rule evaluator, which cannot fail. Through one
/// `dyn` closure type, so that the search is compiled once for every caller (the lean build
/// counts its bytes).
pub(crate) fn hold_until(promised: &Promised, order_by: i64, at: &dyn Fn(i64) -> Option<Summary>) -> Held {
    match try_hold_until(promised, order_by, infallible(at)) {
        Ok(held) => held,
        Err(never) => match never {},
    }
}

/// [`try_window_until`] over the rule-by-rule evaluator.
pub(crate) fn window_until(promised: &Promised, held: Held, at: &dyn Fn(i64) -> Option<Summary>) -> WindowHeld {
    match try_window_until(promised, held, infallible(at)) {
        Ok(held) => held,
        Err(never) => match never {},
    }
}

fn infallible(
    at: &dyn Fn(i64) -> Option<Summary>,
) -> impl FnMut(i64) -> Result<Option<Summary>, std::convert::Infallible> + '_ {
    move |t| Ok(at(t))
}

impl ToJson for Reason {
    fn write(&self, out: &mut String) {
        Obj::new(out).str("code", self.code).str("message", &self.message).opt_str("path", self.path.as_deref()).end();
    }
}
