//! Day tables: a policy's calendars, cutoffs and pickups worked out into per-day lookup
//! tables, so that a quote reads numbers instead of evaluating rules.
//!
//! Days are grouped in blocks of 256 from 2000-01-01. A block's rows are built the first
//! time a quote looks at one of its days for that node, carrier or service, and kept for the
//! life of the engine: a checkout quoting orders placed this week builds the rows of the
//! nodes and services its orders use in one or two blocks, and from then on only reads
//! (a policy of thousands of nodes costs only what its orders touch). A block holds
//! - per node, a bitmap of its working days (handling days count these);
//! - per node and carrier, each day's waves (cutoffs and pickups, [`WAVES`] a day) as epoch
//!   milliseconds, with zone transitions already applied (`i64::MIN` where there is none);
//! - per service, bitmaps of its transit days and of its delivery days; and per service and
//!   destination calendar (a lane, [`Policy::lanes`]), the same without the destination's
//!   holidays.
//!
//! Every entry comes from the node's schedule (`crate::policy::schedule`), as the
//! rule-by-rule evaluator reads it for that day, so the two cannot disagree about a day; the
//! corpus test checks that they agree about whole promises.
//!
//! A query the tables cannot answer (a row with days a compiled policy does not know,
//! days past 2199, a search longer than [`SEARCH_DAYS`]) returns `None`, and the caller
//! falls back to the rule-by-rule evaluator, which gives the exact answer or error.

use crate::calendar::MAX_SCAN_DAYS;
use crate::civil::{Date, MAX_DATE, MIN_DATE};
use crate::policy::{Policy, Ready, Start, WAVES};
use std::sync::OnceLock;

const BLOCK: usize = 256;
const WORDS: usize = BLOCK / 64;
type Bits = [u64; WORDS];

/// The longest a table search goes before leaving the question to the rule-by-rule
/// evaluator: below its [`MAX_SCAN_DAYS`] bound, so that whatever the tables answer, it
/// would have answered the same rather than failing with `no_working_day`.
pub(crate) const SEARCH_DAYS: i32 = MAX_SCAN_DAYS - 30;

/// One block of days. Rows are made the first time a quote reads them: a quote touches the
/// few nodes and services of its order, and a policy may have thousands of nodes.
struct Block {
    first: Date,
    nodes: Box<[OnceLock<Option<NodeRows>>]>,
    services: Box<[OnceLock<Option<ServiceRows>>]>,
}

/// A lane's transit days and delivery days (`None` for a block of days its calendars do not know).
type ServiceRows = (Bits, Bits);

struct NodeRows {
    working: Bits,
    /// Per carrier: each day's cutoff and pickup (`i64::MIN` where there is none).
    carriers: Box<[OnceLock<Box<CarrierRow>>]>,
}

/// Per day, per wave: the cutoff and the pickup.
struct CarrierRow {
    cutoff: [[i64; WAVES]; BLOCK],
    pickup: [[i64; WAVES]; BLOCK],
}

/// The lookup tables of one policy.
pub(crate) struct DayTables {
    /// Distinct carriers, and the index in it of each service's carrier.
    carriers: Vec<String>,
    carrier_of: Vec<usize>,
    /// `None`: the block has days past 2199. The slots themselves are made on the first
    /// quote: loading a policy stays cheap where nothing is quoted.
    blocks: OnceLock<Box<[OnceLock<Option<Block>>]>>,
}

impl DayTables {
    pub(crate) fn new(policy: &Policy) -> DayTables {
        let mut carriers: Vec<String> = Vec::new();
        let mut carrier_of = Vec::with_capacity(policy.services.len());
        for s in &policy.services {
            let i = carriers.iter().position(|c| *c == s.carrier).unwrap_or_else(|| {
                carriers.push(s.carrier.clone());
                carriers.len() - 1
            });
            carrier_of.push(i);
        }
        DayTables { carriers, carrier_of, blocks: OnceLock::new() }
    }

    /// The carrier index of a service (its cutoffs and pickups are per node and carrier).
    pub(crate) fn carrier_of(&self, service: usize) -> Option<usize> {
        self.carrier_of.get(service).copied()
    }

