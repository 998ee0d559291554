//! Orders encoded as numbers, as the JS wrapper writes them into the engine's input buffer
//! (one crossing of the boundary for a whole batch, no text to parse). Each order is:
//!
//! ```text
//! placedAt, paymentCapturedAt | NaN, confidence | NaN, shipComplete: 1 | 0 | NaN (the
//! policy's), weight | NaN, value | NaN, id: text | -1 (none, or a number),
//! country: text, region: text | -1, postalCode: text | -1,
//! services: -1 (all) | count, service indexes...,
//! lines: count, then per line: node index, availableOn (days since 1970-01-01) | NaN,
//!        sku: text, tags: count, tag texts...
//! ```
//!
//! where a text is its length then its UTF-16 code units. Instants are epoch
//! milliseconds. The wrapper sends an order this way only when its own checks pass; what
//! it does not check (texts, country codes, ranges, indexes, the limits) is checked here as
//! the JSON path checks it, and an order that fails is answered [`Decoded::AskRules`], for
//! the caller to send as JSON to the rule-by-rule path, which reports every problem with its
//! path: no order is quoted that a promise would refuse.

use super::*;
use crate::limits::{MAX_LINES, MAX_ORDER_SERVICES, MAX_SHIPMENTS, MAX_TAGS, MAX_TEXT_BYTES};
use crate::policy::Restrictions;

/// The largest count a well-formed buffer holds (lists over the limits are valid
/// buffers, answered by the JSON path).
const MAX_COUNT: usize = u32::MAX as usize;

/// What decoding one order gave.
pub(crate) enum Decoded {
    Ready,
    /// Valid as far as the buffer goes, but to be answered (or rejected) by the JSON path.
    AskRules,
}

pub(crate) struct Reader<'a> {
    pub buf: &'a [f64],
    pub at: usize,
}

impl Reader<'_> {
    fn next(&mut self) -> Option<f64> {
        let v = *self.buf.get(self.at)?;
        self.at += 1;
        Some(v)
    }

    /// A count or index: a whole number from 0 to `max`, else the buffer is corrupt.
    fn count(&mut self, max: usize) -> Option<usize> {
        let v = self.next()?;
        (v.fract() == 0.0 && v >= 0.0 && v <= max as f64).then_some(v as usize)
    }

    /// A text into `out`; `Some(false)` for -1 (absent), or a text the JSON path would
    /// refuse: not UTF-16, blank, or over [`MAX_TEXT_BYTES`].
    fn text(&mut self, out: &mut String) -> Option<bool> {
        out.clear();
        let len = self.next()?;
        if len == -1.0 {
            return Some(false);
        }
        let len = (len.fract() == 0.0 && len >= 0.0).then_some(len as usize)?;
        let units = self.buf.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        let mut valid = true;
        for c in char::decode_utf16(units.iter().map(|u| *u as u16)) {
            match c {
                Ok(c) => out.push(c),
                Err(_) => valid = false,
            }
        }
        Some(valid && !out.trim().is_empty() && out.len() <= MAX_TEXT_BYTES)
    }
}

/// An instant as the JSON path reads epoch milliseconds: whole, within the supported dates.
fn instant(v: f64) -> Option<i64> {
    let (lo, hi) = (MIN_DATE.start_ms() + MS_PER_DAY, MAX_DATE.start_ms());
    let t = v.floor();
    (t >= lo as f64 && t <= hi as f64).then_some(t as i64)
}

