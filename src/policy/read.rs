//! Reading and validating a policy from its JSON source (the full build only: the lean
//! browser build loads policies compiled by it, see [`super::compiled`]).

use super::*;
use crate::calendar::definition::{check_names, Library, Written};
use crate::calendar::holiday::{read_rule, read_rules, Holidays};
use crate::calendar::{read_weekdays, MON_FRI};
use crate::civil::{WEEKDAYS, WEEKDAY_KEYS};
use crate::error::Error;
use crate::json::{Map, Value};
use crate::limits::{
    MAX_ADVISORIES, MAX_ADVISORY_DAYS, MAX_ADVISORY_DESTINATIONS, MAX_COUNTRIES, MAX_DESTINATIONS,
    MAX_DESTINATION_CALENDARS, MAX_EXTENDS, MAX_EXTRA_HANDLING, MAX_NODES, MAX_NODE_CARRIERS, MAX_RESTRICTIONS,
    MAX_SERVICES, MAX_SPECIAL_DAYS, MAX_WAVES, MAX_WINDOWS,
};
use crate::policy::tracking::read_tracking;
use crate::read::{index, join, parse_json, shown, Reader};
use sha2::{Digest, Sha256};
use std::sync::Arc;

impl Policy {
    /// Loads a policy from JSON text.
    pub fn from_json(text: &str) -> Result<Policy, Error> {
        Policy::from_value(&parse_json(text, "policy", crate::limits::MAX_POLICY_BYTES)?)
    }

    /// Loads a policy from a parsed JSON value.
    pub(crate) fn from_value(v: &Value) -> Result<Policy, Error> {
        let mut r = Reader::default();
        let policy = read_policy(&mut r, v);
        r.finish(policy, "invalid_policy", "policy")
    }
}

const SPECIAL_KEYS: &[&str] = &[
    "name",
    "hours",
    "cutoff",
    "pickup",
    "waves",
    "date",
    "from",
    "to",
    "dates",
    "month",
    "day",
    "weekday",
    "nth",
    "easter",
    "orthodoxEaster",
    "equinox",
    "offset",
    "since",
    "until",
    "every",
    "except",
];
const POLICY_KEYS: &[&str] =
    &["version", "name", "calendars", "nodes", "services", "release", "tracking", "defaultNode", "advisories"];
const NODE_KEYS: &[&str] = &[
    "id",
    "name",
    "zone",
    "hours",
    "cutoffs",
    "pickups",
    "waves",
    "carriers",
    "handlingDays",
    "extraHandlingDays",
    "holidays",
    "calendars",
    "specialDays",
];
const SERVICE_KEYS: &[&str] = &[
    "id",
    "name",
    "carrier",
    "transitDays",
    "transitPercentiles",
    "transitWeekdays",
    "deliveryWeekdays",
    "holidays",
    "calendars",
    "countries",
    "destinations",
    "nodes",
    "restrictions",
];

fn read_policy(r: &mut Reader, v: &Value) -> Option<Policy> {
    let map = r.object(v, "", POLICY_KEYS)?;
    if let Some(ver) = map.get("version") {
        r.integer(ver, "version", 1, 1)?;
    }
    let name = map.get("name").and_then(|v| r.string(v, "name")).map(str::to_string);
    let mut calendars = Library::new(r, map.get("calendars"));
    let mut specials = SpecialCache::default();
    // The carriers the services name, for the nodes' carrier overrides to be checked against.
    let services_list = map.get("services").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let mut carriers: Vec<&str> =
        services_list.iter().filter_map(|s| s.get("carrier").and_then(Value::as_str)).collect();
    carriers.sort_unstable();
    carriers.dedup();

    let mut nodes = Vec::new();
    if let Some(list) = r.required(map, "nodes", "").and_then(|v| r.list(v, "nodes")) {
        if list.is_empty() {
            r.problem("empty_list", "nodes", "a policy needs at least one fulfilment node");
        }
        if r.within(list.len(), MAX_NODES, "nodes", "nodes") {
            for (i, item) in list.iter().enumerate() {
                nodes.push(read_node(r, item, &index("nodes", i), &mut calendars, &mut specials, &carriers));
            }
        }
    }
    // Ids come from the raw document, so a node with other problems is still known by id
    // (no cascade of "unknown node" problems) and duplicates are always caught.
    let node_ids = Ids::of(map.get("nodes"));
    node_ids.check_unique(r, "nodes", "node");

    let mut services = Vec::new();
    if let Some(list) = r.required(map, "services", "").and_then(|v| r.list(v, "services")) {
        if list.is_empty() {
            r.problem("empty_list", "services", "a policy needs at least one shipping service");
        }
        if r.within(list.len(), MAX_SERVICES, "services", "services") {
            // Destination rules with calendars, across the policy (each is a calendar read).
            let mut dest_calendars = 0;
            for (i, item) in list.iter().enumerate() {
                let path = index("services", i);
                services.push(read_service(r, item, &path, (&mut calendars, &mut dest_calendars), &node_ids));
            }
        }
    }
    let service_ids = Ids::of(map.get("services"));
    service_ids.check_unique(r, "services", "service");
    let advisories =
        map.get("advisories").map(|v| read_advisories(r, v, (&node_ids, &service_ids))).unwrap_or_default();

    let (mut require_payment_capture, mut ship_complete) = (false, false);
    if let Some(rel) =
        map.get("release").and_then(|v| r.object(v, "release", &["requirePaymentCapture", "shipComplete"]))
    {
        if let Some(v) = rel.get("requirePaymentCapture") {
            require_payment_capture = r.boolean(v, "release.requirePaymentCapture").unwrap_or(false);
        }
        if let Some(v) = rel.get("shipComplete") {
            ship_complete = r.boolean(v, "release.shipComplete").unwrap_or(false);
        }
    }
    let tracking = match map.get("tracking") {
        Some(v) => read_tracking(r, v, require_payment_capture),
        None => TrackingRules::defaults(require_payment_capture),
    };
    let default_node = map.get("defaultNode").and_then(|v| {
        let id = r.string(v, "defaultNode")?;
        let i = node_ids.find(id);
        if i.is_none() {
            r.problem("unknown_node", "defaultNode", format!("no node has id \"{id}\""));
        }
        i
    });

    let nodes: Vec<Node> = nodes.into_iter().collect::<Option<_>>()?;
    let services: Vec<Service> = services.into_iter().collect::<Option<_>>()?;
    for (i, s) in services.iter().enumerate() {
        check_service_ships(r, s, &index("services", i), &nodes);
    }
    // Only a policy that loads has a hash (the text of a broken one can be large: no use).
    if !r.is_clean() {
        return None;
    }
    let hash = format!("sha256:{}", hex(&Sha256::digest(canonical(v).as_bytes())));
    let calendars =
        calendars.own().map(|(id, c)| (id.to_string(), Calendar::new(c.weekdays, Arc::clone(&c.holidays)))).collect();
    let mut policy =
        Policy::new(name, nodes, services, default_node, require_payment_capture, tracking, calendars, hash);
    policy.ship_complete = ship_complete;
    policy.set_advisories(advisories);
    policy.warnings = no_effect(&policy);
    Some(policy)
}

