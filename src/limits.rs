//! Every bound on what a document may hold, in one place.
//!
//! The engine runs where requests arrive (checkout pages, edge workers), so every document
//! and every list in it has a limit, checked as it is read: past one, the document is
//! refused with a `too_large` problem at the path of what is too large (the JSON limits
//! answer `document_too_large` and `invalid_json`). Below the limits, work is near-linear
//! in the input and memory is bounded; `docs/limits.md` states each limit with its reason,
//! and the JS wrapper reads these same numbers (`limits()`), so that it refuses what the
//! core would before copying anything into wasm memory.
//!
//! The limits are chosen so that the largest answer the engine can give (a promise with
//! every option, shipment and line) is itself a document it can read back (a stored
//! promise for tracking).

/// A policy's JSON text, in bytes.
pub const MAX_POLICY_BYTES: usize = 4 * 1024 * 1024;
/// A stored promise or an audit row, in bytes of JSON text.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;
/// An order, its events, a deadline query, a calendar definition or call options, in
/// bytes of JSON text: what arrives with a request.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;
/// Values (numbers, strings, lists, objects, ...) in one JSON document: its parse tree is
/// what takes memory, and tiny values take the most per byte.
pub const MAX_JSON_VALUES: usize = 500_000;
/// Members of one JSON object (the largest objects a document needs are a node's extra
/// handling days per SKU).
pub const MAX_OBJECT_MEMBERS: usize = 10_000;
/// Nesting of a JSON document (deeper is `invalid_json`).
pub const MAX_DEPTH: usize = 128;
/// The longest text (an id, a name, a SKU, a tag, a reason), in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 256;
/// The most problems one error lists; the rest are counted in a last `too_many_problems`.
pub const MAX_PROBLEMS: usize = 100;

/// Lines of one order.
pub const MAX_LINES: usize = 500;
/// Shipments of one order: its lines' distinct (node, availability date) pairs.
pub const MAX_SHIPMENTS: usize = 16;
/// Tags of one order line.
pub const MAX_TAGS: usize = 32;
/// Services an order lists (`services`), duplicates included; they are collapsed.
pub const MAX_ORDER_SERVICES: usize = 64;
/// Events of one order (tracking, audit rows).
pub const MAX_EVENTS: usize = 2_000;

/// Fulfilment nodes of a policy.
pub const MAX_NODES: usize = 2_000;
/// Shipping services of a policy (a promise has one option per service).
pub const MAX_SERVICES: usize = 64;
/// Named calendars of a policy.
pub const MAX_CALENDARS: usize = 1_000;
/// Calendars one calendar `extends`.
pub const MAX_EXTENDS: usize = 16;
/// How deep calendars may extend calendars that extend calendars.
pub const MAX_EXTENDS_DEPTH: usize = 16;
/// Holiday names of one calendar, with those of the calendars it extends and observed days.
pub const MAX_HOLIDAY_NAMES: usize = 2_000;
/// Holiday names one calendar may `omit`.
pub const MAX_OMIT: usize = 100;
/// Holiday rules of one calendar (or of one node's or service's own `holidays`).
pub const MAX_RULES: usize = 500;
/// Days of one closed range (`from`-`to`), dates of one `dates` list, years of one `except`.
pub const MAX_RANGE_DAYS: i32 = 366;
/// Special days of one node: its own and those of the calendars it names.
pub const MAX_SPECIAL_DAYS: usize = 100;
/// Working windows of one day (`hours`).
pub const MAX_WINDOWS: usize = 24;
/// Waves (a cutoff and its pickup) of one day, per node or carrier (`waves`): each is a
/// column of the day tables, so the limit is also their width.
pub const MAX_WAVES: usize = 4;
/// Carrier overrides of one node (`carriers`).
pub const MAX_NODE_CARRIERS: usize = 16;
/// Tags and SKUs with extra handling days, each, per node.
pub const MAX_EXTRA_HANDLING: usize = 10_000;
/// Destination rules with calendars or holidays, in the whole policy: each is a calendar
/// read and kept (29,000 took 100 ms and 50 MB to validate; a merchant writes a few hundred).
pub const MAX_DESTINATION_CALENDARS: usize = 1_000;
/// Tags, and SKUs, a service excludes; placement date ranges it is offered in.
pub const MAX_RESTRICTIONS: usize = 1_000;
/// Destination rules of one service.
pub const MAX_DESTINATIONS: usize = 1_000;
/// Advisories of a policy: each service keeps those that affect it as bits of one word.
pub const MAX_ADVISORIES: usize = 64;
/// Destinations of all advisories together (each order is matched against them, per service).
pub const MAX_ADVISORY_DESTINATIONS: usize = 1_000;
/// Days one advisory adds to handling and to transit, and all active ones together.
pub const MAX_ADVISORY_DAYS: u32 = 30;
/// Countries of one service (`countries`).
pub const MAX_COUNTRIES: usize = 300;
/// Custom milestones of a policy's tracking rules.
pub const MAX_CUSTOM_MILESTONES: usize = 50;
/// Routes of a policy's tracking rules, and pausing hold reasons.
pub const MAX_ROUTES: usize = 500;
/// Rows of one deadline table (`latestOrderBy`): services times nodes, or services when
/// the query names its lines.
pub const MAX_DEADLINE_ROWS: usize = 256;

