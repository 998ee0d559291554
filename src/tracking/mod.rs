//! After checkout: each milestone of a stored promise against the order's events at a
//! given "now": due, status, remaining working and wall time, reasons, owner and route,
//! and the history of state changes (see `docs/tracking.md`).
//!
//! The clock of a milestone runs in working time: the node's working windows, or the
//! carrier's days for delivery. Holds whose reason the policy marks as pausing stop it:
//! the due moves out by the working time spent on hold, as service desks do. Everything is
//! computed from the inputs alone, so the same inputs give the same result and history.

pub(crate) mod input;
mod pauses;
pub(crate) mod worktime;

use crate::civil::TimeOfDay;
use crate::error::{Error, Problem};
use crate::json::{Obj, ToJson};
use crate::policy::tracking::{MilestoneRule, TrackingRules};
use crate::policy::Policy;
use crate::promise::Moment;
use crate::tracking::worktime::{merge_spans, Clock, Span};
use crate::tz::local_instant;
use crate::tz::TimeZone;
use crate::ENGINE_VERSION;
use input::{Event, Stored};
use pauses::Holds;

/// One milestone's state at "now".
#[derive(Clone, Debug)]
pub struct MilestoneStatus {
    pub id: String,
    pub name: String,
    /// The node of the shipment it belongs to; absent for order milestones.
    pub node: Option<String>,
    /// `pending`, `on_track`, `at_risk`, `breached`, `met`, `met_late` or `cancelled`.
    pub status: &'static str,
    /// The due instant, moved out by paused working time.
    pub due: Moment,
    pub met_at: Option<Moment>,
    /// Working and wall milliseconds from now to the due; negative when late; `null` once met.
    pub remaining_working_ms: Option<i64>,
    pub remaining_wall_ms: Option<i64>,
    /// Working milliseconds (on the milestone's clock) between the due it would have without
    /// any hold and its due: what holds moved it by, its own or through the steps before it.
    pub paused_working_ms: i64,
    /// Whether a pausing hold is open now.
    pub paused: bool,
    /// Stable codes, the most serious first.
    pub reasons: Vec<&'static str>,
    pub owner: Option<String>,
    pub route: Option<String>,
}

/// A state change, for the reviewable history.
#[derive(Clone, Debug)]
pub struct Change {
    pub at: Moment,
    /// Absent for order-level changes (paused, resumed, cancelled).
    pub milestone: Option<String>,
    pub node: Option<String>,
    /// `at_risk`, `breached`, `met`, `met_late`, `paused`, `resumed` or `cancelled`.
    pub change: &'static str,
    pub reason: Option<String>,
}

/// The tracking result of one order.
#[derive(Clone, Debug)]
pub struct Tracking {
    pub order_id: Option<String>,
    pub service: String,
    pub now: Moment,
    /// `on_track`, `at_risk`, `breached`, `met`, `met_late` or `cancelled`.
    pub status: &'static str,
    pub milestones: Vec<MilestoneStatus>,
    pub history: Vec<Change>,
    /// Input that was left out, and why.
    pub warnings: Vec<Problem>,
    pub policy_hash: String,
    pub engine_version: &'static str,
}

impl ToJson for MilestoneStatus {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("id", &self.id)
            .str("name", &self.name)
            .opt_str("node", self.node.as_deref())
            .str("status", self.status)
            .value("due", &self.due)
            .opt_or_null("metAt", self.met_at.as_ref())
            .opt_int_or_null("remainingWorkingMs", self.remaining_working_ms)
            .opt_int_or_null("remainingWallMs", self.remaining_wall_ms)
            .int("pausedWorkingMs", self.paused_working_ms)
            .bool("paused", self.paused)
            .list("reasons", &self.reasons)
            .opt_str_or_null("owner", self.owner.as_deref())
            .opt_str_or_null("route", self.route.as_deref())
            .end();
    }
}

impl ToJson for Change {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .value("at", &self.at)
            .opt_str("milestone", self.milestone.as_deref())
            .opt_str("node", self.node.as_deref())
            .str("change", self.change)
            .opt_str("reason", self.reason.as_deref())
            .end();
    }
}

impl ToJson for Tracking {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .opt_str("orderId", self.order_id.as_deref())
            .str("service", &self.service)
            .value("now", &self.now)
            .str("status", self.status)
            .list("milestones", &self.milestones)
            .list("history", &self.history)
            .list("warnings", &self.warnings)
            .str("policyHash", &self.policy_hash)
            .str("engineVersion", self.engine_version)
            .end();
    }
}

