//! Symptom ratings, stools, intakes, red flags, habit ticks and the user's
//! own symptoms; row mappers; the whole-day read.

use super::error::StoreResult;
use super::meals::{meal_from_row, MEAL_COLUMNS};
use super::versions::stamp;
use super::Store;
use crate::domain::time::{fmt_date, fmt_datetime, parse_stored_date, parse_stored_datetime};
use crate::domain::{
    Bristol, DayLog, Intake, IntakeKind, RedFlagEntry, Severity, Stool, SymptomRating,
};
use crate::exchange::versions::key;
use crate::exchange::Kind;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::types::Type;
use rusqlite::{named_params, params, Connection, Row};

pub(crate) fn conversion(
    col: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, Type::Text, Box::new(e))
}

pub(crate) fn datetime_col(row: &Row, col: usize) -> rusqlite::Result<NaiveDateTime> {
    let s: String = row.get(col)?;
    parse_stored_datetime(&s).map_err(|e| conversion(col, e))
}

pub(crate) fn date_col(row: &Row, col: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(col)?;
    parse_stored_date(&s).map_err(|e| conversion(col, e))
}

pub(crate) fn symptom_from_row(row: &Row) -> rusqlite::Result<SymptomRating> {
    Ok(SymptomRating {
        id: row.get(0)?,
        at: datetime_col(row, 1)?,
        symptom: row.get(2)?,
        severity: Severity::new(row.get(3)?).map_err(|e| conversion(3, e))?,
        note: row.get(4)?,
    })
}

pub(crate) fn stool_from_row(row: &Row) -> rusqlite::Result<Stool> {
    Ok(Stool {
        id: row.get(0)?,
        at: datetime_col(row, 1)?,
        bristol: Bristol::new(row.get(2)?).map_err(|e| conversion(2, e))?,
    })
}

pub(crate) fn intake_from_row(row: &Row) -> rusqlite::Result<Intake> {
    let kind: String = row.get(3)?;
    Ok(Intake {
        id: row.get(0)?,
        at: datetime_col(row, 1)?,
        name: row.get(2)?,
        kind: IntakeKind::parse(&kind).map_err(|e| conversion(3, e))?,
    })
}

/// `ON CONFLICT (key) DO NOTHING` when a record already there (by its
/// real key, and only that) is to be skipped; never `OR IGNORE`, which
/// would also swallow CHECK failures and drop records silently.
pub(crate) fn skip_existing(skip: bool, key: &str) -> String {
    if skip {
        format!(" ON CONFLICT ({key}) DO NOTHING")
    } else {
        String::new()
    }
}

pub(crate) fn insert_symptom(
    conn: &Connection,
    s: &SymptomRating,
    skip: bool,
) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached(&format!(
            "INSERT INTO symptom_ratings (id, at, symptom, severity, note)
         VALUES (:id, :at, :symptom, :severity, :note){}",
            skip_existing(skip, "id")
        ))?
        .execute(named_params! {
                ":id": s.id, ":at": fmt_datetime(s.at), ":symptom": s.symptom,
                ":severity": s.severity.level(), ":note": s.note,
        })?)
}

pub(crate) fn insert_stool(conn: &Connection, s: &Stool, skip: bool) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached(&format!(
            "INSERT INTO stools (id, at, bristol) VALUES (?1, ?2, ?3){}",
            skip_existing(skip, "id")
        ))?
        .execute(params![s.id, fmt_datetime(s.at), s.bristol.kind()])?)
}

pub(crate) fn insert_intake(conn: &Connection, i: &Intake, skip: bool) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached(&format!(
            "INSERT INTO intakes (id, at, name, kind) VALUES (?1, ?2, ?3, ?4){}",
            skip_existing(skip, "id")
        ))?
        .execute(params![i.id, fmt_datetime(i.at), i.name, i.kind.as_str()])?)
}

/// Ticks a red flag; 0 when it was ticked already.
pub(crate) fn insert_red_flag(conn: &Connection, f: &RedFlagEntry) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO red_flags (date, flag) VALUES (?1, ?2) ON CONFLICT (date, flag) DO NOTHING",
        )?
        .execute(params![fmt_date(f.date), f.flag])?)
}

/// Ticks a habit by hand; 0 when it was ticked already.
pub(crate) fn insert_habit(conn: &Connection, date: NaiveDate, habit: &str) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO habit_ticks (date, habit) VALUES (?1, ?2) ON CONFLICT (date, habit) DO NOTHING",
        )?
        .execute(params![fmt_date(date), habit])?)
}

