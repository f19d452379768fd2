//! Clock and the date/time formats people type.
//!
//! Nothing below reads the wall clock: callers pass a `Clock`, so tests and
//! snapshots never depend on today's date or the machine's time zone.

use super::error::{InputError, InputResult};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// "Now" as local wall-clock time, fixed for the length of one command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    now: NaiveDateTime,
}

impl Clock {
    pub fn fixed(now: NaiveDateTime) -> Self {
        Clock {
            now: now.with_nanosecond(0).unwrap_or(now),
        }
    }

    /// The machine's local time, unless `GUTLOG_NOW` (a hidden test hook)
    /// holds a date-time.
    pub fn from_env() -> InputResult<Self> {
        match std::env::var("GUTLOG_NOW") {
            Ok(s) if !s.trim().is_empty() => {
                let now = parse_iso(&s).ok_or_else(|| {
                    InputError::new(format!(
                        "GUTLOG_NOW '{s}' is not a date-time; use YYYY-MM-DDTHH:MM:SS"
                    ))
                })?;
                Ok(Clock::fixed(now))
            }
            _ => Ok(Clock::fixed(chrono::Local::now().naive_local())),
        }
    }

    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

pub const DATE_FORMAT: &str = "%Y-%m-%d";
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Formats a date-time the way it is stored and exported.
pub fn fmt_datetime(at: NaiveDateTime) -> String {
    at.format(DATETIME_FORMAT).to_string()
}

pub fn fmt_date(d: NaiveDate) -> String {
    d.format(DATE_FORMAT).to_string()
}

/// Digits where `pattern` has `9`, the same character elsewhere.
fn shaped(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
            b'9' => c.is_ascii_digit(),
            _ => c == p,
        })
}

/// The one strict reading of a date: exactly `YYYY-MM-DD`, a real date
/// with a four-digit year (0000–9999), as the diary's tables require.
fn strict_date(s: &str) -> Option<NaiveDate> {
    if !shaped(s, "9999-99-99") {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)
}

/// The one strict reading of a time of day: `H:MM` or `HH:MM`, and when
/// `seconds` allows, `HH:MM:SS` (with a dropped `.fraction` only where
/// typed). Hours 00–23, minutes and seconds 00–59: no leap second.
fn strict_time(s: &str, seconds: Seconds) -> Option<NaiveTime> {
    let (hm, sec) = match s.len() {
        4 | 5 if seconds != Seconds::Required => (s, None),
        _ => (s.get(..5)?, Some(s.get(5..)?)),
    };
    let hm = if hm.len() == 4 {
        format!("0{hm}")
    } else {
        hm.to_string()
    };
    if !shaped(&hm, "99:99") {
        return None;
    }
    let sec = match sec {
        None => 0,
        Some(rest) => {
            let (whole, fraction) = match rest.get(3..) {
                Some(f) if !f.is_empty() => (&rest[..3], Some(f)),
                _ => (rest, None),
            };
            if !shaped(whole, ":99") {
                return None;
            }
            if let Some(f) = fraction {
                let digits = f.strip_prefix('.')?;
                if seconds != Seconds::Typed
                    || digits.is_empty()
                    || digits.len() > 9
                    || !digits.bytes().all(|c| c.is_ascii_digit())
                {
                    return None;
                }
            }
            whole[1..].parse().ok()?
        }
    };
    NaiveTime::from_hms_opt(hm[..2].parse().ok()?, hm[3..].parse().ok()?, sec)
}

/// Which time forms a reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seconds {
    /// As people type it: `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
    Typed,
    /// As stored and exported: exactly `HH:MM:SS`.
    Required,
}

/// The one strict reading of a date-time: a strict date, `T` (or, typed,
/// a space), a strict time. Never an offset, a leap second or a year
/// outside 0000–9999.
fn strict_datetime(s: &str, seconds: Seconds) -> Option<NaiveDateTime> {
    let date = strict_date(s.get(..10)?)?;
    let rest = s.get(10..)?;
    let time = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix(' ').filter(|_| seconds == Seconds::Typed))?;
    Some(date.and_time(strict_time(time, seconds)?))
}