/// One milestone instance being evaluated.
struct Eval<'a> {
    rule: &'a MilestoneRule,
    shipment: Option<usize>,
    clock: Clock<'a>,
    zone: TimeZone,
    /// The due, moved by the holds that count for this milestone.
    due: i64,
    /// The due had there been no holds at all.
    plain_due: i64,
    /// The holds that count for it: clipped to the time it was open (see `pauses`).
    pauses: Vec<Span>,
    start: i64,
    started: bool,
    /// Working time from `start` to `due`, pauses left out (the at-risk fraction's base).
    allowance: i64,
    met_at: Option<i64>,
}

/// The audit's compact record of one order's tracking (see `docs/audit.md`), from a
/// tracking worked out with [`Detail::Audit`]: numbers, codes and ids, no local text.
pub(crate) fn audit_record(t: &Tracking, now: i64) -> String {
    use crate::json::Obj;
    let mut out = String::new();
    let mut o = Obj::new(&mut out);
    o.opt_str("orderId", t.order_id.as_deref()).str("service", &t.service).str("status", t.status);
    let list = o.key("milestones");
    list.push('[');
    for (i, m) in t.milestones.iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        let due = m.due.epoch_ms;
        let met_at = m.met_at.as_ref().map(|x| x.epoch_ms);
        let late = match (m.status, met_at) {
            ("met_late", Some(at)) => Some(at - due),
            ("breached", _) => Some(now - due),
            _ => None,
        };
        let mut e = Obj::new(list);
        e.str("id", &m.id);
        e.opt_str_or_null("node", m.node.as_deref())
            .str("status", m.status)
            .int("due", due)
            .str("dueDay", &m.due.local);
        e.opt_int_or_null("metAt", met_at).opt_int_or_null("lateMs", late);
        let reasons: Vec<String> = m.reasons.iter().map(|r| r.to_string()).collect();
        e.list("reasons", &reasons)
            .opt_str_or_null("owner", m.owner.as_deref())
            .opt_str_or_null("route", m.route.as_deref())
            .end();
    }
    list.push(']');
    o.end();
    out
}

/// How much of a tracking result to work out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Everything: instants with their local text, remaining and paused working time, history.
    Full,
    /// What the audit's record reads: statuses, reasons, owners and routes, dues and met
    /// instants as numbers (their local date only), no remaining or paused time, no history.
    Audit,
}

