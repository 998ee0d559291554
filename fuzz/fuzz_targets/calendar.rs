//! A calendar definition's JSON (`calendar(definition)`) and queries on it: the first line is
//! the definition, the rest dates and offsets.
#![no_main]
use libfuzzer_sys::fuzz_target;
use order_sla::calendar::Calendar;
use order_sla::civil::Date;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (definition, rest) = text.split_once('\n').unwrap_or((text, "2026-12-24"));
    let Ok(cal) = Calendar::from_json(definition) else { return };
    for word in rest.split_whitespace().take(8) {
        if let Some(d) = Date::parse(word) {
            let _ = cal.day_off(d);
            let _ = cal.next_working_day(d);
            let _ = cal.previous_working_day(d);
            let _ = cal.add_working_days(d, 45);
            let _ = cal.add_working_days(d, -45);
            let _ = cal.working_days_between(d, Date::parse("2026-01-01").expect("a date"));
            let _ = cal.holidays(d.year());
        }
    }
});
