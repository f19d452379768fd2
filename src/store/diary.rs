//! The records a review reads, for a range of dates, through the indexed
//! range queries of the other store modules: the cost follows the range,
//! not the size of the whole diary.

use super::error::StoreResult;
use super::Store;
use crate::domain::time::fmt_date;
use crate::domain::{Diary, HabitTick};
use chrono::{Duration, NaiveDate};

impl Store {
    /// Everything logged on dates `from` to `to` (both included), plus the
    /// plan runs that overlap those dates.
    pub fn diary(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<Diary> {
        let start = from.and_hms_opt(0, 0, 0).expect("midnight exists");
        let end = (to + Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists");
        Ok(Diary {
            meals: self.meals_between(start, end)?,
            symptoms: self.symptoms_between(start, end)?,
            stools: self.stools_between(start, end)?,
            checkins: self.checkins_between(from, to)?,
            intakes: self.intakes_between(start, end)?,
            red_flags: self.red_flags_between(from, to)?,
            habit_ticks: self
                .habits_between(from, to)?
                .into_iter()
                .map(|(date, habit)| HabitTick { date, habit })
                .collect(),
            plan_runs: self.plan_runs_between(from, to)?,
            food_tags: self.food_tags()?,
            food_parts: self.food_parts()?,
        })
    }

    /// Plan runs whose seven days overlap `from..=to`, oldest first.
    fn plan_runs_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<crate::domain::PlanRun>> {
        let earliest = from - Duration::days(crate::domain::PLAN_DAYS as i64 - 1);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM plan_runs WHERE started_on >= ?1 AND started_on <= ?2
             ORDER BY started_on, created_at, id",
        )?;
        let ids = stmt
            .query_map([fmt_date(earliest), fmt_date(to)], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        ids.iter().map(|id| self.plan_run(id)).collect()
    }
}