/// Why a date or time that the strict readers refused is wrong, when the
/// reason is one people meet: a year that is not four digits, a leap
/// second, a time-zone offset, a day that does not exist.
fn diagnose(s: &str) -> Option<InputError> {
    let digits = s.trim_start_matches(['+', '-']);
    let year_len = digits.bytes().take_while(u8::is_ascii_digit).count();
    if digits.as_bytes().get(year_len) == Some(&b'-') && (digits.len() != s.len() || year_len > 4) {
        return Some(InputError::new(format!(
            "'{s}' has a year gutlog cannot store; write the year with four digits, 0000–9999"
        )));
    }
    let b = s.as_bytes();
    let time_at = if b.len() > 10 && matches!(b[10], b'T' | b' ') {
        11
    } else {
        0
    };
    let time = &s[time_at.min(s.len())..];
    if let Some(sec) = time
        .get(..8)
        .filter(|t| shaped(t, "99:99:99"))
        .map(|t| &t[6..])
        .filter(|sec| *sec >= "60")
    {
        return Some(InputError::new(format!(
            "'{s}' has second {sec}; seconds run from 00 to 59 (leap seconds are not recorded)"
        )));
    }
    if time_at == 11
        && time
            .get(5..)
            .is_some_and(|t| t.contains(['Z', 'z', '+', '-']))
    {
        return Some(InputError::new(format!(
            "'{s}' has a time-zone offset; gutlog keeps local wall-clock time, so leave the \
             offset out (e.g. 2026-11-20T19:30:00)"
        )));
    }
    if let Some(date_part) = s.get(..10) {
        if looks_like_date(date_part) && strict_date(date_part).is_none() {
            return Some(InputError::new(format!(
                "'{date_part}' is not a real date; check the month and day"
            )));
        }
    }
    None
}

fn parse_iso(s: &str) -> Option<NaiveDateTime> {
    strict_datetime(s.trim(), Seconds::Typed)
}

fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    parse_time_of_day(s).ok()
}

/// How to type a time of day, for messages.
pub const TIME_OF_DAY_HELP: &str = "type e.g. 8, 830, 8:30, 20:30 or 8pm";

/// Parses a time of day the way people type it: `8`, `830`, `0830`,
/// `8:30`, `20:30`, `8pm`, `8:30am`, `12am` (midnight), also `8.30` and
/// `HH:MM:SS`. One or two digits are an hour; three or four are hours and
/// minutes. The one parser for the CLI's `--at` and every TUI time field.
pub fn parse_time_of_day(input: &str) -> InputResult<NaiveTime> {
    let bad = || {
        InputError::new(format!(
            "time '{}' is not a time of day; {TIME_OF_DAY_HELP}",
            input.trim()
        ))
    };
    let lower = input.trim().to_lowercase();
    let (body, meridiem) = match lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("a.m."))
        .map(|b| (b, Some(false)))
        .or_else(|| {
            lower
                .strip_suffix("pm")
                .or_else(|| lower.strip_suffix("p.m."))
                .map(|b| (b, Some(true)))
        }) {
        Some((b, m)) => (b.trim_end(), m),
        None => (lower.as_str(), None),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    {
        return Err(bad());
    }
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let parts: Vec<&str> = body.split([':', '.']).collect();
    let (h, m, sec) = match parts.as_slice() {
        [digits] => match digits.len() {
            1 | 2 => (number(digits).ok_or_else(bad)?, 0, 0),
            3 | 4 => {
                let split = digits.len() - 2;
                (
                    number(&digits[..split]).ok_or_else(bad)?,
                    number(&digits[split..]).ok_or_else(bad)?,
                    0,
                )
            }
            _ => return Err(bad()),
        },
        [h, m] if m.len() == 2 => (number(h).ok_or_else(bad)?, number(m).ok_or_else(bad)?, 0),
        [h, m, s] if m.len() == 2 && s.len() == 2 && meridiem.is_none() => (
            number(h).ok_or_else(bad)?,
            number(m).ok_or_else(bad)?,
            number(s).ok_or_else(bad)?,
        ),
        _ => return Err(bad()),
    };
    let h = match meridiem {
        None if h <= 23 => h,
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        _ => return Err(bad()),
    };
    if m > 59 || sec > 59 {
        return Err(bad());
    }
    NaiveTime::from_hms_opt(h, m, sec).ok_or_else(bad)
}

/// How far ahead of now an entry may be: a meal about to be eaten, a
/// tablet about to be taken. One rule for the CLI, the TUI and nothing else.
pub const MAX_AHEAD: Duration = Duration::hours(1);

/// Refuses a time more than `MAX_AHEAD` after `now`, saying why.
pub fn check_not_ahead(at: NaiveDateTime, now: NaiveDateTime) -> InputResult<NaiveDateTime> {
    if at > now + MAX_AHEAD {
        return Err(InputError::new(format!(
            "{} is more than an hour from now ({}); gutlog records what already happened, \
             so check the date and the time",
            at.format("%Y-%m-%d %H:%M"),
            now.format("%Y-%m-%d %H:%M")
        )));
    }
    Ok(at)
}