/// Adds a symptom of the user's own; 0 when it is there already.
pub(crate) fn insert_custom_symptom(conn: &Connection, id: &str) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached("INSERT INTO custom_symptoms (id) VALUES (?1) ON CONFLICT (id) DO NOTHING")?
        .execute([id])?)
}

/// Replaces a symptom's ratings on the rating's date with this one, changed
/// at `now`; returns the ratings it replaced.
pub(crate) fn replace_day_rating(
    conn: &Connection,
    rating: &SymptomRating,
    now: NaiveDateTime,
) -> StoreResult<Vec<SymptomRating>> {
    let (from, to) = day_bounds(rating.at.date());
    let old = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, at, symptom, severity, note FROM symptom_ratings
             WHERE symptom = ?1 AND at >= ?2 AND at < ?3 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(params![rating.symptom, from, to], symptom_from_row)?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    conn.execute(
        "DELETE FROM symptom_ratings WHERE symptom = ?1 AND at >= ?2 AND at < ?3",
        params![rating.symptom, from, to],
    )?;
    if crate::content::symptoms().get(&rating.symptom).is_none() {
        insert_custom_symptom(conn, &rating.symptom)?;
    }
    insert_symptom(conn, rating, false)?;
    for o in &old {
        // The same id given again is an edit of that rating.
        if o.id != rating.id || o != rating {
            stamp(conn, Kind::Symptoms, &o.id, now, o.id != rating.id)?;
        }
    }
    Ok(old)
}