/// Settings that load but change nothing, as warnings with their paths.
fn no_effect(policy: &Policy) -> Vec<crate::error::Problem> {
    let mut out = Vec::new();
    let mut warn = |path: String, message: String| out.push(crate::error::Problem { code: "no_effect", path, message });
    for (i, s) in policy.services.iter().enumerate() {
        // A parcel at the depot after a transit day is delivered on the next delivery day. A
        // delivery weekday that is not a transit weekday is reached only if a transit weekday
        // comes before it with no other delivery weekday between; with two days or more in
        // transit (so that the depot is reached on a transit day), one that is not is never
        // a delivery date.
        let fewest =
            s.transit.iter().chain(s.destinations.iter().filter_map(|d| d.transit.as_ref())).map(|t| t.min).min();
        if fewest.is_none_or(|min| min < 2) {
            continue;
        }
        let transit = |wd: usize| s.transit_calendar.works_weekday(WEEKDAYS[wd % 7]);
        for wd in WEEKDAYS {
            let d = wd.index();
            if !s.delivery_weekdays[d] || transit(d) {
                continue;
            }
            let before = (1..7).map(|k| (d + 7 - k) % 7).find(|b| transit(*b) || s.delivery_weekdays[*b]);
            if let Some(b) = before.filter(|b| !transit(*b)) {
                warn(
                    format!("services[{i}].deliveryWeekdays"),
                    format!(
                        "\"{}\" is a delivery day no parcel reaches: a parcel at the depot after a transit day is delivered on {} first, a delivery day before it that is not a transit day",
                        wd.key(),
                        WEEKDAYS[b].name()
                    ),
                );
            }
        }
    }
    // The services of each carrier, found by search: a policy may have thousands of nodes
    // with dozens of carrier overrides each.
    let mut by_carrier: Vec<(&str, usize)> =
        policy.services.iter().enumerate().map(|(i, s)| (s.carrier.as_str(), i)).collect();
    by_carrier.sort_unstable();
    for (n, node) in policy.nodes.iter().enumerate() {
        for (carrier, _) in &node.carriers {
            let from = by_carrier.partition_point(|(c, _)| *c < carrier.as_str());
            let services = by_carrier.get(from..).unwrap_or_default().iter().take_while(|(c, _)| *c == carrier);
            let named = by_carrier.get(from).is_some_and(|(c, _)| *c == carrier);
            let ships = services.clone().any(|(_, i)| policy.services.get(*i).is_some_and(|s| s.ships_from(n)));
            if named && !ships {
                warn(
                    format!("nodes[{n}].carriers.{carrier}"),
                    format!("no service with carrier \"{carrier}\" ships from {}: these times are never used", node.id),
                );
            }
        }
    }
    out
}

/// The policy's canonical JSON: keys sorted, no spaces, numbers as serde_json writes them
/// (`1.50` is `1.5`), which is what policy hashes have always been computed over. Each
/// number is rewritten alone (a document's worth of serde_json values would take several
/// times the memory of the text); a number serde_json cannot read leaves the whole text as
/// written, as a whole-document round trip through serde_json did.
fn canonical(v: &Value) -> String {
    let mut unreadable = false;
    let text = v.to_string_with_numbers(
        &mut |n: &str, out: &mut String| match serde_json::from_str::<serde_json::Number>(n) {
            Ok(n) => out.push_str(&n.to_string()),
            Err(_) => {
                unreadable = true;
                out.push_str(n);
            }
        },
    );
    if unreadable {
        v.to_string()
    } else {
        text
    }
}

/// The ids of a list of nodes or services as written (objects with an `"id"` text), with
/// an index in id order for lookups.
struct Ids<'a> {
    ids: Vec<Option<&'a str>>,
    /// Positions in `ids` with an id, sorted by id (then position).
    sorted: Vec<usize>,
}

impl<'a> Ids<'a> {
    fn of(list: Option<&'a Value>) -> Ids<'a> {
        let items = list.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let ids: Vec<Option<&str>> = items.iter().map(|item| item.get("id").and_then(Value::as_str)).collect();
        let mut sorted: Vec<usize> = (0..ids.len()).filter(|i| ids.get(*i).is_some_and(Option::is_some)).collect();
        sorted.sort_by_key(|i| (ids.get(*i).copied().flatten(), *i));
        Ids { ids, sorted }
    }

    fn id(&self, i: usize) -> Option<&'a str> {
        self.ids.get(i).copied().flatten()
    }

    /// The position of the first item with id `id`.
    fn find(&self, id: &str) -> Option<usize> {
        let at = self.sorted.partition_point(|i| self.id(*i).is_some_and(|x| x < id));
        self.sorted.get(at).copied().filter(|i| self.id(*i) == Some(id))
    }

    fn check_unique(&self, r: &mut Reader, list: &str, what: &str) {
        let mut dups: Vec<usize> = self
            .sorted
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if self.id(*a) == self.id(*b) => Some(*b),
                _ => None,
            })
            .collect();
        dups.sort_unstable();
        for i in dups {
            let id = self.id(i).unwrap_or_default();
            r.problem("duplicate_id", &join(&index(list, i), "id"), format!("another {what} already has id \"{id}\""));
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A service whose carrier never collects from any node that may ship it would never
/// deliver: reject it at load.
fn check_service_ships(r: &mut Reader, s: &Service, path: &str, nodes: &[Node]) {
    let ships = nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| s.ships_from(*i))
        .any(|(_, n)| WEEKDAYS.iter().any(|wd| n.picks_up_weekly(*wd, &s.carrier)));
    if !ships {
        r.problem(
            "never_ships",
            path,
            format!(
                "carrier \"{}\" has no pickup on any working weekday of the nodes this service ships from",
                s.carrier
            ),
        );
    }
}

/// What a node or service takes from calendars: its `calendars` (ids of policy calendars
/// or presets) merged with its own `holidays` rules. Special days come along for nodes, as
/// written, one list per calendar.
fn read_calendar_refs(
    r: &mut Reader,
    map: &Map<String, Value>,
    path: &str,
    lib: &mut Library,
) -> (Arc<Holidays>, Vec<Written>) {
    let mut taken = Vec::new();
    let cp = join(path, "calendars");
    if let Some(list) =
        map.get("calendars").and_then(|v| r.list(v, &cp)).filter(|l| r.within(l.len(), MAX_EXTENDS, &cp, "calendars"))
    {
        for (i, item) in list.iter().enumerate() {
            let p = index(&cp, i);
            let Some(id) = r.string(item, &p) else { continue };
            taken.extend(lib.get(r, id, &p).map(|c| (p, c)));
        }
    }
    let special = taken.iter().map(|(_, c)| Arc::clone(&c.special)).collect();
    // Most nodes take one calendar and add nothing: they share it as it is.
    if let ([(_, only)], None) = (taken.as_slice(), map.get("holidays")) {
        return (Arc::clone(&only.holidays), special);
    }
    let mut holidays = Holidays::default();
    for (p, c) in &taken {
        lib.compose(r, &mut holidays, c, p);
    }
    if let Some(h) = map.get("holidays") {
        let mut rules = Vec::new();
        read_rules(r, h, &join(path, "holidays"), &mut rules);
        holidays.add_rules(rules, None);
    }
    check_names(r, &holidays, path);
    (Arc::new(holidays), special)
}