/// Refuses a date after today, saying why.
pub fn check_not_future_date(date: NaiveDate, today: NaiveDate) -> InputResult<NaiveDate> {
    if date > today {
        return Err(InputError::new(format!(
            "{date} is in the future; gutlog records what already happened, so give today or an earlier date"
        )));
    }
    Ok(date)
}

const WHEN_HELP: &str = "use HH:MM (or 8, 830, 8pm), 'yesterday HH:MM', 'YYYY-MM-DD HH:MM' \
                         or ISO 8601 (2026-11-20T19:30:00)";

/// Parses WHEN: `HH:MM` (today), `yesterday HH:MM`, `YYYY-MM-DD HH:MM` or
/// ISO 8601. Also accepts `now`.
pub fn parse_when(input: &str, clock: &Clock) -> InputResult<NaiveDateTime> {
    let s = input.trim();
    let lower = s.to_lowercase();
    if lower == "now" {
        return Ok(clock.now());
    }
    if let Some(t) = parse_hhmm(s) {
        return Ok(clock.today().and_time(t));
    }
    for (word, days_back) in [("yesterday", 1), ("today", 0)] {
        if let Some(rest) = lower.strip_prefix(word) {
            let rest = rest.trim();
            let t = parse_hhmm(rest).ok_or_else(|| {
                diagnose(rest).unwrap_or_else(|| {
                    InputError::new(format!(
                        "'{s}' has no valid time after '{word}'; {WHEN_HELP}"
                    ))
                })
            })?;
            return Ok((clock.today() - Duration::days(days_back)).and_time(t));
        }
    }
    if let Some(dt) = parse_iso(s) {
        return Ok(dt);
    }
    // A year, second or date that cannot be deserves its own message.
    Err(diagnose(s)
        .unwrap_or_else(|| InputError::new(format!("cannot read time '{s}'; {WHEN_HELP}"))))
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Parses DATE: `YYYY-MM-DD`, `today` or `yesterday`.
pub fn parse_date(input: &str, clock: &Clock) -> InputResult<NaiveDate> {
    let s = input.trim();
    match s.to_lowercase().as_str() {
        "today" => return Ok(clock.today()),
        "yesterday" => return Ok(clock.today() - Duration::days(1)),
        _ => {}
    }
    strict_date(s).ok_or_else(|| {
        diagnose(s).unwrap_or_else(|| {
            InputError::new(format!(
                "cannot read date '{s}'; use YYYY-MM-DD, 'today' or 'yesterday'"
            ))
        })
    })
}

/// Parses a stored or exported date-time (`YYYY-MM-DDTHH:MM:SS`) strictly.
pub fn parse_stored_datetime(s: &str) -> InputResult<NaiveDateTime> {
    strict_datetime(s, Seconds::Required).ok_or_else(|| {
        diagnose(s).unwrap_or_else(|| {
            InputError::new(format!(
                "'{s}' is not a local date-time of the form YYYY-MM-DDTHH:MM:SS"
            ))
        })
    })
}

/// Parses a stored or exported date strictly.
pub fn parse_stored_date(s: &str) -> InputResult<NaiveDate> {
    strict_date(s).ok_or_else(|| {
        diagnose(s).unwrap_or_else(|| {
            InputError::new(format!("'{s}' is not a date of the form YYYY-MM-DD"))
        })
    })
}

/// The nearest day before `date` that ends a calendar week starting on
/// `first` (with weeks from Monday: the Sunday before).
pub fn week_end_before(date: NaiveDate, first: chrono::Weekday) -> NaiveDate {
    let last = first.pred();
    let mut d = date - Duration::days(1);
    while chrono::Datelike::weekday(&d) != last {
        d -= Duration::days(1);
    }
    d
}

/// The nearest day after `date` that ends a calendar week starting on
/// `first`.
pub fn week_end_after(date: NaiveDate, first: chrono::Weekday) -> NaiveDate {
    week_end_before(date + Duration::days(8), first)
}

#[cfg(test)]
mod week_tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn calendar_week_ends_follow_the_first_day_of_the_week() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        // Friday 20 November 2026.
        assert_eq!(week_end_before(d(20), Weekday::Mon), d(15));
        assert_eq!(week_end_before(d(15), Weekday::Mon), d(8));
        assert_eq!(week_end_after(d(8), Weekday::Mon), d(15));
        assert_eq!(week_end_after(d(20), Weekday::Mon), d(22));
        assert_eq!(week_end_before(d(20), Weekday::Sun), d(14));
        assert_eq!(week_end_after(d(14), Weekday::Sun), d(21));
        assert_eq!(
            week_end_before(d(20), Weekday::Sat),
            d(20) - Duration::days(7)
        );
    }
}