/// Handling time (standard or extra), in working days.
pub const MAX_HANDLING_DAYS: i64 = 60;
/// Transit time, in carrier days.
pub const MAX_TRANSIT_DAYS: i64 = 120;
/// Years one compiled policy covers.
pub const MAX_COMPILED_YEARS: i32 = 50;
/// Working days one `add_working_days` call may move.
pub const MAX_WORKING_DAY_OFFSET: i32 = 20_000;

/// Every limit by the name the JS wrapper and docs/limits.md use, for `limits()`.
pub const ALL: &[(&str, i64)] = &[
    ("policyBytes", MAX_POLICY_BYTES as i64),
    ("documentBytes", MAX_DOCUMENT_BYTES as i64),
    ("requestBytes", MAX_REQUEST_BYTES as i64),
    ("jsonValues", MAX_JSON_VALUES as i64),
    ("objectMembers", MAX_OBJECT_MEMBERS as i64),
    ("depth", MAX_DEPTH as i64),
    ("textBytes", MAX_TEXT_BYTES as i64),
    ("problems", MAX_PROBLEMS as i64),
    ("lines", MAX_LINES as i64),
    ("shipments", MAX_SHIPMENTS as i64),
    ("tags", MAX_TAGS as i64),
    ("orderServices", MAX_ORDER_SERVICES as i64),
    ("events", MAX_EVENTS as i64),
    ("nodes", MAX_NODES as i64),
    ("services", MAX_SERVICES as i64),
    ("calendars", MAX_CALENDARS as i64),
    ("extends", MAX_EXTENDS as i64),
    ("extendsDepth", MAX_EXTENDS_DEPTH as i64),
    ("holidayNames", MAX_HOLIDAY_NAMES as i64),
    ("omit", MAX_OMIT as i64),
    ("rules", MAX_RULES as i64),
    ("rangeDays", MAX_RANGE_DAYS as i64),
    ("specialDays", MAX_SPECIAL_DAYS as i64),
    ("windows", MAX_WINDOWS as i64),
    ("waves", MAX_WAVES as i64),
    ("nodeCarriers", MAX_NODE_CARRIERS as i64),
    ("extraHandling", MAX_EXTRA_HANDLING as i64),
    ("restrictions", MAX_RESTRICTIONS as i64),
    ("destinations", MAX_DESTINATIONS as i64),
    ("destinationCalendars", MAX_DESTINATION_CALENDARS as i64),
    ("advisories", MAX_ADVISORIES as i64),
    ("advisoryDestinations", MAX_ADVISORY_DESTINATIONS as i64),
    ("advisoryDays", MAX_ADVISORY_DAYS as i64),
    ("countries", MAX_COUNTRIES as i64),
    ("customMilestones", MAX_CUSTOM_MILESTONES as i64),
    ("routes", MAX_ROUTES as i64),
    ("deadlineRows", MAX_DEADLINE_ROWS as i64),
    ("handlingDays", MAX_HANDLING_DAYS),
    ("transitDays", MAX_TRANSIT_DAYS),
    ("compiledYears", MAX_COMPILED_YEARS as i64),
    ("workingDayOffset", MAX_WORKING_DAY_OFFSET as i64),
];
