//! Calendar definitions and how they compose.
//!
//! A definition is what a policy's `calendars` entry, a built-in preset, or the JS
//! `calendar({...})` call holds:
//!
//! ```json
//! { "name": "Newark DC", "extends": ["us", "ups"], "omit": ["Columbus Day"],
//!   "weekdays": ["mon", "tue", "wed", "thu", "fri"],
//!   "holidays": [{ "month": 12, "day": 24, "name": "Christmas Eve" }],
//!   "specialDays": [{ "month": 12, "day": 31, "hours": ["08:00-12:00"] }] }
//! ```
//!
//! It resolves to: the union of the calendars it extends, minus the holidays named in
//! `omit`, plus its own `holidays`. `weekdays` defaults to the first extended calendar's,
//! else Monday to Friday. An id names the policy's own calendar first, then a preset; a
//! calendar may extend a preset of its own id (`"us": {"extends": ["us"], ...}`).
//! Special days are carried along unread: only nodes, which have hours, read them.

use crate::calendar::holiday::{read_rules, Holidays};
use crate::calendar::{Calendar, MON_FRI};
use crate::error::Error;
use crate::json::{Map, Value};
use crate::limits::{MAX_CALENDARS, MAX_EXTENDS, MAX_EXTENDS_DEPTH, MAX_HOLIDAY_NAMES, MAX_OMIT, MAX_SPECIAL_DAYS};
use crate::read::{index, join, parse_json, Reader};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The most holiday names the calendars of one document may bring together, counted
/// once per calendar that takes them (a node naming two calendars of 50 holidays counts
/// 100): composing is linear in it, and it bounds the memory of composed calendars.
const MAX_COMPOSED_NAMES: usize = 250_000;

/// A resolved definition.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub weekdays: [bool; 7],
    pub holidays: Arc<Holidays>,
    /// Special days as written, each with its path for error messages; shared by the nodes
    /// that take this calendar (read once for them all: see `policy::read`).
    pub special: Written,
}

/// Special days as a calendar writes them, each with its path.
pub(crate) type Written = Arc<Vec<(String, Value)>>;

const KEYS: &[&str] = &["name", "source", "extends", "omit", "weekdays", "holidays", "specialDays", "bridgeDays"];

/// The calendars a document can name: its own (`calendars` of a policy) and the presets.
pub(crate) struct Library<'a> {
    own: Option<&'a Map<String, Value>>,
    done: BTreeMap<String, Option<Resolved>>,
    presets: Vec<(String, Option<Resolved>)>,
    stack: Vec<String>,
    /// What composing may still take (see [`MAX_COMPOSED_NAMES`]).
    names_left: usize,
}

