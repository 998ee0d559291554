//! The engine: a policy loaded once, evaluated for many orders. This is the API the
//! WebAssembly layer and the JavaScript wrapper call, with JSON text in and out.

#[cfg(feature = "full")]
use crate::calendar::Calendar;
use crate::civil::Instant;
#[cfg(feature = "full")]
use crate::deadline::{latest_order_by, DeadlineQuery, DeadlineTable};
use crate::error::Error;
use crate::eval::fast::{quote_from_tables, Outcome, QuoteInput};
use crate::eval::tables::DayTables;
use crate::eval::{check_options, PromiseOptions, Quote};
use crate::json::ToJson;
use crate::order::Order;
use crate::policy::Policy;
use crate::promise::{promise, Promise};
use crate::read::{parse_json, Reader};

/// A loaded policy.
pub struct Engine {
    policy: Policy,
    /// The policy's days worked out for quotes, a block at a time on first use.
    pub(crate) tables: DayTables,
    /// The order being quoted and its answers, kept so that quotes do not allocate per order.
    scratch: std::sync::Mutex<(QuoteInput, Vec<Outcome>)>,
}

/// Per-call options as JSON: `{ "at": instant, "confidence": 0.9 }`.
struct CallOptions {
    at: Option<Instant>,
    promise: PromiseOptions,
}

fn read_options(text: &str) -> Result<CallOptions, Error> {
    if text.trim().is_empty() {
        return Ok(CallOptions { at: None, promise: PromiseOptions::default() });
    }
    let v = parse_json(text, "options", crate::limits::MAX_REQUEST_BYTES)?;
    let mut r = Reader::default();
    let mut out = CallOptions { at: None, promise: PromiseOptions::default() };
    if let Some(m) = r.object(&v, "options", &["at", "confidence"]) {
        out.at = m.get("at").and_then(|v| r.instant(v, "options.at"));
        out.promise.confidence =
            m.get("confidence").and_then(|v| r.number(v, "options.confidence", (0.01, 1.0), "0.01..1"));
    }
    if r.is_clean() {
        Ok(out)
    } else {
        Err(r.error("invalid_options", "options"))
    }
}

impl Engine {
    /// Loads and validates a policy from JSON text.
    #[cfg(feature = "full")]
    pub fn new(policy_json: &str) -> Result<Engine, Error> {
        Ok(Engine::from_policy(Policy::from_json(policy_json)?))
    }

    /// Loads a policy compiled by [`Engine::compile`] (the lean browser build's only way in).
    pub fn from_compiled(bytes: &[u8]) -> Result<Engine, Error> {
        Ok(Engine::from_policy(Policy::from_compiled(bytes)?))
    }

    /// The policy compiled for the years `from..=to`: the bytes [`Engine::from_compiled`]
    /// loads, in this build or the lean one of the same version (see `docs/compiled.md`).
    #[cfg(feature = "full")]
    pub fn compile(&self, from: i32, to: i32) -> Result<Vec<u8>, Error> {
        self.policy.compile(from, to)
    }

