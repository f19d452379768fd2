//! Experiments and their pauses (schema version 6). One experiment at a
//! time may be active (scheduled, running or paused): starting another is
//! refused inside the same transaction that would write it. Every change
//! records its change time (the experiment is one element of a sync, its
//! pauses, extension and end included; a removal leaves a tombstone).

use super::error::{StoreError, StoreResult};
use super::records::{conversion, date_col, datetime_col, skip_existing};
use super::versions::stamp;
use super::Store;
use crate::domain::experiment::{Design, Experiment, Pause, Phase};
use crate::domain::time::{fmt_date, fmt_datetime};
use crate::domain::InputError;
use crate::exchange::Kind;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, factor, symptoms, design, phases, baseline_days, washout_days, \
                       randomised, min_phase_days, extended_days, started_on, created_at, \
                       ended_on, coeliac_advice_confirmed";

fn json_col<T: serde::de::DeserializeOwned>(row: &Row, col: usize) -> rusqlite::Result<T> {
    let s: String = row.get(col)?;
    serde_json::from_str(&s).map_err(|e| conversion(col, e))
}

fn head_from_row(row: &Row) -> rusqlite::Result<Experiment> {
    let design: String = row.get(3)?;
    let ended: Option<String> = row.get(12)?;
    Ok(Experiment {
        id: row.get(0)?,
        factor: row.get(1)?,
        symptoms: json_col(row, 2)?,
        design: Design::parse(&design).map_err(|e| conversion(3, e))?,
        phases: json_col::<Vec<Phase>>(row, 4)?,
        baseline_days: row.get(5)?,
        washout_days: row.get(6)?,
        randomised: row.get(7)?,
        min_phase_days: row.get(8)?,
        extended_days: row.get(9)?,
        started_on: date_col(row, 10)?,
        created_at: datetime_col(row, 11)?,
        ended_on: ended
            .map(|s| crate::domain::time::parse_stored_date(&s).map_err(|e| conversion(12, e)))
            .transpose()?,
        coeliac_advice_confirmed: row.get(13)?,
        pauses: Vec::new(),
    })
}

