//! Quotes: the numbers of a promise (ship-by, delivery window, order-by and what applies
//! after it) without its text, read from the policy's [`DayTables`]. This is what a
//! checkout countdown, a batch and an audit need, at a few hundred nanoseconds an order.
//!
//! The rules are those of [`crate::eval`] (rules 2-5 in `rules.rs`), step for step: the release instant, the
//! first cutoff after it, handling days on the node's working days, the next pickup,
//! transit days and the next delivery day, then the order-by held past cutoffs that change
//! nothing. Where the tables cannot answer, the caller falls back to the rule-by-rule
//! evaluator ([`crate::eval::quote`]), so both always give the same numbers.

pub(crate) mod wire;
use crate::civil::{Date, TimeOfDay, MAX_DATE, MIN_DATE, MS_PER_DAY};
use crate::eval::tables::DayTables;

use crate::eval::{
    transit_days, try_hold_until, try_window_until, wanted_service_indexes, Backlogs, Promised, Quote, Summary,
};
use crate::policy::{keep_behind, normalize_postal_into, Advised, Lane, Policy, Service, Unserved};
use crate::tz::local_instant;

/// Lines from one node released together, with the most extra handling days of its lines.
#[derive(Clone, Copy)]
struct Shipment {
    node: usize,
    available_on: Option<Date>,
    extra: u32,
    /// The release's lower bound whenever the order is placed: payment capture when the
    /// policy waits for it, local midnight of the availability date (rule 1).
    released_from: i64,
}

/// What a service makes of the order's destination: its lane in the day tables (its row,
/// with the destination's holidays), transit days (min, max or the percentile's, that
/// percentile) and the advisories that go there, or the code of why it does not go there.
pub(crate) type Reach = Result<(usize, (u32, u32, Option<f64>), u64), &'static str>;

/// Why a service's restrictions refuse the order, if they do: the code of the reason.
pub(crate) type Refused = Option<&'static str>;

/// A lane as a quote reads it.
pub(crate) fn reach(lane: Result<Lane<'_>, Unserved>, confidence: Option<f64>) -> Reach {
    lane.map(|l| (l.index, transit_days(l.transit, confidence), l.advisories)).map_err(Unserved::code)
}

/// An order reduced to what a quote reads. One is kept per engine and refilled order after
/// order, so that a batch allocates nothing per order once its buffers have grown (and what
/// it recalls belongs to that engine's policy).
#[derive(Default)]
pub(crate) struct QuoteInput {
    placed_at: i64,
    shipments: Vec<Shipment>,
    /// Each wanted service, in the order of the promise's options, with its reach.
    services: Vec<(usize, Reach, Refused)>,
    /// Per shipment, its last answer for the service being quoted (see [`Memo`]).
    memo: Vec<Option<Memo>>,
    recall: Recall,
    // Buffers for the text of an encoded order.
    country: String,
    region: String,
    postal: String,
    sku: String,
    tags: Vec<String>,
}

/// A shipment's answer for a release instant. It holds for any later release before its
/// order-by (the same first cutoff, so the same everything after it), which is most of what
/// holding the order-level order-by asks.
#[derive(Clone, Copy)]
struct Memo {
    release: i64,
    answer: Answer,
}

/// Rules 2-5's numbers for one shipment.
#[derive(Clone, Copy)]
struct Answer {
    order_by: i64,
    ship_by: i64,
    earliest: Date,
    latest: Date,
}

/// The answer for one service: its quote, or the code of why it cannot carry the order.
pub(crate) type Outcome = Result<Quote, &'static str>;

impl QuoteInput {
    /// Fills this from a validated order.
    pub(crate) fn fill(&mut self, policy: &Policy, order: &crate::order::Order, confidence: Option<f64>) {
        self.placed_at = order.placed_at.0;
        self.shipments.clear();
        for line in &order.lines {
            let extra = policy
                .nodes
                .get(line.node)
                .map_or(0, |n| n.extra_total(&line.sku, line.tags.iter().map(String::as_str)));
            self.add_line(line.node, line.available_on, extra);
        }
        self.settle(policy, order.payment_captured_at.map(|i| i.0), order.ships_complete(policy));
        self.services.clear();
        let dest = &order.destination;
        self.postal.clear();
        normalize_postal_into(dest.postal_code.iter().flat_map(|p| p.chars()), &mut self.postal);
        for si in wanted_service_indexes(policy, order) {
            let Some(service) = policy.services.get(si) else { continue };
            let lane = service.lane_for(&dest.country, dest.region.as_deref(), &self.postal);
            let refused = crate::eval::refusal(policy, order, service).map(|r| r.code);
            self.services.push((si, reach(lane, confidence), refused));
        }
    }

