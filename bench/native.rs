//! The native core, timed with divan: `cargo bench --bench native` (bench/run.sh runs it
//! with the rest and writes BENCHMARKS.md). Orders come from the benchmark corpus that
//! scripts/orders.mjs writes, the same orders the Node benchmarks and the reference race on.

use order_sla::{Engine, Order, PromiseOptions};

fn main() {
    divan::main();
}

const POLICY: &str = include_str!("../examples/store/policy.json");
const ORDER: &str = include_str!("../examples/store/order.json");
const PLACED: &str = include_str!("../examples/store/placed-order.json");
const EVENTS: &str = include_str!("../examples/store/events.json");
/// 2026-11-28T10:20:00Z, a Saturday of the Thanksgiving weekend.
const AT: &str = r#"{"at": 1795861200000}"#;

fn engine() -> Engine {
    Engine::new(POLICY).expect("the example policy loads")
}

/// The benchmark corpus (scripts/orders.mjs): its orders, read once.
fn corpus(engine: &Engine) -> Vec<Order> {
    let path = std::env::var("ORDER_SLA_BENCH_CORPUS").unwrap_or_else(|_| "target/bench/corpus.ndjson".into());
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} (run bench/run.sh, which writes it)"));
    text.lines().map(|l| Order::from_json(engine.policy(), l, None).expect("corpus orders are valid")).collect()
}

/// One quote (the promise's numbers) of the example order.
#[divan::bench]
fn quote_example(b: divan::Bencher) {
    let engine = engine();
    let order =
        Order::from_json(engine.policy(), ORDER, Some(order_sla::civil::Instant(1795861200000))).expect("valid");
    assert!(engine.quote(&order, PromiseOptions::default()).is_ok_and(|q| q.iter().any(Option::is_some)));
    b.bench(|| engine.quote(divan::black_box(&order), PromiseOptions::default()));
}

/// One quote per corpus order, timed over the whole corpus (divide by its length).
#[divan::bench(sample_count = 50)]
fn quote_corpus(b: divan::Bencher) {
    let engine = engine();
    let orders = corpus(&engine);
    b.counter(divan::counter::ItemsCount::new(orders.len())).bench(|| {
        for o in &orders {
            divan::black_box(engine.quote(divan::black_box(o), PromiseOptions::default()).ok());
        }
    });
}

/// The full promise with its explanation, JSON in and out.
#[divan::bench]
fn promise_json_example(b: divan::Bencher) {
    let engine = engine();
    assert!(engine.promise_json(ORDER, AT).is_ok(), "the example order has a promise");
    b.bench(|| engine.promise_json(divan::black_box(ORDER), AT));
}

/// Tracking of one order with ten events: its stored promise against its events, JSON in
/// and out.
#[divan::bench]
fn track_ten_events(b: divan::Bencher) {
    let engine = engine();
    let promise = engine.promise_json(PLACED, "").expect("the placed order has a promise");
    let options = r#"{"now": "2026-12-03T12:00:00Z"}"#;
    assert!(engine.track_json(&promise, EVENTS, options).is_ok(), "the example tracks");
    b.bench(|| engine.track_json(divan::black_box(&promise), EVENTS, options));
}

/// Loading the example policy from JSON.
#[divan::bench]
fn load_policy(b: divan::Bencher) {
    b.bench(engine);
}

/// Loading the example policy and quoting one order: the cold path, with the day tables'
/// first blocks built and the holiday years they need worked out.
#[divan::bench]
fn load_and_first_quote(b: divan::Bencher) {
    b.bench(|| {
        let engine = engine();
        let order =
            Order::from_json(engine.policy(), ORDER, Some(order_sla::civil::Instant(1795861200000))).expect("valid");
        engine.quote(&order, PromiseOptions::default()).map(|q| q.len())
    });
}