    pub fn from_policy(policy: Policy) -> Engine {
        Engine { tables: DayTables::new(&policy), policy, scratch: Default::default() }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The promise for an order.
    pub fn promise(&self, order: &Order, opts: PromiseOptions) -> Result<Promise, Error> {
        promise(&self.policy, order, opts)
    }

    /// The numbers of the promise for an order (no explanations, no text): one entry per
    /// wanted service, `None` where it cannot carry the order. Read from the policy's day
    /// tables (`docs/design.md`, "Quotes"); equal, field for field, to [`Engine::promise`].
    pub fn quote(&self, order: &Order, opts: PromiseOptions) -> Result<Vec<Option<Quote>>, Error> {
        check_options(opts)?;
        let mut scratch = self.scratch.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (input, outcomes) = &mut *scratch;
        input.fill(&self.policy, order, opts.confidence);
        match quote_from_tables(&self.policy, &self.tables, input, outcomes) {
            Some(()) => Ok(outcomes.iter().map(|o| o.ok()).collect()),
            None => Ok(crate::eval::quote(&self.policy, order, opts)?.into_iter().map(Result::ok).collect()),
        }
    }

    /// Quotes of `orders` orders encoded as numbers, the layout the JS wrapper writes for
    /// its fast path and batches (see `docs/design.md`, "Quotes"), written into `out`: per
    /// order a status (0 answered, 1 to be asked as JSON), its count of services and their
    /// numbers. Fails only on a buffer that does not follow the layout.
    pub fn quote_encoded(&self, orders: usize, buf: &[f64], out: &mut Vec<f64>) -> Result<(), Error> {
        self.quote_encoded_into(orders, buf, out).ok_or_else(|| {
            Error::new(
                "invalid_encoding",
                "the encoded orders do not follow the layout: encode them with the JS wrapper",
            )
        })
    }

    fn quote_encoded_into(&self, orders: usize, buf: &[f64], out: &mut Vec<f64>) -> Option<()> {
        use crate::eval::fast::wire::{write, Decoded, Reader, SLOTS};
        let mut scratch = self.scratch.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (input, outcomes) = &mut *scratch;
        let mut r = Reader { buf, at: 0 };
        out.clear();
        for _ in 0..orders {
            let answered = match input.decode(&self.policy, &mut r)? {
                Decoded::Ready => quote_from_tables(&self.policy, &self.tables, input, outcomes).is_some(),
                Decoded::AskRules => false,
            };
            out.extend([if answered { 0.0 } else { 1.0 }, input.services_len() as f64]);
            if answered {
                outcomes.iter().for_each(|o| write(o, out));
            } else {
                out.extend(std::iter::repeat_n(f64::NAN, SLOTS * input.services_len()));
            }
        }
        Some(())
    }

    /// The promise for an order given as JSON, as JSON. `options_json` may be empty.
    pub fn promise_json(&self, order_json: &str, options_json: &str) -> Result<String, Error> {
        let opts = read_options(options_json)?;
        let order = Order::from_json(&self.policy, order_json, opts.at)?;
        Ok(promise(&self.policy, &order, opts.promise)?.to_json())
    }

    #[cfg(feature = "full")]
    /// The last order-by instants to arrive by a date.
    pub fn latest_order_by(&self, query: &DeadlineQuery) -> DeadlineTable {
        latest_order_by(&self.policy, query)
    }

    /// What only an engine loaded from the policy's source can do (tracking rules, named
    /// calendars and deadline searches are not compiled).
    #[cfg(feature = "full")]
    fn source_only(&self, what: &str) -> Result<(), Error> {
        match self.policy.years {
            Some(_) => Err(crate::policy::compiled::needs_source(what)),
            None => Ok(()),
        }
    }

    #[cfg(feature = "full")]
    /// Tracking of a stored promise (JSON, as [`Engine::promise_json`] wrote it) against
    /// the order's events (a JSON list) at `options_json` `{ "now": instant, "service": id }`.
    /// `service` is needed when the promise has several available options.
    pub fn track_json(&self, promise_json: &str, events_json: &str, options_json: &str) -> Result<String, Error> {
        self.source_only("tracking")?;
        let (now, service) = read_track_options(options_json)?;
        let stored = crate::tracking::input::read_promise(&self.policy, promise_json, service.as_deref())?;
        let (events, warnings) =
            crate::tracking::input::read_events(&self.policy.tracking, &self.policy, &stored, events_json, now.0)?;
        Ok(crate::tracking::track(&self.policy, &stored, &events, warnings, now.0, crate::tracking::Detail::Full)?
            .to_json())
    }

    #[cfg(feature = "full")]
    /// One row of an audit (`docs/audit.md`): `{ order, events, service?, promise? }` as JSON,
    /// tracked at `now` (epoch ms), as the audit's compact record: order id, service, status
    /// and per milestone its status, due, due day, met instant, lateness, reasons, owner and
    /// route. Without a stored promise the order is promised again, without writing the
    /// promise's text. Errors are those of the order, the promise or the events.
    pub fn audit_row_json(&self, row_json: &str, now: i64) -> Result<String, Error> {
        use crate::tracking::input::{read_events_value, read_promise_value, stored_from_order};
        self.source_only("tracking")?;
        let v = parse_json(row_json, "row", crate::limits::MAX_DOCUMENT_BYTES)?;
        let mut r = Reader::default();
        let m = r.object(&v, "", &["order", "events", "service", "promise"]);
        let service = m.and_then(|m| m.get("service")).and_then(|v| r.string(v, "service")).map(str::to_string);
        let Some(m) = m.filter(|_| r.is_clean()) else { return Err(r.error("invalid_row", "row")) };
        let stored = match (m.get("promise"), m.get("order")) {
            (Some(p), _) => read_promise_value(&self.policy, p, service.as_deref())?,
            (None, Some(o)) => {
                let order = Order::from_value(&self.policy, o, None)?;
                // The chosen service: the row's, else the order's first.
                let first = order
                    .services
                    .as_ref()
                    .and_then(|s| s.first())
                    .and_then(|i| self.policy.services.get(*i))
                    .map(|s| s.id.as_str());
                stored_from_order(&self.policy, &order, service.as_deref().or(first))?
            }
            (None, None) => {
                return Err(Error::at(
                    "missing_field",
                    "order",
                    "the row needs \"order\" (to promise it again) or \"promise\"",
                ))
            }
        };
        let no_events = crate::json::Value::Array(Vec::new());
        let events = m.get("events").unwrap_or(&no_events);
        let (events, warnings) = read_events_value(&self.policy.tracking, &self.policy, &stored, events, now)?;
        let t = crate::tracking::track(&self.policy, &stored, &events, warnings, now, crate::tracking::Detail::Audit)?;
        Ok(crate::tracking::audit_record(&t, now))
    }

    #[cfg(feature = "full")]
    /// A calendar by id: the policy's own `calendars` first, then the presets.
    pub fn calendar(&self, id: &str) -> Result<Calendar, Error> {
        self.source_only("calendar()")?;
        match self.policy.calendars.iter().find(|(n, _)| n == id) {
            Some((_, c)) => Ok(c.clone()),
            None => Calendar::preset(id),
        }
    }

    #[cfg(feature = "full")]
    pub fn latest_order_by_json(&self, query_json: &str) -> Result<String, Error> {
        self.source_only("latestOrderBy")?;
        let q = DeadlineQuery::from_json(&self.policy, query_json)?;
        Ok(latest_order_by(&self.policy, &q).to_json())
    }
}

#[cfg(feature = "full")]
fn read_track_options(text: &str) -> Result<(Instant, Option<String>), Error> {
    let v = parse_json(text, "options", crate::limits::MAX_REQUEST_BYTES)?;
    let mut r = Reader::default();
    let mut out = (None, None);
    if let Some(m) = r.object(&v, "options", &["now", "service"]) {
        out.0 = r.required(m, "now", "options").and_then(|v| r.instant(v, "options.now"));
        out.1 = m.get("service").and_then(|v| r.string(v, "options.service")).map(str::to_string);
    }
    match out {
        (Some(now), service) if r.is_clean() => Ok((now, service)),
        _ => Err(r.error("invalid_options", "options")),
    }
}

#[cfg(feature = "full")]
/// Checks a policy: every problem as the error, else the warnings (settings that load but
/// have no effect, `no_effect` with their paths; often empty).
pub fn validate_policy(policy_json: &str) -> Result<Vec<crate::error::Problem>, Error> {
    Policy::from_json(policy_json).map(|p| p.warnings)
}