    /// The block holding `d` and `d`'s place in it.
    fn block(&self, policy: &Policy, d: Date) -> Option<(&Block, usize)> {
        let ix = usize::try_from(MIN_DATE.days_until(d)).ok()?;
        let blocks = self
            .blocks
            .get_or_init(|| (0..=MIN_DATE.days_until(MAX_DATE) as usize / BLOCK).map(|_| OnceLock::new()).collect());
        let cell = blocks.get(ix / BLOCK)?;
        let block = cell
            .get_or_init(|| {
                let first = MIN_DATE.add_days((ix / BLOCK * BLOCK) as i32);
                (first.add_days(BLOCK as i32 - 1) <= MAX_DATE).then(|| Block {
                    first,
                    nodes: policy.nodes.iter().map(|_| OnceLock::new()).collect(),
                    services: policy.lanes.iter().map(|_| OnceLock::new()).collect(),
                })
            })
            .as_ref()?;
        Some((block, ix % BLOCK))
    }

    /// Calendars know contiguous spans of years: the two ends of a block are enough.
    fn knows(calendar: &crate::calendar::Calendar, block: &Block) -> bool {
        calendar.covers(block.first) && calendar.covers(block.first.add_days(BLOCK as i32 - 1))
    }

    fn node<'b>(&self, policy: &Policy, block: &'b Block, n: usize) -> Option<&'b NodeRows> {
        let node = policy.nodes.get(n)?;
        block
            .nodes
            .get(n)?
            .get_or_init(|| {
                Self::knows(&node.calendar, block).then(|| NodeRows {
                    working: bits(block.first, |d| node.is_working(d)),
                    carriers: self.carriers.iter().map(|_| OnceLock::new()).collect(),
                })
            })
            .as_ref()
    }

    fn carrier_row<'b>(&self, policy: &Policy, block: &'b Block, n: usize, carrier: usize) -> Option<&'b CarrierRow> {
        let (node, rows) = (policy.nodes.get(n)?, self.node(policy, block, n)?);
        let id = self.carriers.get(carrier)?;
        let row = rows.carriers.get(carrier)?.get_or_init(|| {
            let mut row =
                Box::new(CarrierRow { cutoff: [[i64::MIN; WAVES]; BLOCK], pickup: [[i64::MIN; WAVES]; BLOCK] });
            for i in 0..BLOCK {
                let day = block.first.add_days(i as i32);
                if let Ok(open) = node.day(day, id) {
                    for (w, (cutoff, pickup)) in open.instants(node, day).into_iter().enumerate() {
                        row.cutoff[i][w] = cutoff;
                        row.pickup[i][w] = pickup;
                    }
                }
            }
            row
        });
        Some(row)
    }

    /// The rows of lane `lane`: a service, to destinations with the holidays of one of its
    /// destination rules or none ([`Policy::lanes`]).
    fn service<'b>(&self, policy: &Policy, block: &'b Block, lane: usize) -> Option<&'b ServiceRows> {
        let &(s, rule) = policy.lanes.get(lane)?;
        let service = policy.services.get(s)?;
        let dest = service.holidays_of(rule);
        block
            .services
            .get(lane)?
            .get_or_init(|| {
                let known = dest.is_none_or(|h| Self::knows(&h.calendar, block));
                (known && Self::knows(&service.transit_calendar, block)).then(|| {
                    (
                        bits(block.first, |d| service.transit_day(d, dest)),
                        bits(block.first, |d| service.delivers_on(d, dest)),
                    )
                })
            })
            .as_ref()
    }

    /// The first wave from day `from` on whose cutoff at `node` for `carrier` is after
    /// `release`, with that cutoff: where handling starts, and the order-by.
    pub(crate) fn first_cutoff_after(
        &self,
        policy: &Policy,
        node: usize,
        carrier: usize,
        from: Date,
        release: i64,
    ) -> Option<(Start, i64)> {
        let row = |b| self.carrier_row(policy, b, node, carrier).map(|r| &r.cutoff);
        let (day, wave, t) = self.first_in_row(policy, (from, 0), row, |t| t > release)?;
        Some((Start { day, wave }, t))
    }

    /// The first wave from `ready` on with a pickup at `node` for `carrier`: its day and instant.
    pub(crate) fn first_pickup_from(
        &self,
        policy: &Policy,
        node: usize,
        carrier: usize,
        ready: Ready,
    ) -> Option<(Date, i64)> {
        let row = |b| self.carrier_row(policy, b, node, carrier).map(|r| &r.pickup);
        let (day, _, t) = self.first_in_row(policy, (ready.day, ready.wave), row, |t| t != i64::MIN)?;
        Some((day, t))
    }

    /// The first (day, wave) from `from` on whose value is `wanted`.
    fn first_in_row<'b>(
        &'b self,
        policy: &Policy,
        (from, from_wave): (Date, usize),
        row: impl Fn(&'b Block) -> Option<&'b [[i64; WAVES]; BLOCK]>,
        wanted: impl Fn(i64) -> bool,
    ) -> Option<(Date, usize, i64)> {
        let mut d = from;
        while from.days_until(d) <= SEARCH_DAYS {
            let (block, i) = self.block(policy, d)?;
            let days = row(block)?;
            for (j, waves) in days.iter().enumerate().skip(i) {
                let first = if j == i && d == from { from_wave } else { 0 };
                if let Some((w, t)) = waves.iter().enumerate().skip(first).find(|(_, t)| wanted(**t)) {
                    let found = d.add_days((j - i) as i32);
                    return (from.days_until(found) <= SEARCH_DAYS).then_some((found, w, *t));
                }
            }
            d = d.add_days((BLOCK - i) as i32);
        }
        None
    }

    /// The `n`th working day of `node` after `d` (`n` >= 1).
    pub(crate) fn nth_working_after(&self, policy: &Policy, node: usize, d: Date, n: u32) -> Option<Date> {
        self.nth_after(policy, d, n, |b| self.node(policy, b, node).map(|r| &r.working))
    }

    /// The `n`th transit day of lane `lane` after `d` (`n` >= 1).
    pub(crate) fn nth_transit_after(&self, policy: &Policy, lane: usize, d: Date, n: u32) -> Option<Date> {
        self.nth_after(policy, d, n, |b| self.service(policy, b, lane).map(|r| &r.0))
    }

    /// The first delivery day of lane `lane` from `d` on (`d` itself when it is one).
    pub(crate) fn first_delivery_from(&self, policy: &Policy, lane: usize, d: Date) -> Option<Date> {
        self.nth_after(policy, d.pred(), 1, |b| self.service(policy, b, lane).map(|r| &r.1))
    }

    /// The `n`th day after `d` whose bit is set: whole words are skipped by their count of
    /// set bits, then the wanted bit is picked out of its word.
    fn nth_after<'b>(
        &'b self,
        policy: &Policy,
        d: Date,
        n: u32,
        bits: impl Fn(&'b Block) -> Option<&'b Bits>,
    ) -> Option<Date> {
        let limit = SEARCH_DAYS + n as i32;
        let mut left = n;
        let mut day = d.succ();
        while d.days_until(day) <= limit {
            let (block, i) = self.block(policy, day)?;
            let words = bits(block)?;
            let (mut w, mut word) = (i / 64, words[i / 64] & (!0u64 << (i % 64)));
            loop {
                let count = word.count_ones();
                if count >= left {
                    for _ in 1..left {
                        word &= word - 1;
                    }
                    let found = day.add_days((w * 64 + word.trailing_zeros() as usize - i) as i32);
                    return (d.days_until(found) <= limit).then_some(found);
                }
                left -= count;
                w += 1;
                match words.get(w) {
                    Some(next) => word = *next,
                    None => break,
                }
            }
            day = day.add_days((BLOCK - i) as i32);
        }
        None
    }
}

/// The bits of a block's days for which `is` holds.
fn bits(first: Date, is: impl Fn(Date) -> bool) -> Bits {
    let mut out: Bits = [0; WORDS];
    for i in 0..BLOCK {
        out[i / 64] |= u64::from(is(first.add_days(i as i32))) << (i % 64);
    }
    out
}