/// The special days of calendars, read once for all the nodes that take them (the list a
/// calendar holds is shared: it is known by its address).
#[derive(Default)]
struct SpecialCache(Vec<(Written, Arc<[Special]>)>);

impl SpecialCache {
    fn read(&mut self, r: &mut Reader, written: &Written) -> Arc<[Special]> {
        if let Some((_, parsed)) = self.0.iter().find(|(k, _)| Arc::ptr_eq(k, written)) {
            return Arc::clone(parsed);
        }
        let parsed: Arc<[Special]> = written.iter().filter_map(|(p, v)| read_special_day(r, v, p)).collect();
        self.0.push((Arc::clone(written), Arc::clone(&parsed)));
        parsed
    }
}

/// Reads `"08:00-12:00"`.
fn read_window(r: &mut Reader, v: &Value, path: &str) -> Option<(TimeOfDay, TimeOfDay)> {
    let s = r.string(v, path)?;
    let parsed = s.split_once('-').and_then(|(a, b)| Some((TimeOfDay::parse(a.trim())?, TimeOfDay::parse(b.trim())?)));
    match parsed {
        Some((a, b)) if a < b && a < TimeOfDay::END_OF_DAY => Some((a, b)),
        Some(_) => {
            r.problem("invalid_window", path, format!("\"{s}\": the window must end after it starts"));
            None
        }
        None => {
            r.problem("invalid_window", path, format!("\"{s}\" is not a time window like \"08:00-17:30\""));
            None
        }
    }
}

fn read_windows(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<(TimeOfDay, TimeOfDay)>> {
    let list = r.list(v, path).filter(|l| r.within(l.len(), MAX_WINDOWS, path, "windows"))?;
    let mut out: Vec<(TimeOfDay, TimeOfDay)> = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let p = index(path, i);
        if let Some(w) = read_window(r, item, &p) {
            if out.last().is_some_and(|last| w.0 < last.1) {
                r.problem("overlapping_windows", &p, "windows must be in order and must not overlap");
            }
            out.push(w);
        }
    }
    Some(out)
}

/// A weekday's entry in a weekday map: not given, given as `null`, or a time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Slot {
    #[default]
    Unset,
    Null,
    Time(TimeOfDay),
    /// Given but not a time: already reported, and not checked again (no cascades).
    Invalid,
}

impl Slot {
    /// A cutoff: this slot's time, else the fallback (`null` is rejected when read).
    fn cutoff_or(self, fallback: TimeOfDay) -> TimeOfDay {
        if let Slot::Time(t) = self {
            t
        } else {
            fallback
        }
    }

    /// A pickup: this slot's time, none for `null`, else the fallback.
    fn pickup_or(self, fallback: Option<TimeOfDay>) -> Option<TimeOfDay> {
        match self {
            Slot::Time(t) => Some(t),
            Slot::Null => None,
            Slot::Unset | Slot::Invalid => fallback,
        }
    }
}

/// A weekday map `{ "mon": .., "default": .. }` read with `one`: each weekday's value (the
/// default's where the map does not name it), and which it names.
fn read_weekday_object<T: Clone + Default>(
    r: &mut Reader,
    v: &Value,
    path: &str,
    one: impl Fn(&mut Reader, &Value, &str) -> T,
) -> ([T; 7], [bool; 7]) {
    let mut slots: [T; 7] = Default::default();
    let mut explicit = [false; 7];
    let mut keys: Vec<&str> = WEEKDAY_KEYS.to_vec();
    keys.push("default");
    let Some(map) = r.object(v, path, &keys) else { return (slots, explicit) };
    let default = map.get("default").map(|d| one(r, d, &join(path, "default"))).unwrap_or_default();
    for wd in WEEKDAYS {
        slots[wd.index()] = match map.get(wd.key()) {
            Some(x) => {
                explicit[wd.index()] = true;
                one(r, x, &join(path, wd.key()))
            }
            None => default.clone(),
        };
    }
    (slots, explicit)
}

/// A weekday map: one time for every day, or `{ "mon": .., "default": .. }`; `null` only
/// where `allow_null`.
fn read_weekday_map(r: &mut Reader, v: &Value, path: &str, allow_null: bool) -> ([Slot; 7], [bool; 7]) {
    let one = |r: &mut Reader, v: &Value, p: &str| -> Slot {
        match v {
            Value::Null if allow_null => Slot::Null,
            Value::Null => {
                r.problem("wrong_type", p, "expected a time of day, found null");
                Slot::Unset
            }
            _ => r.time(v, p).map_or(Slot::Invalid, Slot::Time),
        }
    };
    let slots = match v {
        Value::Object(_) => return read_weekday_object(r, v, path, one),
        Value::Array(_) => {
            let several = if allow_null { "; for several pickups a day, give \"waves\"" } else { "" };
            r.problem(
                "wrong_type",
                path,
                format!("expected a time like \"14:00\" or a weekday map like {{ \"mon\": \"14:00\", \"default\": \"15:00\" }}, found a list{several}"),
            );
            [Slot::Invalid; 7]
        }
        _ => [one(r, v, path); 7],
    };
    (slots, [false; 7])
}

/// What a policy gives as one day's waves: nothing, something already reported, or a list
/// (empty: no pickup that day).
#[derive(Clone, Debug, Default)]
enum WaveSlot {
    #[default]
    Unset,
    Invalid,
    List(Vec<Wave>),
}

impl WaveSlot {
    /// The day's waves: an empty list is one wave without a pickup, whose cutoff (`cutoff`)
    /// still says when handling starts.
    fn times(&self, cutoff: TimeOfDay) -> Option<DayTimes> {
        match self {
            WaveSlot::List(l) if l.is_empty() => Some(DayTimes::one(cutoff, None)),
            WaveSlot::List(l) => DayTimes::of(l),
            WaveSlot::Unset | WaveSlot::Invalid => None,
        }
    }
}

/// Reads `[{ "cutoff": "10:00", "pickup": "11:00" }, ...]`: at most [`MAX_WAVES`], cutoffs
/// and pickups each in order, every pickup at or after its cutoff.
fn read_wave_list(r: &mut Reader, v: &Value, path: &str) -> WaveSlot {
    let Some(list) = r.list(v, path).filter(|l| r.within(l.len(), MAX_WAVES, path, "waves")) else {
        return WaveSlot::Invalid;
    };
    let mut out: Vec<Wave> = Vec::new();
    let mut valid = true;
    for (i, item) in list.iter().enumerate() {
        let p = index(path, i);
        let Some(m) = r.object(item, &p, &["cutoff", "pickup"]) else {
            valid = false;
            continue;
        };
        let cutoff = r.required(m, "cutoff", &p).and_then(|v| r.time(v, &join(&p, "cutoff")));
        let pickup = r.required(m, "pickup", &p).and_then(|v| r.time(v, &join(&p, "pickup")));
        let (Some(cutoff), Some(pickup)) = (cutoff, pickup) else {
            valid = false;
            continue;
        };
        check_pickup(r, Some(pickup), cutoff, || join(&p, "pickup"));
        if let Some(prev) = out.last() {
            if cutoff <= prev.cutoff || prev.pickup.is_some_and(|pp| pickup <= pp) {
                r.problem(
                    "waves_out_of_order",
                    &p,
                    format!(
                        "waves must be in order of their cutoffs and pickups: this one ({cutoff}, pickup {pickup}) follows {}, pickup {}",
                        prev.cutoff,
                        prev.pickup.map_or_else(String::new, |t| t.to_string()),
                    ),
                );
                valid = false;
            }
        }
        out.push(Wave { cutoff, pickup: Some(pickup) });
    }
    if valid {
        WaveSlot::List(out)
    } else {
        WaveSlot::Invalid
    }
}