/// Evaluates tracking. `now` is an epoch-ms instant.
pub(crate) fn track(
    policy: &Policy,
    stored: &Stored,
    events: &[Event],
    mut warnings: Vec<Problem>,
    now: i64,
    detail: Detail,
) -> Result<Tracking, Error> {
    let full = detail == Detail::Full;
    let moment = |t: i64, zone: TimeZone| if full { Moment::new(t, zone) } else { Moment::dated(t, zone) };
    let rules = &policy.tracking;
    let service =
        policy.services.get(stored.service).ok_or_else(|| Error::new("internal", "service index out of range"))?;
    let node_of = |k: usize| stored.shipments.get(k).and_then(|s| policy.nodes.get(s.node));
    let first_node = node_of(0).ok_or_else(|| Error::new("internal", "a promise without shipments"))?;
    if stored.policy_hash != policy.hash {
        warnings.push(Problem {
            code: "policy_changed",
            path: "promise.policyHash".into(),
            message: "the promise was made under another version of the policy: dues come from the promise, rules from this policy".into(),
        });
    }
    let cancel_at = events.iter().find(|e| e.kind == "cancelled").map(|e| e.at);
    let end = cancel_at.unwrap_or(now).min(now);
    // Holds of the whole order, then each shipment's own: every hold event is read once.
    let order_holds = pauses::holds(rules, events, None, end, cancel_at.is_none(), &mut warnings);
    let shipment_holds: Vec<Holds> = (0..stored.shipments.len())
        .map(|k| pauses::holds(rules, events, Some(k), end, cancel_at.is_none(), &mut warnings))
        .collect();
    // What pauses a shipment's clocks: the order's holds and its own.
    let merged: Vec<Holds> = shipment_holds
        .iter()
        .map(|own| Holds {
            spans: merge_spans([&order_holds.spans[..], &own.spans[..]].concat()),
            open: order_holds.open || own.open,
        })
        .collect();
    let pauses_for = |k: Option<usize>| {
        k.and_then(|k| merged.get(k)).map_or((&order_holds.spans, order_holds.open), |h| (&h.spans, h.open))
    };

    let days = crate::tracking::worktime::Days::default();
    let met = |kind: &str, k: Option<usize>| {
        events.iter().find(|e| e.kind == kind && (k.is_none() || e.shipment == k) && e.at <= end).map(|e| e.at)
    };
    let mut evals: Vec<Eval> = Vec::new();
    for rule in &rules.milestones {
        let shipments: Vec<Option<usize>> =
            if rule.id == "payment_captured" { vec![None] } else { (0..stored.shipments.len()).map(Some).collect() };
        for k in shipments {
            let node = k.and_then(node_of).unwrap_or(first_node);
            let shipment = k.and_then(|k| stored.shipments.get(k));
            let (clock, zone) = match (rule.id.as_str(), shipment) {
                ("delivered", Some(s)) => (Clock::carrier(service, s.delivery_zone, &days), s.delivery_zone),
                _ => (Clock::node(node, &days), node.zone),
            };
            let met_at = met(&rule.event, k);
            let stop = met_at.unwrap_or(end);
            let pred = rule
                .after
                .as_deref()
                .and_then(|a| evals.iter().find(|x| x.rule.id == a && (x.shipment == k || x.shipment.is_none())));
            let pred_met = pred.and_then(|p| p.met_at);
            let start = pred_met.unwrap_or(stored.placed_at);
            let started = rule.after.is_none() || pred_met.is_some();
            let (holds, _) = pauses_for(k);
            let (plain_due, due, pauses) = match (rule.within_ms, shipment) {
                (Some(within), _) => {
                    // Reckoned from the predecessor: its completion, or its due until then.
                    let from = pred_met.or(pred.map(|p| p.due)).unwrap_or(stored.placed_at);
                    let plain_from = pred_met.or(pred.map(|p| p.plain_due)).unwrap_or(stored.placed_at);
                    let plain = clock.advance(plain_from, within, &[]).unwrap_or(plain_from);
                    let own = pauses::clip(holds, from, stop);
                    (plain, pauses::after(&clock, from, within, &own).unwrap_or(plain), own)
                }
                (None, Some(s)) if rule.id == "delivered" => {
                    // Holds before the handover move the delivery day through shipping; holds
                    // after it, by carrier time.
                    let node_clock = Clock::node(node, &days);
                    let handed = met("shipped", k).or(met_at);
                    let ship_by = pauses::moved(
                        &node_clock,
                        stored.placed_at,
                        s.ship_by,
                        &pauses::clip(holds, stored.placed_at, handed.unwrap_or(end)),
                    );
                    let handover = handed.unwrap_or(ship_by).min(ship_by);
                    let latest = pauses::slipped_delivery(service, node.zone, s.ship_by, handover, s.delivery_latest);
                    let plain = delivered_due(policy, s.delivery_zone, s.delivery_latest);
                    let own = handed.map_or_else(Vec::new, |h| pauses::clip(holds, h, stop));
                    (
                        plain,
                        pauses::moved(
                            &clock,
                            handed.unwrap_or(stored.placed_at),
                            delivered_due(policy, s.delivery_zone, latest),
                            &own,
                        ),
                        own,
                    )
                }
                (None, _) => {
                    let plain = nominal_due(policy, stored, rule, k, service);
                    let own = pauses::clip(holds, stored.placed_at, stop);
                    (plain, pauses::moved(&clock, stored.placed_at, plain, &own), own)
                }
            };
            let allowance = clock.working_ms(start, due, &pauses);
            evals.push(Eval {
                rule,
                shipment: k,
                clock,
                zone,
                due,
                plain_due,
                pauses,
                start,
                started,
                allowance,
                met_at,
            });
        }
    }

    let mut milestones = Vec::new();
    let mut history = Vec::new();
    for ev in &evals {
        let (_, paused_now) = pauses_for(ev.shipment);
        let pauses = &ev.pauses[..];
        let node = ev.shipment.and_then(node_of).map(|n| n.id.clone());
        let (status, reasons) = status_at(ev, events, pauses, cancel_at, now);
        let (remaining_working_ms, remaining_wall_ms) = match status {
            _ if !full => (None, None),
            "met" | "met_late" | "cancelled" => (None, None),
            _ if now <= ev.due => (Some(ev.clock.working_ms(now, ev.due, pauses)), Some(ev.due - now)),
            _ => (Some(-ev.clock.working_ms(ev.due, now, &[])), Some(ev.due - now)),
        };
        let routed = !matches!(status, "met" | "on_track" | "pending");
        let route = reasons.first().filter(|_| routed).and_then(|r| rules.route(&ev.rule.id, r));
        let fill = |s: &str| {
            s.replace("{node}", node.as_deref().unwrap_or(""))
                .replace("{carrier}", &service.carrier)
                .replace("{milestone}", &ev.rule.id)
        };
        milestones.push(MilestoneStatus {
            id: ev.rule.id.clone(),
            name: ev.rule.name.clone(),
            node: node.clone(),
            status,
            due: moment(ev.due, ev.zone),
            met_at: ev.met_at.map(|t| moment(t, ev.zone)),
            remaining_working_ms,
            remaining_wall_ms,
            paused_working_ms: if full { ev.clock.working_ms(ev.plain_due, ev.due, &[]) } else { 0 },
            paused: paused_now && ev.met_at.is_none(),
            reasons,
            owner: route.map(|r| fill(&r.owner)),
            route: route.map(|r| fill(&r.route)),
        });
        if full {
            history.extend(milestone_history(ev, events, pauses, end, node));
        }
    }
    // Holds as they were given: order-wide ones, then each shipment's own.
    let scoped =
        std::iter::once((None, &order_holds)).chain(shipment_holds.iter().enumerate().map(|(k, h)| (Some(k), h)));
    for (k, h) in scoped.filter(|_| full) {
        let node = k.and_then(node_of);
        let zone = node.unwrap_or(first_node).zone;
        let node_id = node.map(|n| n.id.clone());
        for (i, (a, b)) in h.spans.iter().enumerate() {
            let reason = pause_reason(rules, events, *a);
            history.push(Change {
                at: Moment::new(*a, zone),
                milestone: None,
                node: node_id.clone(),
                change: "paused",
                reason: reason.clone(),
            });
            // The last span of an open hold has not ended: it runs until now.
            if !(h.open && i + 1 == h.spans.len()) {
                history.push(Change {
                    at: Moment::new(*b, zone),
                    milestone: None,
                    node: node_id.clone(),
                    change: "resumed",
                    reason,
                });
            }
        }
    }
    if let Some(c) = cancel_at.filter(|_| full) {
        history.push(Change {
            at: Moment::new(c, first_node.zone),
            milestone: None,
            node: None,
            change: "cancelled",
            reason: None,
        });
    }
    // Order-level changes first at the same instant, then milestones in their order.
    let rank = |c: &Change| match c.change {
        "paused" | "resumed" | "cancelled" => 0,
        "met" | "met_late" => 1,
        "at_risk" => 2,
        _ => 3,
    };
    history.sort_by(|a, b| a.at.epoch_ms.cmp(&b.at.epoch_ms).then(rank(a).cmp(&rank(b))));

    Ok(Tracking {
        order_id: stored.order_id.clone(),
        service: service.id.clone(),
        now: moment(now, first_node.zone),
        status: overall(&milestones, cancel_at.is_some()),
        milestones,
        history,
        warnings,
        policy_hash: policy.hash.clone(),
        engine_version: ENGINE_VERSION,
    })
}

