//! Reading documents (policy, order, queries) from JSON values while collecting every
//! problem with its path, instead of stopping at the first like a derived deserializer.

#[cfg(feature = "full")]
use crate::civil::TimeOfDay;
use crate::civil::{Date, Instant};
use crate::error::{Error, Problem};
use crate::json::{Map, Value};
use crate::limits::{MAX_JSON_VALUES, MAX_OBJECT_MEMBERS, MAX_PROBLEMS, MAX_TEXT_BYTES};

/// Parses JSON text of at most `max_bytes` into a value, with a message that says where
/// the syntax broke (`docs/limits.md`: policies, stored promises and requests have their own
/// limits; every document at most [`MAX_JSON_VALUES`] values).
pub(crate) fn parse_json(text: &str, what: &str, max_bytes: usize) -> Result<Value, Error> {
    if text.len() > max_bytes {
        return Err(Error::new(
            "document_too_large",
            format!("the {what} is {} bytes; the limit is {max_bytes}", text.len()),
        ));
    }
    crate::json::parse_limited(text, MAX_JSON_VALUES, MAX_OBJECT_MEMBERS).map_err(|e| {
        if e.message == crate::json::TOO_MANY_VALUES {
            Error::new(
                "document_too_large",
                format!("the {what} has more than {MAX_JSON_VALUES} values (numbers, texts, lists, objects)"),
            )
        } else if e.message == crate::json::TOO_MANY_MEMBERS {
            Error::new(
                "document_too_large",
                format!("the {what} has an object of more than {MAX_OBJECT_MEMBERS} members ({e})"),
            )
        } else {
            Error::new("invalid_json", format!("the {what} is not valid JSON: {e}"))
        }
    })
}

/// The path of `key` in the object at `path`. A key too long to be valid is shortened
/// (its problem says how long it is), so that paths and messages stay small.
pub(crate) fn join(path: &str, key: &str) -> String {
    let key = shown(key);
    if path.is_empty() {
        return key.into_owned();
    }
    // Built by hand: readers make a path for every value they read.
    let mut out = String::with_capacity(path.len() + 1 + key.len());
    out.push_str(path);
    out.push('.');
    out.push_str(&key);
    out
}

/// `text` as messages and paths show it: whole up to [`MAX_TEXT_BYTES`], else its first 32
/// bytes (to a character boundary) and an ellipsis.
pub(crate) fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_TEXT_BYTES {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cut = 32;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    std::borrow::Cow::Owned(format!("{}…", text.get(..cut).unwrap_or_default()))
}

pub(crate) fn index(path: &str, i: usize) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    out.push_str(path);
    out.push('[');
    crate::json::int(&mut out, i as i64);
    out.push(']');
    out
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The work "did you mean" may do for one document, in characters compared: suggestions
/// are a courtesy, and a document full of typos must not make them quadratic.
const SUGGEST_BUDGET: usize = 4_000_000;

/// Collects problems while a document is read.
pub(crate) struct Reader {
    problems: Vec<Problem>,
    /// Problems past [`MAX_PROBLEMS`], counted but not kept.
    omitted: usize,
    suggest_budget: usize,
    /// Every object read, with the keys it allows: the schema test compares them with
    /// `docs/policy.schema.json`.
    #[cfg(test)]
    pub objects: Vec<(String, Vec<String>)>,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader {
            problems: Vec::new(),
            omitted: 0,
            suggest_budget: SUGGEST_BUDGET,
            #[cfg(test)]
            objects: Vec::new(),
        }
    }
}

impl Reader {
    /// The document read, or an error `code` with every problem found (`what`: "order",
    /// "policy", ...); a document that could not be read says so even without a problem.
    pub fn finish<T>(mut self, read: Option<T>, code: &'static str, what: &str) -> Result<T, Error> {
        match read {
            Some(t) if self.is_clean() => Ok(t),
            _ => {
                if self.is_clean() {
                    self.problem(code, "", format!("the {what} could not be read"));
                }
                Err(self.error(code, what))
            }
        }
    }

    /// Whether no problem was found so far.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems found as an error `code` about the `what` ("policy", "order", ...).
    pub fn error(mut self, code: &'static str, what: &str) -> Error {
        if self.omitted > 0 {
            let message = format!("and {} more", self.omitted);
            self.problems.push(Problem { code: "too_many_problems", path: String::new(), message });
        }
        Error::invalid(code, what, self.problems)
    }

