//! JSON in and out, by hand, so that both builds read and write documents with the same
//! code and the lean browser build carries no serde machinery or float formatting.
//!
//! Reading: [`parse`] gives a [`Value`] whose objects iterate in key order and keep the
//! last of duplicate keys (what the readers relied on with serde_json); numbers keep their
//! text, so messages quote them as written. Nesting deeper than [`MAX_DEPTH`] is refused
//! (a deep document must not overflow the stack: in wasm that traps the instance).
//!
//! Writing: [`Obj`] and [`ToJson`], which each output type implements beside its definition
//! (promises in `promise.rs`, errors in `error.rs`): fields in declaration order, `None`
//! fields left out, strings escaped as serde_json escapes them: the corpus digests pin the
//! text. This module imports nothing of the domain.

/// A JSON object under construction: `{"a":1,"b":"x"}`.
pub(crate) struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub fn new(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }

    pub fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(self.out, k);
        self.out.push(':');
        self.out
    }

    pub fn str(&mut self, k: &str, v: &str) -> &mut Self {
        string(self.key(k), v);
        self
    }

    pub fn opt_str(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        if let Some(v) = v {
            self.str(k, v);
        }
        self
    }

    /// A string, or `null` for none.
    #[cfg(feature = "full")]
    pub fn opt_str_or_null(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.str(k, v),
            None => {
                self.key(k).push_str("null");
                self
            }
        }
    }

    /// An integer, or `null` for none.
    #[cfg(feature = "full")]
    pub fn opt_int_or_null(&mut self, k: &str, v: Option<i64>) -> &mut Self {
        match v {
            Some(v) => self.int(k, v),
            None => {
                self.key(k).push_str("null");
                self
            }
        }
    }

    pub fn int(&mut self, k: &str, v: i64) -> &mut Self {
        int(self.key(k), v);
        self
    }

    pub fn bool(&mut self, k: &str, v: bool) -> &mut Self {
        self.key(k).push_str(if v { "true" } else { "false" });
        self
    }

    pub fn value(&mut self, k: &str, v: &impl ToJson) -> &mut Self {
        v.write(self.key(k));
        self
    }

    /// A value, or `null` for none.
    #[cfg(feature = "full")]
    pub fn opt_or_null(&mut self, k: &str, v: Option<&impl ToJson>) -> &mut Self {
        match v {
            Some(v) => self.value(k, v),
            None => {
                self.key(k).push_str("null");
                self
            }
        }
    }

    pub fn opt(&mut self, k: &str, v: Option<&impl ToJson>) -> &mut Self {
        if let Some(v) = v {
            self.value(k, v);
        }
        self
    }

    pub fn list<T: ToJson>(&mut self, k: &str, items: &[T]) -> &mut Self {
        list(self.key(k), items);
        self
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// `v` in decimal, without the formatting machinery or an allocation (outputs are full of
/// epoch milliseconds).
pub(crate) fn int(out: &mut String, v: i64) {
    let mut digits = [b'-'; 20];
    let mut n = v.unsigned_abs();
    let mut at = digits.len();
    for d in digits.iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
        at -= 1;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push('-');
    }
    out.push_str(digits.get(at..).and_then(|d| std::str::from_utf8(d).ok()).unwrap_or_default());
}

/// `s` as a JSON string: `"`, `\` and control characters escaped, everything else as is,
/// copied in runs between the characters that need escaping.
pub(crate) fn string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte: a character boundary.
        out.push_str(s.get(run..i).unwrap_or_default());
        if escaped.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escaped);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

/// Something written as one JSON value.
pub(crate) trait ToJson {
    fn write(&self, out: &mut String);

    fn to_json(&self) -> String {
        // Results are kilobytes: growing from empty would copy them a dozen times.
        let mut out = String::with_capacity(1024);
        self.write(&mut out);
        out
    }
}

impl ToJson for String {
    fn write(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for &str {
    fn write(&self, out: &mut String) {
        string(out, self);
    }
}

/// A list of values: `[...]`.
impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, out: &mut String) {
        list(out, self);
    }
}

fn list<T: ToJson>(out: &mut String, items: &[T]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write(out);
    }
    out.push(']');
}

use crate::limits::MAX_DEPTH;

/// A JSON value as read by [`parse`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map<String, Value>),
}

/// A number as written in the document (always valid JSON number syntax, finite).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Number(String);