/// The user's own symptoms, read on `conn`.
pub(crate) fn custom_symptoms_on(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM custom_symptoms ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn day_bounds(date: NaiveDate) -> (String, String) {
    let start = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    (fmt_datetime(start), fmt_datetime(start + Duration::days(1)))
}

fn range(from: NaiveDateTime, to: NaiveDateTime) -> [String; 2] {
    [fmt_datetime(from), fmt_datetime(to)]
}

impl Store {
    /// Saves a symptom rating. A symptom not in the catalogue is added to
    /// the user's own symptoms in the same transaction.
    pub fn add_symptom(&mut self, rating: &SymptomRating) -> StoreResult<()> {
        self.write(|tx| {
            if crate::content::symptoms().get(&rating.symptom).is_none() {
                insert_custom_symptom(tx, &rating.symptom)?;
            }
            insert_symptom(tx, rating, false)?;
            Ok(())
        })
    }

    /// Sets the day's rating of a symptom: replaces that symptom's ratings on
    /// `at`'s date with one rating (the TUI's one-key severity), at `now`
    /// (the replaced ones leave tombstones). Returns the ratings it
    /// replaced, so the change can be undone.
    pub fn set_symptom_for_day(
        &mut self,
        rating: &SymptomRating,
        now: NaiveDateTime,
    ) -> StoreResult<Vec<SymptomRating>> {
        self.write(|tx| replace_day_rating(tx, rating, now))
    }

    /// The user's own symptoms (not in the catalogue).
    pub fn custom_symptoms(&self) -> StoreResult<Vec<String>> {
        custom_symptoms_on(&self.conn)
    }

    /// Adds a symptom of the user's own to track.
    pub fn add_custom_symptom(&mut self, id: &str) -> StoreResult<()> {
        self.write(|tx| insert_custom_symptom(tx, id).map(|_| ()))
    }

    pub fn add_stool(&mut self, stool: &Stool) -> StoreResult<()> {
        self.write(|tx| insert_stool(tx, stool, false).map(|_| ()))
    }

    pub fn add_intake(&mut self, intake: &Intake) -> StoreResult<()> {
        self.write(|tx| insert_intake(tx, intake, false).map(|_| ()))
    }

    /// Ticks a red flag for a date at `now`; true if it was not ticked already.
    pub fn add_red_flag(&mut self, flag: &RedFlagEntry, now: NaiveDateTime) -> StoreResult<bool> {
        self.write(|tx| {
            let added = insert_red_flag(tx, flag)? > 0;
            if added {
                stamp(
                    tx,
                    Kind::RedFlags,
                    &key::dated(flag.date, &flag.flag),
                    now,
                    false,
                )?;
            }
            Ok(added)
        })
    }

    /// Unticks a red flag at `now`; true if it was ticked.
    pub fn remove_red_flag(
        &mut self,
        flag: &RedFlagEntry,
        now: NaiveDateTime,
    ) -> StoreResult<bool> {
        self.write(|tx| {
            let removed = tx.execute(
                "DELETE FROM red_flags WHERE date = ?1 AND flag = ?2",
                params![fmt_date(flag.date), flag.flag],
            )? > 0;
            if removed {
                stamp(
                    tx,
                    Kind::RedFlags,
                    &key::dated(flag.date, &flag.flag),
                    now,
                    true,
                )?;
            }
            Ok(removed)
        })
    }

    /// Ticks or unticks a healing habit kept by hand on a date, at `now`.
    pub fn set_habit(
        &mut self,
        date: NaiveDate,
        habit: &str,
        kept: bool,
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            let changed = if kept {
                insert_habit(tx, date, habit)? > 0
            } else {
                tx.execute(
                    "DELETE FROM habit_ticks WHERE date = ?1 AND habit = ?2",
                    params![fmt_date(date), habit],
                )? > 0
            };
            if changed {
                stamp(tx, Kind::Habits, &key::dated(date, habit), now, !kept)?;
            }
            Ok(())
        })
    }

    pub fn symptoms_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> StoreResult<Vec<SymptomRating>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, symptom, severity, note FROM symptom_ratings
             WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(range(from, to), symptom_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn stools_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> StoreResult<Vec<Stool>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, bristol FROM stools WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(range(from, to), stool_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn intakes_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> StoreResult<Vec<Intake>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, name, kind FROM intakes WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(range(from, to), intake_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Red flags with `from <= date <= to`.
    pub fn red_flags_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<RedFlagEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, flag FROM red_flags WHERE date >= ?1 AND date <= ?2 ORDER BY date, flag",
        )?;
        let rows = stmt.query_map([fmt_date(from), fmt_date(to)], |r| {
            Ok(RedFlagEntry {
                date: date_col(r, 0)?,
                flag: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Habit ticks with `from <= date <= to`, as (date, habit).
    pub fn habits_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<(NaiveDate, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, habit FROM habit_ticks WHERE date >= ?1 AND date <= ?2 ORDER BY date, habit",
        )?;
        let rows = stmt.query_map([fmt_date(from), fmt_date(to)], |r| {
            Ok((date_col(r, 0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The distinct names of medicines and supplements taken, most used first.
    pub fn usual_intakes(&self, limit: usize) -> StoreResult<Vec<(String, IntakeKind)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, kind, count(*) AS n FROM intakes GROUP BY lower(name)
             ORDER BY n DESC, name LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            let kind: String = r.get(1)?;
            Ok((
                r.get::<_, String>(0)?,
                IntakeKind::parse(&kind).map_err(|e| conversion(1, e))?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Everything logged on `date`.
    pub fn day(&self, date: NaiveDate) -> StoreResult<DayLog> {
        let start = date.and_hms_opt(0, 0, 0).expect("midnight exists");
        let end = start + Duration::days(1);
        let meals = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {MEAL_COLUMNS} FROM meals WHERE at >= ?1 AND at < ?2 ORDER BY at, id"
            ))?;
            let rows = stmt.query_map(range(start, end), meal_from_row)?;
            rows.collect::<Result<_, _>>()?
        };
        Ok(DayLog {
            date,
            meals,
            symptoms: self.symptoms_between(start, end)?,
            stools: self.stools_between(start, end)?,
            checkin: self.checkin(date)?,
            intakes: self.intakes_between(start, end)?,
            red_flags: self
                .red_flags_between(date, date)?
                .into_iter()
                .map(|f| f.flag)
                .collect(),
            habits: self
                .habits_between(date, date)?
                .into_iter()
                .map(|(_, h)| h)
                .collect(),
        })
    }

    /// Dates with anything logged, newest first, with `from <= date <= to`.
    pub fn logged_dates(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<NaiveDate>> {
        let (lo, _) = day_bounds(from);
        let (_, hi) = day_bounds(to);
        let mut stmt = self.conn.prepare_cached(
            "SELECT d FROM (
                SELECT substr(at, 1, 10) AS d FROM meals WHERE at >= ?1 AND at < ?2
                UNION SELECT substr(at, 1, 10) FROM symptom_ratings WHERE at >= ?1 AND at < ?2
                UNION SELECT substr(at, 1, 10) FROM stools WHERE at >= ?1 AND at < ?2
                UNION SELECT substr(at, 1, 10) FROM intakes WHERE at >= ?1 AND at < ?2
                UNION SELECT date FROM checkins WHERE date >= ?3 AND date <= ?4
                UNION SELECT date FROM red_flags WHERE date >= ?3 AND date <= ?4
             ) ORDER BY d DESC",
        )?;
        let rows = stmt.query_map(params![lo, hi, fmt_date(from), fmt_date(to)], |r| {
            date_col(r, 0)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
