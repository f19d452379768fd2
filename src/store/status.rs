//! The lean, read-only side of the store for commands that run at every
//! shell prompt or TAB press (`gutlog status`, completions): open without
//! creating, migrating, tightening or backing up anything, and answer with
//! counts instead of records.

use super::error::{StoreError, StoreResult};
use super::schema::Schema;
use super::{files, inspect, Store, LATEST_VERSION};
use crate::domain::status::{DayStatus, PlanStep};
use crate::domain::time::fmt_date;
use crate::domain::PLAN_DAYS;
use chrono::{Duration, NaiveDate};
use rusqlite::{named_params, OptionalExtension};
use std::path::Path;

/// The check-in has at least one field recorded.
const CHECKIN_RECORDED: &str = "(mood IS NOT NULL OR energy IS NOT NULL OR stress IS NOT NULL
     OR sleep_hours IS NOT NULL OR water_glasses IS NOT NULL OR movement_minutes IS NOT NULL
     OR note IS NOT NULL)";

impl Store {
    /// Opens an existing diary for reading only. Nothing is created,
    /// migrated or backed up, and nothing can be written through it. A
    /// missing file (or one gutlog created but never wrote to) gives
    /// `None`: there is nothing logged. Foreign files and diaries from a
    /// newer gutlog are refused as `Store::open` refuses them; a diary that
    /// still needs an upgrade is refused with the command that upgrades it.
    pub fn open_read_only(path: &Path) -> StoreResult<Option<Store>> {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(StoreError::Other(format!(
                    "cannot read {}: {e}",
                    path.display()
                )))
            }
            Ok(m) if m.is_dir() => {
                return Err(StoreError::NotADiary(format!(
                    "{} is a directory, not a diary file; give a file path with --db",
                    path.display()
                )))
            }
            Ok(m) if m.len() == 0 => return Ok(None),
            Ok(_) => {}
        }
        let refused = |r| StoreError::refused(path, r);
        if inspect::header(path).map_err(refused)?.is_none() {
            return Ok(None);
        }
        let conn = files::open_read_only(path, false).map_err(|e| StoreError::open(path, e))?;
        // Readers wait for no one in WAL mode; this covers a checkpoint's
        // brief exclusive moment.
        conn.busy_timeout(std::time::Duration::from_millis(2_000))?;
        // The same judgement `Store::open` makes: foreign, altered and newer
        // files are refused; an empty database has nothing logged.
        let schema = Schema::read(&conn)?;
        if !inspect::judge(&schema).map_err(refused)? {
            return Ok(None);
        }
        let version = schema.version;
        if version < LATEST_VERSION {
            return Err(StoreError::Other(format!(
                "{} uses schema version {version} and needs an upgrade first; run any other \
                 gutlog command once (for example `gutlog day`; a backup is kept), then try again",
                path.display()
            )));
        }
        Ok(Some(Store {
            conn,
            path: Some(path.to_path_buf()),
            warnings: Vec::new(),
        }))
    }

    /// How complete `date`'s log is, counted in one query on the indexes.
    pub fn day_status(&self, date: NaiveDate) -> StoreResult<DayStatus> {
        let start = date.and_hms_opt(0, 0, 0).expect("midnight exists");
        let end = start + Duration::days(1);
        let (meals, symptoms_rated, checkin) = self.conn.query_row(
            &format!(
                "SELECT
                    (SELECT count(*) FROM meals WHERE at >= :start AND at < :end),
                    (SELECT count(DISTINCT symptom) FROM symptom_ratings
                       WHERE at >= :start AND at < :end),
                    EXISTS (SELECT 1 FROM checkins WHERE date = :date AND {CHECKIN_RECORDED})"
            ),
            named_params! {
                ":start": crate::domain::time::fmt_datetime(start),
                ":end": crate::domain::time::fmt_datetime(end),
                ":date": fmt_date(date),
            },
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(DayStatus {
            date,
            meals,
            symptoms_rated,
            checkin,
            plan: self.plan_step_on(date)?,
        })
    }

    /// The step of the latest-started plan run, when that run covers `date`
    /// (the run `gutlog plan` shows as current).
    fn plan_step_on(&self, date: NaiveDate) -> StoreResult<Option<PlanStep>> {
        let run: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT id, started_on FROM plan_runs
                 ORDER BY started_on DESC, created_at DESC, id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, started_on)) = run else {
            return Ok(None);
        };
        let started_on = crate::domain::time::parse_stored_date(&started_on)?;
        let day = (date - started_on).num_days() + 1;
        if !(1..=PLAN_DAYS as i64).contains(&day) {
            return Ok(None);
        }
        let ticked: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM plan_ticks WHERE run_id = ?1 AND day = ?2)",
            rusqlite::params![id, day],
            |r| r.get(0),
        )?;
        Ok(Some(PlanStep {
            day: day as u8,
            ticked,
        }))
    }

    /// True when anything at all is logged on `date`: the same rule as
    /// `DayLog::is_empty`, answered without loading the day.
    pub fn has_entries_on(&self, date: NaiveDate) -> StoreResult<bool> {
        let start = date.and_hms_opt(0, 0, 0).expect("midnight exists");
        let end = start + Duration::days(1);
        Ok(self.conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM meals WHERE at >= :start AND at < :end)
                     OR EXISTS (SELECT 1 FROM symptom_ratings WHERE at >= :start AND at < :end)
                     OR EXISTS (SELECT 1 FROM stools WHERE at >= :start AND at < :end)
                     OR EXISTS (SELECT 1 FROM intakes WHERE at >= :start AND at < :end)
                     OR EXISTS (SELECT 1 FROM checkins WHERE date = :date AND {CHECKIN_RECORDED})
                     OR EXISTS (SELECT 1 FROM red_flags WHERE date = :date)
                     OR EXISTS (SELECT 1 FROM habit_ticks WHERE date = :date)"
            ),
            named_params! {
                ":start": crate::domain::time::fmt_datetime(start),
                ":end": crate::domain::time::fmt_datetime(end),
                ":date": fmt_date(date),
            },
            |r| r.get(0),
        )?)
    }

    /// Distinct foods eaten since `since`, most eaten first (lower-case):
    /// what a TAB press offers first. Only the recent meals are read.
    pub fn recent_foods(&self, since: NaiveDate, limit: usize) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT lower(j.value) AS food, count(*) AS n
             FROM meals, json_each(meals.foods) AS j
             WHERE meals.at >= ?1
             GROUP BY food ORDER BY n DESC, food LIMIT ?2",
        )?;
        let since =
            crate::domain::time::fmt_datetime(since.and_hms_opt(0, 0, 0).expect("midnight"));
        let rows = stmt.query_map(rusqlite::params![since, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