impl Number {
    /// The value when it is written as an integer that fits `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        if self.0.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            return None;
        }
        self.0.parse().ok()
    }

    /// The number as a double (always `Some`: every number read is finite).
    pub fn as_f64(&self) -> Option<f64> {
        Some(decimal_to_f64(&self.0))
    }
}

/// A JSON number's text as a double. Exact (correctly rounded) for up to 15 significant
/// digits and exponents within 10^±22 (Clinger's fast path), which covers every number
/// the documents hold (prices of time: hours, fractions, epoch milliseconds); beyond that
/// it may be one unit in the last place off. Both builds use it, so they agree; it saves
/// the lean build the 10 KB of tables of a general float parser.
fn decimal_to_f64(text: &str) -> f64 {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    let (negative, text) = text.strip_prefix('-').map_or((false, text), |t| (true, t));
    let (number, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let (mut mantissa, mut exp, mut significant) = (0u64, 0i32, 0);
    for (i, b) in int.bytes().chain(frac.bytes()).enumerate() {
        let in_fraction = i >= int.len();
        if significant < 19 {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            significant += i32::from(mantissa > 0);
            exp -= i32::from(in_fraction);
        } else if !in_fraction {
            exp += 1;
        }
    }
    let e: i32 =
        exponent.trim_start_matches('+').parse().unwrap_or(if exponent.starts_with('-') { -99_999 } else { 99_999 });
    exp = exp.saturating_add(e.clamp(-99_999, 99_999));
    let m = mantissa as f64;
    let v = match usize::try_from(exp.unsigned_abs()).ok().and_then(|i| POW10.get(i)) {
        _ if mantissa == 0 => 0.0,
        Some(p) if mantissa < 1 << 53 => {
            if exp < 0 {
                m / p
            } else {
                m * p
            }
        }
        _ => m * 10f64.powi(exp),
    };
    if negative {
        -v
    } else {
        v
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An object's members, sorted by key (one per key: a repeated key keeps its last value).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Map<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map { entries: Vec::new() }
    }
}

impl Map<String, Value> {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Members in document order to a map: sorted once (not per member, which is quadratic
    /// on an object with many keys), the last of a repeated key kept.
    fn from_entries(entries: Vec<(String, Value)>) -> Self {
        // The position keeps repeated keys in document order (heap sort is not stable). The
        // full build, which reads policies of many thousand keys, takes the standard sort
        // (several times faster on text); the lean one saves its size.
        let mut entries: Vec<(String, usize, Value)> =
            entries.into_iter().enumerate().map(|(i, (k, v))| (k, i, v)).collect();
        #[cfg(feature = "full")]
        entries.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        #[cfg(not(feature = "full"))]
        heap_sort(&mut entries, |a, b| (&a.0, a.1) < (&b.0, b.1));
        let mut out: Vec<(String, Value)> = Vec::with_capacity(entries.len());
        for (k, _, v) in entries {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => out.push((k, v)),
            }
        }
        Map { entries: out }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.find(key).ok().and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    #[cfg(feature = "full")]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(feature = "full")]
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// In-place heap sort: O(n log n) at worst, and a few hundred bytes of wasm where the
/// standard library's sorts cost over 2 KB gzipped in the lean build.
pub(crate) fn heap_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

impl<'a> IntoIterator for &'a Map<String, Value> {
    type Item = (&'a String, &'a Value);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a String, &'a Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    #[cfg(feature = "full")]
    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(m) => m.get(key),
            _ => None,
        }
    }

    #[cfg(feature = "full")]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    #[cfg(feature = "full")]
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
}

/// Compact JSON, keys sorted, numbers as written.
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        write_value(&mut out, self, &mut |n, out| out.push_str(n));
        f.write_str(&out)
    }
}

#[cfg(feature = "full")]
impl Value {
    /// The value as JSON text, each number written by `number` (from its text as read).
    pub fn to_string_with_numbers(&self, number: &mut dyn FnMut(&str, &mut String)) -> String {
        let mut out = String::new();
        write_value(&mut out, self, number);
        out
    }
}

/// Recursion is bounded by the parser's depth limit ([`MAX_DEPTH`]).
fn write_value(out: &mut String, v: &Value, number: &mut dyn FnMut(&str, &mut String)) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => number(&n.0, out),
        Value::String(s) => string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item, number);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, k);
                out.push(':');
                write_value(out, item, number);
            }
            out.push('}');
        }
    }
}

