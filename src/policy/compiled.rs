//! Compiled policies: a validated policy as compact bytes, with its calendars' dates
//! worked out for a range of years, for engines that should not read JSON policies (the
//! lean browser build, see `docs/compiled.md`).
//!
//! The server (or a build step) loads the JSON policy with the full engine, which
//! validates it and reports every problem, and compiles it; the checkout page loads the
//! bytes. Both engines run the same promise code on the same data, so a compiled policy
//! gives byte-identical promises for orders placed in its years.
//!
//! Layout: `OSLA`, the format version, the engine version that wrote it (another version
//! refuses it: the rules may differ), the years, the policy, and an FNV-1a checksum of
//! everything before it. Integers are LEB128 (signed ones zigzag), strings are a length and
//! UTF-8, lists a length and their items. Every length and index is checked when read, so
//! damaged bytes give `invalid_compiled_policy`, never a panic or a huge allocation.

use super::*;
use crate::calendar::holiday::Holidays;
use crate::civil::{MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR};
use crate::error::Error;
use crate::tz::{Rule, RuleDay, Zone};
use crate::ENGINE_VERSION;
use std::sync::Arc;

const MAGIC: &[u8; 4] = b"OSLA";
const FORMAT: u8 = 6;
#[cfg(feature = "full")]
/// The most years one compiled policy covers.
pub const MAX_COMPILED_YEARS: i32 = 50;

fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

/// The calendar years a compiled policy carries for orders placed in `from..=to`: one year
/// either side, since a release near New Year or a delivery weeks later crosses into them.
fn calendar_years(from: i32, to: i32) -> (i32, i32) {
    ((from - 1).max(MIN_YEAR), (to + 1).min(MAX_YEAR))
}

/// The first and last date of [`calendar_years`]: special days outside are not stored.
fn calendar_dates((lo, hi): (i32, i32)) -> std::ops::RangeInclusive<Date> {
    Date::from_ymd(lo, 1, 1).unwrap_or(MIN_DATE)..=Date::from_ymd(hi, 12, 31).unwrap_or(MAX_DATE)
}

#[cfg(feature = "full")]
mod write {
    use super::*;

    #[derive(Default)]
    pub(super) struct Out(pub Vec<u8>);

    impl Out {
        pub fn u(&mut self, mut v: u64) {
            loop {
                let byte = (v & 0x7f) as u8;
                v >>= 7;
                if v == 0 {
                    self.0.push(byte);
                    return;
                }
                self.0.push(byte | 0x80);
            }
        }
        pub fn i(&mut self, v: i64) {
            self.u(((v << 1) ^ (v >> 63)) as u64);
        }
        pub fn n(&mut self, v: usize) {
            self.u(v as u64);
        }
        pub fn s(&mut self, s: &str) {
            self.n(s.len());
            self.0.extend_from_slice(s.as_bytes());
        }
        pub fn opt_s(&mut self, s: Option<&str>) {
            self.b(s.is_some());
            if let Some(s) = s {
                self.s(s);
            }
        }
        pub fn b(&mut self, b: bool) {
            self.0.push(u8::from(b));
        }
        pub fn days(&mut self, days: &[bool; 7]) {
            self.0.push(days.iter().enumerate().fold(0u8, |m, (i, on)| m | (u8::from(*on) << i)));
        }
        pub fn time(&mut self, t: TimeOfDay) {
            self.u(u64::from(t.ms()));
        }
        pub fn opt_time(&mut self, t: Option<TimeOfDay>) {
            self.b(t.is_some());
            if let Some(t) = t {
                self.time(t);
            }
        }
        /// A week of waves: per weekday, whether it has any, then they.
        pub fn week(&mut self, week: &[Option<DayTimes>; 7]) {
            for day in week {
                self.b(day.is_some());
                if let Some(d) = day {
                    self.waves(d);
                }
            }
        }
        /// A day's waves: their count, then each cutoff and pickup.
        pub fn waves(&mut self, d: &DayTimes) {
            self.n(d.len());
            for w in d.iter() {
                self.time(w.cutoff);
                self.opt_time(w.pickup);
            }
        }
        pub fn calendar(&mut self, c: &Calendar, (lo, hi): (i32, i32)) {
            self.days(&c.weekdays());
            let h = c.holidays_data();
            self.n(h.names().len());
            for name in h.names() {
                self.s(name);
            }
            for year in lo..=hi {
                let dates = h.year(year);
                self.n(dates.len());
                let mut prev = Date::from_ymd(year, 1, 1).unwrap_or(MIN_DATE);
                for (d, name) in dates {
                    self.n(prev.days_until(*d).max(0) as usize);
                    self.u(u64::from(*name));
                    prev = *d;
                }
            }
        }
        /// The zone's data, so the lean build needs no zone table.
        pub fn zone(&mut self, z: &TimeZone) {
            let (zone, transitions) = z.parts();
            self.s(z.name());
            self.i(i64::from(zone.initial));
            self.n(transitions.len());
            for (at, offset) in transitions {
                self.u(u64::from(*at));
                self.i(i64::from(*offset));
            }
            self.i(zone.rule_from);
            self.i(i64::from(zone.rule.std));
            self.b(zone.rule.dst.is_some());
            if let Some((dst, on, off)) = &zone.rule.dst {
                self.i(i64::from(*dst));
                for d in [on, off] {
                    self.0.extend_from_slice(&[d.month, d.week, d.weekday]);
                    self.i(i64::from(d.time));
                }
            }
        }
        pub fn place(&mut self, p: &Place) {
            self.s(&p.country);
            self.opt_s(p.region.as_deref());
            self.opt_s(p.postal_prefix.as_deref());
        }
        pub fn transit(&mut self, t: &Transit) {
            self.u(u64::from(t.min));
            self.u(u64::from(t.max));
            self.n(t.percentiles.len());
            for (p, days) in &t.percentiles {
                self.0.push(*p);
                self.u(u64::from(*days));
            }
        }
    }
}