impl QuoteInput {
    /// Reads the next order of `r` into this. `None`: the buffer is corrupt.
    pub(crate) fn decode(&mut self, policy: &Policy, r: &mut Reader<'_>) -> Option<Decoded> {
        let mut ok = true;
        let (placed, payment, confidence, complete) = (r.next()?, r.next()?, r.next()?, r.next()?);
        ok &= complete.is_nan() || complete == 0.0 || complete == 1.0;
        let complete = if complete.is_nan() { policy.ship_complete } else { complete == 1.0 };
        // Weight and value as the JSON path reads them: 0 to 10^15, where given.
        let amount = |v: f64| (!v.is_nan()).then_some(v);
        let (weight, value) = (amount(r.next()?), amount(r.next()?));
        ok &= [weight, value].iter().flatten().all(|v| (0.0..=1e15).contains(v));
        let placed = instant(placed);
        ok &= placed.is_some();
        self.placed_at = placed.unwrap_or_default();
        if let Some((from, to)) = policy.years {
            ok &= (from..=to).contains(&Date(self.placed_at.div_euclid(MS_PER_DAY) as i32).year());
        }
        let payment_captured_at = if payment.is_nan() { None } else { instant(payment) };
        ok &= payment.is_nan() || payment_captured_at.is_some_and(|p| p >= self.placed_at);
        // The JSON path reads a confidence between 0.01 and 1.
        let confidence = (!confidence.is_nan()).then_some(confidence);
        ok &= confidence.is_none_or(|c| (0.01..=1.0).contains(&c));
        // The id, when it is a text, is only checked: the wrapper keeps what it read.
        let id_len = r.buf.get(r.at).copied();
        let mut id = std::mem::take(&mut self.sku);
        ok &= r.text(&mut id)? || id_len == Some(-1.0);
        self.sku = id;

        ok &= r.text(&mut self.country)?;
        self.country.make_ascii_uppercase();
        ok &= self.country.len() == 2 && crate::countries::is_country(&self.country);
        let region_len = r.buf.get(r.at).copied();
        let has_region = r.text(&mut self.region)?;
        ok &= has_region || region_len == Some(-1.0);
        self.region.make_ascii_uppercase();
        let mut postal = std::mem::take(&mut self.sku);
        let postal_len = r.buf.get(r.at).copied();
        let has_postal = r.text(&mut postal)?;
        ok &= has_postal || postal_len == Some(-1.0);
        self.postal.clear();
        normalize_postal_into(postal.chars(), &mut self.postal);
        self.sku = postal;

        self.services.clear();
        let wanted = r.next()?;
        let n_services = policy.services.len();
        let push = |input: &mut QuoteInput, si: usize| {
            let Some(service) = policy.services.get(si) else { return };
            let region = has_region.then_some(input.region.as_str());
            let postal = if has_postal { input.postal.as_str() } else { "" };
            input.services.push((si, reach(service.lane_for(&input.country, region, postal), confidence), None));
        };
        if wanted == -1.0 {
            (0..n_services).for_each(|si| push(self, si));
        } else {
            let listed =
                (wanted.fract() == 0.0 && (0.0..=MAX_COUNT as f64).contains(&wanted)).then_some(wanted as usize)?;
            ok &= listed <= MAX_ORDER_SERVICES;
            for _ in 0..listed {
                let si = r.count(MAX_COUNT)?;
                ok &= si < n_services;
                // Each service once, in the order first listed, as the JSON path reads them.
                if !self.services.iter().any(|(s, _, _)| *s == si) {
                    push(self, si);
                }
            }
        }

        self.shipments.clear();
        let mut first_zone = None;
        let lines = r.count(MAX_COUNT)?;
        ok &= lines > 0 && lines <= MAX_LINES;
        for _ in 0..lines {
            let node = r.count(MAX_COUNT)?;
            let available = r.next()?;
            let available_on = (!available.is_nan()).then_some(Date(available as i32));
            ok &= available.is_nan()
                || (available.fract() == 0.0 && (MIN_DATE.0 as f64..=MAX_DATE.0 as f64).contains(&available));
            ok &= r.text(&mut self.sku)?;
            let tags = r.count(MAX_COUNT)?;
            ok &= tags <= MAX_TAGS;
            if self.tags.len() < tags.min(MAX_TAGS) {
                self.tags.resize_with(tags.min(MAX_TAGS), String::new);
            }
            for i in 0..tags {
                let mut scratch = String::new();
                let tag = self.tags.get_mut(i).unwrap_or(&mut scratch);
                ok &= r.text(tag)?;
            }
            let Some(n) = policy.nodes.get(node) else {
                ok = false;
                continue;
            };
            let extra = n.extra_total(&self.sku, self.tags.iter().take(tags).map(String::as_str));
            first_zone = first_zone.or(Some(n.zone));
            // Restrictions on the cart, line by line in order, as the JSON path reads them.
            for (si, _, refused) in self.services.iter_mut().filter(|(_, _, r)| r.is_none()) {
                let Some(rs) = policy.services.get(*si).map(|s| &s.restrictions) else { continue };
                let line = rs.refuse_line(&self.sku, self.tags.iter().take(tags).map(String::as_str));
                *refused = line.map(|r| r.code);
            }
            self.add_line(node, available_on, extra);
            ok &= self.shipments.len() <= MAX_SHIPMENTS;
        }
        // Dates before contents, then weight and value: as the JSON path reads them.
        if let Some(zone) = first_zone {
            let placed_on = Date(zone.local_parts(self.placed_at).0);
            for (si, _, refused) in &mut self.services {
                let Some(rs) = policy.services.get(*si).map(|s| &s.restrictions) else { continue };
                let amounts = || rs.refuse_amounts(weight, value).map(|r| r.code);
                *refused = rs.refuse_date(placed_on).map(|r| r.code).or(*refused).or_else(amounts);
            }
        }
        self.settle(policy, payment_captured_at, complete);
        Some(if ok { Decoded::Ready } else { Decoded::AskRules })
    }
}

