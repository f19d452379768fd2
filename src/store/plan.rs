//! Runs of the 7-day plan and their ticks. Restarting keeps past runs.

use super::error::{StoreError, StoreResult};
use super::records::{date_col, datetime_col};
use super::versions::stamp;
use super::Store;
use crate::domain::time::{fmt_date, fmt_datetime};
use crate::domain::{new_id, PlanRun, PlanTick};
use crate::exchange::versions::key;
use crate::exchange::Kind;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};

fn ticks_of(conn: &Connection, run_id: &str) -> StoreResult<Vec<PlanTick>> {
    let mut stmt =
        conn.prepare_cached("SELECT day, done_at FROM plan_ticks WHERE run_id = ?1 ORDER BY day")?;
    let rows = stmt.query_map([run_id], |r| {
        Ok(PlanTick {
            day: r.get(0)?,
            done_at: datetime_col(r, 1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The run with this id, with its ticks, read on `conn`.
pub(crate) fn run_on(conn: &Connection, id: &str) -> StoreResult<Option<PlanRun>> {
    let head = conn
        .prepare_cached("SELECT started_on, reflection, created_at FROM plan_runs WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((date_col(r, 0)?, r.get(1)?, datetime_col(r, 2)?))
        })
        .optional()?;
    let Some((started_on, reflection, created_at)) = head else {
        return Ok(None);
    };
    Ok(Some(PlanRun {
        id: id.to_string(),
        started_on,
        ticks: ticks_of(conn, id)?,
        reflection,
        created_at: Some(created_at),
    }))
}

pub(crate) fn load_runs(conn: &Connection, order: &str) -> StoreResult<Vec<PlanRun>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, started_on, reflection, created_at FROM plan_runs ORDER BY {order}"
    ))?;
    type Head = (String, NaiveDate, Option<String>, NaiveDateTime);
    let heads = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                date_col(r, 1)?,
                r.get(2)?,
                datetime_col(r, 3)?,
            ))
        })?
        .collect::<Result<Vec<Head>, _>>()?;
    heads
        .into_iter()
        .map(|(id, started_on, reflection, created_at)| {
            Ok(PlanRun {
                ticks: ticks_of(conn, &id)?,
                id,
                started_on,
                reflection,
                created_at: Some(created_at),
            })
        })
        .collect()
}

pub(crate) fn insert_run(
    conn: &Connection,
    run: &PlanRun,
    created_at: NaiveDateTime,
    skip: bool,
) -> StoreResult<usize> {
    let n = conn
        .prepare_cached(&format!(
            "INSERT INTO plan_runs (id, started_on, created_at, reflection) VALUES (?1, ?2, ?3, ?4){}",
            super::records::skip_existing(skip, "id")
        ))?
        .execute(params![run.id, fmt_date(run.started_on), fmt_datetime(created_at), run.reflection])?;
    for t in &run.ticks {
        insert_tick(conn, &run.id, t.day, t.done_at)?;
    }
    Ok(n)
}

/// Ticks a day of a run; a day ticked already keeps its first time.
fn insert_tick(conn: &Connection, run_id: &str, day: u8, at: NaiveDateTime) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO plan_ticks (run_id, day, done_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (run_id, day) DO NOTHING",
        )?
        .execute(params![run_id, day, fmt_datetime(at)])?)
}

impl Store {
    /// Starts a new run of the plan on `on`; earlier runs are kept.
    pub fn start_plan(&mut self, on: NaiveDate, now: NaiveDateTime) -> StoreResult<PlanRun> {
        let run = PlanRun {
            id: new_id(),
            started_on: on,
            ticks: Vec::new(),
            reflection: None,
            created_at: Some(now),
        };
        self.write(|tx| insert_run(tx, &run, now, false))?;
        Ok(run)
    }

    /// The most recently started run, if any.
    pub fn current_plan(&self) -> StoreResult<Option<PlanRun>> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM plan_runs ORDER BY started_on DESC, created_at DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            None => Ok(None),
            Some(id) => self.plan_run(&id).map(Some),
        }
    }

    pub fn plan_run(&self, id: &str) -> StoreResult<PlanRun> {
        run_on(&self.conn, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Every run, oldest first.
    pub fn plan_runs(&self) -> StoreResult<Vec<PlanRun>> {
        load_runs(&self.conn, "started_on, created_at, id")
    }

    /// Ticks `day` of a run at `at` (ticking again keeps the first time).
    pub fn tick_plan(&mut self, run_id: &str, day: u8, at: NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| {
            if insert_tick(tx, run_id, day, at)? > 0 {
                stamp(tx, Kind::PlanTicks, &key::tick(run_id, day), at, false)?;
            }
            Ok(())
        })
    }

    /// Unticks `day` at `now`; true if it was ticked.
    pub fn untick_plan(&mut self, run_id: &str, day: u8, now: NaiveDateTime) -> StoreResult<bool> {
        self.write(|tx| {
            let removed = tx.execute(
                "DELETE FROM plan_ticks WHERE run_id = ?1 AND day = ?2",
                params![run_id, day],
            )? > 0;
            if removed {
                stamp(tx, Kind::PlanTicks, &key::tick(run_id, day), now, true)?;
            }
            Ok(removed)
        })
    }

    /// Sets (or clears, with None) a run's closing reflection, at `now`.
    pub fn set_plan_reflection(
        &mut self,
        run_id: &str,
        text: Option<&str>,
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            let old: Option<Option<String>> = tx
                .query_row(
                    "SELECT reflection FROM plan_runs WHERE id = ?1",
                    [run_id],
                    |r| r.get(0),
                )
                .optional()?;
            match old {
                None => Err(StoreError::NotFound(run_id.to_string())),
                Some(old) if old.as_deref() == text => Ok(()),
                Some(_) => {
                    tx.execute(
                        "UPDATE plan_runs SET reflection = ?2 WHERE id = ?1",
                        params![run_id, text],
                    )?;
                    stamp(tx, Kind::PlanRuns, run_id, now, false)
                }
            }
        })
    }
}
