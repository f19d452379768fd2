//! Weekly means of the check-in scales over the history window, for trend
//! charts: the daily series folded into the 7-day weeks ending on the
//! review's last day.

use super::weekly::{DailyHabits, Week};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// One week of a trend: the means of the days that recorded each value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekTrend {
    pub week: Week,
    pub mood: Option<f64>,
    pub energy: Option<f64>,
    pub sleep_hours: Option<f64>,
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .flatten()
        .fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The `weeks` weeks ending on `week_end`, oldest first. Days outside the
/// daily series count as not recorded.
pub fn weekly_trend(daily: &[DailyHabits], week_end: NaiveDate, weeks: u32) -> Vec<WeekTrend> {
    (0..weeks as i64)
        .rev()
        .map(|back| {
            let week = Week::ending(week_end - Duration::days(7 * back));
            let days = || daily.iter().filter(move |d| week.contains(d.date));
            WeekTrend {
                week,
                mood: mean(days().map(|d| d.mood.map(f64::from))),
                energy: mean(days().map(|d| d.energy.map(f64::from))),
                sleep_hours: mean(days().map(|d| d.sleep_hours)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: NaiveDate, mood: Option<u8>, sleep: Option<f64>) -> DailyHabits {
        DailyHabits {
            date,
            mood,
            energy: None,
            stress: None,
            sleep_hours: sleep,
            water_glasses: None,
            movement_minutes: None,
        }
    }

    #[test]
    fn weeks_end_on_the_review_day_and_skip_missing_values() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let daily = vec![
            day(end - Duration::days(8), Some(2), None),
            day(end - Duration::days(7), Some(4), Some(6.0)),
            day(end - Duration::days(6), Some(5), Some(8.0)),
            day(end, None, Some(7.0)),
        ];
        let t = weekly_trend(&daily, end, 3);
        assert_eq!(t.len(), 3);
        assert_eq!(t[2].week, Week::ending(end));
        assert_eq!(t[2].mood, Some(5.0));
        assert_eq!(t[2].sleep_hours, Some(7.5));
        assert_eq!(t[1].mood, Some(3.0));
        assert_eq!(t[1].sleep_hours, Some(6.0));
        assert_eq!(t[0].mood, None);
        assert_eq!(t[0].energy, None);
    }
}
