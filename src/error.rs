//! The one error type of the library.
//!
//! Every error has a stable `code` (snake_case, listed in `docs/errors.md`), a message a
//! merchant understands, and, when it comes from a document, the `problems` found in it:
//! each with its own code, the path of the offending value (`nodes[1].cutoffs.fri`) and
//! a message. Loading a policy reports every problem at once.

use crate::json::{Obj, ToJson};
use std::fmt;

/// One thing wrong with one value in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(all(test, feature = "full"), derive(serde::Serialize))]
pub struct Problem {
    pub code: &'static str,
    /// Where the value is: `nodes[1].cutoffs.fri`; empty for the document itself.
    pub path: String,
    pub message: String,
}

/// An error from the engine. Cheap to inspect, serialisable as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(all(test, feature = "full"), derive(serde::Serialize))]
pub struct Error {
    pub code: &'static str,
    pub message: String,
    /// Path of the first problem, for callers that show one.
    pub path: String,
    pub problems: Vec<Problem>,
}

impl Error {
    /// An error that is not about a document's content (e.g. a date past the range).
    pub fn new(code: &'static str, message: impl Into<String>) -> Error {
        Error { code, message: message.into(), path: String::new(), problems: Vec::new() }
    }

    /// An error made of the problems found in a document (`what`: "policy", "order", ...).
    pub(crate) fn invalid(code: &'static str, what: &str, problems: Vec<Problem>) -> Error {
        let message = match problems.as_slice() {
            [one] if one.path.is_empty() => format!("invalid {what}: {}", one.message),
            [one] => format!("invalid {what}: {}: {}", one.path, one.message),
            many => {
                let list = crate::civil::join(many.iter().map(|p| format!("{}: {}", p.path, p.message)), "; ");
                format!("invalid {what} ({} problems): {list}", many.len())
            }
        };
        let path = problems.first().map(|p| p.path.clone()).unwrap_or_default();
        Error { code, message, path, problems }
    }

    /// A single problem at `path` as an error.
    pub(crate) fn at(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Error {
        let problem = Problem { code, path: path.into(), message: message.into() };
        let message = if problem.path.is_empty() {
            problem.message.clone()
        } else {
            format!("{}: {}", problem.path, problem.message)
        };
        Error { code, message, path: problem.path.clone(), problems: vec![problem] }
    }

    /// The error as a JSON object (how it crosses into JavaScript).
    pub fn to_json(&self) -> String {
        ToJson::to_json(self)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.message, self.code)
    }
}

impl std::error::Error for Error {}

impl ToJson for Problem {
    fn write(&self, out: &mut String) {
        Obj::new(out).str("code", self.code).str("path", &self.path).str("message", &self.message).end();
    }
}

impl ToJson for Error {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("code", self.code)
            .str("message", &self.message)
            .str("path", &self.path)
            .list("problems", &self.problems)
            .end();
    }
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;

    #[test]
    fn errors_are_written_with_every_field() {
        let e = Error::at("bad", "lines[0].sku", "say \"what\"");
        assert_eq!(e.to_json(), serde_json::to_string(&e).unwrap());
    }
}