    pub fn problem(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { code, path: path.to_string(), message: message.into() });
        } else {
            self.omitted += 1;
        }
    }

    /// A list longer than `max` items is a `too_large` problem at `path` (and not read).
    pub fn within(&mut self, len: usize, max: usize, path: &str, what: &str) -> bool {
        if len > max {
            self.problem("too_large", path, format!("{len} {what}; the limit is {max} (docs/limits.md)"));
        }
        len <= max
    }

    /// The candidate closest to `key` when it looks like a typo (edit distance <= 2) or a
    /// shortening either way (`qty` for `quantity`, `saturday` for `sat`: same first letter,
    /// one's letters in order in the other), as " (did you mean \"x\"?)", or nothing.
    pub fn did_you_mean<'a>(&mut self, key: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
        let key = key.as_bytes();
        // (0..=2 for a typo, 3 for a shortening; then the candidate itself), the best first.
        let mut best: Option<(usize, &str)> = None;
        for c in candidates {
            let cost = key.len() + c.len() + 1;
            if self.suggest_budget < cost {
                return String::new();
            }
            self.suggest_budget -= cost;
            let rank = distance_within_2(key, c.as_bytes()).or_else(|| shortens(key, c.as_bytes()).then_some(3));
            if let Some(rank) = rank {
                if best.is_none_or(|(b, bc)| (rank, c.len(), c) < (b, bc.len(), bc)) {
                    best = Some((rank, c));
                }
            }
        }
        best.map(|(_, s)| format!(" (did you mean \"{s}\"?)")).unwrap_or_default()
    }

    /// An unknown zone name at `path`, with the closest name the engine knows.
    pub fn unknown_zone(&mut self, name: &str, path: &str) {
        let hint = self.did_you_mean(name, crate::tz::TimeZone::names());
        let hint = if hint.is_empty() { " (e.g. \"America/New_York\")".to_string() } else { hint };
        self.problem("unknown_zone", path, format!("\"{name}\" is not an IANA time zone name{hint}"));
    }

    pub(crate) fn wrong_type(&mut self, path: &str, expected: &str, v: &Value) {
        self.problem("wrong_type", path, format!("expected {expected}, found {}", kind(v)));
    }

    /// An object whose keys must be among `allowed` (typos are reported, with a suggestion).
    pub fn object<'a>(&mut self, v: &'a Value, path: &str, allowed: &[&str]) -> Option<&'a Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, "an object", v);
            return None;
        };
        #[cfg(test)]
        self.objects.push((path.to_string(), allowed.iter().map(|k| k.to_string()).collect()));
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) && key != "$schema" && key != "$comment" {
                // Past the listed problems only the count is kept: no message to write.
                if self.problems.len() >= MAX_PROBLEMS {
                    self.omitted += 1;
                    continue;
                }
                let hint = self.did_you_mean(key, allowed.iter().copied());
                self.problem("unknown_field", &join(path, key), format!("unknown field \"{}\"{hint}", shown(key)));
            }
        }
        Some(map)
    }

    #[cfg(feature = "full")]
    /// An object whose keys are ids chosen by the merchant.
    /// Keys longer than [`MAX_TEXT_BYTES`] are `too_large` problems.
    pub fn object_any<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Map<String, Value>> {
        match v {
            Value::Object(map) => {
                for key in map.keys().filter(|k| k.len() > MAX_TEXT_BYTES) {
                    self.problem(
                        "too_large",
                        &join(path, key),
                        format!("an id of {} bytes; the limit is {MAX_TEXT_BYTES}", key.len()),
                    );
                }
                Some(map)
            }
            _ => {
                self.wrong_type(path, "an object", v);
                None
            }
        }
    }

    pub fn required<'a>(&mut self, map: &'a Map<String, Value>, key: &str, path: &str) -> Option<&'a Value> {
        let v = map.get(key);
        if v.is_none() {
            self.problem("missing_field", &join(path, key), format!("\"{key}\" is required"));
        }
        v
    }

    pub fn string<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a str> {
        match v {
            Value::String(s) if s.trim().is_empty() => {
                self.problem("empty_string", path, "must not be empty");
                None
            }
            Value::String(s) if s.len() > MAX_TEXT_BYTES => {
                self.problem("too_large", path, format!("a text of {} bytes; the limit is {MAX_TEXT_BYTES}", s.len()));
                None
            }
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(path, "a string", v);
                None
            }
        }
    }

    pub fn boolean(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(path, "true or false", v);
                None
            }
        }
    }

    /// A whole number in `min..=max`.
    pub fn integer(&mut self, v: &Value, path: &str, min: i64, max: i64) -> Option<i64> {
        match v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64)) {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.problem("out_of_range", path, format!("{n} is outside {min}..{max}"));
                None
            }
            None => {
                self.wrong_type(path, "a whole number", v);
                None
            }
        }
    }

    /// A number in `min..=max`. Messages write numbers as the document did (not through
    /// Rust's float formatting, which the lean build leaves out for size).
    pub fn number(&mut self, v: &Value, path: &str, (min, max): (f64, f64), range: &str) -> Option<f64> {
        match v.as_f64() {
            Some(n) if n >= min && n <= max => Some(n),
            Some(_) => {
                self.problem("out_of_range", path, format!("{v} is outside {range}"));
                None
            }
            None => {
                self.wrong_type(path, "a number", v);
                None
            }
        }
    }

    pub fn list<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Vec<Value>> {
        match v {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(path, "a list", v);
                None
            }
        }
    }

    /// An ISO 3166-1 alpha-2 country code (either case), upper-cased.
    pub fn country(&mut self, v: &Value, path: &str) -> Option<String> {
        let s = self.string(v, path)?;
        let code = s.to_ascii_uppercase();
        if code.len() == 2 && crate::countries::is_country(&code) {
            return Some(code);
        }
        let hint = match crate::countries::meant(&code) {
            Some(c) => format!(" (did you mean \"{c}\"?)"),
            None => String::new(),
        };
        self.problem(
            "invalid_country",
            path,
            format!("\"{s}\" is not an ISO 3166-1 alpha-2 country code like \"US\"{hint}"),
        );
        None
    }

    pub fn date(&mut self, v: &Value, path: &str) -> Option<Date> {
        let s = self.string(v, path)?;
        let d = Date::parse(s);
        if d.is_none() {
            self.problem(
                "invalid_date",
                path,
                format!("\"{s}\" is not a date as YYYY-MM-DD between 2000-01-01 and 2199-12-31"),
            );
        }
        d
    }

    #[cfg(feature = "full")]
    pub fn time(&mut self, v: &Value, path: &str) -> Option<TimeOfDay> {
        let s = self.string(v, path)?;
        match TimeOfDay::parse(s) {
            Some(t) if t < TimeOfDay::END_OF_DAY => Some(t),
            _ => {
                self.problem("invalid_time", path, format!("\"{s}\" is not a time of day (HH:MM, 00:00 to 23:59)"));
                None
            }
        }
    }

    /// An instant: an RFC 3339 string with offset, or epoch milliseconds.
    pub fn instant(&mut self, v: &Value, path: &str) -> Option<Instant> {
        let t = match v {
            Value::String(s) => match Instant::parse(s) {
                Some(t) => t,
                None => {
                    self.problem(
                        "invalid_instant",
                        path,
                        format!("\"{s}\" is not an instant: use RFC 3339 with an offset, e.g. 2026-11-27T14:05:00-05:00 or ...Z"),
                    );
                    return None;
                }
            },
            Value::Number(n) => match n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.is_finite() && f.abs() < 1e15).map(|f| f.floor() as i64))
            {
                Some(ms) => Instant(ms),
                None => {
                    self.problem("invalid_instant", path, format!("{n} is not a number of epoch milliseconds"));
                    return None;
                }
            },
            _ => {
                self.wrong_type(path, "an instant (RFC 3339 string or epoch milliseconds)", v);
                return None;
            }
        };
        let (lo, hi) =
            (crate::civil::MIN_DATE.start_ms() + crate::civil::MS_PER_DAY, crate::civil::MAX_DATE.start_ms());
        if t.0 < lo || t.0 >= hi {
            self.problem("out_of_range", path, "instants must fall between 2000-01-02 and 2199-12-30 (UTC)");
            return None;
        }
        Some(t)
    }
}

