//! The delivery promise at checkout: ship-by, delivery window, order-by and why.
//!
//! The rules, in the order they apply (`docs/promise.md` states each with examples):
//! 1. **Release.** A shipment is released to its node at the latest of: the order's
//!    placement; payment capture, when the policy requires it; local midnight of the
//!    availability date of backordered stock.
//! 2. **Cutoff.** Handling starts on the release date when the node works that day and
//!    the release instant is strictly before that day's cutoff for the carrier
//!    (13:59:59.999 makes a 14:00 cutoff, 14:00:00.000 does not); otherwise on the next
//!    working day. That day's cutoff is the **order-by** instant: any order released
//!    before it gets the same promise.
//! 3. **Handling.** The node's handling days plus the shipment's extra days (per line:
//!    SKU extra + each tag's extra; the slowest line sets the shipment's) are counted in
//!    node working days after the handling start day; 0 ships the same day.
//! 4. **Pickup.** The parcel leaves at the carrier's pickup time on the first working day
//!    from there with a pickup: that instant is the **ship-by**.
//! 5. **Transit.** Transit days are counted on the carrier's transit days (its weekdays,
//!    minus its holidays) after the ship date; a result that is not a delivery day moves
//!    to the next delivery day. `min` gives the earliest date, `max` (or the chosen
//!    percentile) the latest.

use crate::calendar::{describe_weekdays, no_working_day, DayOff, MAX_SCAN_DAYS};
use crate::civil::{format_local, Date, Instant, TimeOfDay, MAX_DATE, MIN_DATE, MS_PER_DAY};
use crate::error::Error;
use crate::json::{Obj, ToJson};
use crate::order::{Line, Order};
use crate::policy::{Destination, Node, OpenDay, Policy, Service, Transit, Unserved};
use crate::tz::{local_instant, LocalKind, TimeZone, TZDATA_VERSION};
use crate::ENGINE_VERSION;

/// Options for a promise.
#[derive(Clone, Copy, Debug, Default)]
pub struct PromiseOptions {
    /// With a transit-time distribution, state the latest date at this confidence (0..1].
    pub confidence: Option<f64>,
}

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
    pub shipments: Vec<Shipment>,
}

/// Why a service is not offered for an order (so options never silently disappear).
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub code: &'static str,
    pub message: String,
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

/// One step of an explanation, with a stable code (listed in `docs/promise.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub code: &'static str,
    pub date: Option<String>,
    /// The last of consecutive days skipped for one reason (`date` is the first).
    pub through: Option<String>,
    pub text: String,
}

/// A shipment before it is computed: which lines, from where, released when.
pub(crate) struct Group<'a> {
    pub node: usize,
    pub lines: Vec<&'a Line>,
    pub available_on: Option<Date>,
}

pub(crate) fn group_lines(lines: &[Line]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for line in lines {
        match groups.iter_mut().find(|g| g.node == line.node && g.available_on == line.available_on) {
            Some(g) => g.lines.push(line),
            None => groups.push(Group { node: line.node, lines: vec![line], available_on: line.available_on }),
        }
    }
    groups
}

/// The raw result for one shipment.
pub(crate) struct Calc {
    pub release: i64,
    pub start: Date,
    pub order_by: i64,
    pub ship_by: i64,
    pub earliest: Date,
    pub latest: Date,
    pub confidence: Option<f64>,
    pub steps: Vec<Step>,
}

/// The most steps one shipment's explanation lists: the last says how many more there were
/// (a promise across a long closure skips hundreds of days, and a promise has up to
/// `MAX_SERVICES` x `MAX_SHIPMENTS` explanations; see `docs/limits.md`).
pub const MAX_EXPLANATION_STEPS: usize = 128;

/// Collects explanation steps only when asked (the `next` promise needs none), at most
/// [`MAX_EXPLANATION_STEPS`]: past them, steps are counted, not written. Consecutive days
/// skipped for the same reason are one step ("Skipped Sun 6 Dec - Fri 11 Dec (6 days): ...").
pub(crate) struct Explain {
    on: bool,
    steps: Vec<Step>,
    omitted: usize,
    run: Option<Run>,
}

