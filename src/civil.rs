//! Civil (calendar) dates, times of day and UTC instants, with the strict text forms
//! policies and orders use.
//!
//! The engine works on three plain numbers: a [`Date`] is days since 1970-01-01, a
//! [`TimeOfDay`] is milliseconds since local midnight, an [`Instant`] is milliseconds since
//! the Unix epoch in UTC. Keeping them as integers makes comparisons exact to the
//! millisecond (the cutoff rule depends on that) and keeps string work off the hot path.

use std::fmt;

/// Earliest date the engine accepts (zone data starts here too).
pub const MIN_DATE: Date = Date(10957); // 2000-01-01
/// Latest date the engine accepts.
pub const MAX_DATE: Date = Date(84005); // 2199-12-31
/// The years of [`MIN_DATE`] and [`MAX_DATE`].
pub const MIN_YEAR: i32 = 2000;
pub const MAX_YEAR: i32 = 2199;

pub(crate) const MS_PER_DAY: i64 = 86_400_000;

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub(crate) i32);

/// A day of the week, Monday first (ISO 8601).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

pub(crate) const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
pub(crate) const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_ABBR: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Weekday {
    /// 0 for Monday .. 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }
    /// The policy key: `mon`, `tue`, ...
    pub fn key(self) -> &'static str {
        WEEKDAY_KEYS[self.index()]
    }
    /// The English name: `Monday`, ...
    pub fn name(self) -> &'static str {
        WEEKDAY_NAMES[self.index()]
    }
    /// The three-letter English abbreviation: `Mon`, ...
    pub fn abbr(self) -> &'static str {
        // A table, not a slice of the name: slicing text can panic, and the panic's
        // formatting machinery costs the lean build about 1.5 KB.
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self.index()]
    }
    /// Plural for explanations: "Saturdays".
    pub(crate) fn plural(self) -> String {
        format!("{}s", self.name())
    }
    #[cfg(feature = "full")]
    pub(crate) fn from_key(key: &str) -> Option<Weekday> {
        WEEKDAY_KEYS.iter().position(|k| *k == key).map(|i| WEEKDAYS[i])
    }
}

pub(crate) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date for a year, month (1-12) and day, or `None` when it does not exist or is
    /// outside 2000-01-01..=2199-12-31.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let date = Date(days_from_civil(year, month, day));
        (MIN_DATE..=MAX_DATE).contains(&date).then_some(date)
    }

    /// Year, month (1-12) and day of month.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The year alone (faster than `ymd().0`).
    pub fn year(self) -> i32 {
        year_of_days(self.0)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        WEEKDAYS[(self.0 + 3).rem_euclid(7) as usize]
    }

    /// The following day. Callers stay inside the supported range, which keeps this far
    /// from overflow.
    pub fn succ(self) -> Date {
        Date(self.0 + 1)
    }

    pub fn pred(self) -> Date {
        Date(self.0 - 1)
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i32 {
        other.0 - self.0
    }

    pub(crate) fn add_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    /// Midnight at the start of this date, as milliseconds on a UTC-like local time line.
    pub(crate) fn start_ms(self) -> i64 {
        self.0 as i64 * MS_PER_DAY
    }

    /// Parses `YYYY-MM-DD` strictly.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::from_ymd(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)
    }

    /// "Tue 1 Dec" (the short form explanations use).
    pub fn short(self) -> String {
        let (_, m, d) = self.ymd();
        format!("{} {} {}", self.weekday().abbr(), d, MONTH_ABBR[(m - 1) as usize])
    }
}

impl Date {
    /// `YYYY-MM-DD` onto `out`.
    pub(crate) fn write_to(self, out: &mut String) {
        let (y, m, d) = self.ymd();
        push_digits(out, y.unsigned_abs(), 4);
        out.push('-');
        push_digits(out, m, 2);
        out.push('-');
        push_digits(out, d, 2);
    }
}

