//! The cross-runtime corpus (scripts/gen_corpus.mjs): the native engine's output, digested,
//! is the expected output every runtime must reproduce byte for byte
//! (tests/runtimes/ compare against the same file). Regenerate with
//! `UPDATE_CORPUS=1 cargo test --test corpus` after a deliberate change of output. Tracking
//! cases (a corpus order's promise, events, a "now") have their own digests.
use order_sla::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

fn path(name: &str) -> String {
    format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// What a runtime digests for one case: the promise JSON, or the error JSON prefixed.
fn answer(engine: &Engine, c: &Value) -> String {
    match engine.promise_json(&c["order"].to_string(), &c["options"].to_string()) {
        Ok(text) => text,
        Err(e) => format!("error:{}", e.to_json()),
    }
}

fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[test]
fn native_output_matches_the_committed_corpus_digests() {
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path("corpus.json")).unwrap()).unwrap();
    let engines: BTreeMap<&str, Engine> = corpus["policies"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, p)| (id.as_str(), Engine::new(&p.to_string()).unwrap_or_else(|e| panic!("{id}: {e}"))))
        .collect();
    let cases = corpus["orders"].as_array().unwrap();
    let answers: Vec<String> = cases.iter().map(|c| answer(&engines[c["policy"].as_str().unwrap()], c)).collect();
    let digests: Vec<String> = answers.iter().map(|a| digest(a)).collect();
    let errors = answers.iter().filter(|a| a.starts_with("error:")).count();
    assert!(cases.len() >= 1000 && errors > 10 && errors < cases.len() / 10, "{} cases, {errors} errors", cases.len());
    if std::env::var("UPDATE_CORPUS").is_ok() {
        let expected = json!({
            "about": "sha-256 (first 8 bytes, hex) of each case's promise JSON, or of \"error:\" + the error JSON; written by UPDATE_CORPUS=1 cargo test --test corpus",
            "count": digests.len(),
            "digests": digests,
            "samples": answers.iter().take(3).collect::<Vec<_>>(),
        });
        std::fs::write(path("expected.json"), format!("{expected}\n")).unwrap();
    }
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(path("expected.json")).unwrap()).unwrap();
    let want: Vec<&str> = expected["digests"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert_eq!(want.len(), digests.len());
    let differing: Vec<usize> = (0..want.len()).filter(|i| want[*i] != digests[*i]).collect();
    assert!(
        differing.is_empty(),
        "{} cases differ, first: {} -> {}",
        differing.len(),
        differing[0],
        answers[differing[0]]
    );
}

#[test]
fn quotes_agree_with_full_promises_on_the_whole_corpus() {
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path("corpus.json")).unwrap()).unwrap();
    let (mut compared, mut windows_later) = (0, 0);
    for c in corpus["orders"].as_array().unwrap() {
        let engine = Engine::new(&corpus["policies"][c["policy"].as_str().unwrap()].to_string()).unwrap();
        let Ok(order) = order_sla::Order::from_json(engine.policy(), &c["order"].to_string(), None) else { continue };
        let opts = order_sla::PromiseOptions { confidence: c["options"]["confidence"].as_f64() };
        let Ok(full) = engine.promise(&order, opts) else { continue };
        let quotes = engine.quote(&order, opts).unwrap();
        assert_eq!(quotes.len(), full.options.len());
        for (q, o) in quotes.iter().zip(&full.options) {
            match (q, o.available) {
                (None, false) => {}
                (Some(q), true) => {
                    let (Some(ship_by), Some(delivery), Some(order_by)) = (&o.ship_by, &o.delivery, &o.order_by) else {
                        panic!()
                    };
                    assert_eq!(q.ship_by, ship_by.epoch_ms);
                    assert_eq!(
                        (q.earliest.to_string(), q.latest.to_string()),
                        (delivery.earliest.clone(), delivery.latest.clone())
                    );
                    assert_eq!(q.confidence, delivery.confidence);
                    assert_eq!(q.order_by, order_by.epoch_ms);
                    let next = o.next.as_ref().map(|n| {
                        (
                            n.ship_by.epoch_ms,
                            n.delivery.earliest.clone(),
                            n.delivery.latest.clone(),
                            n.order_by.epoch_ms,
                        )
                    });
                    assert_eq!(
                        q.next.map(|n| (n.ship_by, n.earliest.to_string(), n.latest.to_string(), n.order_by)),
                        next
                    );
                    assert_eq!(Some(q.window_order_by), o.window_order_by.as_ref().map(|m| m.epoch_ms));
                    assert_eq!(
                        q.window_next.map(|w| (w.earliest.to_string(), w.latest.to_string())),
                        o.window_next.as_ref().map(|w| (w.earliest.clone(), w.latest.clone()))
                    );
                    windows_later += usize::from(q.window_order_by > q.order_by);
                    compared += 1;
                }
                other => panic!("{}: availability differs: {other:?}", c["order"]["id"]),
            }
        }
    }
    assert!(compared > 1500, "{compared} options compared");
    // Orders whose window outlasts a ship-by the shopper never sees are common enough to test.
    assert!(windows_later > 50, "{windows_later} windows held past the order-by");
}