/// Days skipped one after another with one code and reason, not yet written.
struct Run {
    code: &'static str,
    first: Date,
    last: Date,
    reason: String,
}

impl Explain {
    pub(crate) fn new(on: bool) -> Explain {
        Explain { on, steps: Vec::new(), omitted: 0, run: None }
    }

    fn push(&mut self, code: &'static str, date: Option<Date>, text: impl FnOnce() -> String) {
        if self.on {
            self.step(code, date, text());
        }
    }

    /// A skipped day: joins the run of the day before when code and reason are the same.
    fn skip(&mut self, code: &'static str, date: Date, reason: impl FnOnce() -> String) {
        if self.on {
            self.skipped(code, date, reason());
        }
    }

    // The generic methods above are instantiated at each call site; the work is done once here.
    #[inline(never)]
    fn step(&mut self, code: &'static str, date: Option<Date>, text: String) {
        self.flush();
        self.add(Step { code, date: date.map(|d| d.to_string()), through: None, text });
    }

    #[inline(never)]
    fn skipped(&mut self, code: &'static str, date: Date, reason: String) {
        if let Some(run) = self.run.as_mut().filter(|r| r.code == code && r.reason == reason && r.last.succ() == date) {
            run.last = date;
            return;
        }
        self.flush();
        self.run = Some(Run { code, first: date, last: date, reason });
    }

    fn flush(&mut self) {
        if let Some(Run { code, first, last, reason }) = self.run.take() {
            let (text, through) = match first.days_until(last) + 1 {
                1 => (format!("Skipped {}: {reason}", first.short()), None),
                n => (
                    format!("Skipped {} - {} ({n} days): {reason}", first.short(), last.short()),
                    Some(last.to_string()),
                ),
            };
            self.add(Step { code, date: Some(first.to_string()), through, text });
        }
    }

    fn add(&mut self, step: Step) {
        if self.steps.len() + 1 < MAX_EXPLANATION_STEPS {
            self.steps.push(step);
        } else {
            self.omitted += 1;
        }
    }

    /// The steps, with the count of those left out as a last one.
    fn finish(mut self) -> Vec<Step> {
        self.flush();
        match self.omitted {
            0 => {}
            1 => self.steps.push(Step {
                code: "steps_omitted",
                date: None,
                through: None,
                text: "1 more step is not listed".into(),
            }),
            n => self.steps.push(Step {
                code: "steps_omitted",
                date: None,
                through: None,
                text: format!("{n} more steps are not listed"),
            }),
        }
        self.steps
    }
}

/// The explanation of a cutoff or pickup time that a spring-forward gap skips.
fn gap_text(what: &str) -> String {
    format!("The {what} time does not exist that day (clocks go forward): moved forward by the gap")
}

fn local_text(zone: TimeZone, epoch_ms: i64) -> String {
    let offset = zone.offset_at(epoch_ms);
    let (day, ms) = zone.local_parts(epoch_ms);
    let a = offset.unsigned_abs();
    let mut out = Date(day).short();
    out.push(' ');
    TimeOfDay(ms - ms % 60_000).write_to(&mut out);
    out.push_str(if offset < 0 { " (UTC-" } else { " (UTC+" });
    crate::civil::push_digits(&mut out, a / 3600, 2);
    out.push(':');
    crate::civil::push_digits(&mut out, a / 60 % 60, 2);
    out.push(')');
    out
}

fn day_off_text(off: DayOff<'_>, who_does_not: &str) -> String {
    match off {
        DayOff::Weekday(wd) => format!("{who_does_not} on {}", wd.plural()),
        DayOff::Holiday(name) => name.to_string(),
    }
}