/// `parts` with `sep` between them: the standard library's `join` costs the lean build a
/// kilobyte (it is generic over separators and copies through raw pointers).
pub(crate) fn join<S: AsRef<str>>(parts: impl IntoIterator<Item = S>, sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// `value`'s last `width` decimal digits onto `out`, zeros in front: dates and times are
/// written digit by digit (the formatting machinery's padding costs the lean build its size).
pub(crate) fn push_digits(out: &mut String, value: u32, width: u32) {
    for i in (0..width).rev() {
        out.push(char::from(b'0' + (value / 10u32.pow(i) % 10) as u8));
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(10);
        self.write_to(&mut out);
        f.write_str(&out)
    }
}

/// A time of day as milliseconds since local midnight; `24:00` (end of day) is allowed
/// where a policy describes the end of a working window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(pub(crate) u32);

impl TimeOfDay {
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(86_400_000);

    /// Parses `HH:MM`, `HH:MM:SS` or `HH:MM:SS.sss` (00:00 to 23:59:59.999), plus `24:00`.
    pub fn parse(s: &str) -> Option<TimeOfDay> {
        if s == "24:00" {
            return Some(TimeOfDay::END_OF_DAY);
        }
        let b = s.as_bytes();
        if b.len() < 5 || b[2] != b':' {
            return None;
        }
        let (h, m) = (digits(&b[0..2])?, digits(&b[3..5])?);
        let (mut sec, mut ms) = (0, 0);
        if b.len() > 5 {
            if b.len() < 8 || b[5] != b':' {
                return None;
            }
            sec = digits(&b[6..8])?;
            if b.len() > 8 {
                if b.len() != 12 || b[8] != b'.' {
                    return None;
                }
                ms = digits(&b[9..12])?;
            }
        }
        (h < 24 && m < 60 && sec < 60).then_some(TimeOfDay(((h * 60 + m) * 60 + sec) * 1000 + ms))
    }

    pub fn ms(self) -> u32 {
        self.0
    }
}

impl TimeOfDay {
    /// `HH:MM`, with `:SS` and `.sss` when not zero, onto `out`.
    pub(crate) fn write_to(self, out: &mut String) {
        let (h, m, s, ms) = (self.0 / 3_600_000, self.0 / 60_000 % 60, self.0 / 1000 % 60, self.0 % 1000);
        push_digits(out, h, 2);
        out.push(':');
        push_digits(out, m, 2);
        if s != 0 || ms != 0 {
            out.push(':');
            push_digits(out, s, 2);
        }
        if ms != 0 {
            out.push('.');
            push_digits(out, ms, 3);
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(12);
        self.write_to(&mut out);
        f.write_str(&out)
    }
}

/// A point in time: milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub i64);

impl Instant {
    /// Parses RFC 3339 (`2026-11-27T13:59:59.999-05:00`, `...Z`), years 0000-9999 (the
    /// engine's range is checked where an instant is read). An offset is required:
    /// a local time without one means different instants in different places. Digits
    /// after the milliseconds are truncated, which keeps comparisons with millisecond
    /// boundaries exact.
    pub fn parse(s: &str) -> Option<Instant> {
        let b = s.as_bytes();
        if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        // Any year 0000-9999, so that a well-formed instant outside the engine's range is
        // told so by the range check, not called malformed.
        let (y, mo, d) = (digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?);
        if b[4] != b'-' || b[7] != b'-' || !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) {
            return None;
        }
        let date = Date(days_from_civil(y, mo, d));
        let (h, m, sec) = (digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?);
        if h > 23 || m > 59 || sec > 59 {
            return None;
        }
        let mut i = 19;
        let mut ms = 0u32;
        if b[i] == b'.' {
            let start = i + 1;
            i = start;
            while i < b.len() && b[i].is_ascii_digit() {
                if i - start < 3 {
                    ms = ms * 10 + (b[i] - b'0') as u32;
                }
                i += 1;
            }
            let n = i - start;
            if n == 0 || n > 9 {
                return None;
            }
            for _ in n..3 {
                ms *= 10;
            }
        }
        let offset_s: i64 = match b.get(i..)? {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (oh, om) = (digits(&[*h1, *h2])? as i64, digits(&[*m1, *m2])? as i64);
                if oh > 23 || om > 59 {
                    return None;
                }
                let v = oh * 3600 + om * 60;
                if *sign == b'-' {
                    -v
                } else {
                    v
                }
            }
            _ => return None,
        };
        let local = date.start_ms() + (((h * 60 + m) * 60 + sec) * 1000 + ms) as i64;
        Some(Instant(local - offset_s * 1000))
    }

    /// The UTC form, `2026-11-27T18:59:59.999Z` (milliseconds only when not zero).
    pub fn to_utc_string(self) -> String {
        format_local(self.0, 0)
    }
}

/// Formats `epoch ms + offset` as RFC 3339 with the given offset (seconds east of UTC).
pub(crate) fn format_local(epoch_ms: i64, offset_s: i32) -> String {
    let local = epoch_ms + offset_s as i64 * 1000;
    let date = Date(local.div_euclid(MS_PER_DAY) as i32);
    let time = TimeOfDay(local.rem_euclid(MS_PER_DAY) as u32);
    let (h, m, s, ms) = (time.0 / 3_600_000, time.0 / 60_000 % 60, time.0 / 1000 % 60, time.0 % 1000);
    let mut out = String::with_capacity(29);
    date.write_to(&mut out);
    out.push('T');
    for (i, v) in [h, m, s].into_iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        push_digits(&mut out, v, 2);
    }
    if ms != 0 {
        out.push('.');
        push_digits(&mut out, ms, 3);
    }
    if offset_s == 0 {
        out.push('Z');
    } else {
        out.push(if offset_s < 0 { '-' } else { '+' });
        let a = offset_s.unsigned_abs();
        push_digits(&mut out, a / 3600, 2);
        out.push(':');
        push_digits(&mut out, a / 60 % 60, 2);
        if a % 60 != 0 {
            out.push(':');
            push_digits(&mut out, a % 60, 2);
        }
    }
    out
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32))
}