impl<'a> Library<'a> {
    /// `own` is the policy's `calendars` object, if any; each is read (and its problems
    /// reported) once, here, whether or not anything uses it.
    pub fn new(r: &mut Reader, own: Option<&'a Value>) -> Library<'a> {
        let own = own
            .and_then(|v| r.object_any(v, "calendars"))
            .filter(|m| r.within(m.len(), MAX_CALENDARS, "calendars", "calendars"));
        let mut lib = Library {
            own,
            done: BTreeMap::new(),
            presets: Vec::new(),
            stack: Vec::new(),
            names_left: MAX_COMPOSED_NAMES,
        };
        for id in own.map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default() {
            lib.resolve_own(r, &id, "calendars");
        }
        lib
    }

    /// Adds `base`'s closed dates to `holidays` (a calendar's, a node's or a service's at
    /// `path`), within the limits on names.
    pub fn compose(&mut self, r: &mut Reader, holidays: &mut Holidays, base: &Resolved, path: &str) {
        let n = base.holidays.names().len();
        if n > self.names_left {
            self.names_left = 0;
            r.problem(
                "too_large",
                path,
                format!("the calendars of this policy bring together more than {MAX_COMPOSED_NAMES} holiday names"),
            );
            return;
        }
        self.names_left -= n;
        holidays.extend(&base.holidays);
    }
}

/// A calendar (or a node's or service's holidays) at `path` with more names than
/// [`MAX_HOLIDAY_NAMES`] is `too_large`.
pub(crate) fn check_names(r: &mut Reader, holidays: &Holidays, path: &str) {
    if holidays.names().len() > MAX_HOLIDAY_NAMES {
        r.problem(
            "too_large",
            path,
            format!(
                "{} holiday names with those of the calendars taken; the limit is {MAX_HOLIDAY_NAMES}",
                holidays.names().len()
            ),
        );
    }
}

impl Library<'_> {
    /// The calendar an id names, or `None` (with an `unknown_calendar` problem at `path`).
    pub fn get(&mut self, r: &mut Reader, id: &str, path: &str) -> Option<Resolved> {
        // A calendar that extends its own id means the preset of that id.
        let extends_itself = self.stack.last().is_some_and(|s| s == id);
        if self.own.is_some_and(|m| m.contains_key(id)) && !extends_itself {
            return self.resolve_own(r, id, path);
        }
        if let Some((_, c)) = self.presets.iter().find(|(n, _)| n == id) {
            return c.clone();
        }
        let Some(def) = crate::calendar::preset::definition(id) else {
            // A country's code for its regions' presets ("gb": gb-eng, gb-sct, gb-nir), the
            // common mistake for a code ("uk" for "gb"), else a typo.
            let code = id.to_ascii_uppercase();
            let country = crate::countries::meant(&code).unwrap_or(&code).to_ascii_lowercase();
            let regional: Vec<&str> = crate::calendar::preset::ids()
                .filter(|p| {
                    p.strip_prefix(country.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
                })
                .collect();
            let hint = match regional.first() {
                Some(first) => format!(
                    " (did you mean \"{first}\"? the presets for {}: {})",
                    country.to_ascii_uppercase(),
                    regional.join(", ")
                ),
                None => {
                    let own = self.own.into_iter().flat_map(|m| m.keys().map(String::as_str));
                    r.did_you_mean(id, own.chain(crate::calendar::preset::ids().map(|p| -> &str { p })))
                }
            };
            r.problem("unknown_calendar", path, format!("no calendar \"{id}\" in the policy or the presets{hint}"));
            return None;
        };
        // Presets are checked by the test suite; their paths say where a problem would be.
        let c = self.read(r, def, &format!("presets.{id}"));
        self.presets.push((id.to_string(), c.clone()));
        c
    }

    fn resolve_own(&mut self, r: &mut Reader, id: &str, from: &str) -> Option<Resolved> {
        if let Some(c) = self.done.get(id) {
            return c.clone();
        }
        let def = self.own.and_then(|m| m.get(id))?;
        let path = join("calendars", id);
        if self.stack.iter().any(|s| s == id) {
            let chain = format!("{} -> {id}", self.stack.join(" -> "));
            r.problem("calendar_cycle", from, format!("calendars extend each other in a circle: {chain}"));
            return None;
        }
        // Resolving recurses once per level: a bounded depth keeps the stack small whatever
        // the document (a chain of thousands would overflow it and trap the instance).
        if self.stack.len() >= MAX_EXTENDS_DEPTH {
            r.problem(
                "too_large",
                from,
                format!(
                    "calendars extend calendars more than {MAX_EXTENDS_DEPTH} deep: {} -> {id}",
                    self.stack.join(" -> ")
                ),
            );
            return None;
        }
        self.stack.push(id.to_string());
        let c = self.read(r, def, &path);
        self.stack.pop();
        self.done.insert(id.to_string(), c.clone());
        c
    }

    /// The policy's own calendars that resolved, by id.
    pub fn own(&self) -> impl Iterator<Item = (&str, &Resolved)> {
        self.done.iter().filter_map(|(id, c)| Some((id.as_str(), c.as_ref()?)))
    }

    /// A definition that is not in the library (the JS `calendar({...})` argument).
    pub fn read_anonymous(&mut self, r: &mut Reader, v: &Value, path: &str) -> Option<Resolved> {
        self.read(r, v, path)
    }

    fn read(&mut self, r: &mut Reader, v: &Value, path: &str) -> Option<Resolved> {
        let m = r.object(v, path, KEYS)?;
        let mut holidays = Holidays::default();
        let mut special = Vec::new();
        let mut weekdays = None;
        let extends = join(path, "extends");
        if let Some(list) = m
            .get("extends")
            .and_then(|v| r.list(v, &extends))
            .filter(|l| r.within(l.len(), MAX_EXTENDS, &extends, "calendars"))
        {
            for (i, item) in list.iter().enumerate() {
                let p = index(&extends, i);
                let Some(id) = r.string(item, &p) else { continue };
                let Some(base) = self.get(r, id, &p) else { continue };
                weekdays.get_or_insert(base.weekdays);
                self.compose(r, &mut holidays, &base, &p);
                if special.len() + base.special.len() > MAX_SPECIAL_DAYS {
                    r.problem(
                        "too_large",
                        &p,
                        format!("more than {MAX_SPECIAL_DAYS} special days with those of the calendars extended"),
                    );
                } else {
                    special.extend(base.special.iter().cloned());
                }
            }
        }
        let omit = join(path, "omit");
        if let Some(list) =
            m.get("omit").and_then(|v| r.list(v, &omit)).filter(|l| r.within(l.len(), MAX_OMIT, &omit, "names"))
        {
            for (i, item) in list.iter().enumerate() {
                let p = index(&join(path, "omit"), i);
                let Some(name) = r.string(item, &p) else { continue };
                if !holidays.omit(name) {
                    let hint = r.did_you_mean(name, holidays.base_names());
                    r.problem(
                        "unknown_holiday",
                        &p,
                        format!("no extended calendar has a holiday named \"{name}\"{hint}"),
                    );
                }
            }
        }
        if let Some(v) = m.get("weekdays") {
            let p = join(path, "weekdays");
            weekdays = crate::calendar::read_weekdays(r, v, &p);
            if weekdays.is_some_and(|w| !w.contains(&true)) {
                r.problem("no_working_day", &p, "a calendar must work on at least one weekday");
            }
        }
        let bridge = m.get("bridgeDays").and_then(|v| r.string(v, &join(path, "bridgeDays")));
        let mut rules = Vec::new();
        if let Some(v) = m.get("holidays") {
            read_rules(r, v, &join(path, "holidays"), &mut rules);
        }
        holidays.add_rules(rules, bridge);
        check_names(r, &holidays, path);
        let p = join(path, "specialDays");
        if let Some(list) = m.get("specialDays").and_then(|v| r.list(v, &p)).filter(|l| {
            r.within(special.len() + l.len(), MAX_SPECIAL_DAYS, &p, "special days with those of the calendars extended")
        }) {
            special.extend(list.iter().enumerate().map(|(i, v)| (index(&p, i), v.clone())));
        }
        Some(Resolved {
            weekdays: weekdays.unwrap_or(MON_FRI),
            holidays: Arc::new(holidays),
            special: Arc::new(special),
        })
    }
}

// Calendars made from definitions: the queries live in `calendar`, which knows nothing of
// how a calendar is written down.
impl Calendar {
    /// A built-in preset by id (`"us"`, `"gb-eng"`, `"ups"`, ...): see [`crate::calendar::preset::list`].
    pub fn preset(id: &str) -> Result<Calendar, Error> {
        Calendar::from_value(&Value::String(id.to_string()))
    }

    /// A calendar from JSON: a preset id as a JSON string (`"\"us\""`), or a definition
    /// object as in a policy's `calendars` (`{"extends": ["us"], "holidays": [...]}`).
    pub fn from_json(text: &str) -> Result<Calendar, Error> {
        Calendar::from_value(&parse_json(text, "calendar", crate::limits::MAX_REQUEST_BYTES)?)
    }

    fn from_value(v: &Value) -> Result<Calendar, Error> {
        let mut r = Reader::default();
        let mut lib = crate::calendar::definition::Library::new(&mut r, None);
        let resolved = match v {
            Value::String(id) => lib.get(&mut r, id, ""),
            _ => lib.read_anonymous(&mut r, v, "calendar"),
        };
        match resolved {
            Some(c) if r.is_clean() => Ok(Calendar::new(c.weekdays, c.holidays)),
            _ => Err(r.error("invalid_calendar", "calendar")),
        }
    }
}
