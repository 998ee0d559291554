//! Compiled policies: loading, refusing what they cannot answer, and surviving damage.
use order_sla::Engine;

const POLICY: &str = include_str!("../examples/store/policy.json");
const ORDER: &str = include_str!("../examples/store/order.json");
const AT: &str = r#"{"at":"2026-11-28T10:20:00Z"}"#;

fn compiled() -> Vec<u8> {
    Engine::new(POLICY).unwrap().compile(2026, 2027).unwrap()
}

fn code(r: Result<impl Sized, order_sla::Error>) -> String {
    r.err().map(|e| e.code.to_string()).unwrap_or_default()
}

/// FNV-1a, as the format's trailer: lets the tests damage the body and still get past the
/// checksum, to reach the reader's own checks.
fn reseal(mut bytes: Vec<u8>) -> Vec<u8> {
    let n = bytes.len() - 4;
    let sum = bytes[..n].iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193));
    bytes[n..].copy_from_slice(&sum.to_le_bytes());
    bytes
}

#[test]
fn the_example_store_compiles_small_and_answers_the_same() {
    let bytes = compiled();
    assert!(bytes.len() < 4096, "{} bytes", bytes.len());
    let source = Engine::new(POLICY).unwrap();
    let engine = Engine::from_compiled(&bytes).unwrap();
    assert_eq!(engine.promise_json(ORDER, AT).unwrap(), source.promise_json(ORDER, AT).unwrap());
}

#[test]
fn years_outside_the_compiled_ones_are_refused_not_guessed() {
    let engine = Engine::from_compiled(&compiled()).unwrap();
    let err = engine.promise_json(ORDER, r#"{"at":"2029-03-02T10:00:00Z"}"#).unwrap_err();
    assert_eq!(
        (err.code, err.problems[0].code, err.problems[0].path.as_str()),
        ("invalid_order", "outside_compiled_years", "options.at")
    );
    // Stock that arrives after the calendars end: that option says why it cannot promise.
    let late = ORDER.replace(r#""sku": "MUG-ENAMEL-12""#, r#""sku": "MUG-ENAMEL-12", "availableOn": "2028-12-31""#);
    assert_ne!(late, ORDER);
    let promise: serde_json::Value = serde_json::from_str(&engine.promise_json(&late, AT).unwrap()).unwrap();
    assert_eq!(promise["options"][0]["reason"]["code"], "outside_compiled_years");
    assert_eq!(code(Engine::new(POLICY).unwrap().compile(2027, 2026)), "out_of_range");
    assert_eq!(code(Engine::new(POLICY).unwrap().compile(1999, 2026)), "out_of_range");
    assert_eq!(code(Engine::new(POLICY).unwrap().compile(2000, 2060)), "out_of_range");
}

#[test]
fn what_needs_the_source_says_so() {
    let engine = Engine::from_compiled(&compiled()).unwrap();
    assert_eq!(code(engine.compile(2026, 2027)), "needs_policy_source");
    assert_eq!(code(engine.calendar("us")), "needs_policy_source");
    assert_eq!(code(engine.track_json("{}", "[]", r#"{"now":0}"#)), "needs_policy_source");
    assert_eq!(code(engine.latest_order_by_json("{}")), "needs_policy_source");
}

#[test]
fn other_bytes_and_other_versions_are_refused_with_a_reason() {
    assert_eq!(code(Engine::from_compiled(b"")), "invalid_compiled_policy");
    assert_eq!(code(Engine::from_compiled(POLICY.as_bytes())), "invalid_compiled_policy");
    let bytes = compiled();
    assert_eq!(code(Engine::from_compiled(&bytes[..bytes.len() - 1])), "invalid_compiled_policy");
    // The engine version is stored after the magic and the format byte: "0.1.0" -> "9.1.0".
    let mut other = bytes.clone();
    assert_eq!(&other[6..11], order_sla::ENGINE_VERSION.as_bytes());
    other[6] = b'9';
    assert_eq!(code(Engine::from_compiled(&reseal(other))), "compiled_version_mismatch");
}

/// Every single-byte change and every truncation, resealed so the reader itself has to cope:
/// an error or a policy that answers, never a panic or a hang.
#[test]
fn damaged_bytes_never_panic() {
    // The example store, whole; a policy with every part the format has (waves, destination
    // calendars, restrictions, advisories), its last 1,500 bytes (services and advisories:
    // the whole of it takes a debug build 15 s).
    survives_damage(compiled(), 4);
    let every = Engine::new(include_str!("fixtures/compiled-layout-policy.json")).unwrap().compile(2026, 2026).unwrap();
    let from = every.len() - 1500;
    survives_damage(every, from);
}

fn survives_damage(bytes: Vec<u8>, from: usize) {
    let mut loaded = 0;
    for i in from..bytes.len() - 4 {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut b = bytes.clone();
            b[i] ^= flip;
            if let Ok(engine) = Engine::from_compiled(&reseal(b)) {
                loaded += 1;
                let _ = engine.promise_json(ORDER, AT);
            }
        }
        let mut cut = bytes[..i].to_vec();
        cut.extend_from_slice(&[0; 4]);
        let _ = Engine::from_compiled(&reseal(cut));
    }
    // Changed times and names still load; they must answer without trouble, as checked above.
    assert!(loaded > 0);
}

/// The compiled layout of the corpus policies and the example store, digested without the
/// engine version and checksum, against `tests/fixtures/compiled-format.json`: a change of
/// layout must come with a new format byte (`FORMAT` in src/policy/compiled.rs), or loading
/// an old file would misread it. After a deliberate change: bump `FORMAT`, then
/// `UPDATE_COMPILED=1 cargo test --test compiled`.
#[test]
fn a_layout_change_comes_with_a_new_format_byte() {
    use sha2::{Digest, Sha256};
    // Policies that do not change with the corpus: its first three, the example store, and a
    // fixture with every feature the compiled format writes (waves, carrier waves, special
    // days' waves, destination calendars); a feature added to the format adds to the fixture.
    let corpus: serde_json::Value = serde_json::from_str(include_str!("corpus/corpus.json")).unwrap();
    let mut sources: Vec<String> =
        ["store", "eu", "apac"].iter().map(|id| corpus["policies"][id].to_string()).collect();
    sources.push(POLICY.to_string());
    sources.push(include_str!("fixtures/compiled-layout-policy.json").to_string());
    let mut hash = Sha256::new();
    let mut format = None;
    for source in &sources {
        let bytes = Engine::new(source).unwrap().compile(2026, 2027).unwrap();
        // MAGIC (4 bytes), FORMAT, the version as a length-prefixed text, ..., checksum (4).
        let version_len = usize::from(bytes[5]);
        format = Some(bytes[4]);
        hash.update(&bytes[..5]);
        hash.update(&bytes[6 + version_len..bytes.len() - 4]);
    }
    let digest: String = hash.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/compiled-format.json");
    let now = serde_json::json!({ "format": format, "layout": digest });
    if std::env::var("UPDATE_COMPILED").is_ok() {
        std::fs::write(path, format!("{now}\n")).unwrap();
    }
    let pinned: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    if pinned["layout"] != now["layout"] {
        assert_ne!(
            pinned["format"], now["format"],
            "the compiled layout changed ({} -> {}) but the format byte did not: bump FORMAT in src/policy/compiled.rs",
            pinned["layout"], now["layout"]
        );
        panic!("a new format byte and layout: record them with UPDATE_COMPILED=1 cargo test --test compiled");
    }
    assert_eq!(pinned["format"], now["format"], "the format byte changed without a layout change");
}