// Howard Hinnant's algorithms (http://howardhinnant.github.io/date_algorithms.html),
// exact for the proleptic Gregorian calendar.
pub(crate) const fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    era * 146_097 + doe - 719_468
}

/// Day numbers of 1 January for 1999..=2201, computed at compile time: a year lookup is
/// then an estimate and one comparison, on the hottest path of every promise.
const FIRST_TABLE_YEAR: i32 = 1999;
static YEAR_STARTS: [i32; 203] = {
    let mut t = [0; 203];
    let mut i = 0;
    while i < 203 {
        t[i] = days_from_civil(FIRST_TABLE_YEAR + i as i32, 1, 1);
        i += 1;
    }
    t
};

/// The year of day number `z` (days since 1970-01-01).
pub(crate) fn year_of_days(z: i32) -> i32 {
    let first = YEAR_STARTS[0];
    // 366 days a year at most, so the estimate is the year or the one after it.
    let Some(i) = usize::try_from((z - first) / 365).ok().filter(|i| z >= first && i + 1 < YEAR_STARTS.len()) else {
        return civil_from_days(z).0;
    };
    let i = match YEAR_STARTS.get(i) {
        Some(start) if z < *start => i.saturating_sub(1),
        _ => i,
    };
    FIRST_TABLE_YEAR + i as i32
}

pub(crate) fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_year_bounds_are_those_of_the_date_bounds() {
        assert_eq!((MIN_DATE.ymd(), MAX_DATE.ymd()), ((MIN_YEAR, 1, 1), (MAX_YEAR, 12, 31)));
    }

    #[test]
    fn the_fast_year_lookup_agrees_with_the_calendar_algorithm() {
        for z in days_from_civil(1990, 1, 1)..days_from_civil(2210, 12, 31) {
            assert_eq!(year_of_days(z), civil_from_days(z).0, "day {z}");
        }
    }

    use super::*;

    #[test]
    fn civil_round_trip_over_the_supported_range() {
        let mut d = MIN_DATE;
        let mut expected_weekday = Weekday::Sat.index(); // 2000-01-01
        while d <= MAX_DATE {
            let (y, m, day) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, day), Some(d));
            assert_eq!(d.weekday().index(), expected_weekday);
            expected_weekday = (expected_weekday + 1) % 7;
            d = d.succ();
        }
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(Date::parse("2028-02-29").map(|d| d.to_string()), Some("2028-02-29".into()));
        for bad in ["2027-02-29", "2026-13-01", "2026-1-01", "1999-12-31", "2200-01-01", "2026-12-0x", ""] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2026-12-01").map(Date::short), Some("Tue 1 Dec".into()));
    }

    #[test]
    fn times_parse_strictly() {
        assert_eq!(TimeOfDay::parse("14:00"), Some(TimeOfDay(50_400_000)));
        assert_eq!(TimeOfDay::parse("13:59:59.999"), Some(TimeOfDay(50_399_999)));
        assert_eq!(TimeOfDay::parse("24:00"), Some(TimeOfDay::END_OF_DAY));
        for bad in ["25:00", "24:01", "9:00", "12:60", "12:00:60", "12:00:00.5", "noon"] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn instants_parse_with_offsets_and_truncate_below_a_millisecond() {
        let a = Instant::parse("2026-11-27T13:59:59.999-05:00").unwrap();
        assert_eq!(a.to_utc_string(), "2026-11-27T18:59:59.999Z");
        assert_eq!(Instant::parse("2026-11-27T18:59:59.9999999Z"), Some(a));
        assert_eq!(Instant::parse("2026-11-27T18:59:59.999z"), Some(a));
        assert_eq!(format_local(a.0, 19_800), "2026-11-28T00:29:59.999+05:30");
        for bad in [
            "2026-11-27T13:59:59",
            "2026-11-27",
            "2026-11-27T24:00:00Z",
            "2026-11-27T10:00:00+5:00",
            "2026-11-27T10:00:00.Z",
            "1999-02-29T00:00:00Z",
        ] {
            assert_eq!(Instant::parse(bad), None, "{bad}");
        }
        // Any year parses; the engine's range is checked where instants are read.
        assert_eq!(Instant::parse("1970-01-01T00:00:00Z"), Some(Instant(0)));
        assert_eq!(Instant::parse("0000-03-01T00:00:00Z").map(|t| t.0), Some(-62_162_035_200_000));
        assert_eq!(Instant::parse("2200-01-01T00:00:00Z").map(|t| t.0), Some(7_258_118_400_000));
    }
}