impl Policy {
    /// The policy compiled for orders placed in the years `from..=to` (see the module
    /// documentation). Only a policy read from its source can be compiled.
    #[cfg(feature = "full")]
    pub(crate) fn compile(&self, from: i32, to: i32) -> Result<Vec<u8>, Error> {
        if self.years.is_some() {
            return Err(needs_source("compile"));
        }
        if !(MIN_YEAR..=MAX_YEAR).contains(&from) || !(from..=MAX_YEAR).contains(&to) || to - from >= MAX_COMPILED_YEARS
        {
            return Err(Error::new(
                "out_of_range",
                format!("years {from}-{to}: a compiled policy covers 1 to {MAX_COMPILED_YEARS} years between {MIN_YEAR} and {MAX_YEAR}"),
            ));
        }
        let cal_years = calendar_years(from, to);
        let mut o = write::Out::default();
        o.0.extend_from_slice(MAGIC);
        o.0.push(FORMAT);
        o.s(ENGINE_VERSION);
        o.u(from as u64);
        o.u(to as u64);
        o.s(&self.hash);
        o.opt_s(self.name.as_deref());
        o.b(self.require_payment_capture);
        o.b(self.ship_complete);
        o.b(self.default_node.is_some());
        o.n(self.default_node.unwrap_or(0));
        o.n(self.nodes.len());
        for node in &self.nodes {
            o.s(&node.id);
            o.s(&node.name);
            o.zone(&node.zone);
            o.calendar(&node.calendar, cal_years);
            o.week(&node.week);
            let special: Vec<(Date, &SpecialDay)> =
                (cal_years.0..=cal_years.1).flat_map(|y| node.special.year(y)).collect();
            o.n(special.len());
            for (date, s) in special {
                o.i(i64::from(date.0));
                o.s(&s.name);
                o.waves(&s.times);
                o.b(s.forced);
            }
            o.n(node.carriers.len());
            for (id, times) in &node.carriers {
                o.s(id);
                o.week(&std::array::from_fn(|wd| times.on(wd).copied()));
            }
            o.u(u64::from(node.handling_days));
            for list in [&node.extra_tags, &node.extra_skus] {
                o.n(list.len());
                for (key, days) in list {
                    o.s(key);
                    o.u(u64::from(*days));
                }
            }
        }
        o.n(self.services.len());
        for s in &self.services {
            o.s(&s.id);
            o.s(&s.name);
            o.s(&s.carrier);
            o.b(s.transit.is_some());
            if let Some(t) = &s.transit {
                o.transit(t);
            }
            o.n(s.destinations.len());
            for d in &s.destinations {
                o.place(&d.place);
                o.b(d.transit.is_some());
                if let Some(t) = &d.transit {
                    o.transit(t);
                }
                o.b(d.holidays.is_some());
                if let Some(h) = &d.holidays {
                    o.calendar(&h.calendar, cal_years);
                    o.b(h.stops_transit);
                }
            }
            o.b(s.countries.is_some());
            let countries = s.countries.as_deref().unwrap_or_default();
            o.n(countries.len());
            countries.iter().for_each(|c| o.s(c));
            o.calendar(&s.transit_calendar, cal_years);
            o.days(&s.delivery_weekdays);
            o.b(s.nodes.is_some());
            let nodes = s.nodes.as_deref().unwrap_or_default();
            o.n(nodes.len());
            nodes.iter().for_each(|n| o.n(*n));
            // Restrictions: the limits as bits (NaN: none), the offered ranges as day numbers
            // two by two, tags and SKUs in the policy's order.
            let rs = &s.restrictions;
            for limit in [rs.max_weight, rs.min_value, rs.max_value] {
                o.u(limit.unwrap_or(f64::NAN).to_bits());
            }
            o.n(2 * rs.offered.len());
            for (a, b) in &rs.offered {
                o.n(a.0.max(0) as usize);
                o.n(b.0.max(0) as usize);
            }
            for list in [&rs.exclude_tags, &rs.exclude_skus] {
                o.n(list.items.len());
                list.items.iter().for_each(|t| o.s(t));
            }
        }
        // Advisories: dates as day numbers, the services as bits, the nodes' ids (after
        // whether there is a list), the destinations, the days.
        o.n(self.advisories.len());
        for a in self.advisories.iter() {
            o.opt_s(a.id.as_deref());
            o.s(&a.name);
            o.n(a.from.0.max(0) as usize);
            o.n(a.to.0.max(0) as usize);
            o.u(a.services);
            o.b(a.nodes.is_some());
            let nodes = a.nodes.as_deref().unwrap_or_default();
            o.n(nodes.len());
            nodes.iter().for_each(|n| o.s(n));
            o.n(a.places.len());
            a.places.iter().for_each(|p| o.place(p));
            o.u(u64::from(a.handling));
            o.u(u64::from(a.transit));
        }
        let sum = checksum(&o.0);
        o.0.extend_from_slice(&sum.to_le_bytes());
        Ok(o.0)
    }