/// `waves`: one list for every worked day, or a weekday map of lists (`null`: no pickup).
/// Returns each weekday's and whether the map names it.
fn read_waves(r: &mut Reader, v: &Value, path: &str) -> ([WaveSlot; 7], [bool; 7]) {
    let one = |r: &mut Reader, v: &Value, p: &str| match v {
        Value::Null => WaveSlot::List(Vec::new()),
        _ => read_wave_list(r, v, p),
    };
    let slots = match v {
        Value::Object(_) => return read_weekday_object(r, v, path, one),
        Value::Array(_) => {
            let list = read_wave_list(r, v, path);
            std::array::from_fn(|_| list.clone())
        }
        _ => {
            let what = "a list of waves like [{ \"cutoff\": \"10:00\", \"pickup\": \"11:00\" }] or a weekday map of such lists";
            r.wrong_type(path, what, v);
            Default::default()
        }
    };
    (slots, [false; 7])
}

/// `waves` beside the one-wave form is an error: which would apply is not obvious.
fn check_one_form(r: &mut Reader, m: &Map<String, Value>, path: &str, one: [&str; 2]) {
    if m.contains_key("waves") && one.iter().any(|k| m.contains_key(k)) {
        r.problem(
            "conflicting_fields",
            &join(path, "waves"),
            format!("give either \"waves\" or the one-wave form (\"{}\" and \"{}\"), not both", one[0], one[1]),
        );
    }
}

fn read_node(
    r: &mut Reader,
    v: &Value,
    path: &str,
    lib: &mut Library,
    specials: &mut SpecialCache,
    known_carriers: &[&str],
) -> Option<Node> {
    let map = r.object(v, path, NODE_KEYS)?;
    let id = r.required(map, "id", path).and_then(|v| r.string(v, &join(path, "id"))).map(str::to_string);
    let name = match map.get("name") {
        Some(v) => r.string(v, &join(path, "name")).map(str::to_string),
        None => id.clone(),
    };
    let zone = r.required(map, "zone", path).and_then(|v| {
        let p = join(path, "zone");
        let z = r.string(v, &p)?;
        let tz = TimeZone::get(z);
        if tz.is_none() {
            r.unknown_zone(z, &p);
        }
        tz
    });

    // Weekly hours decide which weekdays are worked.
    let mut hours: [Vec<(TimeOfDay, TimeOfDay)>; 7] = Default::default();
    if let Some(h) = r.required(map, "hours", path) {
        let hp = join(path, "hours");
        if let Some(hm) = r.object(h, &hp, &WEEKDAY_KEYS) {
            for wd in WEEKDAYS {
                if let Some(w) = hm.get(wd.key()).and_then(|x| read_windows(r, x, &join(&hp, wd.key()))) {
                    hours[wd.index()] = w;
                }
            }
            if hm.values().all(|v| v.as_array().is_some_and(Vec::is_empty)) {
                r.problem(
                    "no_working_day",
                    &hp,
                    "the node has no working hours on any weekday, so it would never ship",
                );
            }
        }
    }
    let close = |wd: usize| hours[wd].last().map(|w| w.1);

    check_one_form(r, map, path, ["cutoffs", "pickups"]);
    let (cutoffs, cut_explicit) = match map.get("cutoffs") {
        Some(v) => read_weekday_map(r, v, &join(path, "cutoffs"), false),
        None => ([Slot::Unset; 7], [false; 7]),
    };
    let (pickups, pick_explicit) = match map.get("pickups") {
        Some(v) => read_weekday_map(r, v, &join(path, "pickups"), true),
        None => ([Slot::Unset; 7], [false; 7]),
    };
    let (waves, waves_explicit) = match map.get("waves") {
        Some(v) => read_waves(r, v, &join(path, "waves")),
        None => (Default::default(), [false; 7]),
    };
    let mut week: [Option<DayTimes>; 7] = Default::default();
    for wd in WEEKDAYS {
        let i = wd.index();
        let Some(close) = close(i) else {
            let named = [(cut_explicit[i], "cutoffs"), (pick_explicit[i], "pickups"), (waves_explicit[i], "waves")];
            for (_, what) in named.into_iter().filter(|(explicit, _)| *explicit) {
                r.problem(
                    "not_a_working_day",
                    &join(&join(path, what), wd.key()),
                    format!("the node has no hours on {}s", wd.name()),
                );
            }
            continue;
        };
        if let Some(times) = waves[i].times(close) {
            week[i] = Some(times);
            continue;
        }
        let cutoff = cutoffs[i].cutoff_or(close);
        let pickup = pickups[i].pickup_or(Some(close));
        if cutoffs[i] != Slot::Invalid && pickups[i] != Slot::Invalid {
            check_pickup(r, pickup, cutoff, || join(&join(path, "pickups"), wd.key()));
        }
        week[i] = Some(DayTimes::one(cutoff, pickup));
    }
    if !hours.iter().all(Vec::is_empty)
        && week.iter().all(|d| d.as_ref().is_none_or(|d| !d.has_pickup()))
        && map.get("carriers").is_none()
    {
        let at = if map.contains_key("waves") { "waves" } else { "pickups" };
        r.problem("no_pickup_day", &join(path, at), "no carrier pickup on any working day, so nothing would ever ship");
    }

    let mut carriers = Vec::new();
    let carriers_path = join(path, "carriers");
    if let Some(cm) = map
        .get("carriers")
        .and_then(|v| r.object_any(v, &carriers_path))
        .filter(|m| r.within(m.len(), MAX_NODE_CARRIERS, &carriers_path, "carriers"))
    {
        for (carrier, c) in cm {
            let cp = join(&join(path, "carriers"), carrier);
            // An override for a carrier no service names would be silently ignored: a typo.
            if known_carriers.binary_search(&carrier.as_str()).is_err() {
                let hint = r.did_you_mean(carrier, known_carriers.iter().copied());
                let names = if known_carriers.len() <= 10 {
                    format!("; the services' carriers: {}", known_carriers.join(", "))
                } else {
                    String::new()
                };
                r.problem("unknown_carrier", &cp, format!("no service has carrier \"{carrier}\"{hint}{names}"));
            }
            let Some(m) = r.object(c, &cp, &["cutoffs", "pickups", "waves"]) else { continue };
            check_one_form(r, m, &cp, ["cutoffs", "pickups"]);
            let mut t = CarrierTimes::default();
            let [cutoffs, pickups] = [("cutoffs", false), ("pickups", true)].map(|(key, null)| match m.get(key) {
                Some(v) => read_weekday_map(r, v, &join(&cp, key), null).0,
                None => [Slot::Unset; 7],
            });
            let waves = m.get("waves").map(|v| read_waves(r, v, &join(&cp, "waves")).0);
            for wd in WEEKDAYS {
                let i = wd.index();
                let Some(base) = &week[i] else { continue };
                let last = base.last();
                // A carrier without pickups that day still has the node's last cutoff.
                if let Some(times) = waves.as_ref().and_then(|w| w[i].times(last.cutoff)) {
                    t.set(i, times);
                    continue;
                }
                // The one-wave form: one wave that day, what it does not give from the
                // node's last wave.
                let (cut, pick) = (cutoffs[i], pickups[i]);
                if cut == Slot::Unset && pick == Slot::Unset {
                    continue;
                }
                let (cutoff, pickup) = (cut.cutoff_or(last.cutoff), pick.pickup_or(last.pickup));
                if cut != Slot::Invalid && pick != Slot::Invalid {
                    check_pickup(r, pickup, cutoff, || join(&join(&cp, "pickups"), wd.key()));
                }
                t.set(i, DayTimes::one(cutoff, pickup));
            }
            carriers.push((carrier.clone(), t));
        }
    }

    let handling_days = r
        .required(map, "handlingDays", path)
        .and_then(|v| r.integer(v, &join(path, "handlingDays"), 0, MAX_HANDLING_DAYS))
        .map(|n| n as u32);
    let (mut extra_tags, mut extra_skus) = (Vec::new(), Vec::new());
    if let Some(m) =
        map.get("extraHandlingDays").and_then(|v| r.object(v, &join(path, "extraHandlingDays"), &["tags", "skus"]))
    {
        for (key, out) in [("tags", &mut extra_tags), ("skus", &mut extra_skus)] {
            let kp = join(&join(path, "extraHandlingDays"), key);
            let Some(entries) = m
                .get(key)
                .and_then(|v| r.object_any(v, &kp))
                .filter(|m| r.within(m.len(), MAX_EXTRA_HANDLING, &kp, key))
            else {
                continue;
            };
            for (name, n) in entries {
                if let Some(n) = r.integer(n, &join(&kp, name), 0, MAX_HANDLING_DAYS) {
                    out.push((name.clone(), n as u32));
                }
            }
        }
    }
    // Looked up by name for every line of every order.
    extra_tags.sort();
    extra_skus.sort();

    let (closed, inherited) = read_calendar_refs(r, map, path, lib);
    let weekdays: [bool; 7] = std::array::from_fn(|i| !hours[i].is_empty());
    let calendar = Calendar::new(weekdays, closed);

    // The node's own special days first: on a date two of them share, the first wins.
    let sp = join(path, "specialDays");
    let own = map.get("specialDays").and_then(|v| r.list(v, &sp)).map(Vec::as_slice).unwrap_or_default();
    let mut special = SpecialDays::default();
    let count = own.len() + inherited.iter().map(|l| l.len()).sum::<usize>();
    if r.within(count, MAX_SPECIAL_DAYS, &sp, "special days with those of the node's calendars") {
        let own: Arc<[Special]> =
            own.iter().enumerate().filter_map(|(i, v)| read_special_day(r, v, &index(&sp, i))).collect();
        special.parts = std::iter::once(own)
            .chain(inherited.iter().map(|l| specials.read(r, l)))
            .filter(|p| !p.is_empty())
            .collect();
    }

    Some(Node {
        id: id?,
        name: name?,
        zone: zone?,
        calendar,
        week,
        hours,
        special,
        carriers,
        handling_days: handling_days?,
        extra_tags,
        extra_skus,
    })
}

