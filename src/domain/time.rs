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

fn parse_iso(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.with_nanosecond(0).unwrap_or(dt));
        }
    }
    // ISO 8601 with an offset: keep the wall-clock time as written.
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|dt| {
        dt.naive_local()
            .with_nanosecond(0)
            .unwrap_or(dt.naive_local())
    })
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
                InputError::new(format!(
                    "'{s}' has no valid time after '{word}'; {WHEN_HELP}"
                ))
            })?;
            return Ok((clock.today() - Duration::days(days_back)).and_time(t));
        }
    }
    if let Some(dt) = parse_iso(s) {
        return Ok(dt);
    }
    // A real-looking date that does not exist (2026-02-30) deserves its own message.
    if let Some(date_part) = s.get(..10) {
        if looks_like_date(date_part) && NaiveDate::parse_from_str(date_part, DATE_FORMAT).is_err()
        {
            return Err(InputError::new(format!(
                "'{date_part}' is not a real date; check the month and day"
            )));
        }
    }
    Err(InputError::new(format!(
        "cannot read time '{s}'; {WHEN_HELP}"
    )))
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
    NaiveDate::parse_from_str(s, DATE_FORMAT).map_err(|_| {
        if looks_like_date(s) {
            InputError::new(format!("'{s}' is not a real date; check the month and day"))
        } else {
            InputError::new(format!(
                "cannot read date '{s}'; use YYYY-MM-DD, 'today' or 'yesterday'"
            ))
        }
    })
}

/// Parses a stored or exported date-time (`YYYY-MM-DDTHH:MM:SS`) strictly.
pub fn parse_stored_datetime(s: &str) -> InputResult<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, DATETIME_FORMAT).map_err(|_| {
        InputError::new(format!(
            "'{s}' is not a local date-time of the form YYYY-MM-DDTHH:MM:SS"
        ))
    })
}

/// Parses a stored or exported date strictly.
pub fn parse_stored_date(s: &str) -> InputResult<NaiveDate> {
    NaiveDate::parse_from_str(s, DATE_FORMAT)
        .map_err(|_| InputError::new(format!("'{s}' is not a date of the form YYYY-MM-DD")))
}
