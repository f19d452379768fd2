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
    NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s.trim(), "%H:%M:%S"))
        .ok()
}

const WHEN_HELP: &str = "use HH:MM, 'yesterday HH:MM', 'YYYY-MM-DD HH:MM' or ISO 8601 \
                         (2026-11-20T19:30:00)";

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