/// A pickup before its cutoff, reported at the path `path` makes (only then: thousands of
/// carriers at thousands of nodes are checked for every weekday).
fn check_pickup(r: &mut Reader, pickup: Option<TimeOfDay>, cutoff: TimeOfDay, path: impl FnOnce() -> String) {
    if let Some(p) = pickup {
        if p < cutoff {
            r.problem(
                "pickup_before_cutoff",
                &path(),
                format!("pickup {p} is before the {cutoff} cutoff: orders released after the pickup could not leave that day"),
            );
        }
    }
}

/// A special day: when (a date or any yearly holiday rule), a name, hours and optionally
/// cutoff and pickup.
fn read_special_day(r: &mut Reader, v: &Value, path: &str) -> Option<Special> {
    let m = r.object(v, path, SPECIAL_KEYS)?;
    let rule = read_rule(r, m, path);
    let name = match m.get("name") {
        Some(v) => r.string(v, &join(path, "name")).map(str::to_string),
        None => Some("special day".to_string()),
    };
    let windows = r.required(m, "hours", path).and_then(|v| read_windows(r, v, &join(path, "hours")));
    let close = match windows.as_deref() {
        Some([.., last]) => last.1,
        Some([]) => {
            r.problem(
                "no_working_hours",
                &join(path, "hours"),
                "a special day needs hours; list closures under \"holidays\"",
            );
            return None;
        }
        None => return None,
    };
    check_one_form(r, m, path, ["cutoff", "pickup"]);
    let times = match m.get("waves") {
        Some(v) => read_wave_list(r, v, &join(path, "waves")).times(close),
        None => {
            let cutoff = m.get("cutoff").map_or(Some(close), |v| r.time(v, &join(path, "cutoff")));
            let pickup = match m.get("pickup") {
                Some(Value::Null) => Some(None),
                Some(v) => r.time(v, &join(path, "pickup")).map(Some),
                None => Some(Some(close)),
            };
            let (cutoff, pickup) = (cutoff?, pickup?);
            check_pickup(r, pickup, cutoff, || join(path, "pickup"));
            Some(DayTimes::one(cutoff, pickup))
        }
    };
    let rule = rule?;
    let forced = matches!(rule.when, crate::calendar::holiday::When::Dates(_));
    let hours = windows.unwrap_or_default();
    Some(Special { day: SpecialDay { name: name?, times: times?, hours, forced }, rule })
}

fn read_transit(r: &mut Reader, v: &Value, path: &str) -> Option<(u32, u32)> {
    match v {
        Value::Object(_) => {
            let m = r.object(v, path, &["min", "max"])?;
            let min = r.required(m, "min", path).and_then(|v| r.integer(v, &join(path, "min"), 0, MAX_TRANSIT_DAYS));
            let max = r.required(m, "max", path).and_then(|v| r.integer(v, &join(path, "max"), 0, MAX_TRANSIT_DAYS));
            let (min, max) = (min?, max?);
            if max < min {
                r.problem("invalid_range", &join(path, "max"), format!("max {max} is below min {min}"));
                return None;
            }
            Some((min as u32, max as u32))
        }
        _ => r.integer(v, path, 0, MAX_TRANSIT_DAYS).map(|n| (n as u32, n as u32)),
    }
}

fn read_percentiles(r: &mut Reader, v: &Value, path: &str, (min, max): (u32, u32)) -> Vec<(u8, u32)> {
    let mut out: Vec<(u8, u32)> = Vec::new();
    let Some(m) = r.object_any(v, path) else { return out };
    for (key, days) in m {
        let p = join(path, key);
        let pct =
            key.strip_prefix('p').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=99).contains(n) && key.len() <= 3);
        let Some(pct) = pct else {
            r.problem(
                "invalid_percentile",
                &p,
                format!("\"{}\" is not a percentile like \"p50\", \"p90\" or \"p95\"", shown(key)),
            );
            continue;
        };
        let Some(days) = r.integer(days, &p, 0, MAX_TRANSIT_DAYS) else { continue };
        let days = days as u32;
        if days < min || days > max {
            r.problem("out_of_range", &p, format!("{days} days is outside the transit range {min}..{max}"));
            continue;
        }
        out.push((pct, days));
    }
    out.sort();
    for w in out.windows(2) {
        if let [a, b] = w {
            if b.1 < a.1 {
                r.problem(
                    "invalid_percentile",
                    path,
                    format!("p{} ({} days) is below p{} ({} days)", b.0, b.1, a.0, a.1),
                );
            }
        }
    }
    out
}

