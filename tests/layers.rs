//! The crate's layers (docs/design.md, "Layers"): each top-level module of `src/` may use
//! only the modules of the layers below its own, so there is no import cycle and a layer can
//! be read and tested without the ones above it. A module uses another when one of its files
//! names `crate::other` outside a comment (tests inside a module count too).
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top. A module of one layer uses only modules of the layers before it.
const LAYERS: &[&[&str]] = &[
    &["civil", "countries", "limits"], // values: dates, times, instants; country codes; the limits
    &["tz", "json"],                   // zones; JSON values, reading and writing
    &["error"],                        // errors and problems
    &["read"],                         // reading documents with paths and suggestions
    &["calendar"],                     // calendars, holiday rules, definitions, presets
    &["policy"],                       // nodes and their schedule, services, the tracking rules
    &["order"],                        // orders
    &["eval"],                         // the rules: explained evaluator, day tables, fast quotes
    &["promise"],                      // the promise as written: result types and their JSON
    &["deadline", "tracking"],         // latest order-by tables; tracking after checkout
    &["engine"],                       // the API
    &["wasm"],                         // the bindings
];

fn uses(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let set = out.entry(top.clone()).or_default();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            let mut rest = code;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    // crate::{a, b::c}
                    Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                    None => vec![rest],
                };
                for name in names {
                    let name: String = name.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() && name != top {
                        set.insert(name);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = uses(&src);
    let layer_of: BTreeMap<&str, usize> =
        LAYERS.iter().enumerate().flat_map(|(i, l)| l.iter().map(move |m| (*m, i))).collect();
    let mut problems = Vec::new();
    for (module, used) in &graph {
        let Some(&own) = layer_of.get(module.as_str()) else {
            problems.push(format!("src/{module} is in no layer: add it to LAYERS and to docs/design.md"));
            continue;
        };
        for other in used {
            // Names that are not modules (`crate::ENGINE_VERSION`, re-exported types) are the root's.
            let Some(&theirs) = layer_of.get(other.as_str()) else { continue };
            if theirs >= own {
                problems.push(format!("{module} (layer {own}) uses {other} (layer {theirs})"));
            }
        }
    }
    for module in layer_of.keys() {
        if !graph.contains_key(*module) {
            problems.push(format!("LAYERS names {module}, which src/ does not have"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