/// The Levenshtein distance between the bytes of `a` and `b`, ASCII letters compared
/// without case, when it is at most 2, else `None`: a band of five diagonals, so the cost
/// is linear in the length (texts far apart in length are rejected at once).
fn distance_within_2(a: &[u8], b: &[u8]) -> Option<usize> {
    const BAND: usize = 2;
    if a.len().abs_diff(b.len()) > BAND {
        return None;
    }
    let far = BAND + 1;
    // row[j] is the distance between a[..i] and b[..j], for j within BAND of i.
    let mut row: Vec<usize> = (0..=b.len()).map(|j| if j <= BAND { j } else { far }).collect();
    for (i, ca) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(BAND);
        let hi = (i + BAND).min(b.len());
        let mut diag = if lo == 0 { row[0] } else { row[lo - 1] };
        if lo == 0 {
            row[0] = i.min(far);
        } else {
            row[lo - 1] = far;
        }
        let mut best = far;
        for j in lo.max(1)..=hi {
            let up = row[j];
            let left = row[j - 1];
            let same = b.get(j - 1).is_some_and(|cb| cb.eq_ignore_ascii_case(ca));
            let v = (diag + usize::from(!same)).min(up + 1).min(left + 1).min(far);
            diag = up;
            row[j] = v;
            best = best.min(v);
        }
        if lo == 0 {
            best = best.min(row[0]);
        }
        if best > BAND {
            return None;
        }
    }
    row.get(b.len()).copied().filter(|d| *d <= BAND)
}

