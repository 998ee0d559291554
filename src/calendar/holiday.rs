//! Which dates a calendar closes, a year at a time. The rules that produce them (the
//! holiday rule language of policies and presets) are in [`rules`], in the full build;
//! a compiled policy carries the dates themselves.

use crate::civil::{Date, MAX_YEAR, MIN_YEAR};
#[cfg(feature = "full")]
use std::sync::Arc;
use std::sync::OnceLock;

#[cfg(feature = "full")]
mod rules;
#[cfg(feature = "full")]
pub(crate) use rules::*;

/// A calendar's closed dates: the calendars it extends (minus omitted holidays) and its own
/// rules, in that order. Evaluated one year at a time, on first use, and kept: loading a
/// calendar costs only reading its rules, and a year is computed once however many nodes,
/// services and queries use it. Shared bases are shared (`Arc`), with their caches.
#[derive(Debug)]
pub(crate) struct Holidays {
    /// Every name a date of this calendar can have (rules, observed days, bridges, bases').
    names: Vec<String>,
    /// Indexes into `names`, in name order: names are looked up while calendars compose.
    #[cfg(feature = "full")]
    by_name: Vec<u32>,
    /// The years this calendar knows: all of them for rules, a compiled policy's for dates.
    covered: (i32, i32),
    #[cfg(feature = "full")]
    layers: Vec<Layer>,
    years: ByYear<YearDates>,
}

/// A value per year of 2000-2199, each worked out on first use (or given). The slots are
/// made on the first question: a calendar nobody asks about (one of a policy's thousands of
/// nodes, most never in an order) costs nothing.
#[derive(Debug, Default)]
pub(crate) struct ByYear<T> {
    slots: OnceLock<Box<[OnceLock<T>]>>,
}

impl<T> ByYear<T> {
    fn slot(&self, year: i32) -> Option<&OnceLock<T>> {
        let slots = self.slots.get_or_init(|| (MIN_YEAR..=MAX_YEAR).map(|_| OnceLock::new()).collect());
        usize::try_from(year - MIN_YEAR).ok().and_then(|i| slots.get(i))
    }

    /// The value of `year`, worked out by `compute` the first time; `None` outside 2000-2199.
    pub(crate) fn get(&self, year: i32, compute: impl FnOnce() -> T) -> Option<&T> {
        Some(self.slot(year)?.get_or_init(compute))
    }

    /// Gives `year` its value (once; later values are ignored).
    pub(crate) fn set(&self, year: i32, value: T) {
        if let Some(slot) = self.slot(year) {
            let _ = slot.set(value);
        }
    }
}

/// One year's closed dates, sorted, each with a name id.
type YearDates = Vec<(Date, u32)>;

#[cfg(feature = "full")]
#[derive(Debug)]
enum Layer {
    /// An extended calendar: `ids` maps its name ids to ours; `omitted` by its name id.
    Base { holidays: Arc<Holidays>, ids: Vec<u32>, omitted: Vec<bool> },
    /// Rules of this calendar with the name id of each and of its observed days.
    Own { rules: Vec<Rule>, ids: Vec<u32>, observed_ids: Vec<u32>, bridge: Option<u32> },
}

impl Default for Holidays {
    fn default() -> Holidays {
        Holidays {
            names: Vec::new(),
            #[cfg(feature = "full")]
            by_name: Vec::new(),
            covered: (MIN_YEAR, MAX_YEAR),
            #[cfg(feature = "full")]
            layers: Vec::new(),
            years: ByYear::default(),
        }
    }
}

impl Holidays {
    /// The dates of the years `covered`, already worked out (a compiled policy's
    /// calendars). Other years are unknown: see [`Holidays::covers`].
    pub(crate) fn from_years(names: Vec<String>, covered: (i32, i32), years: Vec<(i32, YearDates)>) -> Holidays {
        let h = Holidays { names, covered, ..Holidays::default() };
        for (year, dates) in years {
            h.years.set(year, dates);
        }
        h
    }

    /// Whether this calendar knows the dates of `year`; promises that would look at a day
    /// it does not know fail with `outside_compiled_years` instead of guessing.
    pub(crate) fn covers(&self, year: i32) -> bool {
        (self.covered.0..=self.covered.1).contains(&year)
    }