    /// Loads a policy written by `Policy::compile` ([`crate::Engine::compile`]) of this engine version.
    pub fn from_compiled(bytes: &[u8]) -> Result<Policy, Error> {
        if bytes.len() < 9 || bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(damaged("these bytes are not a compiled order-sla policy (compile one with `order-sla compile` or engine.compile())"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 4);
        if sum != checksum(body).to_le_bytes() {
            return Err(damaged("the compiled policy is damaged or truncated (its checksum does not match)"));
        }
        let mut r = In { bytes: body, pos: 4, bad: None };
        let format = r.byte();
        let version = r.s();
        if format != FORMAT || version != ENGINE_VERSION {
            return Err(Error::new(
                "compiled_version_mismatch",
                format!("this policy was compiled by order-sla {version} and this is {ENGINE_VERSION}: compile it again with this version"),
            ));
        }
        let policy = r.read_policy();
        match r.bad {
            None => policy.ok_or_else(|| damaged("the compiled policy is damaged")),
            Some(at) => Err(damaged(&format!("the compiled policy is damaged (at byte {at})"))),
        }
    }
}

#[cfg(feature = "full")]
pub(crate) fn needs_source(what: &str) -> Error {
    Error::new(
        "needs_policy_source",
        format!("{what} needs the policy's JSON source; this engine was loaded from a compiled policy"),
    )
}

fn damaged(message: &str) -> Error {
    Error::new("invalid_compiled_policy", message)
}

/// The reader. A read that finds damage records where (`bad`) and returns an empty value,
/// and every read after it does the same without reading, so lists after damage are empty
/// and reading ends quickly; the caller checks `bad` once at the end. Reads that returned
/// `Result` and stopped at `?` cost the lean build kilobytes: each early return repeated
/// the drops of everything read so far.
struct In<'a> {
    bytes: &'a [u8],
    pos: usize,
    bad: Option<usize>,
}