fn pauses_of(conn: &Connection, id: &str) -> StoreResult<Vec<Pause>> {
    let mut stmt = conn.prepare_cached(
        "SELECT paused_on, resumed_on FROM experiment_pauses WHERE experiment_id = ?1
         ORDER BY paused_on",
    )?;
    let rows = stmt.query_map([id], |r| {
        let to: Option<String> = r.get(1)?;
        Ok(Pause {
            from: date_col(r, 0)?,
            to: to
                .map(|s| crate::domain::time::parse_stored_date(&s).map_err(|e| conversion(1, e)))
                .transpose()?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every experiment, oldest first (by start, then creation, then id).
pub(crate) fn load_experiments(conn: &Connection) -> StoreResult<Vec<Experiment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM experiments ORDER BY started_on, created_at, id"
    ))?;
    let heads = stmt
        .query_map([], head_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    heads
        .into_iter()
        .map(|mut e| {
            e.pauses = pauses_of(conn, &e.id)?;
            Ok(e)
        })
        .collect()
}

fn json(v: &impl serde::Serialize) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Other(e.to_string()))
}

/// Inserts an experiment and its pauses; with `skip`, one whose id is
/// already there is left as it is (import). Returns the rows added (0/1).
pub(crate) fn insert_experiment(
    conn: &Connection,
    e: &Experiment,
    skip: bool,
) -> StoreResult<usize> {
    let n = conn
        .prepare_cached(&format!(
            "INSERT INTO experiments ({COLUMNS}) VALUES (:id, :factor, :symptoms, :design, :phases,
             :baseline, :washout, :randomised, :min_phase, :extended, :started, :created, :ended,
             :coeliac){}",
            skip_existing(skip, "id")
        ))?
        .execute(named_params! {
            ":id": e.id, ":factor": e.factor, ":symptoms": json(&e.symptoms)?,
            ":design": e.design.as_str(), ":phases": json(&e.phases)?,
            ":baseline": e.baseline_days, ":washout": e.washout_days, ":randomised": e.randomised,
            ":min_phase": e.min_phase_days, ":extended": e.extended_days,
            ":started": fmt_date(e.started_on), ":created": fmt_datetime(e.created_at),
            ":ended": e.ended_on.map(fmt_date), ":coeliac": e.coeliac_advice_confirmed,
        })?;
    if n > 0 {
        for p in &e.pauses {
            conn.prepare_cached(
                "INSERT INTO experiment_pauses (experiment_id, paused_on, resumed_on)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![e.id, fmt_date(p.from), p.to.map(fmt_date)])?;
        }
    }
    Ok(n)
}

/// Records that experiment `id` changed (or, with `deleted`, was removed).
fn changed(conn: &Connection, id: &str, now: NaiveDateTime, deleted: bool) -> StoreResult<()> {
    stamp(conn, Kind::Experiments, id, now, deleted)
}

/// The active experiment other than `except`, if any (as of `today`).
fn active_in(
    conn: &Connection,
    today: NaiveDate,
    except: Option<&str>,
) -> StoreResult<Option<Experiment>> {
    Ok(load_experiments(conn)?
        .into_iter()
        .filter(|e| Some(e.id.as_str()) != except)
        .find(|e| e.status(today).is_active()))
}

/// The refusal of a second active experiment, naming the first.
pub fn already_running(e: &Experiment, today: NaiveDate) -> InputError {
    InputError::new(format!(
        "an experiment is already {} ({} since {}, id {}); one runs at a time: end it first \
         with `gutlog experiment end`",
        e.status(today).as_str().replace('_', " "),
        e.factor_label(),
        e.started_on,
        &e.id[..e.id.len().min(8)]
    ))
}

impl Store {
    /// Saves a new experiment, unless another is active on `today`.
    pub fn start_experiment(
        &mut self,
        e: &Experiment,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            if let Some(other) = active_in(tx, today, None)? {
                return Err(already_running(&other, today).into());
            }
            // Experiments never share a day: one that ended today leaves
            // the next to start tomorrow.
            if let Some(other) = load_experiments(tx)?.into_iter().find(|o| o.overlaps(e)) {
                let next = other.span_end().succ_opt().unwrap_or(other.span_end());
                return Err(InputError::new(format!(
                    "the experiment on {} (from {}) holds the days up to {}; experiments never share a \
                     day, so start this one on {next} or later",
                    other.factor_label(),
                    other.started_on,
                    other.span_end()
                ))
                .into());
            }
            insert_experiment(tx, e, false)?;
            changed(tx, &e.id, now, false)
        })
    }

    /// Every experiment, oldest first.
    pub fn experiments(&self) -> StoreResult<Vec<Experiment>> {
        load_experiments(&self.conn)
    }

    /// One experiment by id (or a unique prefix of 4+ characters).
    pub fn experiment(&self, id_or_prefix: &str) -> StoreResult<Experiment> {
        let needle = id_or_prefix.trim().to_lowercase();
        let found: Vec<Experiment> = self
            .experiments()?
            .into_iter()
            .filter(|e| needle.len() >= 4 && e.id.starts_with(&needle))
            .collect();
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one")),
            0 => Err(StoreError::NotFound(id_or_prefix.to_string())),
            _ => Err(InputError::new(format!(
                "id '{id_or_prefix}' matches more than one experiment; give more of it"
            ))
            .into()),
        }
    }

    /// The active experiment (scheduled, running or paused), if any.
    pub fn active_experiment(&self, today: NaiveDate) -> StoreResult<Option<Experiment>> {
        active_in(&self.conn, today, None)
    }

    /// The active experiment, else the one started last.
    pub fn current_experiment(&self, today: NaiveDate) -> StoreResult<Option<Experiment>> {
        let all = self.experiments()?;
        Ok(all
            .iter()
            .find(|e| e.status(today).is_active())
            .or(all.last())
            .cloned())
    }

    /// Pauses from `on` (that date is the first not counted).
    pub fn pause_experiment(
        &mut self,
        id: &str,
        on: NaiveDate,
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO experiment_pauses (experiment_id, paused_on, resumed_on)
                 VALUES (?1, ?2, NULL)",
                params![id, fmt_date(on)],
            )?;
            changed(tx, id, now, false)
        })
    }

    /// Ends the open pause: `on` counts again. A pause resumed the day it
    /// began is no pause at all, and is removed.
    pub fn resume_experiment(
        &mut self,
        id: &str,
        on: NaiveDate,
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            let open: Option<String> = tx
                .query_row(
                    "SELECT paused_on FROM experiment_pauses
                     WHERE experiment_id = ?1 AND resumed_on IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(from) = open else {
                return Err(InputError::new("the experiment is not paused").into());
            };
            if fmt_date(on) <= from {
                tx.execute(
                    "DELETE FROM experiment_pauses WHERE experiment_id = ?1 AND paused_on = ?2",
                    params![id, from],
                )?;
            } else {
                tx.execute(
                    "UPDATE experiment_pauses SET resumed_on = ?3
                     WHERE experiment_id = ?1 AND paused_on = ?2",
                    params![id, from, fmt_date(on)],
                )?;
            }
            changed(tx, id, now, false)
        })
    }

    /// Sets the pauses back to exactly `pauses` (undo of a pause or resume).
    pub fn set_experiment_pauses(
        &mut self,
        id: &str,
        pauses: &[Pause],
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM experiment_pauses WHERE experiment_id = ?1",
                [id],
            )?;
            for p in pauses {
                tx.execute(
                    "INSERT INTO experiment_pauses (experiment_id, paused_on, resumed_on)
                     VALUES (?1, ?2, ?3)",
                    params![id, fmt_date(p.from), p.to.map(fmt_date)],
                )?;
            }
            changed(tx, id, now, false)
        })
    }

    /// Sets the days added to the last phase.
    pub fn set_experiment_extension(
        &mut self,
        id: &str,
        days: u32,
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE experiments SET extended_days = ?2 WHERE id = ?1",
                params![id, days],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(id.to_string()));
            }
            changed(tx, id, now, false)
        })
    }

    /// Ends the experiment after `on` (its last counted day), closing an
    /// open pause; None takes an end back (undo), refused if another
    /// experiment became active meanwhile.
    pub fn set_experiment_end(
        &mut self,
        id: &str,
        on: Option<NaiveDate>,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            if on.is_none() {
                if let Some(other) = active_in(tx, today, Some(id))? {
                    return Err(already_running(&other, today).into());
                }
            }
            if let Some(end) = on {
                tx.execute(
                    "UPDATE experiment_pauses SET resumed_on = ?2
                     WHERE experiment_id = ?1 AND resumed_on IS NULL AND paused_on < ?2",
                    params![id, fmt_date(end + chrono::Duration::days(1))],
                )?;
            }
            let n = tx.execute(
                "UPDATE experiments SET ended_on = ?2 WHERE id = ?1",
                params![id, on.map(fmt_date)],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(id.to_string()));
            }
            changed(tx, id, now, false)
        })
    }

    /// Removes an experiment (and its pauses); the diary's records stay.
    pub fn delete_experiment(&mut self, id: &str, now: NaiveDateTime) -> StoreResult<Experiment> {
        self.write(|tx| {
            let mut e = tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM experiments WHERE id = ?1"),
                    [id],
                    head_from_row,
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
            e.pauses = pauses_of(tx, id)?;
            tx.execute("DELETE FROM experiments WHERE id = ?1", [id])?;
            changed(tx, id, now, true)?;
            Ok(e)
        })
    }

    /// Puts a removed experiment back (undo).
    pub fn restore_experiment(&mut self, e: &Experiment, now: NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| {
            insert_experiment(tx, e, false)?;
            changed(tx, &e.id, now, false)
        })
    }
}

impl Store {
    /// An experiment's timeline and verdict on `today`, from the diary.
    pub fn experiment_report(
        &self,
        e: &Experiment,
        today: NaiveDate,
    ) -> StoreResult<crate::analysis::experiment::ExperimentReport> {
        let (from, to) = crate::analysis::experiment::dates_needed(e, today);
        let diary = self.diary(from, to)?;
        Ok(crate::analysis::experiment::evaluate(
            e,
            &diary,
            &self.food_book()?,
            today,
        ))
    }
}