/// Extra handling days of a group: the slowest line's, and that line.
fn extra_days<'a>(node: &Node, lines: &[&'a Line]) -> (u32, Option<&'a Line>) {
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

/// "engraving +2, gift-wrap +1 (line FLASK)" for an explanation.
fn describe_extra(node: &Node, line: Option<&Line>) -> String {
    let Some(line) = line else { return String::new() };
    let what: Vec<String> = node.extra_days(&line.sku, &line.tags).iter().map(|(w, n)| format!("{w} +{n}")).collect();
    format!("{} (line {})", what.join(", "), line.sku)
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
    pub transit: &'a Transit,
    pub release: i64,
    /// Extra handling days and the line that needs them.
    pub extra: (u32, Option<&'a Line>),
    pub confidence: Option<f64>,
}

/// Rules 2-5 of the module documentation for one shipment released at `input.release`.
/// Explained into `ex`; the result's `steps` are empty (the caller finishes `ex`).
pub(crate) fn compute(input: &ShipmentInput<'_>, ex: &mut Explain) -> Result<Calc, Error> {
    let ShipmentInput { node, service, transit, release, .. } = *input;
    let (zone, carrier) = (node.zone, service.carrier.as_str());
    let release_date = Date(zone.local_parts(release).0);

    // 2. Cutoff: the first working day whose cutoff the release is strictly before.
    let mut d = release_date;
    let (start, order_by) = loop {
        if release_date.days_until(d) > MAX_SCAN_DAYS {
            return Err(no_working_day(release_date));
        }
        match node.day(d, carrier) {
            Ok(open) => {
                let (cutoff_at, cutoff_kind) = local_instant(zone, d, open.cutoff);
                if release < cutoff_at {
                    if d == release_date {
                        ex.push("cutoff_met", Some(d), || {
                            format!("Released before the {} cutoff: handling starts {}", open.cutoff, d.short())
                        });
                    } else {
                        ex.push("handling_starts", Some(d), || {
                            format!("Handling starts {} ({} cutoff)", d.short(), open.cutoff)
                        });
                    }
                    if cutoff_kind == LocalKind::Gap {
                        ex.push("dst_gap", Some(d), || gap_text("cutoff"));
                    }
                    if let Some(name) = open.special {
                        ex.push("special_day", Some(d), || format!("{}: {name}, cutoff {}", d.short(), open.cutoff));
                    }
                    break (d, cutoff_at);
                }
                ex.push("cutoff_passed", Some(d), || {
                    format!(
                        "Released after the {} cutoff on {}: handling starts the next working day",
                        open.cutoff,
                        d.short()
                    )
                });
            }
            Err(off) => ex.skip("day_skipped", d, || day_off_text(off, &format!("{} does not work", node.name))),
        }
        d = d.succ();
    };

    // 3. Handling days, counted in node working days.
    let handling = node.handling_days + input.extra.0;
    let mut ship = start;
    let mut counted = 0;
    while counted < handling {
        ship = ship.succ();
        if start.days_until(ship) > MAX_SCAN_DAYS + handling as i32 {
            return Err(no_working_day(start));
        }
        if node.is_working(ship) {
            counted += 1;
        } else if let Err(off) = node.day(ship, carrier) {
            ex.skip("day_skipped", ship, || day_off_text(off, &format!("{} does not work", node.name)));
        }
    }
    if input.extra.0 > 0 {
        ex.push("extra_handling", None, || {
            format!("Extra handling {} day(s): {}", input.extra.0, describe_extra(node, input.extra.1))
        });
    }
    ex.push("handling", Some(ship), || {
        format!("Handling {handling} working day(s) at {}: ready {}", node.name, ship.short())
    });

    // 4. Pickup: the first working day from `ship` on with a pickup for this carrier.
    let ready = ship;
    let (ship_by, pickup_kind) = loop {
        if ready.days_until(ship) > MAX_SCAN_DAYS {
            return Err(no_working_day(ready));
        }
        match node.day(ship, carrier) {
            Ok(OpenDay { pickup: Some(p), .. }) => {
                let (at, kind) = local_instant(zone, ship, p);
                ex.push("pickup", Some(ship), || {
                    format!("Carrier pickup ({carrier}) {}: ship by {}", ship.short(), local_text(zone, at))
                });
                break (at, kind);
            }
            Ok(_) => ex.skip("day_skipped", ship, || format!("no {carrier} pickup at {}", node.name)),
            Err(off) => ex.skip("day_skipped", ship, || day_off_text(off, &format!("{} does not work", node.name))),
        }
        ship = ship.succ();
    };
    if pickup_kind == LocalKind::Gap {
        ex.push("dst_gap", Some(ship), || gap_text("pickup"));
    }

    // 5. Transit on carrier days, then the next delivery day.
    let (lo, hi, confidence) = transit_days(transit, input.confidence);
    let mut day = ship;
    let mut earliest_raw = ship;
    let mut n = 0;
    while n < hi {
        day = day.succ();
        if ship.days_until(day) > MAX_SCAN_DAYS + hi as i32 {
            return Err(no_working_day(ship));
        }
        match service.transit_calendar.day_off(day) {
            None => {
                n += 1;
                ex.push("transit_day", Some(day), || format!("{} transit day {n}: {}", service.name, day.short()));
            }
            Some(off) => ex.skip("carrier_day_skipped", day, || {
                day_off_text(off, &format!("{} does not move parcels", service.name))
            }),
        }
        if n == lo && earliest_raw == ship && lo > 0 {
            earliest_raw = day;
        }
    }
    let earliest = next_delivery_day(service, earliest_raw, ex, "earliest")?;
    let latest = next_delivery_day(service, day, ex, "latest")?;
    // A compiled policy knows its calendars for some years only: never answer from days it
    // does not know (the years are contiguous, so the ends of each span are enough).
    for (calendar, d) in [(&node.calendar, release_date), (&node.calendar, ship), (&service.transit_calendar, latest)] {
        if !(MIN_DATE..=MAX_DATE).contains(&d) {
            return Err(crate::calendar::past_the_range(d));
        }
        if !calendar.covers(d) {
            return Err(Error::new(
                "outside_compiled_years",
                format!("this promise needs the calendars of {d}, beyond the years the policy was compiled for: compile it for later years"),
            ));
        }
    }
    ex.push("delivery_window", None, || {
        let days = if lo == hi { format!("{lo}") } else { format!("{lo}-{hi}") };
        let conf = confidence.map(|c| format!(" at {}% confidence", (c * 100.0).round() as u32)).unwrap_or_default();
        format!(
            "{}: {days} transit day(s) ({}){conf}: arrives {} - {}",
            service.name,
            describe_weekdays(&service.transit_calendar_weekdays()),
            earliest.short(),
            latest.short()
        )
    });
    Ok(Calc { release, start, order_by, ship_by, earliest, latest, confidence, steps: Vec::new() })
}

fn next_delivery_day(service: &Service, from: Date, ex: &mut Explain, which: &str) -> Result<Date, Error> {
    let mut d = from;
    while !service.delivers_on(d) {
        if from.days_until(d) > MAX_SCAN_DAYS {
            return Err(no_working_day(from));
        }
        let holiday = service.transit_calendar.day_off(d).filter(|_| service.delivery_weekdays[d.weekday().index()]);
        ex.skip("no_delivery_day", d, || match holiday {
            Some(off) => format!("{}, no {} delivery: the {which} date moves on", day_off_text(off, ""), service.name),
            None => format!(
                "no {} delivery (it delivers {}): the {which} date moves on",
                service.name,
                describe_weekdays(&service.delivery_weekdays)
            ),
        });
        d = d.succ();
    }
    Ok(d)
}

impl Service {
    fn transit_calendar_weekdays(&self) -> [bool; 7] {
        std::array::from_fn(|i| self.transit_calendar.works_weekday(crate::civil::WEEKDAYS[i]))
    }
}

fn unserved_reason(u: Unserved, service: &Service, node: &Node, dest: &Destination) -> Reason {
    match u {
        Unserved::Country => Reason {
            code: "country_not_served",
            message: format!("{} does not deliver to {}", service.name, dest.country),
        },
        Unserved::NoTransit => Reason {
            code: "no_transit_time",
            message: format!("{} has no transit time for this destination ({})", service.name, dest.country),
        },
        Unserved::Node(_) => {
            Reason { code: "node_not_served", message: format!("{} does not ship from {}", service.name, node.name) }
        }
    }
}

/// Release instant of a group (rule 1), with its explanation.
fn release_of(policy: &Policy, order: &Order, placed: i64, node: &Node, group: &Group<'_>, ex: &mut Explain) -> i64 {
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
            ex.push("awaiting_stock", Some(date), || format!("Waiting for stock: available {}", date.short()));
        }
    }
    ex.push("released", None, || format!("Released to {} {}", node.name, local_text(node.zone, release)));
    release
}

