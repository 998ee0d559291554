//! Explanations: the steps a promise states, each with a stable code (`docs/promise.md`),
//! and their text.

use crate::calendar::DayOff;
use crate::civil::{Date, TimeOfDay};
use crate::json::{Obj, ToJson};
use crate::order::Line;
use crate::policy::Node;
use crate::tz::TimeZone;

/// One step of an explanation, with a stable code (listed in `docs/promise.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub code: &'static str,
    pub date: Option<String>,
    /// The last of consecutive days skipped for one reason (`date` is the first).
    pub through: Option<String>,
    pub text: String,
}

/// The most steps one shipment's explanation lists: the last says how many more there were
/// (a promise across a long closure skips hundreds of days, and a promise has up to
/// `MAX_SERVICES` x `MAX_SHIPMENTS` explanations; see `docs/limits.md`).
pub const MAX_EXPLANATION_STEPS: usize = 128;

/// Collects explanation steps only when asked (the `next` promise needs none), at most
/// [`MAX_EXPLANATION_STEPS`]: past them, steps are counted, not written. Consecutive days
/// skipped for the same reason are one step ("Skipped Sun 6 Dec - Fri 11 Dec (6 days): ...").
pub(crate) struct Explain {
    on: bool,
    steps: Vec<Step>,
    omitted: usize,
    run: Option<Run>,
}

/// Days skipped one after another with one code and reason, not yet written.
struct Run {
    code: &'static str,
    first: Date,
    last: Date,
    reason: String,
}

impl Explain {
    pub(crate) fn new(on: bool) -> Explain {
        Explain { on, steps: Vec::new(), omitted: 0, run: None }
    }

    pub(crate) fn push(&mut self, code: &'static str, date: Option<Date>, text: impl FnOnce() -> String) {
        if self.on {
            self.step(code, date, text());
        }
    }

    /// A skipped day: joins the run of the day before when code and reason are the same.
    pub(crate) fn skip(&mut self, code: &'static str, date: Date, reason: impl FnOnce() -> String) {
        if self.on {
            self.skipped(code, date, reason());
        }
    }

    // The generic methods above are instantiated at each call site; the work is done once here.
    #[inline(never)]
    fn step(&mut self, code: &'static str, date: Option<Date>, text: String) {
        self.flush();
        self.add(Step { code, date: date.map(|d| d.to_string()), through: None, text });
    }

    #[inline(never)]
    fn skipped(&mut self, code: &'static str, date: Date, reason: String) {
        if let Some(run) = self.run.as_mut().filter(|r| r.code == code && r.reason == reason && r.last.succ() == date) {
            run.last = date;
            return;
        }
        self.flush();
        self.run = Some(Run { code, first: date, last: date, reason });
    }

    fn flush(&mut self) {
        if let Some(Run { code, first, last, reason }) = self.run.take() {
            let (text, through) = match first.days_until(last) + 1 {
                1 => (format!("Skipped {}: {reason}", first.short()), None),
                n => (
                    format!("Skipped {} - {} ({n} days): {reason}", first.short(), last.short()),
                    Some(last.to_string()),
                ),
            };
            self.add(Step { code, date: Some(first.to_string()), through, text });
        }
    }

    fn add(&mut self, step: Step) {
        if self.steps.len() + 1 < MAX_EXPLANATION_STEPS {
            self.steps.push(step);
        } else {
            self.omitted += 1;
        }
    }

    /// The steps, with the count of those left out as a last one.
    pub(crate) fn finish(mut self) -> Vec<Step> {
        self.flush();
        match self.omitted {
            0 => {}
            1 => self.steps.push(Step {
                code: "steps_omitted",
                date: None,
                through: None,
                text: "1 more step is not listed".into(),
            }),
            n => self.steps.push(Step {
                code: "steps_omitted",
                date: None,
                through: None,
                text: format!("{n} more steps are not listed"),
            }),
        }
        self.steps
    }
}

/// The explanation of a cutoff or pickup time that a spring-forward gap skips.
pub(crate) fn gap_text(what: &str) -> String {
    format!("The {what} time does not exist that day (clocks go forward): moved forward by the gap")
}

pub(crate) fn local_text(zone: TimeZone, epoch_ms: i64) -> String {
    let offset = zone.offset_at(epoch_ms);
    let (day, ms) = zone.local_parts(epoch_ms);
    let a = offset.unsigned_abs();
    let mut out = Date(day).short();
    out.push(' ');
    TimeOfDay(ms - ms % 60_000).write_to(&mut out);
    out.push_str(if offset < 0 { " (UTC-" } else { " (UTC+" });
    crate::civil::push_digits(&mut out, a / 3600, 2);
    out.push(':');
    crate::civil::push_digits(&mut out, a / 60 % 60, 2);
    out.push(')');
    out
}

pub(crate) fn day_off_text(off: DayOff<'_>, who_does_not: &str) -> String {
    match off {
        DayOff::Weekday(wd) => format!("{who_does_not} on {}", wd.plural()),
        DayOff::Holiday(name) => name.to_string(),
    }
}

/// "engraving +2, gift-wrap +1 (line FLASK)" for an explanation.
pub(crate) fn describe_extra(node: &Node, line: Option<&Line>) -> String {
    let Some(line) = line else { return String::new() };
    let what =
        crate::civil::join(node.extra_days(&line.sku, &line.tags).iter().map(|(w, n)| format!("{w} +{n}")), ", ");
    format!("{what} (line {})", line.sku)
}

impl ToJson for Step {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .str("code", self.code)
            .opt_str("date", self.date.as_deref())
            .opt_str("through", self.through.as_deref())
            .str("text", &self.text)
            .end();
    }
}