fn read_transit_block(r: &mut Reader, m: &Map<String, Value>, path: &str, required: bool) -> Option<Transit> {
    let days = if required { r.required(m, "transitDays", path) } else { m.get("transitDays") }?;
    let (min, max) = read_transit(r, days, &join(path, "transitDays"))?;
    let percentiles = m
        .get("transitPercentiles")
        .map(|v| read_percentiles(r, v, &join(path, "transitPercentiles"), (min, max)))
        .unwrap_or_default();
    Some(Transit { min, max, percentiles })
}

const DESTINATION_KEYS: &[&str] = &[
    "country",
    "region",
    "postalPrefix",
    "transitDays",
    "transitPercentiles",
    "calendars",
    "holidays",
    "holidaysStop",
];

/// A destination rule's holidays: its `calendars` and `holidays`, merged, and what they stop.
fn read_destination_holidays(
    r: &mut Reader,
    m: &Map<String, Value>,
    path: &str,
    lib: &mut Library,
) -> DestinationHolidays {
    let (holidays, _) = read_calendar_refs(r, m, path, lib);
    let stops_transit = match m.get("holidaysStop").and_then(|v| r.string(v, &join(path, "holidaysStop"))) {
        None | Some("transit") => true,
        Some("delivery") => false,
        Some(other) => {
            let hint = r.did_you_mean(other, ["transit", "delivery"]);
            r.problem(
                "invalid_value",
                &join(path, "holidaysStop"),
                format!("\"{other}\" is not \"transit\" (holidays stop transit and delivery) or \"delivery\" (delivery only){hint}"),
            );
            true
        }
    };
    // A destination's weekend is not the carrier's: every weekday counts, only holidays close.
    DestinationHolidays { calendar: Calendar::new([true; 7], holidays), stops_transit, lane: 0 }
}

