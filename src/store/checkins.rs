//! The daily check-in: one row per date; later values merge into it.

use super::error::StoreResult;
use super::records::date_col;
use super::versions::stamp;
use super::Store;
use crate::domain::time::fmt_date;
use crate::domain::CheckIn;
use crate::exchange::versions::{checkin_fields, key};
use crate::exchange::Kind;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "date, mood, energy, stress, sleep_hours, water_glasses, movement_minutes, note";

pub(crate) fn checkin_from_row(row: &Row) -> rusqlite::Result<CheckIn> {
    Ok(CheckIn {
        date: date_col(row, 0)?,
        mood: row.get(1)?,
        energy: row.get(2)?,
        stress: row.get(3)?,
        sleep_hours: row.get(4)?,
        water_glasses: row.get(5)?,
        movement_minutes: row.get(6)?,
        note: row.get(7)?,
    })
}

/// Inserts or merges: fields set in `c` replace stored ones, unset fields
/// keep what is there.
pub(crate) fn merge_checkin(conn: &Connection, c: &CheckIn) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO checkins (date, mood, energy, stress, sleep_hours, water_glasses, movement_minutes, note)
         VALUES (:date, :mood, :energy, :stress, :sleep, :water, :movement, :note)
         ON CONFLICT (date) DO UPDATE SET
            mood = coalesce(excluded.mood, mood),
            energy = coalesce(excluded.energy, energy),
            stress = coalesce(excluded.stress, stress),
            sleep_hours = coalesce(excluded.sleep_hours, sleep_hours),
            water_glasses = coalesce(excluded.water_glasses, water_glasses),
            movement_minutes = coalesce(excluded.movement_minutes, movement_minutes),
            note = coalesce(excluded.note, note)",
        named_params! {
            ":date": fmt_date(c.date), ":mood": c.mood, ":energy": c.energy, ":stress": c.stress,
            ":sleep": c.sleep_hours, ":water": c.water_glasses, ":movement": c.movement_minutes,
            ":note": c.note,
        },
    )?;
    Ok(())
}

/// The date's check-in, read on `conn`.
pub(crate) fn checkin_on(conn: &Connection, date: NaiveDate) -> StoreResult<Option<CheckIn>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM checkins WHERE date = ?1"))?;
    Ok(stmt
        .query_row([fmt_date(date)], checkin_from_row)
        .optional()?)
}

/// Stamps each field whose value differs between `old` and `new` (check-ins
/// merge field by field, so an untouched field keeps its own change time).
fn stamp_changed_fields(
    conn: &Connection,
    old: &CheckIn,
    new: &CheckIn,
    now: NaiveDateTime,
) -> StoreResult<()> {
    for ((field, was), (_, is)) in checkin_fields(old).into_iter().zip(checkin_fields(new)) {
        if was != is {
            stamp(
                conn,
                Kind::Checkins,
                &key::dated(new.date, field),
                now,
                is.is_none(),
            )?;
        }
    }
    Ok(())
}

impl Store {
    /// Merges `c` into the date's check-in at `now` and returns the result.
    pub fn merge_checkin(&mut self, c: &CheckIn, now: NaiveDateTime) -> StoreResult<CheckIn> {
        c.validate()?;
        self.write(|tx| {
            let old = checkin_on(tx, c.date)?.unwrap_or_else(|| CheckIn::empty(c.date));
            if !c.is_empty() {
                merge_checkin(tx, c)?;
            }
            let mut new = old.clone();
            new.merge(c);
            stamp_changed_fields(tx, &old, &new, now)
        })?;
        Ok(self.checkin(c.date)?.unwrap_or_else(|| c.clone()))
    }

    /// Replaces the date's check-in with exactly `c` (unset fields cleared)
    /// at `now`; an empty check-in removes the row.
    pub fn put_checkin(&mut self, c: &CheckIn, now: NaiveDateTime) -> StoreResult<()> {
        c.validate()?;
        self.write(|tx| {
            let old = checkin_on(tx, c.date)?.unwrap_or_else(|| CheckIn::empty(c.date));
            tx.execute("DELETE FROM checkins WHERE date = ?1", [fmt_date(c.date)])?;
            if !c.is_empty() {
                merge_checkin(tx, c)?;
            }
            stamp_changed_fields(tx, &old, c, now)
        })
    }

    pub fn checkin(&self, date: NaiveDate) -> StoreResult<Option<CheckIn>> {
        checkin_on(&self.conn, date)
    }

    /// Check-ins with `from <= date <= to`, oldest first.
    pub fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM checkins WHERE date >= ?1 AND date <= ?2 ORDER BY date"
        ))?;
        let rows = stmt.query_map([fmt_date(from), fmt_date(to)], checkin_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