/// Why a text is not JSON, and where (line and column of the byte, from 1).
#[derive(Debug, PartialEq)]
pub(crate) struct SyntaxError {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

/// Parses one JSON document (RFC 8259), with nothing but whitespace after it.
#[cfg(feature = "full")]
pub(crate) fn parse(text: &str) -> Result<Value, SyntaxError> {
    parse_limited(text, usize::MAX, usize::MAX)
}

/// The message of the error for a document of more than `max_values` values.
pub(crate) const TOO_MANY_VALUES: &str = "too many values";
/// The text ends inside a value.
const END: &str = "unexpected end of the text";
/// The message of the error for an object of more than `max_members` members.
pub(crate) const TOO_MANY_MEMBERS: &str = "too many members in an object";

/// [`parse`], refusing a document of more than `max_values` values (numbers, strings,
/// lists, objects, ...; the parse tree takes far more memory than the text for tiny values)
/// or an object of more than `max_members` members (each object is sorted by key).
pub(crate) fn parse_limited(text: &str, max_values: usize, max_members: usize) -> Result<Value, SyntaxError> {
    let mut p = Parser { s: text.as_bytes(), pos: 0, values_left: max_values, max_members };
    let v = p.value(0)?;
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    values_left: usize,
    max_members: usize,
}

impl Parser<'_> {
    fn err(&self, message: &'static str) -> SyntaxError {
        let before = self.s.get(..self.pos.min(self.s.len())).unwrap_or_default();
        let line = 1 + before.iter().filter(|b| **b == b'\n').count();
        let column = before.len() - before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
        SyntaxError { message, line, column }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &[u8], v: Value) -> Result<Value, SyntaxError> {
        if self.s.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.err("expected value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.ws();
        if self.values_left == 0 {
            return Err(self.err(TOO_MANY_VALUES));
        }
        self.values_left -= 1;
        match self.peek() {
            None => Err(self.err(END)),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') if depth >= MAX_DEPTH => Err(self.err("recursion limit exceeded")),
            Some(b'{') if depth >= MAX_DEPTH => Err(self.err("recursion limit exceeded")),
            Some(b'[') => {
                let mut items = Vec::new();
                if !self.open(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.close(b']', END, "expected `,` or `]`")? {
                            break;
                        }
                    }
                }
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                let mut members = Vec::new();
                if !self.open(b'}') {
                    loop {
                        self.ws();
                        match self.peek() {
                            Some(b'"') => {}
                            None => return Err(self.err(END)),
                            _ => return Err(self.err("key must be a string")),
                        }
                        let key = self.string()?;
                        self.ws();
                        match self.peek() {
                            Some(b':') => self.pos += 1,
                            None => return Err(self.err(END)),
                            _ => return Err(self.err("expected `:`")),
                        }
                        if members.len() == self.max_members {
                            return Err(self.err(TOO_MANY_MEMBERS));
                        }
                        members.push((key, self.value(depth + 1)?));
                        if self.close(b'}', END, "expected `,` or `}`")? {
                            break;
                        }
                    }
                }
                Ok(Value::Object(Map::from_entries(members)))
            }
            Some(_) => Err(self.err("expected value")),
        }
    }

    /// Past an opening bracket; true when the list or object closes right away.
    fn open(&mut self, close: u8) -> bool {
        self.pos += 1;
        self.ws();
        let empty = self.peek() == Some(close);
        if empty {
            self.pos += 1;
        }
        empty
    }