/// The due a milestone has in the promise: the cutoff of the handling start day for
/// payment and release, the ship-by, or the end of the latest delivery day.
fn nominal_due(
    policy: &Policy,
    stored: &Stored,
    rule: &MilestoneRule,
    k: Option<usize>,
    service: &crate::policy::Service,
) -> i64 {
    // The cutoff of the wave the order was placed in on the handling start day.
    let cutoff = |s: &input::Shipment| -> i64 {
        let Some(node) = policy.nodes.get(s.node) else { return s.ship_by };
        match node
            .day(s.handling_starts, &service.carrier)
            .map(|open| open.admits(node, s.handling_starts, stored.placed_at))
        {
            Ok(Some((_, _, at, _))) => at,
            // The policy changed since the promise: fall back to the promised ship-by.
            _ => s.ship_by,
        }
    };
    match (rule.id.as_str(), k.and_then(|k| stored.shipments.get(k))) {
        ("payment_captured", _) => stored.shipments.iter().map(cutoff).min().unwrap_or(stored.placed_at),
        ("released", Some(s)) => cutoff(s),
        ("delivered", Some(s)) => delivered_due(policy, s.delivery_zone, s.delivery_latest),
        (_, Some(s)) => s.ship_by,
        (_, None) => stored.placed_at,
    }
}

/// Delivery is due by `deliveredBy` on the latest delivery day, or at its end.
fn delivered_due(policy: &Policy, zone: TimeZone, latest: crate::civil::Date) -> i64 {
    let by = policy.tracking.delivered_by;
    if by == TimeOfDay::END_OF_DAY {
        local_instant(zone, latest.succ(), TimeOfDay(0)).0
    } else {
        local_instant(zone, latest, by).0
    }
}

