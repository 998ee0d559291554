//! What tracking reads: the stored promise (as the engine wrote it) and the order's events.
//! Malformed input is an error with paths; input that is well formed but cannot be applied
//! (an unknown event type, an event before placement or after cancellation) is kept out of
//! the evaluation and reported as a warning, so the status is never silently wrong.

use crate::civil::{Date, Instant};
use crate::error::{Error, Problem};
use crate::json::Value;
use crate::limits::{MAX_EVENTS, MAX_SERVICES, MAX_SHIPMENTS};
use crate::policy::tracking::TrackingRules;
use crate::policy::Policy;
use crate::read::{index, join, parse_json, Reader};
use crate::tz::TimeZone;

/// One shipment of the chosen option, as promised.
#[derive(Clone, Debug)]
pub(crate) struct Shipment {
    pub node: usize,
    pub handling_starts: Date,
    pub ship_by: i64,
    pub delivery_latest: Date,
    pub delivery_zone: TimeZone,
}

/// The parts of a stored promise tracking needs.
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    pub order_id: Option<String>,
    pub placed_at: i64,
    pub policy_hash: String,
    pub service: usize,
    pub shipments: Vec<Shipment>,
}

/// What the promise for `order` would store, for the option of `service` (or the order's only
/// available option), computed without writing the promise: the audit re-promises orders
/// this way. Errors as reading that promise would give them.
pub(crate) fn stored_from_order(
    policy: &Policy,
    order: &crate::order::Order,
    service: Option<&str>,
) -> Result<Stored, Error> {
    use crate::eval::{compute_shipments, wanted_service_indexes};
    let problem = |code: &'static str, message: String| {
        Error::invalid("invalid_promise", "promise", vec![Problem { code, path: "options".into(), message }])
    };
    let wanted: Vec<usize> = wanted_service_indexes(policy, order).filter(|i| *i < policy.services.len()).collect();
    let unavailable =
        || problem("option_not_available", "the chosen option was not available, so nothing was promised".into());
    let (chosen, shipments) = match service {
        Some(id) => {
            let ids = || {
                wanted
                    .iter()
                    .filter_map(|i| policy.services.get(*i))
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let i = wanted.iter().copied().find(|i| policy.services.get(*i).is_some_and(|s| s.id == id)).ok_or_else(
                || {
                    let known = policy.services.iter().any(|s| s.id == id);
                    let what = if known { "the order does not ask for" } else { "the policy has no" };
                    problem("unknown_service", format!("{what} service \"{id}\"; the order's options: {}", ids()))
                },
            )?;
            (i, compute_shipments(policy, order, i).map_err(|_| unavailable())?)
        }
        None => {
            let available: Vec<(usize, _)> =
                wanted.iter().filter_map(|i| compute_shipments(policy, order, *i).ok().map(|s| (*i, s))).collect();
            let ids: Vec<&str> =
                available.iter().filter_map(|(i, _)| policy.services.get(*i)).map(|s| s.id.as_str()).collect();
            match <[_; 1]>::try_from(available) {
                Ok([one]) => one,
                Err(_) if ids.is_empty() => {
                    return Err(problem(
                        "option_not_available",
                        "no option of the order is available, so nothing was promised".into(),
                    ))
                }
                Err(_) => return Err(problem("service_required", service_required(&ids))),
            }
        }
    };
    let first_zone = shipments.first().and_then(|s| policy.nodes.get(s.node)).map(|n| n.zone);
    let zone = order
        .destination
        .zone
        .and_then(TimeZone::get)
        .or(first_zone)
        .ok_or_else(|| Error::new("internal", "a promise without shipments"))?;
    Ok(Stored {
        order_id: order.id.clone(),
        placed_at: order.placed_at.0,
        policy_hash: policy.hash.clone(),
        service: chosen,
        shipments: shipments
            .into_iter()
            .map(|s| Shipment {
                node: s.node,
                handling_starts: s.handling_starts,
                ship_by: s.ship_by,
                delivery_latest: s.latest,
                delivery_zone: zone,
            })
            .collect(),
    })
}

/// Event types that belong to one shipment (the others belong to the order).
const SHIPMENT_EVENTS: [&str; 6] = ["released", "picked", "packed", "shipped", "delivered", "carrier_exception"];

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Event {
    pub index: usize,
    pub kind: String,
    pub at: i64,
    /// The shipment it belongs to; `None` for order events.
    pub shipment: Option<usize>,
    pub reason: Option<String>,
}

fn epoch_ms(r: &mut Reader, v: &Value, path: &str) -> Option<i64> {
    let m = r.object_any(v, path)?;
    let ms = r.required(m, "epochMs", path)?;
    r.instant(ms, &join(path, "epochMs")).map(|i| i.0)
}

/// Reads a stored promise and picks the option tracked: `service`, or the only available one.
pub(crate) fn read_promise(policy: &Policy, text: &str, service: Option<&str>) -> Result<Stored, Error> {
    read_promise_value(policy, &parse_json(text, "promise", crate::limits::MAX_DOCUMENT_BYTES)?, service)
}