fn read_service(
    r: &mut Reader,
    v: &Value,
    path: &str,
    (lib, dest_calendars): (&mut Library, &mut usize),
    node_ids: &Ids,
) -> Option<Service> {
    let map = r.object(v, path, SERVICE_KEYS)?;
    let id = r.required(map, "id", path).and_then(|v| r.string(v, &join(path, "id"))).map(str::to_string);
    let name = match map.get("name") {
        Some(v) => r.string(v, &join(path, "name")).map(str::to_string),
        None => id.clone(),
    };
    let carrier =
        r.required(map, "carrier", path).and_then(|v| r.string(v, &join(path, "carrier"))).map(str::to_string);
    let mut destinations = Vec::new();
    let dp = join(path, "destinations");
    if let Some(list) = map
        .get("destinations")
        .and_then(|v| r.list(v, &dp))
        .filter(|l| r.within(l.len(), MAX_DESTINATIONS, &dp, "destination rules"))
    {
        for (i, item) in list.iter().enumerate() {
            let p = index(&join(path, "destinations"), i);
            let Some(m) = r.object(item, &p, DESTINATION_KEYS) else {
                continue;
            };
            let place = read_place(r, m, &p);
            // A rule gives a transit time, the destination's holidays, or both.
            let has_holidays = m.contains_key("calendars") || m.contains_key("holidays");
            let transit = read_transit_block(r, m, &p, !has_holidays);
            let holidays = if has_holidays {
                *dest_calendars += 1;
                let within = *dest_calendars <= MAX_DESTINATION_CALENDARS;
                if !within && *dest_calendars == MAX_DESTINATION_CALENDARS + 1 {
                    r.problem(
                        "too_large",
                        &p,
                        format!("more than {MAX_DESTINATION_CALENDARS} destination rules with calendars in the policy"),
                    );
                }
                within.then(|| read_destination_holidays(r, m, &p, lib))
            } else {
                None
            };
            if let Some(place) = place {
                destinations.push(DestinationRule { place, transit, holidays });
            }
        }
    }
    // The service's own transit time: required unless every destination has one from a rule.
    let by_rules = destinations.iter().any(|d| d.transit.is_some());
    let transit =
        if !by_rules || map.contains_key("transitDays") { read_transit_block(r, map, path, !by_rules) } else { None };
    let countries = map.get("countries").and_then(|v| {
        let p = join(path, "countries");
        let list = r.list(v, &p).filter(|l| r.within(l.len(), MAX_COUNTRIES, &p, "countries"))?;
        Some(list.iter().enumerate().filter_map(|(i, c)| r.country(c, &index(&p, i))).collect())
    });
    let transit_weekdays = match map.get("transitWeekdays") {
        Some(v) => read_weekdays(r, v, &join(path, "transitWeekdays")).unwrap_or(MON_FRI),
        None => MON_FRI,
    };
    let delivery_weekdays = match map.get("deliveryWeekdays") {
        Some(v) => read_weekdays(r, v, &join(path, "deliveryWeekdays")).unwrap_or(MON_FRI),
        None => transit_weekdays,
    };
    if !transit_weekdays.contains(&true) {
        r.problem(
            "no_working_day",
            &join(path, "transitWeekdays"),
            "the carrier must move parcels on at least one weekday",
        );
    }
    if !delivery_weekdays.contains(&true) {
        r.problem(
            "never_delivers",
            &join(path, "deliveryWeekdays"),
            "the service must deliver on at least one weekday",
        );
    }
    // Special days change a node's hours; a carrier's calendar has no use for them.
    let (closed, _) = read_calendar_refs(r, map, path, lib);
    let transit_calendar = Calendar::new(transit_weekdays, closed);
    let nodes = map.get("nodes").and_then(|v| {
        let p = join(path, "nodes");
        let list = r.list(v, &p)?;
        let mut out = Vec::new();
        for (i, item) in list.iter().enumerate() {
            let ip = index(&p, i);
            let Some(id) = r.string(item, &ip) else { continue };
            match node_ids.find(id) {
                Some(n) => out.push(n),
                None => r.problem("unknown_node", &ip, format!("no node has id \"{id}\"")),
            }
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    });
    Some(Service {
        id: id?,
        name: name?,
        carrier: carrier?,
        transit,
        destinations,
        countries,
        transit_calendar,
        delivery_weekdays,
        nodes,
        lane: 0,
        restrictions: map
            .get("restrictions")
            .map(|v| read_restrictions(r, v, &join(path, "restrictions")))
            .unwrap_or_default(),
        advisories: Arc::new([]),
    })
}

/// A place's `country`, `region` and `postalPrefix` in object `m` at `path`.
fn read_place(r: &mut Reader, m: &Map<String, Value>, path: &str) -> Option<Place> {
    let country = r.required(m, "country", path).and_then(|v| r.country(v, &join(path, "country")));
    let region = m.get("region").and_then(|v| r.string(v, &join(path, "region"))).map(str::to_ascii_uppercase);
    let postal_prefix =
        m.get("postalPrefix").and_then(|v| r.string(v, &join(path, "postalPrefix"))).map(normalize_postal);
    Some(Place { country: country?, region, postal_prefix })
}

const ADVISORY_KEYS: &[&str] =
    &["id", "name", "from", "to", "services", "destinations", "nodes", "extraHandlingDays", "extraTransitDays"];

/// `advisories`: declared delays (see [`super::advisory`]).
fn read_advisories(r: &mut Reader, v: &Value, (node_ids, service_ids): (&Ids, &Ids)) -> Vec<Advisory> {
    let mut out = Vec::new();
    let Some(list) = r.list(v, "advisories").filter(|l| r.within(l.len(), MAX_ADVISORIES, "advisories", "advisories"))
    else {
        return out;
    };
    let mut places = 0;
    for (i, item) in list.iter().enumerate() {
        let path = index("advisories", i);
        let Some(m) = r.object(item, &path, ADVISORY_KEYS) else { continue };
        let text =
            |r: &mut Reader, key: &str| m.get(key).and_then(|v| r.string(v, &join(&path, key))).map(str::to_string);
        let id = text(r, "id");
        let name = if m.contains_key("name") { text(r, "name") } else { r.required(m, "name", &path).and(None) };
        let from = r.required(m, "from", &path).and_then(|v| r.date(v, &join(&path, "from")));
        let to = r.required(m, "to", &path).and_then(|v| r.date(v, &join(&path, "to")));
        if let (Some(a), Some(b)) = (from, to) {
            if b < a {
                r.problem("invalid_range", &join(&path, "to"), format!("{b} is before {a}"));
            }
        }
        // Ids, checked against the policy's, as sorted indexes (services) or ids (nodes).
        let ids = |r: &mut Reader, key: &str, known: &Ids, what: &str| {
            let p = join(&path, key);
            let list = m.get(key).and_then(|v| r.list(v, &p))?;
            let mut found = Vec::new();
            for (j, item) in list.iter().enumerate() {
                let ip = index(&p, j);
                let Some(id) = r.string(item, &ip) else { continue };
                match known.find(id) {
                    Some(k) => found.push((k, id.to_string())),
                    None => r.problem(
                        if what == "node" { "unknown_node" } else { "unknown_service" },
                        &ip,
                        format!("no {what} has id \"{id}\""),
                    ),
                }
            }
            found.sort_unstable();
            found.dedup();
            Some(found)
        };
        let services = match ids(r, "services", service_ids, "service") {
            Some(list) => list.iter().fold(0u64, |bits, (k, _)| bits | 1u64.checked_shl(*k as u32).unwrap_or(0)),
            None => u64::MAX,
        };
        let nodes = ids(r, "nodes", node_ids, "node").map(|l| {
            let mut ids: Vec<String> = l.into_iter().map(|(_, id)| id).collect();
            ids.sort_unstable();
            ids
        });
        let dp = join(&path, "destinations");
        let mut dests = Vec::new();
        if let Some(list) = m.get("destinations").and_then(|v| r.list(v, &dp)) {
            places += list.len();
            if places > MAX_ADVISORY_DESTINATIONS {
                r.problem(
                    "too_large",
                    &dp,
                    format!("more than {MAX_ADVISORY_DESTINATIONS} destinations in the policy's advisories"),
                );
                break;
            }
            for (j, item) in list.iter().enumerate() {
                let p = index(&dp, j);
                if let Some(place) = r.object(item, &p, &["country", "region", "postalPrefix"]) {
                    dests.extend(read_place(r, place, &p));
                }
            }
        }
        let mut days = |key: &str| match m.get(key) {
            Some(v) => r.integer(v, &join(&path, key), 0, i64::from(MAX_ADVISORY_DAYS)).map(|n| n as u32),
            None => Some(0),
        };
        let (handling, transit) = (days("extraHandlingDays"), days("extraTransitDays"));
        if let (Some(name), Some(from), Some(to), Some(handling), Some(transit)) = (name, from, to, handling, transit) {
            out.push(Advisory { id, name, from, to, services, nodes, places: dests, handling, transit });
        }
    }
    out
}

/// `restrictions`: `excludeTags`, `excludeSkus`, `maxWeight`, `minValue`, `maxValue`,
/// `offered` (placement date ranges).
fn read_restrictions(r: &mut Reader, v: &Value, path: &str) -> Restrictions {
    let mut out = Restrictions::default();
    let keys = ["excludeTags", "excludeSkus", "maxWeight", "minValue", "maxValue", "offered"];
    let Some(m) = r.object(v, path, &keys) else { return out };
    for (key, list) in [("excludeTags", &mut out.exclude_tags), ("excludeSkus", &mut out.exclude_skus)] {
        let p = join(path, key);
        let Some(items) =
            m.get(key).and_then(|v| r.list(v, &p)).filter(|l| r.within(l.len(), MAX_RESTRICTIONS, &p, key))
        else {
            continue;
        };
        // Invalid entries keep their place (as empty texts, which match nothing): paths
        // name places in the policy.
        let texts =
            items.iter().enumerate().map(|(i, item)| r.string(item, &index(&p, i)).unwrap_or_default().to_string());
        *list = Excluded::new(texts.collect());
    }
    for (key, slot) in
        [("maxWeight", &mut out.max_weight), ("minValue", &mut out.min_value), ("maxValue", &mut out.max_value)]
    {
        if let Some(v) = m.get(key) {
            *slot = r.number(v, &join(path, key), (0.0, 1e15), "0 to 10^15");
        }
    }
    if let (Some(lo), Some(hi)) = (out.min_value, out.max_value) {
        if hi < lo {
            r.problem("invalid_range", &join(path, "maxValue"), format!("maxValue {hi} is below minValue {lo}"));
        }
    }
    let op = join(path, "offered");
    if let Some(items) = m
        .get("offered")
        .and_then(|v| r.list(v, &op))
        .filter(|l| r.within(l.len(), MAX_RESTRICTIONS, &op, "date ranges"))
    {
        for (i, item) in items.iter().enumerate() {
            let p = index(&op, i);
            let Some(range) = r.object(item, &p, &["from", "to"]) else { continue };
            let from = r.required(range, "from", &p).and_then(|v| r.date(v, &join(&p, "from")));
            let to = r.required(range, "to", &p).and_then(|v| r.date(v, &join(&p, "to")));
            match (from, to) {
                (Some(a), Some(b)) if b < a => {
                    r.problem("invalid_range", &join(&p, "to"), format!("{b} is before {a}"));
                }
                (Some(a), Some(b)) => out.offered.push((a, b)),
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// A policy with one object of every kind the reader reads (the keys it allows are
    /// recorded whichever are present).
    const EVERY_OBJECT: &str = r#"{
        "version": 1, "name": "All",
        "calendars": { "c": { "name": "C", "holidays": [{ "date": "2026-12-31", "name": "X" }],
                              "specialDays": [{ "date": "2026-12-24", "name": "Eve", "hours": ["08:00-12:00"] },
                                              { "date": "2026-12-22", "hours": ["08:00-12:00"], "waves": [{ "cutoff": "10:00", "pickup": "11:00" }] }] } },
        "nodes": [{ "id": "n", "zone": "UTC", "hours": { "mon": ["08:00-17:00"] }, "cutoffs": { "default": "14:00" },
                    "pickups": { "default": "17:00" }, "carriers": { "ups": { "cutoffs": { "mon": "13:00" }, "pickups": { "mon": "16:00" } } },
                    "handlingDays": 0, "extraHandlingDays": { "tags": { "t": 1 } },
                    "holidays": [{ "date": "2026-12-30", "name": "Y" }],
                    "specialDays": [{ "date": "2026-12-23", "name": "Z", "hours": ["08:00-12:00"] }], "calendars": ["c"] },
                  { "id": "m", "zone": "UTC", "hours": { "mon": ["08:00-17:00"] }, "handlingDays": 0,
                    "waves": { "mon": [{ "cutoff": "10:00", "pickup": "11:00" }], "tue": [{ "cutoff": "10:00", "pickup": "11:00" }], "wed": [{ "cutoff": "10:00", "pickup": "11:00" }], "thu": [{ "cutoff": "10:00", "pickup": "11:00" }], "fri": [{ "cutoff": "10:00", "pickup": "11:00" }], "sat": [{ "cutoff": "10:00", "pickup": "11:00" }], "sun": [{ "cutoff": "10:00", "pickup": "11:00" }], "default": [{ "cutoff": "10:00", "pickup": "11:00" }] },
                    "carriers": { "ups": { "waves": { "mon": [{ "cutoff": "10:00", "pickup": "11:00" }], "tue": [{ "cutoff": "10:00", "pickup": "11:00" }], "wed": [{ "cutoff": "10:00", "pickup": "11:00" }], "thu": [{ "cutoff": "10:00", "pickup": "11:00" }], "fri": [{ "cutoff": "10:00", "pickup": "11:00" }], "sat": [{ "cutoff": "10:00", "pickup": "11:00" }], "sun": [{ "cutoff": "10:00", "pickup": "11:00" }], "default": [{ "cutoff": "10:00", "pickup": "11:00" }] } } },
                    "specialDays": [{ "date": "2026-12-23", "hours": ["08:00-12:00"], "waves": [{ "cutoff": "10:00", "pickup": "11:00" }] }] },
                  { "id": "o", "zone": "UTC", "hours": { "mon": ["08:00-17:00"] }, "handlingDays": 0,
                    "waves": [{ "cutoff": "10:00", "pickup": "11:00" }], "carriers": { "ups": { "waves": [{ "cutoff": "10:00", "pickup": "11:00" }] } } }],
        "services": [{ "id": "s", "carrier": "ups", "transitDays": { "min": 1, "max": 2 },
                       "restrictions": { "excludeTags": ["hazmat"], "excludeSkus": ["X"], "maxWeight": 30, "minValue": 1, "maxValue": 900,
                                         "offered": [{ "from": "2026-11-15", "to": "2026-12-24" }] },
                       "holidays": [{ "date": "2026-12-29", "name": "W" }],
                       "destinations": [{ "country": "US", "transitDays": { "min": 1, "max": 3 } },
                                        { "country": "FR", "calendars": ["c"], "holidaysStop": "delivery",
                                          "holidays": [{ "date": "2026-12-28", "name": "V" }] }] }],
        "release": { "requirePaymentCapture": true, "shipComplete": false },
        "advisories": [{ "id": "a", "name": "Storm", "from": "2026-12-03", "to": "2026-12-05", "services": ["s"], "nodes": ["n"],
                         "destinations": [{ "country": "US", "region": "NY", "postalPrefix": "10" }], "extraHandlingDays": 1, "extraTransitDays": 1 }],
        "tracking": {
            "milestones": { "payment_captured": { "atRisk": {} }, "released": { "atRisk": {} }, "shipped": { "atRisk": {} }, "delivered": { "atRisk": {} } },
            "custom": [{ "id": "picked", "event": "picked", "after": "released", "withinWorkingHours": 2, "atRisk": {} }],
            "atRisk": {}, "routes": [{ "owner": "o", "route": "r" }]
        }
    }"#;

    /// Every object schema of `docs/policy.schema.json` with its properties, at a path
    /// pattern: `[]` for a list's items, `*` for a map's keys.
    fn schema_objects() -> Vec<(String, BTreeSet<String>)> {
        let schema = crate::json::parse(include_str!("../../docs/policy.schema.json")).unwrap();
        let defs = schema.get("$defs").cloned();
        let mut out = Vec::new();
        let mut todo = vec![(String::new(), schema.clone())];
        while let Some((path, node)) = todo.pop() {
            if let Some(r) = node.get("$ref").and_then(Value::as_str) {
                let name = r.rsplit('/').next().unwrap();
                todo.push((path, defs.as_ref().and_then(|d| d.get(name)).cloned().unwrap()));
                continue;
            }
            for k in ["oneOf", "anyOf", "allOf"] {
                for sub in node.get(k).and_then(Value::as_array).into_iter().flatten() {
                    todo.push((path.clone(), sub.clone()));
                }
            }
            if let Some(Value::Object(props)) = node.get("properties") {
                out.push((path.clone(), props.keys().filter(|k| *k != "$schema").cloned().collect()));
                for (k, v) in props {
                    todo.push((join(&path, k), v.clone()));
                }
            }
            if let Some(v) = node.get("additionalProperties").filter(|v| matches!(v, Value::Object(_))) {
                todo.push((join(&path, "*"), v.clone()));
            }
            if let Some(v) = node.get("items") {
                todo.push((format!("{path}[]"), v.clone()));
            }
        }
        out
    }

    /// Whether a reader's path (`nodes[0].carriers.ups`) is at a schema pattern
    /// (`nodes[].carriers.*`).
    fn at(path: &str, pattern: &str) -> bool {
        let split = |s: &str| -> Vec<String> {
            s.replace('[', ".[")
                .split('.')
                .filter(|p| !p.is_empty())
                .map(|p| if p.starts_with('[') { "[]".to_string() } else { p.to_string() })
                .collect()
        };
        let (a, b) = (split(path), split(pattern));
        a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| y == "*" || x == y)
    }

    #[test]
    fn the_schema_lists_the_keys_the_reader_reads() {
        let mut r = Reader::default();
        let v = crate::json::parse(EVERY_OBJECT).unwrap();
        read_policy(&mut r, &v);
        let schema = schema_objects();
        let mut problems = Vec::new();
        let mut matched = BTreeSet::new();
        for (path, keys) in &r.objects {
            let keys: BTreeSet<String> = keys.iter().cloned().collect();
            match schema.iter().find(|(pattern, _)| at(path, pattern)) {
                Some((pattern, props)) => {
                    matched.insert(pattern.clone());
                    if *props != keys {
                        problems.push(format!(
                            "{path}: the reader allows {:?}, the schema lists {:?}",
                            keys.difference(props).collect::<Vec<_>>(),
                            props.difference(&keys).collect::<Vec<_>>()
                        ));
                    }
                }
                None => problems.push(format!("{path}: read as an object with {keys:?}, not in the schema")),
            }
        }
        for (pattern, _) in &schema {
            if !matched.contains(pattern) {
                problems.push(format!("{pattern}: in the schema, not read from the test policy"));
            }
        }
        assert!(
            schema.len() > 30 && r.objects.len() >= schema.len(),
            "{} schema objects, {} read",
            schema.len(),
            r.objects.len()
        );
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