/// A compiled policy (what the lean browser build loads) answers every case of its years
/// exactly as the policy's source does: the same promises and the same errors.
#[test]
fn compiled_policies_give_byte_identical_answers() {
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path("corpus.json")).unwrap()).unwrap();
    let mut pairs = BTreeMap::new();
    for (id, p) in corpus["policies"].as_object().unwrap() {
        let source = Engine::new(&p.to_string()).unwrap();
        let bytes = source.compile(2026, 2027).unwrap();
        let compiled = Engine::from_compiled(&bytes).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(compiled.policy().hash, source.policy().hash);
        pairs.insert(id.as_str(), (source, compiled));
    }
    let cases = corpus["orders"].as_array().unwrap();
    for (i, c) in cases.iter().enumerate() {
        let (source, compiled) = &pairs[c["policy"].as_str().unwrap()];
        assert_eq!(answer(compiled, c), answer(source, c), "case {i}");
    }
}

/// What a runtime digests for one tracking case: the tracking JSON of the case's order's
/// promise with its events at its "now", or the error JSON prefixed.
fn tracking_answer(engine: &Engine, order: &Value, t: &Value) -> String {
    let promise = match engine.promise_json(&order["order"].to_string(), &order["options"].to_string()) {
        Ok(p) => p,
        Err(e) => return format!("error:{}", e.to_json()),
    };
    let options = json!({ "now": t["now"], "service": t["service"] }).to_string();
    match engine.track_json(&promise, &t["events"].to_string(), &options) {
        Ok(text) => text,
        Err(e) => format!("error:{}", e.to_json()),
    }
}

/// What a runtime digests for a deadline table: the latest order-by for a corpus order's
/// lines and destination to arrive a week after it was placed, as of its placement.
fn deadline_answer(engine: &Engine, order: &Value) -> String {
    let placed = order["order"]["placedAt"].as_str().unwrap();
    let arrive = order_sla::civil::Date::parse(&placed[..10]).map(|d| (0..7).fold(d, |d, _| d.succ()));
    let query = json!({
        "arriveBy": arrive.map(|d| d.to_string()),
        "destination": order["order"]["destination"],
        "lines": order["order"]["lines"],
        "now": placed,
    });
    match engine.latest_order_by_json(&query.to_string()) {
        Ok(text) => text,
        Err(e) => format!("error:{}", e.to_json()),
    }
}

/// Tracking (each tracking case) and deadline tables (each order `deadlines` lists) of the
/// full build, digested: `tests/corpus/expected-full.json`.
#[test]
fn native_tracking_and_deadlines_match_the_committed_digests() {
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path("corpus.json")).unwrap()).unwrap();
    let engines: BTreeMap<&str, Engine> = corpus["policies"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, p)| (id.as_str(), Engine::new(&p.to_string()).unwrap()))
        .collect();
    let orders = corpus["orders"].as_array().unwrap();
    let engine_of = |o: &Value| &engines[o["policy"].as_str().unwrap()];
    let tracking: Vec<String> = corpus["tracking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let order = &orders[t["order"].as_u64().unwrap() as usize];
            tracking_answer(engine_of(order), order, t)
        })
        .collect();
    let deadlines: Vec<String> = corpus["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &orders[i.as_u64().unwrap() as usize])
        .map(|o| deadline_answer(engine_of(o), o))
        .collect();
    let count = |list: &[String], what: &str| list.iter().filter(|a| a.contains(what)).count();
    let errors = count(&tracking, "error:");
    assert!(errors < tracking.len() / 5, "{errors} tracking errors");
    assert!(count(&tracking, "\"paused\":true") > 10 && count(&tracking, "\"status\":\"breached\"") > 10);
    assert!(count(&deadlines, "\"available\":true") > 100 && count(&deadlines, "error:") < 20);
    let digests = |list: &[String]| list.iter().map(|a| digest(a)).collect::<Vec<_>>();
    let (tracking_digests, deadline_digests) = (digests(&tracking), digests(&deadlines));
    if std::env::var("UPDATE_CORPUS").is_ok() {
        let expected = json!({
            "about": "sha-256 (first 8 bytes, hex) of each tracking case's JSON and each deadline table's (or of \"error:\" + the error JSON); written by UPDATE_CORPUS=1 cargo test --test corpus",
            "tracking": tracking_digests,
            "deadlines": deadline_digests,
        });
        std::fs::write(path("expected-full.json"), format!("{expected}\n")).unwrap();
    }
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(path("expected-full.json")).unwrap()).unwrap();
    for (what, got, answers) in
        [("tracking", &tracking_digests, &tracking), ("deadlines", &deadline_digests, &deadlines)]
    {
        let want: Vec<&str> = expected[what].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        assert_eq!(want.len(), got.len(), "{what}");
        let differing: Vec<usize> = (0..want.len()).filter(|i| want[*i] != got[*i]).collect();
        assert!(
            differing.is_empty(),
            "{what}: {} differ, first: {:?}",
            differing.len(),
            differing.first().map(|i| &answers[*i])
        );
    }
}