struct OptionCalc {
    shipments: Vec<(usize, Calc)>,
}

/// A service as it would carry this order: its transit time to the order's destination,
/// found once (a service may have a thousand destination rules), or why it has none.
pub(crate) struct Offer<'a> {
    pub service: &'a Service,
    pub transit: Result<&'a Transit, Unserved>,
}

impl<'a> Offer<'a> {
    pub(crate) fn new(service: &'a Service, destination: &Destination) -> Offer<'a> {
        Offer { service, transit: service.transit_to(destination) }
    }
}

fn compute_option(
    policy: &Policy,
    order: &Order,
    groups: &[Group<'_>],
    offer: &Offer<'_>,
    placed: i64,
    opts: PromiseOptions,
    explain: bool,
) -> Result<OptionCalc, Reason> {
    let service = offer.service;
    let mut shipments = Vec::new();
    for (gi, group) in groups.iter().enumerate() {
        let Some(node) = policy.nodes.get(group.node) else { continue };
        if !service.ships_from(group.node) {
            return Err(unserved_reason(Unserved::Node(node.id.clone()), service, node, &order.destination));
        }
        let transit = offer.transit.clone().map_err(|u| unserved_reason(u, service, node, &order.destination))?;
        let mut ex = Explain::new(explain);
        let release = release_of(policy, order, placed, node, group, &mut ex);
        let input = ShipmentInput {
            node,
            service,
            transit,
            release,
            extra: extra_days(node, &group.lines),
            confidence: opts.confidence,
        };
        let mut calc = compute(&input, &mut ex).map_err(|e| Reason { code: e.code, message: e.message })?;
        calc.steps = ex.finish();
        shipments.push((gi, calc));
    }
    Ok(OptionCalc { shipments })
}

#[cfg(feature = "full")]
/// The shipments of service `service`'s option as the promise states them, without text:
/// (node, handling start, ship-by, latest delivery date) each, or why it is not available.
pub(crate) fn compute_shipments(
    policy: &Policy,
    order: &Order,
    service: usize,
) -> Result<Vec<(usize, Date, i64, Date)>, Reason> {
    let groups = group_lines(&order.lines);
    let service =
        policy.services.get(service).ok_or_else(|| Reason { code: "internal", message: "no such service".into() })?;
    let offer = Offer::new(service, &order.destination);
    let calc = compute_option(policy, order, &groups, &offer, order.placed_at.0, PromiseOptions::default(), false)?;
    Ok(calc
        .shipments
        .into_iter()
        .filter_map(|(gi, c)| Some((groups.get(gi)?.node, c.start, c.ship_by, c.latest)))
        .collect())
}

/// Order-level summary of shipments: (ship-by, earliest, latest, order-by, confidence).
fn summarize(calcs: &[(usize, Calc)]) -> Option<(i64, Date, Date, i64, Option<f64>)> {
    let first = &calcs.first()?.1;
    let mut s = (first.ship_by, first.earliest, first.latest, first.order_by, first.confidence);
    for (_, c) in calcs.iter().skip(1) {
        s.0 = s.0.max(c.ship_by);
        s.1 = s.1.max(c.earliest);
        s.2 = s.2.max(c.latest);
        s.3 = s.3.min(c.order_by);
        s.4 = match (s.4, c.confidence) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => None,
        };
    }
    Some(s)
}

fn window(earliest: Date, latest: Date, confidence: Option<f64>, zone: &'static str) -> Window {
    Window { earliest: earliest.to_string(), latest: latest.to_string(), confidence, zone }
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
fn wanted_services<'a>(policy: &'a Policy, order: &'a Order) -> impl Iterator<Item = &'a Service> + 'a {
    wanted_service_indexes(policy, order).filter_map(|i| policy.services.get(i))
}

/// The indexes of the services the order asks for (all of them by default), in that order.
pub(crate) fn wanted_service_indexes<'a>(policy: &Policy, order: &'a Order) -> impl Iterator<Item = usize> + 'a {
    let all = order.services.is_none().then_some(0..policy.services.len()).into_iter().flatten();
    all.chain(order.services.iter().flatten().copied())
}