/// Whether one of `a` and `b` shortens the other: the same first letter (either case), at
/// least three letters, each letter of the shorter found in order in the longer.
fn shortens(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3
        || short.len() == long.len()
        || !short.first().zip(long.first()).is_some_and(|(x, y)| x.eq_ignore_ascii_case(y))
    {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l.eq_ignore_ascii_case(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: &str, b: &str) -> Option<usize> {
        distance_within_2(a.as_bytes(), b.as_bytes())
    }

    #[test]
    fn banded_distance_matches_the_definition() {
        for (a, b, d) in [
            ("", "", Some(0)),
            ("a", "", Some(1)),
            ("ab", "", Some(2)),
            ("abc", "", None),
            ("cutoff", "cutoffs", Some(1)),
            ("cuttoffs", "cutoffs", Some(1)),
            ("hours", "HOURS", Some(0)),
            ("pickups", "pikcups", Some(2)),
            ("kitten", "sitting", None),
            ("flaw", "lawn", Some(2)),
            ("zone", "done", Some(1)),
            ("abcdef", "abcxyz", None),
            ("abcdef", "badcfe", None),
        ] {
            assert_eq!(dist(a, b), d, "{a} / {b}");
            assert_eq!(dist(b, a), d, "{b} / {a}");
        }
    }

    #[test]
    fn shortenings_are_suggested_after_typos() {
        let mut r = Reader::default();
        assert_eq!(r.did_you_mean("qty", ["sku", "quantity", "node"]), " (did you mean \"quantity\"?)");
        assert_eq!(r.did_you_mean("saturday", ["sat", "sun", "default"]), " (did you mean \"sat\"?)");
        assert_eq!(r.did_you_mean("cutof", ["cutoffs", "pickups"]), " (did you mean \"cutoffs\"?)");
        assert_eq!(r.did_you_mean("zzz", ["sku", "quantity"]), "");
        assert_eq!(r.did_you_mean("Europe/Londn", crate::tz::TimeZone::names()), " (did you mean \"Europe/London\"?)");
    }

    #[test]
    fn problems_past_the_cap_are_counted() {
        let mut r = Reader::default();
        for i in 0..MAX_PROBLEMS + 5 {
            r.problem("x", &format!("k{i}"), "m");
        }
        let e = r.error("invalid_policy", "policy");
        assert_eq!(e.problems.len(), MAX_PROBLEMS + 1);
        assert_eq!(e.problems.last().map(|p| p.code), Some("too_many_problems"));
        assert!(e.problems.last().is_some_and(|p| p.message == "and 5 more"));
    }

    #[test]
    fn suggestions_stop_when_their_budget_is_spent() {
        let mut r = Reader::default();
        let names: Vec<String> = (0..1000).map(|i| format!("name{i:04}")).collect();
        let mut hits = 0;
        for _ in 0..1000 {
            hits += usize::from(!r.did_you_mean("name0001x", names.iter().map(String::as_str)).is_empty());
        }
        assert!(hits > 0 && hits < 1000, "{hits}");
    }
}
