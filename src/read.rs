//! Reading documents (policy, order, queries) from JSON values while collecting every
//! problem with its path, instead of stopping at the first like a derived deserializer.

use crate::civil::{Date, Instant};
#[cfg(feature = "full")]
use crate::civil::TimeOfDay;
use crate::error::{Error, Problem};
use crate::json::{Map, Value};

/// Largest document accepted, in bytes of JSON text (see `docs/limits.md`).
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// Parses JSON text into a value, with a message that says where the syntax broke.
pub(crate) fn parse_json(text: &str, what: &str) -> Result<Value, Error> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::new(
            "document_too_large",
            format!("the {what} is {} bytes; the limit is {MAX_DOCUMENT_BYTES}", text.len()),
        ));
    }
    crate::json::parse(text).map_err(|e| {
        Error::new("invalid_json", format!("the {what} is not valid JSON: {e}"))
    })
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
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

/// Collects problems while a document is read.
#[derive(Default)]
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
}

impl Reader {
    /// The document read, or an error `code` with every problem found (`what`: "order",
    /// "policy", ...); a document that could not be read says so even without a problem.
    pub fn finish<T>(mut self, read: Option<T>, code: &'static str, what: &str) -> Result<T, Error> {
        match read {
            Some(t) if self.problems.is_empty() => Ok(t),
            _ => {
                if self.problems.is_empty() {
                    self.problem(code, "", format!("the {what} could not be read"));
                }
                Err(Error::invalid(code, what, self.problems))
            }
        }
    }

    pub fn problem(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        self.problems.push(Problem { code, path: path.to_string(), message: message.into() });
    }

    fn wrong_type(&mut self, path: &str, expected: &str, v: &Value) {
        self.problem("wrong_type", path, format!("expected {expected}, found {}", kind(v)));
    }

    /// An object whose keys must be among `allowed` (typos are reported, with a suggestion).
    pub fn object<'a>(&mut self, v: &'a Value, path: &str, allowed: &[&str]) -> Option<&'a Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, "an object", v);
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) && key != "$schema" && key != "$comment" {
                let hint = suggest(key, allowed).map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default();
                self.problem("unknown_field", &join(path, key), format!("unknown field \"{key}\"{hint}"));
            }
        }
        Some(map)
    }

    #[cfg(feature = "full")]
    /// An object whose keys are ids chosen by the merchant.
    pub fn object_any<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Map<String, Value>> {
        match v {
            Value::Object(map) => Some(map),
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
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(path, "a string", v);
                None
            }
        }
    }

#[cfg(feature = "full")]
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
            Value::Number(n) => match n.as_i64().or_else(|| n.as_f64().filter(|f| f.is_finite() && f.abs() < 1e15).map(|f| f.floor() as i64)) {
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
        let (lo, hi) = (crate::civil::MIN_DATE.start_ms() + crate::civil::MS_PER_DAY, crate::civil::MAX_DATE.start_ms());
        if t.0 < lo || t.0 >= hi {
            self.problem("out_of_range", path, "instants must fall between 2000-01-02 and 2199-12-30 (UTC)");
            return None;
        }
        Some(t)
    }
}

/// The allowed key closest to `key` when it looks like a typo (edit distance <= 2).
pub(crate) fn suggest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (edit_distance(&key.to_ascii_lowercase(), &a.to_ascii_lowercase()), *a))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
