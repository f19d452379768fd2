//! The first and last dates with anything logged, so a whole-diary export
//! can ask `Store::diary` for exactly the dates there are.

use super::error::StoreResult;
use super::records::date_col;
use super::Store;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

impl Store {
    /// The earliest and latest dates of any entry, or None for an empty diary.
    pub fn date_span(&self) -> StoreResult<Option<(NaiveDate, NaiveDate)>> {
        // Each MIN/MAX on an indexed column is one index lookup.
        let row = self
            .conn
            .query_row(
                "SELECT MIN(d), MAX(d) FROM (
                   SELECT substr(MIN(at), 1, 10) AS d FROM meals
                   UNION ALL SELECT substr(MAX(at), 1, 10) FROM meals
                   UNION ALL SELECT substr(MIN(at), 1, 10) FROM symptom_ratings
                   UNION ALL SELECT substr(MAX(at), 1, 10) FROM symptom_ratings
                   UNION ALL SELECT substr(MIN(at), 1, 10) FROM stools
                   UNION ALL SELECT substr(MAX(at), 1, 10) FROM stools
                   UNION ALL SELECT substr(MIN(at), 1, 10) FROM intakes
                   UNION ALL SELECT substr(MAX(at), 1, 10) FROM intakes
                   UNION ALL SELECT MIN(date) FROM checkins
                   UNION ALL SELECT MAX(date) FROM checkins
                   UNION ALL SELECT MIN(date) FROM red_flags
                   UNION ALL SELECT MAX(date) FROM red_flags
                   UNION ALL SELECT MIN(date) FROM habit_ticks
                   UNION ALL SELECT MAX(date) FROM habit_ticks
                   UNION ALL SELECT MIN(started_on) FROM plan_runs
                   UNION ALL SELECT substr(MAX(done_at), 1, 10) FROM plan_ticks
                 ) WHERE d IS NOT NULL HAVING COUNT(*) > 0",
                [],
                |r| Ok((date_col(r, 0)?, date_col(r, 1)?)),
            )
            .optional()?;
        Ok(row)
    }
}
