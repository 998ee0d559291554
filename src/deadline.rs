//! The reverse question: to arrive by a date, until when can a customer order?
//!
//! For each service (and node) the answer is the cutoff of the latest handling start day
//! whose promised *latest* delivery date is on or before the arrive-by date: the
//! "order by 20 Dec for Christmas delivery" table. Promises only move later as the start
//! day moves later, so a bounded backwards scan from the arrive-by date finds it.

use crate::calendar::MAX_SCAN_DAYS;
use crate::civil::{Date, Instant};
use crate::error::Error;
use crate::eval::{compute, group_lines, unserved_reason, Explain, Reason, ShipmentInput};
use crate::json::Value;
use crate::json::{Obj, ToJson};
use crate::limits::MAX_DEADLINE_ROWS;
use crate::order::{read_destination, read_lines, read_service_ids, Line};
use crate::policy::{Destination, Policy, Start, Unserved};
use crate::promise::{Moment, Window};
use crate::read::{parse_json, Reader};
use crate::tz::local_instant;
use crate::tz::TZDATA_VERSION;
use crate::ENGINE_VERSION;

/// A deadline question, as read from JSON.
pub struct DeadlineQuery {
    pub arrive_by: Date,
    pub destination: Destination,
    lines: Vec<Line>,
    services: Option<Vec<usize>>,
    pub now: Option<Instant>,
    pub confidence: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct DeadlineTable {
    pub arrive_by: String,
    pub rows: Vec<Deadline>,
    pub policy_hash: String,
    pub engine_version: &'static str,
    pub tzdata_version: &'static str,
    /// The version of the built-in calendar presets ([`crate::calendar::preset::PRESETS_VERSION`]).
    pub presets_version: &'static str,
}

/// The last order-by instant for one service from one node (or for the given lines).
#[derive(Clone, Debug)]
pub struct Deadline {
    pub service: String,
    pub service_name: String,
    pub node: String,
    pub node_name: String,
    pub available: bool,
    pub reason: Option<Reason>,
    pub order_by: Option<Moment>,
    pub ship_by: Option<Moment>,
    pub delivery: Option<Window>,
}

impl ToJson for DeadlineTable {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("arriveBy", &self.arrive_by)
            .list("rows", &self.rows)
            .str("policyHash", &self.policy_hash)
            .str("engineVersion", self.engine_version)
            .str("tzdataVersion", self.tzdata_version)
            .str("presetsVersion", self.presets_version)
            .end();
    }
}

impl ToJson for Deadline {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("service", &self.service)
            .str("serviceName", &self.service_name)
            .str("node", &self.node)
            .str("nodeName", &self.node_name)
            .bool("available", self.available)
            .opt("reason", self.reason.as_ref())
            .opt("orderBy", self.order_by.as_ref())
            .opt("shipBy", self.ship_by.as_ref())
            .opt("delivery", self.delivery.as_ref())
            .end();
    }
}

impl DeadlineQuery {
    pub fn from_json(policy: &Policy, text: &str) -> Result<DeadlineQuery, Error> {
        let v = parse_json(text, "query", crate::limits::MAX_REQUEST_BYTES)?;
        let mut r = Reader::default();
        let q = read_query(&mut r, &v, policy);
        r.finish(q, "invalid_query", "query")
    }
}

fn read_query(r: &mut Reader, v: &Value, policy: &Policy) -> Option<DeadlineQuery> {
    let m = r.object(v, "", &["arriveBy", "destination", "lines", "services", "now", "confidence"])?;
    let arrive_by = r.required(m, "arriveBy", "").and_then(|v| r.date(v, "arriveBy"));
    let destination = r.required(m, "destination", "").and_then(|v| read_destination(r, v, "destination"));
    let lines = m.get("lines").map(|v| read_lines(r, v, "lines", policy)).unwrap_or_default();
    let services = m.get("services").and_then(|v| read_service_ids(r, v, "services", policy));
    // One row per service and node (or shipment of the lines): a table that large is a
    // question to narrow down, not one to answer.
    let shipments = group_lines(&lines, policy.ship_complete).len();
    // Rows per service: one per shipment of the lines, else one per node it ships from.
    let rows_of = |s: &crate::policy::Service| {
        if shipments > 0 {
            shipments
        } else {
            (0..policy.nodes.len()).filter(|n| s.ships_from(*n)).count()
        }
    };
    let rows: usize = match &services {
        Some(list) => list.iter().filter_map(|s| policy.services.get(*s)).map(rows_of).sum(),
        None => policy.services.iter().map(rows_of).sum(),
    };
    if rows > MAX_DEADLINE_ROWS {
        let path = if m.contains_key("lines") { "lines" } else { "services" };
        r.problem("too_large", path, format!("the table would have {rows} rows (services times nodes); the limit is {MAX_DEADLINE_ROWS}: name the services or the lines"));
    }
    let now = m.get("now").and_then(|v| r.instant(v, "now"));
    let confidence = m.get("confidence").and_then(|v| r.number(v, "confidence", (0.01, 1.0), "0.01..1"));
    Some(DeadlineQuery { arrive_by: arrive_by?, destination: destination?, lines, services, now, confidence })
}