    /// After an item: true past the closing bracket, false past a comma.
    fn close(&mut self, close: u8, eof: &'static str, expected: &'static str) -> Result<bool, SyntaxError> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            None => Err(self.err(eof)),
            _ => Err(self.err(expected)),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if self.digits() == 0 || (self.s.get(int_start) == Some(&b'0') && self.pos - int_start > 1) {
            return Err(self.err("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        let text = std::str::from_utf8(self.s.get(start..self.pos).unwrap_or_default()).unwrap_or_default();
        if !decimal_to_f64(text).is_finite() {
            return Err(self.err("number out of range"));
        }
        Ok(Value::Number(Number(text.to_string())))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                None => return Err(self.err(END)),
                _ => return Err(self.err("invalid escape")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character at once.
            let start = self.pos;
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.pos += 1;
            }
            // The input is a &str and the run ends at an ASCII byte: a whole UTF-8 slice.
            out.push_str(std::str::from_utf8(self.s.get(start..self.pos).unwrap_or_default()).unwrap_or_default());
            match self.peek() {
                None => return Err(self.err(END)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        None => return Err(self.err(END)),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                if self.s.get(self.pos..self.pos + 2) != Some(b"\\u") {
                                    return Err(self.err("lone leading surrogate in hex escape"));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return Err(self.err("lone leading surrogate in hex escape"));
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.err("invalid unicode code point"))?);
                            continue;
                        }
                        Some(_) => return Err(self.err("invalid escape")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.err("unescaped control character in a string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_written_as_serde_json_writes_them() {
        for v in [0, 7, -7, 10, 1_764_325_200_000, -62_162_035_200_000, i64::MAX, i64::MIN] {
            let mut out = String::new();
            int(&mut out, v);
            assert_eq!(out, serde_json::to_string(&v).unwrap());
        }
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        for s in ["plain", "quote \" and \\ back", "line\nfeed\ttab\r", "\u{1}\u{1f}\u{8}\u{c}", "naïve 日本 /"] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn documents_read_as_serde_json_reads_them() {
        let texts = [
            r#"{"b":[1,-2.5e3,true,null],"a":{"x":"\u00e9\n\ud83d\ude00"},"b":0}"#,
            r#" [ "", "\"\\\/\b\f\r\t", 1e2, 0.1, -0, 12345678901234567890 ] "#,
        ];
        for t in texts {
            let ours = parse(t).unwrap().to_string();
            let theirs: serde_json::Value = serde_json::from_str(t).unwrap();
            // Same members, same order, same strings; numbers as written.
            let reparsed: serde_json::Value = serde_json::from_str(&ours).unwrap();
            assert_eq!(reparsed, theirs, "{t}");
        }
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "{1:2}",
            "01",
            "1.",
            "-",
            "tru",
            r#""\u00""#,
            r#""\ud800""#,
            "[1] x",
            "1e400",
            "\"\u{1}\"",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(serde_json::from_str::<serde_json::Value>(bad).is_err(), "{bad}");
            assert!(e.line >= 1 && e.column >= 1, "{bad}: {e}");
        }
        assert_eq!(parse("[\n  x]").unwrap_err().to_string(), "expected value at line 2 column 3");
        // Many keys: sorted once, so this takes milliseconds, not minutes.
        let wide = format!("{{{}\"k\":0}}", (0..200_000).rev().map(|i| format!("\"k{i}\":{i},")).collect::<String>());
        let v = parse(&wide).unwrap();
        assert_eq!(
            (
                v.get("k0").and_then(Value::as_i64),
                v.get("k199999").and_then(Value::as_i64),
                v.get("k").and_then(Value::as_i64)
            ),
            (Some(0), Some(199_999), Some(0))
        );
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().message, "recursion limit exceeded");
        assert!(parse(&format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH))).is_ok());
    }

    #[test]
    fn heap_sort_sorts() {
        let mut v: Vec<u32> = (0..1000).map(|i| (i * 7919) % 1009).collect();
        let mut want = v.clone();
        want.sort();
        heap_sort(&mut v, |a, b| a < b);
        assert_eq!(v, want);
        heap_sort(&mut [0u8; 0], |a, b| a < b);
    }

    #[test]
    fn numbers_keep_their_text_and_read_as_integers_only_when_written_so() {
        let v = parse(r#"[10482, 1.0, 1e3, -7, 9223372036854775808]"#).unwrap();
        let n: Vec<(Option<i64>, Option<f64>)> =
            v.as_array().unwrap().iter().map(|x| (x.as_i64(), x.as_f64())).collect();
        assert_eq!(
            n,
            [
                (Some(10482), Some(10482.0)),
                (None, Some(1.0)),
                (None, Some(1000.0)),
                (Some(-7), Some(-7.0)),
                (None, Some(9.223372036854776e18))
            ]
        );
        assert_eq!(v.to_string(), "[10482,1.0,1e3,-7,9223372036854775808]");
    }

    #[test]
    fn decimals_read_exactly_where_documents_use_them() {
        for t in [
            "0",
            "-0",
            "0.9",
            "0.01",
            "1.5",
            "8784",
            "1764325200000",
            "-12.25",
            "1e3",
            "2.5E-3",
            "123456789012345",
            "0.000001",
        ] {
            assert_eq!(decimal_to_f64(t), t.parse::<f64>().unwrap(), "{t}");
        }
        assert_eq!(decimal_to_f64("1e400"), f64::INFINITY);
        assert_eq!(decimal_to_f64("1e-400"), 0.0);
        assert_eq!(decimal_to_f64("0e999999999999"), 0.0);
        let long = decimal_to_f64("3.14159265358979323846264338327950288");
        assert!((long - std::f64::consts::PI).abs() < 1e-15);
    }
}
