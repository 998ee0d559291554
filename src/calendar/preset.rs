//! Built-in calendar presets: public holidays of the main markets and the closing days
//! of the main carriers, written in the same rule language a policy uses
//! (`src/calendar/presets/presets.json`; each preset's source and known deviations are in
//! `docs/calendars.md`). They are parsed once, on first use.

#[cfg(feature = "full")]
use crate::json::{Map, Value};
#[cfg(feature = "full")]
use std::sync::OnceLock;

/// The version of the preset data. It changes whenever a preset's dates change, and is
/// part of every promise's provenance next to the engine and tzdata versions.
pub const PRESETS_VERSION: &str = "2026.1";

#[cfg(feature = "full")]
const PRESETS_JSON: &str = include_str!("presets/presets.json");

#[cfg(feature = "full")]
fn all() -> &'static Map<String, Value> {
    static PRESETS: OnceLock<Map<String, Value>> = OnceLock::new();
    // The text is compiled in and checked by the tests; an empty map is the no-panic fallback.
    PRESETS.get_or_init(|| match crate::json::parse(PRESETS_JSON) {
        Ok(Value::Object(map)) => map,
        _ => Map::default(),
    })
}

#[cfg(feature = "full")]
/// The definition of preset `id`, if there is one.
pub(crate) fn definition(id: &str) -> Option<&'static Value> {
    all().get(id)
}

#[cfg(feature = "full")]
/// Every preset id, in the order of the data file.
pub fn ids() -> impl Iterator<Item = &'static str> {
    all().keys().map(String::as_str)
}

#[cfg(feature = "full")]
/// A preset's id, display name and legal source.
#[derive(Clone, Debug)]
pub struct PresetInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub source: &'static str,
}

#[cfg(feature = "full")]
impl crate::json::ToJson for PresetInfo {
    fn write(&self, out: &mut String) {
        crate::json::Obj::new(out).str("id", self.id).str("name", self.name).str("source", self.source).end();
    }
}

#[cfg(feature = "full")]
/// Every preset with its name and source.
pub fn list() -> Vec<PresetInfo> {
    let text = |v: &'static Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
    all().iter().map(|(id, v)| PresetInfo { id, name: text(v, "name"), source: text(v, "source") }).collect()
}