/// The numbers written back per order are a status (0 answered, 1 to be asked as JSON),
/// the count of services, then per service: an outcome code (0 available, else
/// 1 + the index in [`REASONS`]), ship-by, earliest, latest (days since 1970-01-01),
/// confidence | NaN, order-by, then the next promise's ship-by, earliest, latest and
/// order-by (NaN when there is none).
pub(crate) const SLOTS: usize = 13;
pub(crate) const REASONS: [&str; 9] = {
    let (u, r) = (Unserved::CODES, Restrictions::CODES);
    [u[0], u[1], u[2], r[0], r[1], r[2], r[3], r[4], r[5]]
};

pub(crate) fn write(outcome: &Outcome, out: &mut Vec<f64>) {
    match outcome {
        Err(code) => {
            let i = REASONS.iter().position(|r| r == code).map_or(0.0, |i| i as f64 + 1.0);
            out.push(i);
            out.extend([f64::NAN; SLOTS - 1]);
        }
        Ok(q) => {
            let day = |d: Date| f64::from(d.0);
            let (ns, ne, nl, no) = match q.next {
                Some(n) => (n.ship_by as f64, day(n.earliest), day(n.latest), n.order_by as f64),
                None => (f64::NAN, f64::NAN, f64::NAN, f64::NAN),
            };
            out.extend([
                0.0,
                q.ship_by as f64,
                day(q.earliest),
                day(q.latest),
                q.confidence.unwrap_or(f64::NAN),
                q.order_by as f64,
                ns,
                ne,
                nl,
                no,
                q.window_order_by as f64,
                q.window_next.map_or(f64::NAN, |w| day(w.earliest)),
                q.window_next.map_or(f64::NAN, |w| day(w.latest)),
            ]);
        }
    }
}

#[cfg(all(feature = "full", any(test, target_arch = "wasm32")))]
/// What the JS wrapper needs to encode orders for this policy and read the answers, the one
/// source of the contract: `{"nodes": [ids], "services": [ids], "defaultNode": index | null,
/// "slots": SLOTS, "reasons": REASONS}`.
pub(crate) fn info(policy: &Policy) -> String {
    use crate::json::Obj;
    let mut out = String::new();
    let mut o = Obj::new(&mut out);
    let nodes: Vec<&str> = policy.nodes.iter().map(|n| n.id.as_str()).collect();
    let services: Vec<&str> = policy.services.iter().map(|s| s.id.as_str()).collect();
    o.list("nodes", &nodes).list("services", &services);
    match policy.default_node() {
        Some(i) => o.int("defaultNode", i as i64),
        None => o.opt_int_or_null("defaultNode", None),
    };
    o.int("slots", SLOTS as i64).list("reasons", &REASONS).end();
    out
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;

    #[test]
    fn the_wrapper_reads_the_layout_and_the_codes_from_here() {
        let policy = Policy::from_json(include_str!("../../../examples/store/policy.json")).unwrap();
        let info = crate::json::parse(&info(&policy)).unwrap().to_string();
        assert_eq!(
            info,
            r#"{"defaultNode":0,"nodes":["ewr","ont"],"reasons":["node_not_served","country_not_served","no_transit_time","not_offered","excluded_sku","excluded_tag","over_weight","over_value","under_value"],"services":["ups-ground","usps-priority","fedex-2day"],"slots":13}"#
        );
        for (i, code) in REASONS.iter().enumerate() {
            let mut out = Vec::new();
            write(&Err(code), &mut out);
            assert_eq!((out[0], out.len()), (i as f64 + 1.0, SLOTS));
        }
    }
}
