//! Orders as the engine reads them: when placed, where to, which lines from which node.

use crate::civil::{Date, Instant};
use crate::error::Error;
use crate::json::Value;
use crate::policy::{normalize_postal, Destination, Policy};
use crate::read::{index, join, parse_json, Reader};
use crate::tz::zone_name;

use crate::limits::{MAX_LINES, MAX_ORDER_SERVICES, MAX_REQUEST_BYTES, MAX_SHIPMENTS, MAX_TAGS};

/// An order, validated against a policy (its node and service ids exist).
#[derive(Clone, Debug)]
pub struct Order {
    pub id: Option<String>,
    pub placed_at: Instant,
    pub payment_captured_at: Option<Instant>,
    pub destination: Destination,
    pub lines: Vec<Line>,
    /// Indexes of the services asked for; `None` for every service.
    pub(crate) services: Option<Vec<usize>>,
    /// Hold every line until the last is available (`shipComplete`); `None`: the policy's
    /// `release.shipComplete`.
    pub ship_complete: Option<bool>,
    /// The order's weight and value, where it states them (services' restrictions read them).
    pub weight: Option<f64>,
    pub value: Option<f64>,
}

impl Order {
    /// Whether the order ships complete: its own choice, else the policy's.
    pub(crate) fn ships_complete(&self, policy: &Policy) -> bool {
        self.ship_complete.unwrap_or(policy.ship_complete)
    }
}

#[derive(Clone, Debug)]
pub struct Line {
    pub sku: String,
    pub quantity: u32,
    pub(crate) node: usize,
    pub tags: Vec<String>,
    /// Backordered or pre-order stock: the date (node-local) it becomes available.
    pub available_on: Option<Date>,
}

const ORDER_KEYS: &[&str] =
    &["id", "placedAt", "paymentCapturedAt", "destination", "lines", "services", "shipComplete", "weight", "value"];

impl Order {
    /// Reads an order from JSON text. `placed_at` is used when the order has no
    /// `placedAt` (a cart at checkout has not been placed yet).
    pub fn from_json(policy: &Policy, text: &str, placed_at: Option<Instant>) -> Result<Order, Error> {
        Order::from_value(policy, &parse_json(text, "order", MAX_REQUEST_BYTES)?, placed_at)
    }

    pub(crate) fn from_value(policy: &Policy, v: &Value, placed_at: Option<Instant>) -> Result<Order, Error> {
        let mut r = Reader::default();
        let order = read_order(&mut r, v, policy, placed_at);
        r.finish(order, "invalid_order", "order")
    }
}

pub(crate) fn read_destination(r: &mut Reader, v: &Value, path: &str) -> Option<Destination> {
    let m = r.object(v, path, &["country", "region", "postalCode", "zone"])?;
    let country = r.required(m, "country", path).and_then(|v| r.country(v, &join(path, "country")));
    let region = m.get("region").and_then(|v| r.string(v, &join(path, "region"))).map(str::to_ascii_uppercase);
    let postal_code = m.get("postalCode").and_then(|v| r.string(v, &join(path, "postalCode"))).map(normalize_postal);
    let zone = match m.get("zone") {
        Some(v) => {
            let p = join(path, "zone");
            let name = r.string(v, &p)?;
            let z = zone_name(name);
            if z.is_none() {
                r.unknown_zone(name, &p);
            }
            Some(z?)
        }
        None => None,
    };
    Some(Destination { country: country?, region, postal_code, zone })
}

/// Reads `["ups-ground", ...]` into service indexes, each once, in the order first listed.
pub(crate) fn read_service_ids(r: &mut Reader, v: &Value, path: &str, policy: &Policy) -> Option<Vec<usize>> {
    let list = r.list(v, path).filter(|l| r.within(l.len(), MAX_ORDER_SERVICES, path, "services listed"))?;
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let p = index(path, i);
        let Some(id) = r.string(item, &p) else { continue };
        match policy.services.iter().position(|s| s.id == id) {
            Some(s) if !out.contains(&s) => out.push(s),
            Some(_) => {}
            None => r.problem("unknown_service", &p, format!("the policy has no service \"{id}\"")),
        }
    }
    Some(out)
}

/// Reads an order's (or a deadline query's) lines at `path`, within [`MAX_LINES`] lines that
/// fall into at most [`MAX_SHIPMENTS`] shipments.
pub(crate) fn read_lines(r: &mut Reader, v: &Value, path: &str, policy: &Policy) -> Vec<Line> {
    let mut lines = Vec::new();
    let Some(list) = r.list(v, path).filter(|l| r.within(l.len(), MAX_LINES, path, "lines")) else { return lines };
    for (i, item) in list.iter().enumerate() {
        lines.extend(read_line(r, item, &index(path, i), policy));
    }
    // Each line against the few shipments found so far: at most MAX_SHIPMENTS + 1 each.
    let mut shipments: Vec<(usize, Option<Date>)> = Vec::new();
    for line in &lines {
        if !shipments.contains(&(line.node, line.available_on)) {
            shipments.push((line.node, line.available_on));
            if shipments.len() > MAX_SHIPMENTS {
                r.problem(
                    "too_large",
                    path,
                    format!("more than {MAX_SHIPMENTS} shipments (distinct node and availability date)"),
                );
                break;
            }
        }
    }
    lines
}