/// The deadline table for `q`: one row per service and node (or per service for the
/// query's lines, with the node of each line).
pub fn latest_order_by(policy: &Policy, q: &DeadlineQuery) -> DeadlineTable {
    let all: Vec<usize> = (0..policy.services.len()).collect();
    let services = q.services.as_ref().unwrap_or(&all);
    let groups = group_lines(&q.lines, policy.ship_complete);
    let mut rows = Vec::new();
    // Each node's open days for a carrier, latest first, as the searches below ask for them.
    let mut open_days: Vec<((usize, &str), OpenDays)> = Vec::new();
    for &si in services {
        let Some(service) = policy.services.get(si) else { continue };
        // Without lines: every node this service ships from, standard handling.
        let targets: Vec<(usize, (u32, Option<&crate::order::Line>))> = if groups.is_empty() {
            (0..policy.nodes.len()).filter(|n| service.ships_from(*n)).map(|n| (n, (0, None))).collect()
        } else {
            groups.iter().map(|g| (g.node, crate::eval::extra_days_of(policy, g))).collect()
        };
        for (ni, extra) in targets {
            let Some(node) = policy.nodes.get(ni) else { continue };
            let mut row = Deadline {
                service: service.id.clone(),
                service_name: service.name.clone(),
                node: node.id.clone(),
                node_name: node.name.clone(),
                available: false,
                reason: None,
                order_by: None,
                ship_by: None,
                delivery: None,
            };
            let unserved = |u| unserved_reason(u, service, node, &q.destination);
            let lane = match (service.ships_from(ni), service.lane_to(&q.destination)) {
                (false, _) => Err(unserved(Unserved::Node)),
                (_, Err(u)) => Err(unserved(u)),
                (true, Ok(t)) => Ok(t),
            };
            let key = (ni, service.carrier.as_str());
            let days = match open_days.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    open_days.push((key, open_days_before(node, &service.carrier, q.arrive_by)));
                    open_days.len() - 1
                }
            };
            let days = open_days.get(days).map(|(_, d)| d.as_slice()).unwrap_or_default();
            let backlogs = crate::eval::Backlogs::default();
            let found = lane.and_then(|lane| {
                // The promise of an order released just before a day's cutoff.
                let at = |i: usize| {
                    let (start, cutoff_at) = days.get(i).copied()?;
                    let input = ShipmentInput {
                        node,
                        service,
                        lane,
                        release: cutoff_at - 1,
                        extra,
                        confidence: q.confidence,
                        backlogs: &backlogs,
                    };
                    Some((start, compute(&input, &mut Explain::new(false))))
                };
                // Promises only move later as the order day does: the days (latest first) whose
                // promise arrives in time are all those from some point on; find it by halving.
                let fits = |i: usize| matches!(at(i), Some((_, Ok(c))) if c.latest <= q.arrive_by);
                let (mut lo, mut hi) = (0, days.len());
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if fits(mid) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                // A day whose release falls on another date (a cutoff at midnight across a
                // clock change) does not start handling that day: take the next one that does.
                for i in lo..days.len() {
                    match at(i) {
                        Some((start, Ok(c))) if c.latest <= q.arrive_by && c.start == start => return Ok(c),
                        _ => {}
                    }
                }
                match at(0) {
                    Some((_, Err(e))) => Err(Reason { code: e.code, message: e.message, path: None }),
                    _ => Err(Reason {
                        code: "no_deadline",
                        message: format!("no order date delivers by {} within the search range", q.arrive_by),
                        path: None,
                    }),
                }
            });
            match found {
                Err(reason) => row.reason = Some(reason),
                Ok(c) => {
                    let dest_zone = q.destination.zone.unwrap_or(node.zone.name());
                    if q.now.is_some_and(|now| now.0 >= c.order_by) {
                        row.reason = Some(Reason {
                            code: "too_late",
                            message: "the last order-by instant has passed".into(),
                            path: None,
                        });
                    } else {
                        row.available = true;
                    }
                    row.order_by = Some(Moment::new(c.order_by, node.zone));
                    row.ship_by = Some(Moment::new(c.ship_by, node.zone));
                    row.delivery = Some(Window {
                        earliest: c.earliest.to_string(),
                        latest: c.latest.to_string(),
                        confidence: c.confidence,
                        zone: dest_zone,
                    });
                }
            }
            rows.push(row);
        }
    }
    DeadlineTable {
        arrive_by: q.arrive_by.to_string(),
        rows,
        policy_hash: policy.hash.clone(),
        engine_version: ENGINE_VERSION,
        tzdata_version: TZDATA_VERSION,
        presets_version: crate::calendar::preset::PRESETS_VERSION,
    }
}

/// The waves of the days a node is open for a carrier, latest first, each with its cutoff instant.
type OpenDays = Vec<(Start, i64)>;

/// The days a node is open for `carrier` from `last` back over the search range.
fn open_days_before(node: &crate::policy::Node, carrier: &str, last: Date) -> OpenDays {
    let mut out = Vec::new();
    let mut d = last;
    for _ in 0..(2 * MAX_SCAN_DAYS) {
        if let Ok(open) = node.day(d, carrier) {
            // Latest first: the day's waves from the last (their cutoffs only: the promise
            // at each works out the pickup).
            let waves = open.waves.iter().enumerate().rev();
            out.extend(waves.map(|(wave, w)| (Start { day: d, wave }, local_instant(node.zone, d, w.cutoff).0)));
        }
        d = d.pred();
        if d < crate::civil::MIN_DATE.add_days(1) {
            break;
        }
    }
    out
}
