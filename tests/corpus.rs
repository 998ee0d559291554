//! The cross-runtime corpus (scripts/gen_corpus.mjs): the native engine's output, digested,
//! is the expected output every runtime must reproduce byte for byte
//! (tests/runtimes/ compare against the same file). Regenerate with
//! `UPDATE_CORPUS=1 cargo test --test corpus` after a deliberate change of output.
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
    assert!(differing.is_empty(), "{} cases differ, first: {} -> {}", differing.len(), differing[0], answers[differing[0]]);
}
