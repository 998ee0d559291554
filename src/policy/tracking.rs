//! The policy's `tracking` section: which milestones are tracked, when one is at risk,
//! which holds pause the clock, and who owns each exception (see `docs/tracking.md`).

use crate::civil::TimeOfDay;
use crate::json::{Map, Value};
use crate::limits::{MAX_CUSTOM_MILESTONES, MAX_ROUTES};
use crate::read::{index, join, Reader};

/// The built-in milestones, in the order they happen.
pub(crate) const BUILTIN: [&str; 4] = ["payment_captured", "released", "shipped", "delivered"];
/// Event types the engine knows; custom milestones add their own `event` names.
pub(crate) const EVENT_TYPES: [&str; 10] = [
    "payment_captured",
    "released",
    "picked",
    "packed",
    "shipped",
    "delivered",
    "hold_started",
    "hold_ended",
    "carrier_exception",
    "cancelled",
];
/// Reason codes a route may name.
pub(crate) const REASONS: [&str; 7] = [
    "overdue",
    "late",
    "low_remaining_fraction",
    "low_remaining_hours",
    "not_started_in_time",
    "carrier_exception",
    "cancelled",
];

const MS_PER_HOUR: f64 = 3_600_000.0;
/// Default at-risk rule when the policy sets none: a quarter of the allowance left.
const DEFAULT_FRACTION: f64 = 0.25;

/// When a milestone that is not met yet counts as at risk. `None`: that rule is off.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct AtRisk {
    /// Remaining working time below this fraction of the allowance (started milestones).
    pub fraction: Option<f64>,
    /// Remaining working time below this many working milliseconds.
    pub remaining_ms: Option<i64>,
}

/// One tracked milestone's settings.
#[derive(Clone, Debug)]
pub(crate) struct MilestoneRule {
    pub id: String,
    pub name: String,
    /// The event type that meets it.
    pub event: String,
    /// The milestone whose completion starts this one's clock, if any.
    pub after: Option<String>,
    /// Custom milestones: due this many working milliseconds after `after` is met.
    pub within_ms: Option<i64>,
    pub at_risk: AtRisk,
    /// Working time the step itself takes: at risk when not started with less left.
    pub takes_ms: Option<i64>,
}

#[derive(Clone, Debug)]
pub(crate) struct Route {
    pub milestone: Option<String>,
    pub reason: Option<String>,
    pub owner: String,
    pub route: String,
}

#[derive(Clone, Debug)]
pub(crate) struct TrackingRules {
    /// Tracked milestones, built-ins first in their order, then custom ones.
    pub milestones: Vec<MilestoneRule>,
    pub pausing_holds: Vec<String>,
    pub routes: Vec<Route>,
    /// Local time on the latest delivery day by which delivery is due (default: 24:00).
    pub delivered_by: TimeOfDay,
}

fn builtin(id: &str, at_risk: AtRisk) -> MilestoneRule {
    let (name, after) = match id {
        "payment_captured" => ("Payment captured", None),
        "released" => ("Released to the node", None),
        "shipped" => ("Shipped", Some("released")),
        _ => ("Delivered", Some("shipped")),
    };
    MilestoneRule {
        id: id.into(),
        name: name.into(),
        event: id.into(),
        after: after.map(str::to_string),
        within_ms: None,
        at_risk,
        takes_ms: None,
    }
}

impl TrackingRules {
    /// The rules of a policy without a `tracking` section.
    pub(crate) fn defaults(payment_required: bool) -> TrackingRules {
        let at_risk = AtRisk { fraction: Some(DEFAULT_FRACTION), remaining_ms: None };
        let ids = BUILTIN.iter().filter(|id| payment_required || **id != "payment_captured");
        TrackingRules {
            milestones: ids.map(|id| builtin(id, at_risk)).collect(),
            pausing_holds: Vec::new(),
            routes: Vec::new(),
            delivered_by: TimeOfDay::END_OF_DAY,
        }
    }

    /// Whether `t` is an event type tracking understands.
    pub(crate) fn knows_event(&self, t: &str) -> bool {
        EVENT_TYPES.contains(&t) || self.milestones.iter().any(|m| m.event == t)
    }