    #[cfg(feature = "full")]
    /// Every name a date of this calendar can have, by name id.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The closed dates of `year`, sorted, with name ids; empty outside 2000-2199.
    pub(crate) fn year(&self, year: i32) -> &[(Date, u32)] {
        self.years.get(year, || self.compute(year)).map_or(&[], Vec::as_slice)
    }

    /// The name of the holiday on `date`, if it is one.
    pub(crate) fn on(&self, date: Date) -> Option<&str> {
        let dates = self.year(date.year());
        let i = dates.binary_search_by_key(&date, |(d, _)| *d).ok()?;
        dates.get(i).map(|(_, n)| self.name(*n))
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("holiday", String::as_str)
    }

    #[cfg(not(feature = "full"))]
    fn compute(&self, _year: i32) -> YearDates {
        Vec::new()
    }
}

#[cfg(feature = "full")]
impl Holidays {
    fn name_id(&mut self, name: &str) -> u32 {
        let names = &self.names;
        match self.by_name.binary_search_by(|i| names.get(*i as usize).map_or("", String::as_str).cmp(name)) {
            Ok(at) => self.by_name.get(at).copied().unwrap_or(0),
            Err(at) => {
                let id = self.names.len() as u32;
                self.names.push(name.to_string());
                self.by_name.insert(at, id);
                id
            }
        }
    }

    /// Includes every date of `base`.
    pub(crate) fn extend(&mut self, base: &Arc<Holidays>) {
        // The first calendar taken lends its names as they are (no lookups).
        let ids = if self.names.is_empty() {
            self.names.clone_from(&base.names);
            self.by_name.clone_from(&base.by_name);
            (0..base.names.len() as u32).collect()
        } else {
            base.names.iter().map(|n| self.name_id(n)).collect()
        };
        self.layers.push(Layer::Base { holidays: Arc::clone(base), ids, omitted: vec![false; base.names.len()] });
    }

    /// Drops the holiday `name` and its observed days from the calendars extended so far;
    /// false if none of them has a holiday of that name.
    pub(crate) fn omit(&mut self, name: &str) -> bool {
        let observed = format!("{name} (observed)");
        let mut found = false;
        for layer in &mut self.layers {
            if let Layer::Base { holidays, omitted, .. } = layer {
                for (i, n) in holidays.names.iter().enumerate() {
                    if *n == name || *n == observed {
                        found = true;
                        if let Some(o) = omitted.get_mut(i) {
                            *o = true;
                        }
                    }
                }
            }
        }
        found
    }

    /// Names of the holidays of the calendars extended so far (for "did you mean").
    pub(crate) fn base_names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for layer in &self.layers {
            if let Layer::Base { holidays, .. } = layer {
                out.extend(holidays.names.iter().map(String::as_str));
            }
        }
        out
    }

    /// Adds this calendar's own rules. `bridge` names the day between two of them, if the
    /// calendar closes it (Japan's "National Holiday").
    pub(crate) fn add_rules(&mut self, rules: Vec<Rule>, bridge: Option<&str>) {
        let ids = rules.iter().map(|r| self.name_id(&r.name)).collect();
        let observed_ids = rules.iter().map(|r| self.name_id(&format!("{} (observed)", r.name))).collect();
        let bridge = bridge.map(|b| self.name_id(b));
        self.layers.push(Layer::Own { rules, ids, observed_ids, bridge });
    }

    fn compute(&self, year: i32) -> Vec<(Date, u32)> {
        let mut out = Vec::new();
        for layer in &self.layers {
            match layer {
                Layer::Base { holidays, ids, omitted } => {
                    let kept =
                        holidays.year(year).iter().filter(|(_, n)| !omitted.get(*n as usize).copied().unwrap_or(false));
                    out.extend(kept.map(|(d, n)| (*d, ids.get(*n as usize).copied().unwrap_or(0))));
                }
                Layer::Own { rules, ids, observed_ids, bridge } => {
                    out.extend(expand_year(rules, ids, observed_ids, *bridge, year));
                }
            }
        }
        // Stable: on a date two layers share, the first listed keeps its name.
        out.sort_by_key(|(d, _)| *d);
        out.dedup_by_key(|(d, _)| *d);
        out
    }
}