impl In<'_> {
    /// Records damage here (the first place found is the one reported).
    fn fail(&mut self) {
        self.bad = self.bad.or(Some(self.pos));
    }

    /// `v` if `ok`, else damage and `v` anyway (the caller's value is discarded).
    fn check<T>(&mut self, ok: bool, v: T) -> T {
        if !ok {
            self.fail();
        }
        v
    }

    fn byte(&mut self) -> u8 {
        if self.bad.is_some() {
            return 0;
        }
        match self.bytes.get(self.pos) {
            Some(b) => {
                self.pos += 1;
                *b
            }
            None => {
                self.fail();
                0
            }
        }
    }

    fn u(&mut self) -> u64 {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte();
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return v;
            }
        }
        self.check(false, 0)
    }

    fn i(&mut self) -> i64 {
        let z = self.u();
        (z >> 1) as i64 ^ -((z & 1) as i64)
    }

    /// An integer in `lo..=hi` (`lo` where it is not).
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        let v = i64::try_from(self.u()).ok().filter(|v| (lo..=hi).contains(v));
        self.check(v.is_some(), v.unwrap_or(lo))
    }

    fn small(&mut self, max: u32) -> u32 {
        self.int(0, i64::from(max)) as u32
    }

    /// A list length: each item takes at least one byte, so a length beyond the bytes left
    /// is damage (and never a huge allocation).
    fn len(&mut self) -> usize {
        let left = self.bytes.len().saturating_sub(self.pos);
        self.int(0, left as i64) as usize
    }

    fn index(&mut self, count: usize) -> usize {
        let i = self.u();
        self.check(i < count as u64, i as usize)
    }

    fn b(&mut self) -> bool {
        let b = self.byte();
        self.check(b <= 1, b == 1)
    }

    fn s(&mut self) -> String {
        let n = self.len();
        let end = self.pos + n;
        let text = self.bytes.get(self.pos..end).and_then(|b| std::str::from_utf8(b).ok());
        self.pos = end;
        self.check(text.is_some(), text.unwrap_or_default().to_string())
    }

    fn opt_s(&mut self) -> Option<String> {
        if self.b() {
            Some(self.s())
        } else {
            None
        }
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.len();
        // A loop, not `collect`: each list type would instantiate the iterator adapters
        // (some 500 bytes each in the lean build).
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(item(self));
        }
        out
    }

    fn days(&mut self) -> [bool; 7] {
        let m = self.byte();
        let m = self.check(m & 0x80 == 0, m);
        std::array::from_fn(|i| m & (1 << i) != 0)
    }

    fn time(&mut self) -> TimeOfDay {
        TimeOfDay(self.small(TimeOfDay::END_OF_DAY.ms()))
    }

    #[inline(never)]
    fn opt_time(&mut self) -> Option<TimeOfDay> {
        if self.b() {
            Some(self.time())
        } else {
            None
        }
    }

    fn date(&mut self) -> Date {
        Date(self.small(MAX_DATE.0 as u32) as i32)
    }

    /// A node (see [`In::service`]); `None` for a zone the engine does not know.
    #[inline(never)]
    fn node(&mut self, cal_years: (i32, i32)) -> Option<Node> {
        let dates = calendar_dates(cal_years);
        let id = self.s();
        let name = self.s();
        let zone = self.zone()?;
        let calendar = self.calendar(cal_years);
        let week = self.week();
        let mut prev = None;
        let dated = self.list(|r| {
            let date = Date(r.i() as i32);
            let date = r.check(dates.contains(&date) && prev.is_none_or(|p| p < date), date);
            prev = Some(date);
            let name = r.s();
            let times = r.waves();
            let forced = r.b();
            #[cfg(feature = "full")]
            let hours = Vec::new();
            (
                date,
                SpecialDay {
                    name,
                    times,
                    #[cfg(feature = "full")]
                    hours,
                    forced,
                },
            )
        });
        // One part of dated special days: each year's list set, nothing left to work out.
        let mut year: Vec<(Date, (u32, u32))> = Vec::new();
        let mut days = Vec::with_capacity(dated.len());
        let mut years = Vec::new();
        for (i, (date, day)) in dated.into_iter().enumerate() {
            if year.first().is_some_and(|(d, _)| d.year() != date.year()) {
                years.push(std::mem::take(&mut year));
            }
            year.push((date, (0, i as u32)));
            #[cfg(feature = "full")]
            let rule = crate::calendar::holiday::Rule::on(date);
            days.push(Special {
                day,
                #[cfg(feature = "full")]
                rule,
            });
        }
        years.push(year);
        let special = SpecialDays { parts: vec![days.into()], ..SpecialDays::default() };
        for year in years.into_iter().filter(|y| !y.is_empty()) {
            special.years.set(year.first().map_or(0, |(d, _)| d.year()), year);
        }
        let carriers = self.list(|r| {
            let id = r.s();
            let mut times = CarrierTimes::default();
            for (wd, day) in r.week().into_iter().enumerate() {
                if let Some(day) = day {
                    times.set(wd, day);
                }
            }
            (id, times)
        });
        let handling_days = self.small(MAX_HANDLING_DAYS as u32);
        let mut extra = || self.list(|r| (r.s(), r.small(MAX_HANDLING_DAYS as u32)));
        let (extra_tags, extra_skus) = (extra(), extra());
        Some(Node {
            id,
            name,
            zone,
            calendar,
            week,
            // Working hours serve tracking, which needs the source: not compiled.
            #[cfg(feature = "full")]
            hours: Default::default(),
            special,
            carriers,
            handling_days,
            extra_tags,
            extra_skus,
        })
    }

    /// A service. Each part of the policy is read by a function of its own.
    #[inline(never)]
    fn service(&mut self, cal_years: (i32, i32), node_count: usize) -> Service {
        let id = self.s();
        let name = self.s();
        let carrier = self.s();
        let transit = if self.b() { Some(self.transit()) } else { None };
        let destinations = self.list(|r| r.destination(cal_years));
        let has_countries = self.b();
        let countries = Some(self.list(In::s)).filter(|_| has_countries);
        let transit_calendar = self.calendar(cal_years);
        let delivery_weekdays = self.days();
        let has_nodes = self.b();
        let list = self.list(|r| r.index(node_count));
        let restrictions = self.restrictions();
        Service {
            id,
            name,
            carrier,
            transit,
            destinations,
            countries,
            transit_calendar,
            delivery_weekdays,
            nodes: Some(list).filter(|_| has_nodes),
            lane: 0,
            restrictions,
            advisories: Arc::new([]),
        }
    }

    #[inline(never)]
    fn restrictions(&mut self) -> Restrictions {
        let mut out = Restrictions::default();
        for limit in [&mut out.max_weight, &mut out.min_value, &mut out.max_value] {
            *limit = Some(f64::from_bits(self.u())).filter(|v| v.is_finite());
        }
        let days = self.len();
        let days = self.check(days % 2 == 0, days);
        for _ in 0..days / 2 {
            out.offered.push((self.date(), self.date()));
        }
        out.exclude_tags = Excluded::new(self.list(In::s));
        out.exclude_skus = Excluded::new(self.list(In::s));
        out
    }

    #[inline(never)]
    fn destination(&mut self, cal_years: (i32, i32)) -> DestinationRule {
        let place = self.place();
        let transit = if self.b() { Some(self.transit()) } else { None };
        let holidays = if self.b() {
            let calendar = self.calendar(cal_years);
            Some(DestinationHolidays { calendar, stops_transit: self.b(), lane: 0 })
        } else {
            None
        };
        DestinationRule { place, transit, holidays }
    }

    fn place(&mut self) -> Place {
        Place { country: self.s(), region: self.opt_s(), postal_prefix: self.opt_s() }
    }

    /// An advisory (see [`Policy::compile`]).
    #[inline(never)]
    fn advisory(&mut self) -> Advisory {
        let max = crate::limits::MAX_ADVISORY_DAYS;
        let id = self.opt_s();
        #[cfg(not(feature = "full"))]
        drop(id);
        Advisory {
            #[cfg(feature = "full")]
            id,
            name: self.s(),
            from: self.date(),
            to: self.date(),
            services: self.u(),
            nodes: {
                let has_nodes = self.b();
                Some(self.list(In::s)).filter(|_| has_nodes)
            },
            places: self.list(In::place),
            handling: self.small(max),
            transit: self.small(max),
        }
    }

    fn week(&mut self) -> [Option<DayTimes>; 7] {
        let mut week: [Option<DayTimes>; 7] = Default::default();
        for day in &mut week {
            if self.b() {
                *day = Some(self.waves());
            }
        }
        week
    }

    fn waves(&mut self) -> DayTimes {
        let n = self.small(WAVES as u32);
        let mut list = Vec::new();
        for _ in 0..n {
            list.push(Wave { cutoff: self.time(), pickup: self.opt_time() });
        }
        let day = DayTimes::of(&list);
        self.check(day.is_some(), day.unwrap_or_default())
    }

    fn calendar(&mut self, (lo, hi): (i32, i32)) -> Calendar {
        let weekdays = self.days();
        let names = self.list(In::s);
        let mut years = Vec::new();
        for year in lo..=hi {
            let start = Date::from_ymd(year, 1, 1).unwrap_or(MIN_DATE);
            let end = Date::from_ymd(year, 12, 31).unwrap_or(MAX_DATE);
            // Each date is days after the one before (the first: after 1 January).
            let mut prev: Option<Date> = None;
            let dates = self.list(|r| {
                let delta = r.small(366) as i32;
                let d = prev.unwrap_or(start).add_days(delta);
                let name = r.index(names.len()) as u32;
                r.check(d <= end && (prev.is_none() || delta > 0), ());
                prev = Some(d);
                (d, name)
            });
            years.push((year, dates));
        }
        Calendar::new(weekdays, Arc::new(Holidays::from_years(names, (lo, hi), years)))
    }

    /// Offsets within a day of UTC, times within a week, a known zone name (`None`: not).
    fn zone(&mut self) -> Option<TimeZone> {
        const DAY: i64 = 86_400;
        let name = self.s();
        let offset = |r: &mut Self| {
            let o = r.i();
            r.check(o.abs() <= DAY, o as i32)
        };
        let initial = offset(self);
        let transitions = self.list(|r| {
            let at = r.u();
            (r.check(at <= u64::from(u32::MAX), at as u32), offset(r))
        });
        let rule_from = self.i();
        let std = offset(self);
        let dst = if self.b() {
            let dst = offset(self);
            let day = |r: &mut Self| {
                let (month, week, weekday) = (r.byte(), r.byte(), r.byte());
                let time = r.i();
                let ok = (1..=12).contains(&month) && (1..=5).contains(&week) && weekday <= 6 && time.abs() <= 7 * DAY;
                r.check(ok, RuleDay { month, week, weekday, time: time as i32 })
            };
            Some((dst, day(self), day(self)))
        } else {
            None
        };
        let zone = Zone { initial, transitions: (0, transitions.len() as u16), rule_from, rule: Rule { std, dst } };
        let zone = if self.bad.is_none() { TimeZone::from_parts(&name, zone, transitions) } else { None };
        self.check(zone.is_some(), zone)
    }

    fn transit(&mut self) -> Transit {
        let max_days = MAX_TRANSIT_DAYS as u32;
        let min = self.small(max_days);
        let max = self.small(max_days);
        let percentiles = self.list(|r| (r.byte().min(100), r.small(max_days)));
        self.check(min <= max, Transit { min, max, percentiles })
    }

    /// The policy; `None` (or damage recorded) when the bytes do not make one.
    fn read_policy(&mut self) -> Option<Policy> {
        let from = self.int(i64::from(MIN_YEAR), i64::from(MAX_YEAR)) as i32;
        let to = self.int(i64::from(from), i64::from(MAX_YEAR)) as i32;
        let cal_years = calendar_years(from, to);
        let hash = self.s();
        let name = self.opt_s();
        let require_payment_capture = self.b();
        let ship_complete = self.b();
        let has_default = self.b();
        let default_index = self.u();
        // A node whose zone the engine does not know is damage (recorded): left out.
        let mut nodes = Vec::new();
        for _ in 0..self.len() {
            nodes.extend(self.node(cal_years));
        }
        let services = self.list(|r| r.service(cal_years, nodes.len()));
        let advisories = self.list(In::advisory);
        let whole = self.pos == self.bytes.len() && !nodes.is_empty() && !services.is_empty();
        let default_node = usize::try_from(default_index).ok().filter(|i| has_default && *i < nodes.len());
        self.check(whole && has_default == default_node.is_some(), ());
        if self.bad.is_some() {
            return None;
        }
        let mut policy = Policy::new(
            name,
            nodes,
            services,
            default_node,
            require_payment_capture,
            #[cfg(feature = "full")]
            crate::policy::tracking::TrackingRules::defaults(require_payment_capture),
            #[cfg(feature = "full")]
            Vec::new(),
            hash,
        );
        policy.years = Some((from, to));
        policy.ship_complete = ship_complete;
        policy.set_advisories(advisories);
        Some(policy)
    }
}
