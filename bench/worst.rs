//! The worst-case benchmark, natively: every case of scripts/hostile.mjs (written into
//! target/bench/worst/ by bench/worst.mjs), timed through the same JSON entry points the
//! wasm build exports, with the peak heap each call takes (a counting allocator: the wasm
//! build's memory grows to about that). Prints one JSON object per case.
//! `cargo bench --bench worst` (bash bench/run.sh runs it after bench/worst.mjs).

use order_sla::{validate_policy, Engine, Order, PromiseOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates to the system allocator; the counters are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: as the caller promised for `ptr` and `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = IN_USE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            IN_USE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: as the caller promised.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One case as bench/worst.mjs wrote it: the documents as the JS API sends them.
struct Case {
    name: String,
    entry: String,
    policy: String,
    input: String,
    options: String,
}

fn field(v: &serde_json::Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

/// One call of the case's entry point; the code of its error, or "ok".
fn call(case: &Case, engine: Option<&Engine>) -> String {
    let outcome = match (case.entry.as_str(), engine) {
        ("validate", _) => validate_policy(&case.policy).map(|_| ()),
        ("promise", Some(e)) => e.promise_json(&case.input, &case.options).map(|_| ()),
        ("quote", Some(e)) => {
            let at = serde_json::from_str::<serde_json::Value>(&case.options).ok();
            let at = at.as_ref().and_then(|o| o["at"].as_str()).and_then(order_sla::civil::Instant::parse);
            Order::from_json(e.policy(), &case.input, at)
                .and_then(|o| e.quote(&o, PromiseOptions::default()))
                .map(|_| ())
        }
        ("track", Some(e)) => {
            let v: serde_json::Value = serde_json::from_str(&case.input).unwrap_or_default();
            let promise = e.promise_json(&v["promise"].to_string(), "");
            promise.and_then(|p| e.track_json(&p, &v["events"].to_string(), &case.options)).map(|_| ())
        }
        ("auditRow", Some(e)) => {
            let now = serde_json::from_str::<serde_json::Value>(&case.options).ok();
            let now = now
                .as_ref()
                .and_then(|o| o["now"].as_str())
                .and_then(order_sla::civil::Instant::parse)
                .map_or(0, |i| i.0);
            e.audit_row_json(&case.input, now).map(|_| ())
        }
        ("latestOrderBy", Some(e)) => e.latest_order_by_json(&case.input).map(|_| ()),
        ("calendar", _) => order_sla::calendar::Calendar::from_json(&case.input).map(|c| {
            let d = order_sla::civil::Date::parse("2026-12-01").unwrap_or(order_sla::civil::MIN_DATE);
            let _ = c.add_working_days(d, 250);
            let _ = c.holidays(2027);
        }),
        _ => Ok(()),
    };
    match outcome {
        Ok(()) => "ok".into(),
        Err(e) => e.code.to_string(),
    }
}

fn main() {
    let dir = std::env::var("ORDER_SLA_WORST_DIR").unwrap_or_else(|_| "target/bench/worst".into());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e} (run node bench/worst.mjs first)"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let only = std::env::args().nth(1).filter(|a| !a.starts_with('-')).unwrap_or_default();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let case = Case {
            name: field(&v, "name"),
            entry: field(&v, "entry"),
            policy: field(&v, "policy"),
            input: field(&v, "input"),
            options: field(&v, "options"),
        };
        if !case.name.contains(&only) {
            continue;
        }
        drop((text, v));
        let engine = if case.entry == "validate" || case.policy.is_empty() {
            None
        } else {
            match Engine::new(&case.policy) {
                Ok(e) => Some(e),
                Err(e) => {
                    eprintln!("{:14} {:48} policy refused: {}", case.entry, case.name, e.code);
                    println!(
                        "{}",
                        serde_json::json!({ "name": case.name, "entry": case.entry, "outcome": format!("policy refused: {}", e.code) })
                    );
                    continue;
                }
            }
        };
        let base = IN_USE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let t0 = Instant::now();
        let outcome = call(&case, engine.as_ref());
        let first = t0.elapsed().as_secs_f64() * 1e3;
        let peak_mb = (PEAK.load(Relaxed) - base) as f64 / (1 << 20) as f64;
        let mut times = vec![first];
        let budget = Instant::now();
        while times.len() < 7 && budget.elapsed().as_secs_f64() * 1e3 + first < 3000.0 {
            let t = Instant::now();
            call(&case, engine.as_ref());
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let ms = times[times.len() / 2];
        let row = serde_json::json!({ "name": case.name, "entry": case.entry, "ms": ms, "peakMB": peak_mb, "outcome": outcome });
        eprintln!("{:14} {:48} {:9.2} ms {:7.1} MB  {}", case.entry, case.name, ms, peak_mb, outcome);
        println!("{row}");
    }
}