fn pause_reason(rules: &TrackingRules, events: &[Event], at: i64) -> Option<String> {
    events
        .iter()
        .find(|e| {
            e.kind == "hold_started" && e.at == at && e.reason.as_ref().is_some_and(|r| rules.pausing_holds.contains(r))
        })
        .and_then(|e| e.reason.clone())
}

fn open_exception(ev: &Eval, events: &[Event], until: i64) -> Option<i64> {
    if ev.rule.id != "delivered" {
        return None;
    }
    events.iter().find(|e| e.kind == "carrier_exception" && e.shipment == ev.shipment && e.at <= until).map(|e| e.at)
}

fn status_at(
    ev: &Eval,
    events: &[Event],
    pauses: &[Span],
    cancel_at: Option<i64>,
    now: i64,
) -> (&'static str, Vec<&'static str>) {
    if let Some(m) = ev.met_at {
        return if m <= ev.due { ("met", Vec::new()) } else { ("met_late", vec!["late"]) };
    }
    if cancel_at.is_some() {
        return ("cancelled", vec!["cancelled"]);
    }
    let mut reasons = Vec::new();
    if now > ev.due {
        reasons.push("overdue");
    }
    if open_exception(ev, events, now).is_some() {
        reasons.push("carrier_exception");
    }
    if now <= ev.due {
        let left = ev.clock.working_ms(now, ev.due, pauses);
        let risk = ev.rule.at_risk;
        if !ev.started && ev.rule.takes_ms.is_some_and(|t| left < t) {
            reasons.push("not_started_in_time");
        }
        if risk.remaining_ms.is_some_and(|h| left < h) {
            reasons.push("low_remaining_hours");
        }
        if ev.started && risk.fraction.is_some_and(|f| (left as f64) < f * ev.allowance as f64) {
            reasons.push("low_remaining_fraction");
        }
    }
    let status = match reasons.first() {
        Some(&"overdue") => "breached",
        Some(_) => "at_risk",
        // Before placement no clock runs.
        None if ev.started && now >= ev.start => "on_track",
        None => "pending",
    };
    (status, reasons)
}

/// When this milestone became at risk, breached and met, up to `end` (now, or cancellation).
fn milestone_history(ev: &Eval, events: &[Event], pauses: &[Span], end: i64, node: Option<String>) -> Vec<Change> {
    let change = |at: i64, change: &'static str, reason: Option<&str>| Change {
        at: Moment::new(at, ev.zone),
        milestone: Some(ev.rule.id.clone()),
        node: node.clone(),
        change,
        reason: reason.map(str::to_string),
    };
    let mut out = Vec::new();
    let stop = ev.met_at.unwrap_or(end);
    let risk = ev.rule.at_risk;
    let mut candidates: Vec<(i64, &str)> = Vec::new();
    if let Some(h) = risk.remaining_ms {
        candidates.extend(ev.clock.retreat(ev.due, h, pauses).map(|t| (t, "low_remaining_hours")));
    }
    if let (Some(f), true) = (risk.fraction, ev.started) {
        let amount = (f * ev.allowance as f64).round() as i64;
        candidates
            .extend(ev.clock.retreat(ev.due, amount, pauses).map(|t| (t.max(ev.start), "low_remaining_fraction")));
    }
    if let Some(t) = ev.rule.takes_ms {
        // Only while the step has not started.
        if let Some(at) = ev.clock.retreat(ev.due, t, pauses).filter(|at| !ev.started || *at < ev.start) {
            candidates.push((at, "not_started_in_time"));
        }
    }
    candidates.extend(open_exception(ev, events, stop).map(|t| (t, "carrier_exception")));
    if let Some((at, reason)) = candidates.into_iter().filter(|(t, _)| *t < stop && *t < ev.due).min_by_key(|(t, _)| *t)
    {
        out.push(change(at, "at_risk", Some(reason)));
    }
    if ev.due < stop {
        out.push(change(ev.due, "breached", Some("overdue")));
    }
    if let Some(m) = ev.met_at {
        out.push(if m <= ev.due { change(m, "met", None) } else { change(m, "met_late", Some("late")) });
    }
    out
}

fn overall(milestones: &[MilestoneStatus], cancelled: bool) -> &'static str {
    let any = |s: &str| milestones.iter().any(|m| m.status == s);
    if cancelled {
        "cancelled"
    } else if any("breached") {
        "breached"
    } else if any("at_risk") {
        "at_risk"
    } else if milestones.iter().all(|m| matches!(m.status, "met" | "met_late")) {
        if any("met_late") {
            "met_late"
        } else {
            "met"
        }
    } else {
        "on_track"
    }
}