    /// The first route matching a milestone and reason.
    pub(crate) fn route(&self, milestone: &str, reason: &str) -> Option<&Route> {
        self.routes.iter().find(|r| {
            r.milestone.as_deref().is_none_or(|m| m == milestone) && r.reason.as_deref().is_none_or(|x| x == reason)
        })
    }
}

fn hours_to_ms(r: &mut Reader, v: &Value, path: &str) -> Option<i64> {
    r.number(v, path, (0.0, 24.0 * 366.0), "0..8784").map(|h| (h * MS_PER_HOUR).round() as i64)
}

fn read_at_risk(r: &mut Reader, v: &Value, path: &str, base: AtRisk) -> AtRisk {
    let mut out = base;
    let Some(m) = r.object(v, path, &["remainingFraction", "remainingWorkingHours"]) else { return out };
    if let Some(v) = m.get("remainingFraction") {
        out.fraction = match v {
            Value::Null => None,
            _ => r.number(v, &join(path, "remainingFraction"), (0.0, 1.0), "0..1"),
        };
    }
    if let Some(v) = m.get("remainingWorkingHours") {
        out.remaining_ms = match v {
            Value::Null => None,
            _ => hours_to_ms(r, v, &join(path, "remainingWorkingHours")),
        };
    }
    out
}

/// Reads `tracking`; `payment_required` decides whether payment capture is tracked by default.
pub(crate) fn read_tracking(r: &mut Reader, v: &Value, payment_required: bool) -> TrackingRules {
    let mut rules = TrackingRules::defaults(payment_required);
    let Some(m) = r.object(v, "tracking", &["milestones", "custom", "atRisk", "pausingHolds", "routes", "deliveredBy"])
    else {
        return rules;
    };
    let default = AtRisk { fraction: Some(DEFAULT_FRACTION), remaining_ms: None };
    let at_risk = m.get("atRisk").map_or(default, |v| read_at_risk(r, v, "tracking.atRisk", default));
    if let Some(v) = m.get("deliveredBy") {
        rules.delivered_by = r.time(v, "tracking.deliveredBy").unwrap_or(TimeOfDay::END_OF_DAY);
    }
    rules.milestones = match m.get("milestones").and_then(|v| r.object(v, "tracking.milestones", &BUILTIN)) {
        Some(listed) => read_builtins(r, listed, at_risk),
        None => TrackingRules::defaults(payment_required).milestones.iter().map(|x| builtin(&x.id, at_risk)).collect(),
    };
    if let Some(list) = m
        .get("custom")
        .and_then(|v| r.list(v, "tracking.custom"))
        .filter(|l| r.within(l.len(), MAX_CUSTOM_MILESTONES, "tracking.custom", "custom milestones"))
    {
        for (i, item) in list.iter().enumerate() {
            if let Some(c) = read_custom(r, item, &index("tracking.custom", i), at_risk, &rules.milestones) {
                // Listed right after its predecessor (and the steps already listed after it).
                let mut at = rules.milestones.iter().position(|m| Some(&m.id) == c.after.as_ref()).map_or(0, |p| p + 1);
                while rules.milestones.get(at).is_some_and(|m| m.within_ms.is_some()) {
                    at += 1;
                }
                rules.milestones.insert(at, c);
            }
        }
    }
    if let Some(list) = m
        .get("pausingHolds")
        .and_then(|v| r.list(v, "tracking.pausingHolds"))
        .filter(|l| r.within(l.len(), MAX_ROUTES, "tracking.pausingHolds", "hold reasons"))
    {
        for (i, item) in list.iter().enumerate() {
            rules.pausing_holds.extend(r.string(item, &index("tracking.pausingHolds", i)).map(str::to_string));
        }
    }
    if let Some(list) = m
        .get("routes")
        .and_then(|v| r.list(v, "tracking.routes"))
        .filter(|l| r.within(l.len(), MAX_ROUTES, "tracking.routes", "routes"))
    {
        let ids: Vec<String> = rules.milestones.iter().map(|x| x.id.clone()).collect();
        for (i, item) in list.iter().enumerate() {
            if let Some(route) = read_route(r, item, &index("tracking.routes", i), &ids) {
                rules.routes.push(route);
            }
        }
    }
    rules
}