fn read_order(r: &mut Reader, v: &Value, policy: &Policy, default_placed: Option<Instant>) -> Option<Order> {
    let m = r.object(v, "", ORDER_KEYS)?;
    let id = m.get("id").and_then(|v| match v {
        Value::Number(n) => Some(n.to_string()),
        _ => r.string(v, "id").map(str::to_string),
    });
    let placed_at = match m.get("placedAt") {
        Some(v) => r.instant(v, "placedAt"),
        None if default_placed.is_some() => default_placed,
        None => {
            r.problem("missing_field", "placedAt", "\"placedAt\" is required (or pass the checkout time)");
            None
        }
    };
    if let (Some((from, to)), Some(p)) = (policy.years, placed_at) {
        let year = Date(p.0.div_euclid(crate::civil::MS_PER_DAY) as i32).year();
        if !(from..=to).contains(&year) {
            let path = if m.contains_key("placedAt") { "placedAt" } else { "options.at" };
            r.problem(
                "outside_compiled_years",
                path,
                format!(
                    "the policy was compiled for orders placed in {from}-{to}, not {year}: compile it for this year"
                ),
            );
        }
    }
    let payment_captured_at = m.get("paymentCapturedAt").and_then(|v| r.instant(v, "paymentCapturedAt"));
    if let (Some(p), Some(c)) = (placed_at, payment_captured_at) {
        if c < p {
            r.problem("before_placement", "paymentCapturedAt", "payment cannot be captured before the order is placed");
        }
    }
    let destination = r.required(m, "destination", "").and_then(|v| read_destination(r, v, "destination"));
    let mut lines = Vec::new();
    if let Some(v) = r.required(m, "lines", "") {
        if matches!(v, Value::Array(items) if items.is_empty()) {
            r.problem("empty_list", "lines", "an order needs at least one line");
        }
        lines = read_lines(r, v, "lines", policy);
    }
    let services = m.get("services").and_then(|v| read_service_ids(r, v, "services", policy));
    let ship_complete = m.get("shipComplete").and_then(|v| r.boolean(v, "shipComplete"));
    let mut amount = |k: &str| m.get(k).and_then(|v| r.number(v, k, (0.0, 1e15), "0 to 10^15"));
    let (weight, value) = (amount("weight"), amount("value"));
    Some(Order {
        id,
        placed_at: placed_at?,
        payment_captured_at,
        destination: destination?,
        lines,
        services,
        ship_complete,
        weight,
        value,
    })
}

pub(crate) fn read_line(r: &mut Reader, v: &Value, path: &str, policy: &Policy) -> Option<Line> {
    let m = r.object(v, path, &["sku", "quantity", "node", "tags", "availableOn"])?;
    let sku = r.required(m, "sku", path).and_then(|v| r.string(v, &join(path, "sku"))).map(str::to_string);
    let quantity = match m.get("quantity") {
        Some(v) => r.integer(v, &join(path, "quantity"), 1, 1_000_000).map(|n| n as u32),
        None => Some(1),
    };
    let node = match m.get("node") {
        Some(v) => {
            let p = join(path, "node");
            let id = r.string(v, &p)?;
            let n = policy.node_index(id);
            if n.is_none() {
                r.problem("unknown_node", &p, format!("the policy has no node \"{id}\""));
            }
            n
        }
        None => {
            let n = policy.default_node();
            if n.is_none() {
                r.problem(
                    "missing_field",
                    &join(path, "node"),
                    "\"node\" is required: the policy has several nodes and no \"defaultNode\"",
                );
            }
            n
        }
    };
    let mut tags = Vec::new();
    let tp = join(path, "tags");
    if let Some(list) = m.get("tags").and_then(|v| r.list(v, &tp)).filter(|l| r.within(l.len(), MAX_TAGS, &tp, "tags"))
    {
        for (i, t) in list.iter().enumerate() {
            if let Some(t) = r.string(t, &index(&tp, i)) {
                tags.push(t.to_string());
            }
        }
    }
    let available_on = m.get("availableOn").and_then(|v| r.date(v, &join(path, "availableOn")));
    Some(Line { sku: sku?, quantity: quantity?, node: node?, tags, available_on })
}
