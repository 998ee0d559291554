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

use crate::calendar::MON_FRI;
use crate::holiday::{read_rules, Holidays};
use crate::read::{index, join, Reader};
use crate::json::{Map, Value};
use std::sync::Arc;

/// A resolved definition.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub weekdays: [bool; 7],
    pub holidays: Arc<Holidays>,
    /// Special days as written, each with its path for error messages.
    pub special: Vec<(String, Value)>,
}

const KEYS: &[&str] = &["name", "source", "extends", "omit", "weekdays", "holidays", "specialDays", "bridgeDays"];

/// The calendars a document can name: its own (`calendars` of a policy) and the presets.
pub(crate) struct Library<'a> {
    own: Option<&'a Map<String, Value>>,
    done: Vec<(String, Option<Resolved>)>,
    presets: Vec<(String, Option<Resolved>)>,
    stack: Vec<String>,
}

impl<'a> Library<'a> {
    /// `own` is the policy's `calendars` object, if any; each is read (and its problems
    /// reported) once, here, whether or not anything uses it.
    pub fn new(r: &mut Reader, own: Option<&'a Value>) -> Library<'a> {
        let own = own.and_then(|v| r.object_any(v, "calendars"));
        let mut lib = Library { own, done: Vec::new(), presets: Vec::new(), stack: Vec::new() };
        for id in own.map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default() {
            lib.resolve_own(r, &id, "calendars");
        }
        lib
    }

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
        let Some(def) = crate::preset::definition(id) else {
            let mut known: Vec<&str> = Vec::new();
            if let Some(m) = self.own {
                known.extend(m.keys().map(|k| k.as_str()));
            }
            for preset in crate::preset::ids() {
                known.push(preset);
            }
            let hint = crate::read::suggest(id, &known).map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default();
            r.problem("unknown_calendar", path, format!("no calendar \"{id}\" in the policy or the presets{hint}"));
            return None;
        };
        // Presets are checked by the test suite; their paths say where a problem would be.
        let c = self.read(r, def, &format!("presets.{id}"));
        self.presets.push((id.to_string(), c.clone()));
        c
    }

    fn resolve_own(&mut self, r: &mut Reader, id: &str, from: &str) -> Option<Resolved> {
        if let Some((_, c)) = self.done.iter().find(|(n, _)| n == id) {
            return c.clone();
        }
        let def = self.own.and_then(|m| m.get(id))?;
        let path = join("calendars", id);
        if self.stack.iter().any(|s| s == id) {
            let chain = format!("{} -> {id}", self.stack.join(" -> "));
            r.problem("calendar_cycle", from, format!("calendars extend each other in a circle: {chain}"));
            return None;
        }
        self.stack.push(id.to_string());
        let c = self.read(r, def, &path);
        self.stack.pop();
        self.done.push((id.to_string(), c.clone()));
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
        if let Some(list) = m.get("extends").and_then(|v| r.list(v, &join(path, "extends"))) {
            for (i, item) in list.iter().enumerate() {
                let p = index(&join(path, "extends"), i);
                let Some(id) = r.string(item, &p) else { continue };
                let Some(base) = self.get(r, id, &p) else { continue };
                weekdays.get_or_insert(base.weekdays);
                holidays.extend(&base.holidays);
                special.extend(base.special);
            }
        }
        if let Some(list) = m.get("omit").and_then(|v| r.list(v, &join(path, "omit"))) {
            for (i, item) in list.iter().enumerate() {
                let p = index(&join(path, "omit"), i);
                let Some(name) = r.string(item, &p) else { continue };
                if !holidays.omit(name) {
                    let names = holidays.base_names();
                    let hint = crate::read::suggest(name, &names).map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default();
                    r.problem("unknown_holiday", &p, format!("no extended calendar has a holiday named \"{name}\"{hint}"));
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
        if let Some(list) = m.get("specialDays").and_then(|v| r.list(v, &join(path, "specialDays"))) {
            let p = join(path, "specialDays");
            special.extend(list.iter().enumerate().map(|(i, v)| (index(&p, i), v.clone())));
        }
        Some(Resolved { weekdays: weekdays.unwrap_or(MON_FRI), holidays: Arc::new(holidays), special })
    }
}