/// The promise for `order` under `policy`.
pub fn promise(policy: &Policy, order: &Order, opts: PromiseOptions) -> Result<Promise, Error> {
    check_options(opts)?;
    let groups = group_lines(&order.lines);
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
            shipments: Vec::new(),
        };
        let offer = Offer::new(service, &order.destination);
        match compute_option(policy, order, &groups, &offer, order.placed_at.0, opts, true) {
            Err(reason) => option.reason = Some(reason),
            Ok(calc) => fill_option(policy, order, &groups, &offer, opts, calc, &mut option),
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
    /// Epoch milliseconds until which this holds.
    pub order_by: i64,
    /// What applies from `order_by` on: ship-by, earliest, latest, its own order-by.
    pub next: Option<(i64, Date, Date, i64)>,
}

/// The quote of each wanted service, rule by rule, in the order of the promise's options;
/// where a service cannot carry the order, the code of why (as in the promise's `reason`).
/// [`crate::quote`] reads the same numbers from day tables and falls back to this.
pub(crate) fn quote(
    policy: &Policy,
    order: &Order,
    opts: PromiseOptions,
) -> Result<Vec<Result<Quote, &'static str>>, Error> {
    check_options(opts)?;
    let groups = group_lines(&order.lines);
    let mut out = Vec::new();
    for service in wanted_services(policy, order) {
        let placed = order.placed_at.0;
        let offer = Offer::new(service, &order.destination);
        let first = compute_option(policy, order, &groups, &offer, placed, opts, false).map_err(|r| r.code);
        let q = first.and_then(|calc| summarize(&calc.shipments).ok_or("no_lines")).map(
            |(ship_by, earliest, latest, order_by, confidence)| {
                let (order_by, next) = hold_until(&(ship_by, earliest, latest, confidence), order_by, |t| {
                    summary_at(policy, order, &groups, &offer, opts, t)
                });
                let next = next.map(|((s, e, l, _), o)| (s, e, l, o));
                Quote { ship_by, earliest, latest, confidence, order_by, next }
            },
        );
        out.push(q);
    }
    Ok(out)
}