    /// How many services the order asks for (its answer has that many entries).
    pub(crate) fn services_len(&self) -> usize {
        self.services.len()
    }

    /// Same node and same availability share a shipment; its slowest line sets the extra days.
    fn add_line(&mut self, node: usize, available_on: Option<Date>, extra: u32) {
        match self.shipments.iter_mut().find(|s| s.node == node && s.available_on == available_on) {
            Some(s) => s.extra = s.extra.max(extra),
            None => self.shipments.push(Shipment { node, available_on, extra, released_from: i64::MIN }),
        }
    }

    /// Every shipment waits for the last line's availability; shipments of one node become
    /// one (its slowest line's extra days), in the order they were first made.
    fn hold_complete(&mut self) {
        let Some(last) = self.shipments.iter().filter_map(|s| s.available_on).max() else { return };
        let mut kept = 0;
        for i in 0..self.shipments.len() {
            let Some(mut s) = self.shipments.get(i).copied() else { break };
            s.available_on = Some(last);
            let earlier = self.shipments.get_mut(..kept).unwrap_or_default();
            match earlier.iter_mut().find(|k| k.node == s.node) {
                Some(k) => k.extra = k.extra.max(s.extra),
                None => {
                    if let Some(slot) = self.shipments.get_mut(kept) {
                        *slot = s;
                    }
                    kept += 1;
                }
            }
        }
        self.shipments.truncate(kept);
    }

    /// Works out each shipment's release bound once, not at every evaluation.
    /// Shipped complete, one shipment per node, all released when the last line is.
    fn settle(&mut self, policy: &Policy, payment_captured_at: Option<i64>, complete: bool) {
        if complete {
            self.hold_complete();
        }
        let paid = payment_captured_at.filter(|_| policy.require_payment_capture).unwrap_or(i64::MIN);
        for s in &mut self.shipments {
            let available = match (s.available_on, policy.nodes.get(s.node)) {
                (Some(date), Some(node)) => local_instant(node.zone, date, TimeOfDay(0)).0,
                _ => i64::MIN,
            };
            s.released_from = paid.max(available);
        }
    }
}

/// The quote of each wanted service into `out`, or `None` when the tables cannot answer
/// (the caller then asks the rule-by-rule evaluator).
pub(crate) fn quote_from_tables(
    policy: &Policy,
    tables: &DayTables,
    input: &mut QuoteInput,
    out: &mut Vec<Outcome>,
) -> Option<()> {
    out.clear();
    if input.shipments.is_empty() {
        return None;
    }
    let QuoteInput { placed_at, shipments, services, memo, recall, .. } = input;
    let order = Order { placed_at: *placed_at, shipments };
    for &(si, reach, refused) in services.iter() {
        let service = policy.services.get(si)?;
        // The rule-by-rule evaluator asks the restrictions first, then stops at the first
        // shipment the service cannot carry.
        let unserved = refused.or_else(|| {
            order.shipments.iter().find_map(|s| {
                if service.ships_from(s.node) {
                    reach.err()
                } else {
                    Some(Unserved::Node.code())
                }
            })
        });
        let (lane, (lo, hi, confidence), advisories) = match (unserved, reach) {
            (None, Ok(days)) => days,
            (Some(code), _) | (None, Err(code)) => {
                out.push(Err(code));
                continue;
            }
        };
        let carrier = tables.carrier_of(si)?;
        memo.clear();
        memo.resize(order.shipments.len(), None);
        let way = Way { service, lane, carrier, advisories, backlogs: Backlogs::default() };
        let mut at =
            |t: i64| summary(policy, tables, &order, &way, (lo, hi, confidence), t, (memo, recall)).map(Some).ok_or(());
        let Summary { promised, order_by } = at(order.placed_at).ok()??;
        let held = try_hold_until(&promised, order_by, &mut at).ok()?;
        let window = try_window_until(&promised, held, &mut at).ok()?;
        out.push(Ok(Quote::of(promised, held, window)));
    }
    Some(())
}

/// The service as a shipment goes: its row of the day tables, carrier column and the
/// advisories that go to the destination.
struct Way<'a> {
    service: &'a Service,
    lane: usize,
    carrier: usize,
    advisories: u64,
    backlogs: Backlogs,
}

/// The order as [`summary`] reads it.
struct Order<'a> {
    placed_at: i64,
    shipments: &'a [Shipment],
}

