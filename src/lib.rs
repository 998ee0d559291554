//! # order-sla
//!
//! The delivery promise an online store makes at checkout, computed from the merchant's
//! SLA policy: when each parcel must ship (**ship-by**), when it arrives (**delivery
//! window**), until when that holds (**order-by**, the countdown target) and why (the
//! **explanation**). The same code runs natively and as WebAssembly in browsers, edge
//! workers and Node, with the same answers everywhere.
//!
//! ```
//! use order_sla::Engine;
//!
//! let policy = r#"{
//!   "nodes": [{ "id": "ewr", "name": "Newark", "zone": "America/New_York",
//!               "hours": { "mon": ["08:00-18:00"], "tue": ["08:00-18:00"], "wed": ["08:00-18:00"],
//!                          "thu": ["08:00-18:00"], "fri": ["08:00-18:00"] },
//!               "cutoffs": "14:00", "pickups": "17:00", "handlingDays": 0 }],
//!   "services": [{ "id": "ground", "name": "Ground", "carrier": "ups",
//!                  "transitDays": { "min": 2, "max": 4 } }]
//! }"#;
//! let engine = Engine::new(policy)?;
//! let order = r#"{ "placedAt": "2026-12-01T13:59:59.999-05:00",
//!                  "destination": { "country": "US" }, "lines": [{ "sku": "MUG" }] }"#;
//! let json = engine.promise_json(order, "")?;
//! assert!(json.contains(r#""earliest":"2026-12-03","latest":"2026-12-07""#));
//! # Ok::<(), order_sla::Error>(())
//! ```
//!
//! Nodes and carriers name their holidays through [`calendar::Calendar`]s: 30 built-in
//! presets ([`preset::list`]) or rules in the policy. The same calendars answer questions:
//!
//! ```
//! use order_sla::calendar::{Calendar, DayOff};
//! use order_sla::civil::Date;
//!
//! let uk = Calendar::preset("gb-eng")?;
//! let boxing = Date::parse("2026-12-28").unwrap();
//! assert_eq!(uk.day_off(boxing), Some(DayOff::Holiday("Boxing Day (observed)")));
//! let christmas_eve = Date::parse("2026-12-24").unwrap();
//! assert_eq!(uk.add_working_days(christmas_eve, 1)?.to_string(), "2026-12-29");
//! # Ok::<(), order_sla::Error>(())
//! ```
//!
//! A checkout page runs the lean build (without the default `full` feature), which loads a
//! policy compiled by the full build for the years orders are placed in, and answers the
//! same, byte for byte (`docs/compiled.md`):
//!
//! ```
//! # use order_sla::Engine;
//! # let policy = include_str!("../examples/store/policy.json");
//! let bytes = Engine::new(policy)?.compile(2026, 2027)?;   // where the policy is edited
//! let engine = Engine::from_compiled(&bytes)?;              // in the lean build too
//! let order = r#"{ "placedAt": "2026-12-01T12:00:00Z", "destination": { "country": "US" },
//!                  "lines": [{ "sku": "MUG", "node": "ewr" }] }"#;
//! assert_eq!(engine.promise_json(order, "")?, Engine::new(policy)?.promise_json(order, "")?);
//! # Ok::<(), order_sla::Error>(())
//! ```
//!
//! Read `docs/policy.md` for the policy format, `docs/promise.md` for the rules,
//! `docs/calendars.md` for holiday rules and presets, and `docs/design.md` for why the
//! engine is built this way.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod calendar;
pub mod civil;
mod countries;
mod day_table;
#[cfg(feature = "full")]
mod deadline;
#[cfg(feature = "full")]
mod definition;
mod engine;
mod error;
mod holiday;
mod json;
pub mod limits;
mod order;
mod policy;
pub mod preset;
mod promise;
mod quote;
mod read;
#[cfg(feature = "full")]
mod tracking;
pub mod tz;
#[cfg(target_arch = "wasm32")]
mod wasm;

// The lean build is for pages that load a policy once and make a few promises: a small
// free-list allocator is worth its 6 KB saving there. wasm32 without threads is single-threaded.
#[cfg(all(target_arch = "wasm32", not(feature = "full")))]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: the lean build targets wasm32 without the atomics feature: one thread only.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
#[cfg(feature = "full")]
mod worktime;

#[cfg(feature = "full")]
pub use deadline::{Deadline, DeadlineQuery, DeadlineTable};
#[cfg(feature = "full")]
pub use engine::validate_policy;
pub use engine::Engine;
pub use error::{Error, Problem};
pub use limits::{MAX_DOCUMENT_BYTES, MAX_LINES};
pub use order::{Line, Order};
pub use policy::{Destination, Node, Policy, Service, Transit};
#[cfg(feature = "full")]
pub use tracking::{Change, MilestoneStatus, Tracking};
pub use promise::{Moment, NextPromise, Promise, PromiseOptions, Quote, Reason, Shipment, ShippingOption, Step, Window, ENGINE_VERSION};