/// What the customer is promised: (ship-by, earliest, latest).
pub(crate) type Promised = (i64, Date, Date, Option<f64>);
pub(crate) type Summary = (Promised, i64);

fn summary_at(
    policy: &Policy,
    order: &Order,
    groups: &[Group<'_>],
    offer: &Offer<'_>,
    opts: PromiseOptions,
    placed: i64,
) -> Option<Summary> {
    let calc = compute_option(policy, order, groups, offer, placed, opts, false).ok()?;
    let (ship_by, earliest, latest, order_by, confidence) = summarize(&calc.shipments)?;
    Some(((ship_by, earliest, latest, confidence), order_by))
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
    mut at: impl FnMut(i64) -> Result<Option<Summary>, E>,
) -> Result<(i64, Option<Summary>), E> {
    const WALK: usize = 4;
    // `lo` is an instant at which the promise holds (known, or the placement) and `next`
    // the first cutoff after it, where the promise may change.
    let mut next = order_by;
    let mut lo = i64::MIN;
    // Evaluates the promise at `next`: where it changes, the answer; else `lo` moves there.
    fn step<E>(
        promised: &Promised,
        lo: &mut i64,
        next: &mut i64,
        at: &mut impl FnMut(i64) -> Result<Option<Summary>, E>,
    ) -> Result<Option<(i64, Option<Summary>)>, E> {
        match at(*next)? {
            Some((p, after)) if p == *promised && after > *next => {
                *lo = *next;
                *next = after;
                Ok(None)
            }
            other => Ok(Some((*next, other))),
        }
    }
    for _ in 0..WALK {
        if let Some(done) = step(promised, &mut lo, &mut next, &mut at)? {
            return Ok(done);
        }
    }
    // Gallop: the promise still holds at `lo`; find an instant `hi` where it does not.
    let limit = lo.saturating_add(i64::from(MAX_SCAN_DAYS) * MS_PER_DAY);
    let mut stride = MS_PER_DAY;
    let mut hi = loop {
        let probe = lo.saturating_add(stride).min(limit);
        match at(probe)? {
            Some((p, after)) if p == *promised => {
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
        if let Some(done) = step(promised, &mut lo, &mut next, &mut at)? {
            return Ok(done);
        }
        if hi - lo > MS_PER_DAY {
            let mid = lo + (hi - lo) / 2;
            match at(mid)? {
                Some((p, after)) if p == *promised => {
                    lo = mid;
                    next = after;
                }
                _ => hi = mid,
            }
        }
    }
    Ok((next, None))
}

fn hold_until(promised: &Promised, order_by: i64, at: impl Fn(i64) -> Option<Summary>) -> (i64, Option<Summary>) {
    match try_hold_until(promised, order_by, |t| Ok::<_, std::convert::Infallible>(at(t))) {
        Ok(held) => held,
        Err(never) => match never {},
    }
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
    let Some((ship_by, earliest, latest, order_by, confidence)) = summarize(&calc.shipments) else { return };
    let promised = (ship_by, earliest, latest, confidence);
    let (order_by, next) = hold_until(&promised, order_by, |t| summary_at(policy, order, groups, offer, opts, t));
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
    if let Some(((n_ship, n_early, n_late, n_conf), n_order)) = next {
        option.next = Some(NextPromise {
            ship_by: Moment::new(n_ship, ship_zone),
            delivery: window(n_early, n_late, n_conf, dest_zone),
            order_by: Moment::new(n_order, order_zone),
        });
    }
    for (gi, c) in calc.shipments {
        let (Some(group), Some(zone)) = (groups.get(gi), zone_of(gi)) else { continue };
        let Some(node) = policy.nodes.get(group.node) else { continue };
        let one = std::slice::from_ref(group);
        let promised = (c.ship_by, c.earliest, c.latest, c.confidence);
        let (shipment_order_by, _) =
            hold_until(&promised, c.order_by, |t| summary_at(policy, order, one, offer, opts, t));
        option.shipments.push(Shipment {
            node: node.id.clone(),
            node_name: node.name.clone(),
            lines: group.lines.iter().map(|l| l.sku.clone()).collect(),
            released_at: Moment::new(c.release, zone),
            handling_starts: c.start.to_string(),
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
            .list("shipments", &self.shipments)
            .end();
    }
}

impl ToJson for Reason {
    fn write(&self, out: &mut String) {
        Obj::new(out).str("code", self.code).str("message", &self.message).end();
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

impl ToJson for Step {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("code", self.code)
            .opt_str("date", self.date.as_deref())
            .opt_str("through", self.through.as_deref())
            .str("text", &self.text)
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