/// [`read_promise`] of a promise already parsed.
pub(crate) fn read_promise_value(policy: &Policy, v: &Value, service: Option<&str>) -> Result<Stored, Error> {
    let mut r = Reader::default();
    let stored = read_stored(&mut r, policy, v, service);
    match stored {
        Some(s) if r.is_clean() => Ok(s),
        _ => Err(r.error("invalid_promise", "promise")),
    }
}

fn read_stored(r: &mut Reader, policy: &Policy, v: &Value, service: Option<&str>) -> Option<Stored> {
    let m = r.object_any(v, "")?;
    let order_id = m.get("orderId").and_then(Value::as_str).map(str::to_string);
    let placed_at = r.required(m, "placedAt", "").and_then(|v| r.instant(v, "placedAt")).map(|i| i.0);
    let policy_hash = r.required(m, "policyHash", "").and_then(|v| r.string(v, "policyHash")).map(str::to_string);
    let options = r
        .required(m, "options", "")
        .and_then(|v| r.list(v, "options"))
        .filter(|l| r.within(l.len(), MAX_SERVICES, "options", "options"))?;
    let ids: Vec<Option<&str>> = options.iter().map(|o| o.get("service").and_then(Value::as_str)).collect();
    let listed = || ids.iter().flatten().copied().collect::<Vec<_>>().join(", ");
    let chosen = match service {
        Some(s) => match ids.iter().position(|id| *id == Some(s)) {
            Some(i) => i,
            None => {
                r.problem(
                    "unknown_service",
                    "options",
                    format!("the promise has no option for service \"{s}\"; its options: {}", listed()),
                );
                return None;
            }
        },
        None => {
            let available: Vec<usize> = (0..options.len())
                .filter(|i| options.get(*i).and_then(|o| o.get("available")) == Some(&Value::Bool(true)))
                .collect();
            match available.as_slice() {
                [one] => *one,
                _ => {
                    let ids: Vec<&str> = available.iter().filter_map(|i| ids.get(*i).copied().flatten()).collect();
                    r.problem("service_required", "options", service_required(&ids));
                    return None;
                }
            }
        }
    };
    let p = index("options", chosen);
    let option = options.get(chosen)?;
    let om = r.object_any(option, &p)?;
    if om.get("available") != Some(&Value::Bool(true)) {
        r.problem(
            "option_not_available",
            &join(&p, "available"),
            "the chosen option was not available, so nothing was promised",
        );
        return None;
    }
    let service_id = ids.get(chosen).copied().flatten().unwrap_or("");
    let Some(service) = policy.services.iter().position(|s| s.id == service_id) else {
        r.problem("unknown_service", &join(&p, "service"), format!("the policy has no service \"{service_id}\""));
        return None;
    };
    let sp = join(&p, "shipments");
    let list = r
        .required(om, "shipments", &p)
        .and_then(|v| r.list(v, &sp))
        .filter(|l| r.within(l.len(), MAX_SHIPMENTS, &sp, "shipments"))?;
    let mut shipments = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let sp = index(&join(&p, "shipments"), i);
        shipments.push(read_shipment(r, policy, s, &sp));
    }
    if shipments.is_empty() {
        r.problem("empty_list", &join(&p, "shipments"), "the option has no shipment");
    }
    Some(Stored {
        order_id,
        placed_at: placed_at?,
        policy_hash: policy_hash?,
        service,
        shipments: shipments.into_iter().collect::<Option<_>>()?,
    })
}

fn read_shipment(r: &mut Reader, policy: &Policy, v: &Value, p: &str) -> Option<Shipment> {
    let m = r.object_any(v, p)?;
    let node_id = r.required(m, "node", p).and_then(|v| r.string(v, &join(p, "node")));
    let node = node_id.and_then(|id| {
        let i = policy.node_index(id);
        if i.is_none() {
            r.problem("unknown_node", &join(p, "node"), format!("the policy has no node \"{id}\""));
        }
        i
    });
    let handling_starts = r.required(m, "handlingStarts", p).and_then(|v| r.date(v, &join(p, "handlingStarts")));
    let ship_by = r.required(m, "shipBy", p).and_then(|v| epoch_ms(r, v, &join(p, "shipBy")));
    let delivery = r.required(m, "delivery", p).and_then(|v| r.object_any(v, &join(p, "delivery")));
    let (latest, zone) = match delivery {
        Some(d) => {
            let dp = join(p, "delivery");
            let latest = r.required(d, "latest", &dp).and_then(|v| r.date(v, &join(&dp, "latest")));
            let zone = r.required(d, "zone", &dp).and_then(|v| r.string(v, &join(&dp, "zone"))).and_then(|z| {
                let tz = TimeZone::get(z);
                if tz.is_none() {
                    r.unknown_zone(z, &join(&dp, "zone"));
                }
                tz
            });
            (latest, zone)
        }
        None => (None, None),
    };
    Some(Shipment {
        node: node?,
        handling_starts: handling_starts?,
        ship_by: ship_by?,
        delivery_latest: latest?,
        delivery_zone: zone?,
    })
}