fn read_builtins(r: &mut Reader, listed: &Map<String, Value>, at_risk: AtRisk) -> Vec<MilestoneRule> {
    let mut out = Vec::new();
    for id in BUILTIN {
        let Some(v) = listed.get(id) else { continue };
        let p = join("tracking.milestones", id);
        let mut rule = builtin(id, at_risk);
        if let Some(m) = r.object(v, &p, &["atRisk", "takesWorkingHours"]) {
            if let Some(v) = m.get("atRisk") {
                rule.at_risk = read_at_risk(r, v, &join(&p, "atRisk"), at_risk);
            }
            rule.takes_ms = m.get("takesWorkingHours").and_then(|v| hours_to_ms(r, v, &join(&p, "takesWorkingHours")));
        }
        // A step whose predecessor is not tracked starts at placement.
        if rule.after.as_deref().is_some_and(|a| !listed.contains_key(a)) {
            rule.after = None;
        }
        out.push(rule);
    }
    out
}

fn read_custom(r: &mut Reader, v: &Value, p: &str, at_risk: AtRisk, known: &[MilestoneRule]) -> Option<MilestoneRule> {
    let m = r.object(v, p, &["id", "name", "event", "after", "withinWorkingHours", "atRisk", "takesWorkingHours"])?;
    let id = r.required(m, "id", p).and_then(|v| r.string(v, &join(p, "id"))).map(str::to_string);
    let event = r.required(m, "event", p).and_then(|v| r.string(v, &join(p, "event"))).map(str::to_string);
    let after = r.required(m, "after", p).and_then(|v| r.string(v, &join(p, "after"))).map(str::to_string);
    let within = r.required(m, "withinWorkingHours", p).and_then(|v| hours_to_ms(r, v, &join(p, "withinWorkingHours")));
    let name = m.get("name").and_then(|v| r.string(v, &join(p, "name"))).map(str::to_string);
    let rule_risk = m.get("atRisk").map_or(at_risk, |v| read_at_risk(r, v, &join(p, "atRisk"), at_risk));
    let takes_ms = m.get("takesWorkingHours").and_then(|v| hours_to_ms(r, v, &join(p, "takesWorkingHours")));
    let (id, event, after, within) = (id?, event?, after?, within?);
    if known.iter().any(|k| k.id == id) {
        r.problem("duplicate_id", &join(p, "id"), format!("milestone \"{id}\" is already tracked"));
        return None;
    }
    if !known.iter().any(|k| k.id == after) {
        let hint = r.did_you_mean(&after, known.iter().map(|k| k.id.as_str()));
        r.problem(
            "unknown_milestone",
            &join(p, "after"),
            format!("no tracked milestone \"{after}\" before this one{hint}"),
        );
        return None;
    }
    if ["hold_started", "hold_ended", "cancelled", "carrier_exception"].contains(&event.as_str()) {
        r.problem("invalid_event_type", &join(p, "event"), format!("\"{event}\" cannot meet a milestone"));
        return None;
    }
    Some(MilestoneRule {
        name: name.unwrap_or_else(|| id.clone()),
        id,
        event,
        after: Some(after),
        within_ms: Some(within),
        at_risk: rule_risk,
        takes_ms,
    })
}

fn read_route(r: &mut Reader, v: &Value, p: &str, milestones: &[String]) -> Option<Route> {
    let m = r.object(v, p, &["milestone", "reason", "owner", "route"])?;
    let milestone = m.get("milestone").and_then(|v| r.string(v, &join(p, "milestone"))).map(str::to_string);
    let reason = m.get("reason").and_then(|v| r.string(v, &join(p, "reason"))).map(str::to_string);
    let owner = r.required(m, "owner", p).and_then(|v| r.string(v, &join(p, "owner"))).map(str::to_string);
    let route = r.required(m, "route", p).and_then(|v| r.string(v, &join(p, "route"))).map(str::to_string);
    if let Some(ms) = &milestone {
        if !milestones.iter().any(|x| x == ms) {
            let hint = r.did_you_mean(ms, milestones.iter().map(String::as_str));
            r.problem("unknown_milestone", &join(p, "milestone"), format!("no tracked milestone \"{ms}\"{hint}"));
        }
    }
    if let Some(rs) = &reason {
        if !REASONS.contains(&rs.as_str()) {
            let hint = r.did_you_mean(rs, REASONS);
            r.problem("unknown_reason", &join(p, "reason"), format!("\"{rs}\" is not a reason code{hint}"));
        }
    }
    Some(Route { milestone, reason, owner: owner?, route: route? })
}