/// Answers the tables gave, remembered across evaluations and orders: transit from a ship
/// date and handling from a start day are asked again and again (by the order-by search,
/// by other shipments, by the next order), and recalling one is cheaper than counting
/// bits again. Direct-mapped, a fixed 2 x 1024 entries: a clash only costs a recount.
struct Recall {
    entries: Vec<(u64, Date, i64)>,
}

const RECALL: usize = 1024;

impl Default for Recall {
    /// Empty until the first quote: loading a policy stays cheap where nothing is quoted.
    fn default() -> Recall {
        Recall { entries: Vec::new() }
    }
}

impl Recall {
    /// `(date, number)` for `key` in `half` (0: handling, 1: transit), computed on a miss.
    fn get(&mut self, half: usize, key: u64, compute: impl FnOnce() -> Option<(Date, i64)>) -> Option<(Date, i64)> {
        if self.entries.is_empty() {
            self.entries = vec![(u64::MAX, Date(0), 0); 2 * RECALL];
        }
        let i = half * RECALL + (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize;
        if let Some((k, d, n)) = self.entries.get(i) {
            if *k == key {
                return Some((*d, *n));
            }
        }
        let (d, n) = compute()?;
        if let Some(slot) = self.entries.get_mut(i) {
            *slot = (key, d, n);
        }
        Some((d, n))
    }
}

/// The order-level promise for one service if placed at `t`: the latest ship-by and
/// delivery dates of its shipments, the earliest of their order-by instants.
fn summary(
    policy: &Policy,
    tables: &DayTables,
    order: &Order<'_>,
    way: &Way<'_>,
    (lo, hi, confidence): (u32, u32, Option<f64>),
    t: i64,
    (memo, recall): (&mut [Option<Memo>], &mut Recall),
) -> Option<Summary> {
    let mut acc: Option<Summary> = None;
    for (s, memo) in order.shipments.iter().zip(memo) {
        // 1. Release: placement, payment capture when required, stock availability.
        let release = t.max(s.released_from);
        let answer = match *memo {
            Some(m) if m.release <= release && release < m.answer.order_by => m.answer,
            _ => {
                let answer = shipment(policy, tables, s, way, (lo, hi), release, recall)?;
                *memo = Some(Memo { release, answer });
                answer
            }
        };
        let Answer { order_by, ship_by, earliest, latest } = answer;
        acc = Some(match acc {
            None => Summary { promised: Promised { ship_by, earliest, latest, confidence }, order_by },
            Some(Summary { promised: p, order_by: o }) => Summary {
                promised: Promised {
                    ship_by: p.ship_by.max(ship_by),
                    earliest: p.earliest.max(earliest),
                    latest: p.latest.max(latest),
                    confidence,
                },
                order_by: o.min(order_by),
            },
        });
    }
    acc
}

/// Rules 2-5 for one shipment released at `release`, with the advisories active then and
/// the backlog of those that ended before (as [`crate::eval::compute`]).
fn shipment(
    policy: &Policy,
    tables: &DayTables,
    s: &Shipment,
    way: &Way<'_>,
    (lo, hi): (u32, u32),
    release: i64,
    recall: &mut Recall,
) -> Option<Answer> {
    if way.advisories == 0 {
        // No advisory goes there: the rules alone (most quotes).
        return shipment_advised(policy, tables, s, way, ((lo, hi), 0), release, recall);
    }
    let node = policy.nodes.get(s.node)?;
    let days = |a: Advised| ((lo + a.transit, hi + a.transit), a.handling);
    let advised = way.service.advised(way.advisories, node, release);
    let own = shipment_advised(policy, tables, s, way, days(advised), release, recall)?;
    let mut answer = Answer { order_by: own.order_by.min(advised.until), ..own };
    for (i, a) in way.service.advisories.iter().enumerate() {
        if advised.backlog >> i & 1 == 0 {
            continue;
        }
        let dates = way.backlogs.keep((node, s.extra, i), a, |at| {
            let then = way.service.advised(way.advisories, node, at);
            let b = shipment_advised(policy, tables, s, way, days(then), at, &mut *recall).ok_or(())?;
            Ok::<_, ()>((b.ship_by, b.earliest, b.latest))
        });
        keep_behind((&mut answer.ship_by, &mut answer.earliest, &mut answer.latest), dates.ok()?);
    }
    Some(answer)
}

/// Rules 2-5 for one shipment released at `release`, with transit days `(lo, hi)` and
/// `extra` handling days of advisories.
fn shipment_advised(
    policy: &Policy,
    tables: &DayTables,
    s: &Shipment,
    &Way { lane, carrier, .. }: &Way<'_>,
    ((lo, hi), extra): ((u32, u32), u32),
    release: i64,
    recall: &mut Recall,
) -> Option<Answer> {
    let node = policy.nodes.get(s.node)?;
    // 2. Cutoff. Any day before the release's local date has its cutoff before the
    // release, so the search may start a day before the UTC date (zones are within a day).
    let from = Date(i32::try_from(release.div_euclid(MS_PER_DAY)).ok()? - 1);
    let (start, order_by) = tables.first_cutoff_after(policy, s.node, carrier, from, release)?;
    // 3. Handling days, 4. pickup.
    let handling = node.handling_days + s.extra + extra;
    let ship_from_start = || {
        let ready =
            if handling == 0 { start.day } else { tables.nth_working_after(policy, s.node, start.day, handling)? };
        tables.first_pickup_from(policy, s.node, carrier, start.ready_on(ready))
    };
    let key = [
        (start.day.0 as u64, 32),
        (start.wave as u64, 4),
        (u64::from(handling), 12),
        (carrier as u64, 8),
        (s.node as u64, 8),
    ];
    let (ship, ship_by) = match recall_key(&key) {
        Some(key) => recall.get(0, key, ship_from_start)?,
        None => ship_from_start()?,
    };
    // 5. Transit days, then the next delivery day: after `n` days, the first delivery day
    // after the depot is reached on transit day `n - 1` (the ship day for one), which is the
    // rule-by-rule evaluator's walk (a delivery day before transit day `n` ends it).
    let delivered = |n: u32| {
        let depot = match n {
            0 => return tables.first_delivery_from(policy, lane, ship),
            1 => ship,
            _ => tables.nth_transit_after(policy, lane, ship, n - 1)?,
        };
        tables.first_delivery_from(policy, lane, depot.succ())
    };
    let window = || Some((delivered(lo)?, i64::from(delivered(hi)?.0)));
    let (earliest, latest) =
        match recall_key(&[(ship.0 as u64, 32), (u64::from(lo), 8), (u64::from(hi), 8), (lane as u64, 16)]) {
            Some(key) => recall.get(1, key, window)?,
            None => window()?,
        };
    Some(Answer { order_by, ship_by, earliest, latest: Date(latest as i32) })
}

/// The parts packed into one key, each in its number of bits; `None` when one does not fit
/// (a policy that large is answered without recall).
fn recall_key(parts: &[(u64, u32)]) -> Option<u64> {
    let mut key = 0u64;
    let mut shift = 0;
    for &(value, bits) in parts {
        if value >> bits != 0 {
            return None;
        }
        key |= value << shift;
        shift += bits;
    }
    Some(key)
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;
    use crate::eval::PromiseOptions;
    use crate::json::Value;

    /// The day tables answer every valid order of the corpus themselves (no fallback), with
    /// the rule-by-rule evaluator's numbers and reasons, placed as given and a week later.
    #[test]
    fn tables_answer_the_corpus_as_the_rules_do() {
        let corpus = crate::json::parse(include_str!("../../tests/corpus/corpus.json")).unwrap();
        let policies = corpus.get("policies").unwrap();
        let mut engines = std::collections::BTreeMap::new();
        let (mut answered, mut out) = (0, Vec::new());
        for case in corpus.get("orders").unwrap().as_array().unwrap() {
            let name = case.get("policy").and_then(Value::as_str).unwrap();
            // Each engine with its own input: what an input recalls belongs to one policy.
            let (engine, input) = engines.entry(name).or_insert_with(|| {
                (crate::Engine::new(&policies.get(name).unwrap().to_string()).unwrap(), QuoteInput::default())
            });
            let Ok(mut order) = crate::Order::from_value(engine.policy(), case.get("order").unwrap(), None) else {
                continue;
            };
            let confidence = case.get("options").and_then(|o| o.get("confidence")).and_then(Value::as_f64);
            for shift in [0, 7 * MS_PER_DAY] {
                order.placed_at.0 += shift;
                input.fill(engine.policy(), &order, confidence);
                assert!(
                    quote_from_tables(engine.policy(), &engine.tables, input, &mut out).is_some(),
                    "{:?}",
                    order.id
                );
                let rules = crate::eval::quote(engine.policy(), &order, PromiseOptions { confidence }).unwrap();
                assert_eq!(out, rules, "{:?} placed {}", order.id, order.placed_at.0);
                answered += 1;
            }
        }
        assert!(answered > 2000, "{answered}");
    }
}