/// The events that apply, sorted by instant (then input order), duplicates dropped, and
/// the warnings for those left out.
pub(crate) fn read_events(
    rules: &TrackingRules,
    policy: &Policy,
    stored: &Stored,
    text: &str,
    now: i64,
) -> Result<(Vec<Event>, Vec<Problem>), Error> {
    read_events_value(rules, policy, stored, &parse_json(text, "events", crate::limits::MAX_REQUEST_BYTES)?, now)
}

/// [`read_events`] of a list already parsed.
pub(crate) fn read_events_value(
    rules: &TrackingRules,
    policy: &Policy,
    stored: &Stored,
    v: &Value,
    now: i64,
) -> Result<(Vec<Event>, Vec<Problem>), Error> {
    let mut r = Reader::default();
    let mut events = Vec::new();
    if let Some(list) = r.list(v, "events").filter(|l| r.within(l.len(), MAX_EVENTS, "events", "events")) {
        for (i, item) in list.iter().enumerate() {
            let p = index("events", i);
            let Some(m) = r.object_any(item, &p) else { continue };
            let kind = r.required(m, "type", &p).and_then(|v| r.string(v, &join(&p, "type"))).map(str::to_string);
            let at = r.required(m, "at", &p).and_then(|v| r.instant(v, &join(&p, "at")));
            let node = m.get("node").and_then(|v| r.string(v, &join(&p, "node"))).map(str::to_string);
            let reason = m.get("reason").and_then(|v| r.string(v, &join(&p, "reason"))).map(str::to_string);
            if let (Some(kind), Some(Instant(at))) = (kind, at) {
                events.push((i, kind, at, node, reason));
            }
        }
    }
    if !r.is_clean() {
        return Err(r.error("invalid_events", "events"));
    }
    // With the event's position, to list them in input order.
    let mut warnings: Vec<(usize, Problem)> = Vec::new();
    let mut warn = |code: &'static str, i: usize, message: String| {
        warnings.push((i, Problem { code, path: index("events", i), message }))
    };
    let mut out: Vec<Event> = Vec::new();
    for (i, kind, at, node, reason) in events {
        if !rules.knows_event(&kind) {
            warn("unknown_event", i, format!("\"{kind}\" is not an event type tracking knows; ignored"));
            continue;
        }
        if at < stored.placed_at {
            warn("event_before_placement", i, format!("\"{kind}\" is before the order was placed; ignored"));
            continue;
        }
        if at > now {
            warn("event_after_now", i, format!("\"{kind}\" is after the evaluation instant; ignored"));
            continue;
        }
        let per_shipment =
            SHIPMENT_EVENTS.contains(&kind.as_str()) || !crate::policy::tracking::EVENT_TYPES.contains(&kind.as_str());
        // A hold with a node holds that shipment only; without, the whole order.
        let hold = kind.starts_with("hold_");
        let shipment = if per_shipment || (hold && node.is_some()) {
            match (node.as_deref(), stored.shipments.len()) {
                (None, 1) => Some(0),
                (None, _) => {
                    warn(
                        "ambiguous_node",
                        i,
                        format!("\"{kind}\" needs \"node\": the order ships from several nodes; ignored"),
                    );
                    continue;
                }
                (Some(id), _) => {
                    match stored.shipments.iter().position(|s| policy.nodes.get(s.node).is_some_and(|n| n.id == id)) {
                        Some(k) => Some(k),
                        None => {
                            warn("unknown_node", i, format!("no shipment of this order leaves node \"{id}\"; ignored"));
                            continue;
                        }
                    }
                }
            }
        } else {
            None
        };
        out.push(Event { index: i, kind, at, shipment, reason });
    }
    out.sort_by_key(|e| (e.at, e.index));
    // The same event sent twice counts once (the first given): duplicates share an instant,
    // so each is compared with the events kept at that instant only.
    let mut kept: Vec<Event> = Vec::with_capacity(out.len());
    let mut from = 0;
    for e in out {
        if kept.last().is_some_and(|k| k.at != e.at) {
            from = kept.len();
        }
        if !kept.iter().skip(from).any(|x| x.kind == e.kind && x.shipment == e.shipment && x.reason == e.reason) {
            kept.push(e);
        }
    }
    let mut out = kept;
    if let Some(cancel) = out.iter().find(|e| e.kind == "cancelled").map(|e| (e.at, e.index)) {
        out.retain(|e| {
            let after = (e.at, e.index) > cancel && e.kind != "cancelled";
            if after {
                warn(
                    "event_after_cancellation",
                    e.index,
                    format!("\"{}\" is after the order was cancelled; ignored", e.kind),
                );
            }
            !after
        });
    }
    warnings.sort_by_key(|(i, _)| *i);
    Ok((out, warnings.into_iter().map(|(_, w)| w).collect()))
}

/// The message for a promise with several available options and no chosen one.
fn service_required(ids: &[&str]) -> String {
    format!("the promise has {} available options ({}): say which service the customer chose (`service`; in the CLI, --service)", ids.len(), ids.join(", "))
}
