//! Merging another diary's elements into this one (`gutlog import` and
//! `gutlog sync`): the merge is decided in `crate::sync::merge` and applied
//! here, in one transaction, with the winners' change times.

use super::checkins::{checkin_on, merge_checkin};
use super::error::{StoreError, StoreResult};
use super::exchange::{read_all, refused};
use super::meals::{food_tags_of_food, insert_meal, meal_from_row, put_food_tags, MEAL_COLUMNS};
use super::plan::run_on;
use super::records::{
    custom_symptoms_on, insert_custom_symptom, insert_habit, insert_intake, insert_red_flag,
    insert_stool, insert_symptom, intake_from_row, stool_from_row, symptom_from_row,
};
use super::versions::{forget_ticks_of, set_version, version_of};
use super::Store;
use crate::domain::time::{fmt_date, fmt_datetime};
use crate::domain::{CheckIn, HabitTick, Intake, Meal, RedFlagEntry, Stool, SymptomRating};
use crate::exchange::versions::{key, set_checkin_field, RunHead};
use crate::exchange::{elements, Elements, Exchange, FoodTags, Kind, Version};
use crate::sync::merge::{merge, Change, Mode, Tally};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, BTreeSet};

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    pub tally: Tally,
    /// Elements changed in the diary (and symptoms of the user's own added).
    pub changes: usize,
    /// The diary's new device id, when its own file held changes it did
    /// not have (another copy of the diary used its id).
    pub new_device: Option<String>,
}

/// The whole diary as read in one read transaction, with SQLite's
/// `data_version` then: a merge decided on it is applied only if no other
/// gutlog wrote since.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub exchange: Exchange,
    version: i64,
}

fn local_elements(ex: &Exchange) -> StoreResult<Elements> {
    elements(ex).map_err(|e| {
        StoreError::Other(format!(
            "the diary's change times do not fit its entries ({e}); run `gutlog check`"
        ))
    })
}

/// Above this many elements in a file, the whole diary is read at once;
/// below it, only what the file names (a small import into a big diary
/// stays quick).
const READ_WHOLE_ABOVE: usize = 2000;

/// The diary's part that `remote` names: its records with those keys (a
/// tick's whole run, a check-in field's whole check-in), with their change
/// times and tombstones, and the user's own symptoms.
fn read_part(conn: &Connection, remote: &Elements) -> StoreResult<Exchange> {
    let mut ex = Exchange::empty();
    let mut runs = BTreeSet::new();
    let mut dates = BTreeSet::new();
    for ((kind, k), _) in remote.iter() {
        let by_id = |table: &str, cols: &str| format!("SELECT {cols} FROM {table} WHERE id = ?1");
        match kind {
            Kind::Meals => {
                ex.meals
                    .extend(one(conn, &by_id("meals", MEAL_COLUMNS), k, meal_from_row)?)
            }
            Kind::Symptoms => ex.symptoms.extend(one(
                conn,
                &by_id("symptom_ratings", "id, at, symptom, severity, note"),
                k,
                symptom_from_row,
            )?),
            Kind::Stools => ex.stools.extend(one(
                conn,
                &by_id("stools", "id, at, bristol"),
                k,
                stool_from_row,
            )?),
            Kind::Intakes => ex.intakes.extend(one(
                conn,
                &by_id("intakes", "id, at, name, kind"),
                k,
                intake_from_row,
            )?),
            Kind::PlanRuns => {
                runs.insert(k.as_str());
            }
            Kind::PlanTicks => {
                if let Some((run, _)) = key::split_tick(k) {
                    runs.insert(run);
                }
            }
            Kind::RedFlags | Kind::Habits => {
                let (table, name) = if *kind == Kind::RedFlags {
                    ("red_flags", "flag")
                } else {
                    ("habit_ticks", "habit")
                };
                let Some((date, what)) = key::split_dated(k) else {
                    continue;
                };
                let there = conn
                    .prepare_cached(&format!(
                        "SELECT 1 FROM {table} WHERE date = ?1 AND {name} = ?2"
                    ))?
                    .exists(params![fmt_date(date), what])?;
                if there && *kind == Kind::RedFlags {
                    ex.red_flags.push(RedFlagEntry {
                        date,
                        flag: what.into(),
                    });
                } else if there {
                    ex.habits.push(HabitTick {
                        date,
                        habit: what.into(),
                    });
                }
            }
            Kind::Checkins => {
                if let Some((date, _)) = key::split_dated(k) {
                    dates.insert(date);
                }
            }
            Kind::FoodTags => {
                if let Some(tags) = food_tags_of_food(conn, k)? {
                    ex.food_tags.push(FoodTags {
                        food: k.clone(),
                        tags,
                    });
                }
            }
        }
        if let Some((stamp, deleted)) = version_of(conn, *kind, k)? {
            let v = Version {
                kind: *kind,
                key: k.clone(),
                at: stamp.at,
                by: stamp.by,
            };
            if deleted {
                ex.deleted.push(v);
            } else {
                ex.changed.push(v);
            }
        }
    }
    for run in runs {
        ex.plan_runs.extend(run_on(conn, run)?);
    }
    for date in dates {
        ex.checkins.extend(checkin_on(conn, date)?);
    }
    ex.custom_symptoms = custom_symptoms_on(conn)?;
    Ok(ex)
}

/// The row with id `id`, if any.
fn one<T>(
    conn: &Connection,
    sql: &str,
    id: &str,
    f: impl FnOnce(&rusqlite::Row) -> rusqlite::Result<T>,
) -> StoreResult<Option<T>> {
    Ok(conn.prepare_cached(sql)?.query_row([id], f).optional()?)
}

/// The diary's elements that matter for merging `remote`, and the user's
/// own symptoms.
fn local_state(conn: &Connection, remote: &Elements) -> StoreResult<(Elements, Vec<String>)> {
    let ex = if remote.len() > READ_WHOLE_ABOVE {
        read_all(conn)?
    } else {
        read_part(conn, remote)?
    };
    Ok((local_elements(&ex)?, ex.custom_symptoms))
}

struct Plan {
    changes: Vec<Change>,
    tally: Tally,
    custom: Vec<String>,
    rotate: bool,
}

fn plan(
    (local, have): (&Elements, &[String]),
    remote: &Elements,
    custom: &[String],
    mode: Mode,
    own: Option<&Elements>,
) -> Plan {
    // The own file is a past state of this diary, so it holds nothing
    // newer, unless another copy of the diary wrote it. (Two unstamped
    // versions that differ do not count: they come from before gutlog kept
    // change times, not from another copy.)
    let rotate = own.is_some_and(|o| !merge(local, o, Mode::Import).0.is_empty());
    let (changes, tally) = merge(local, remote, mode);
    let custom = custom
        .iter()
        .filter(|c| !have.contains(c))
        .cloned()
        .collect();
    Plan {
        changes,
        tally,
        custom,
        rotate,
    }
}

fn data_version(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

impl Store {
    /// Reads the whole diary in one read transaction (see `Snapshot`).
    pub fn snapshot(&self) -> StoreResult<Snapshot> {
        self.read(read_all)
    }

    /// Reads with `f` in one read transaction, noting `data_version`.
    fn read(&self, f: impl FnOnce(&Connection) -> StoreResult<Exchange>) -> StoreResult<Snapshot> {
        self.conn.execute_batch("BEGIN")?;
        let read = (|| {
            Ok::<_, StoreError>(Snapshot {
                version: data_version(&self.conn)?,
                exchange: f(&self.conn)?,
            })
        })();
        self.conn.execute_batch("COMMIT")?;
        read
    }

    /// Merges `remote` (and the user's own symptoms it names) into the
    /// diary in one transaction; nothing is written when nothing changes.
    /// `own` is what this diary's own file in a sync folder holds: if it
    /// holds anything the diary does not, another copy of the diary wrote
    /// it, and this diary takes a new device id. The merge is decided on
    /// `snapshot` (or on the part of the diary `remote` names, read now),
    /// without the write lock, and decided again under the lock only if
    /// another gutlog wrote in between.
    pub fn merge_in(
        &mut self,
        remote: &Elements,
        custom: &[String],
        mode: Mode,
        own: Option<&Elements>,
        snapshot: Option<&Snapshot>,
    ) -> StoreResult<MergeOutcome> {
        let read;
        let snap = match snapshot {
            Some(s) => s,
            None => {
                read = if remote.len() > READ_WHOLE_ABOVE {
                    self.read(read_all)?
                } else {
                    self.read(|c| read_part(c, remote))?
                };
                &read
            }
        };
        let local = local_elements(&snap.exchange)?;
        let first = plan(
            (&local, &snap.exchange.custom_symptoms),
            remote,
            custom,
            mode,
            own,
        );
        if first.changes.is_empty() && first.custom.is_empty() && !first.rotate {
            return Ok(MergeOutcome {
                tally: first.tally,
                ..MergeOutcome::default()
            });
        }
        let version = snap.version;
        self.write(|tx| {
            let p = if data_version(tx)? == version {
                first
            } else {
                let (local, have) = local_state(tx, remote)?;
                plan((&local, &have), remote, custom, mode, own)
            };
            for c in &p.custom {
                let i = custom.iter().position(|x| x == c).unwrap_or(0);
                insert_custom_symptom(tx, c).map_err(refused("custom_symptoms", i, c))?;
            }
            apply(tx, &p.changes)?;
            let new_device = if p.rotate {
                Some(Store::new_device_id(tx)?)
            } else {
                None
            };
            Ok(MergeOutcome {
                tally: p.tally,
                changes: p.changes.len() + p.custom.len(),
                new_device,
            })
        })
    }
}

fn decode<T: serde::de::DeserializeOwned>(c: &Change) -> StoreResult<T> {
    let v = c.value.as_deref().unwrap_or("null");
    serde_json::from_str(v).map_err(|e| {
        StoreError::Other(format!(
            "{}[{}] ('{}') cannot be read back ({e})",
            c.kind.section(),
            c.place,
            c.key
        ))
    })
}

/// Deletes the record `c` replaces or deletes (nothing when it only adds).
fn delete_by_id(conn: &Connection, table: &str, c: &Change) -> StoreResult<()> {
    if c.replaces || c.value.is_none() {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
            .execute([&c.key])?;
    }
    Ok(())
}

fn bad_key(c: &Change) -> StoreError {
    StoreError::Other(format!("{} has a bad key '{}'", c.kind.name(), c.key))
}

/// Applies changes in order (runs before their ticks), with their stamps.
fn apply(tx: &Connection, changes: &[Change]) -> StoreResult<()> {
    let catalogue = crate::content::symptoms();
    let mut checkins: BTreeMap<NaiveDate, Vec<(&str, &Change)>> = BTreeMap::new();
    for c in changes {
        if c.kind == Kind::Checkins {
            let (date, field) = key::split_dated(&c.key).ok_or_else(|| bad_key(c))?;
            checkins.entry(date).or_default().push((field, c));
            continue;
        }
        apply_one(tx, c, catalogue).map_err(refused(c.kind.section(), c.place, &c.key))?;
        if let Some(s) = &c.stamp {
            set_version(tx, c.kind, &c.key, s, c.value.is_none())?;
        }
    }
    for (date, fields) in checkins {
        let mut ci = checkin_on(tx, date)?.unwrap_or_else(|| CheckIn::empty(date));
        for (field, c) in &fields {
            set_checkin_field(&mut ci, field, c.value.as_deref())?;
        }
        let (_, first) = fields[0];
        let named = refused("checkins", first.place, &first.key);
        ci.validate().map_err(StoreError::from).map_err(&named)?;
        tx.prepare_cached("DELETE FROM checkins WHERE date = ?1")?
            .execute([fmt_date(date)])?;
        if !ci.is_empty() {
            merge_checkin(tx, &ci).map_err(&named)?;
        }
        for (_, c) in fields {
            if let Some(s) = &c.stamp {
                set_version(tx, c.kind, &c.key, s, c.value.is_none())?;
            }
        }
    }
    Ok(())
}

fn apply_one(tx: &Connection, c: &Change, catalogue: &crate::content::Symptoms) -> StoreResult<()> {
    let live = c.value.is_some();
    match c.kind {
        Kind::Meals => {
            delete_by_id(tx, "meals", c)?;
            if live {
                insert_meal(tx, &decode::<Meal>(c)?, false)?;
            }
        }
        Kind::Symptoms => {
            delete_by_id(tx, "symptom_ratings", c)?;
            if live {
                let r: SymptomRating = decode(c)?;
                if catalogue.get(&r.symptom).is_none() {
                    insert_custom_symptom(tx, &r.symptom)?;
                }
                insert_symptom(tx, &r, false)?;
            }
        }
        Kind::Stools => {
            delete_by_id(tx, "stools", c)?;
            if live {
                insert_stool(tx, &decode::<Stool>(c)?, false)?;
            }
        }
        Kind::Intakes => {
            delete_by_id(tx, "intakes", c)?;
            if live {
                insert_intake(tx, &decode::<Intake>(c)?, false)?;
            }
        }
        Kind::PlanRuns => {
            if live {
                let h: RunHead = decode(c)?;
                let created = h
                    .created_at
                    .unwrap_or_else(|| h.started_on.and_hms_opt(0, 0, 0).expect("midnight exists"));
                tx.prepare_cached(
                    "INSERT INTO plan_runs (id, started_on, created_at, reflection) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (id) DO UPDATE SET started_on = excluded.started_on,
                        reflection = excluded.reflection, created_at = excluded.created_at",
                )?
                .execute(params![
                    h.id,
                    fmt_date(h.started_on),
                    fmt_datetime(created),
                    h.reflection
                ])?;
            } else {
                delete_by_id(tx, "plan_runs", c)?;
                forget_ticks_of(tx, &c.key)?;
            }
        }
        Kind::PlanTicks => {
            let (run, day) = key::split_tick(&c.key).ok_or_else(|| bad_key(c))?;
            if live {
                let at: NaiveDateTime = decode(c)?;
                tx.prepare_cached(
                    "INSERT INTO plan_ticks (run_id, day, done_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (run_id, day) DO UPDATE SET done_at = excluded.done_at",
                )?
                .execute(params![run, day, fmt_datetime(at)])?;
            } else {
                tx.prepare_cached("DELETE FROM plan_ticks WHERE run_id = ?1 AND day = ?2")?
                    .execute(params![run, day])?;
            }
        }
        Kind::RedFlags => {
            let (date, flag) = key::split_dated(&c.key).ok_or_else(|| bad_key(c))?;
            if live {
                insert_red_flag(
                    tx,
                    &RedFlagEntry {
                        date,
                        flag: flag.to_string(),
                    },
                )?;
            } else {
                tx.prepare_cached("DELETE FROM red_flags WHERE date = ?1 AND flag = ?2")?
                    .execute(params![fmt_date(date), flag])?;
            }
        }
        Kind::Habits => {
            let (date, habit) = key::split_dated(&c.key).ok_or_else(|| bad_key(c))?;
            if live {
                insert_habit(tx, date, habit)?;
            } else {
                tx.prepare_cached("DELETE FROM habit_ticks WHERE date = ?1 AND habit = ?2")?
                    .execute(params![fmt_date(date), habit])?;
            }
        }
        Kind::FoodTags => {
            if live {
                put_food_tags(tx, &c.key, &decode::<Vec<String>>(c)?)?;
            } else {
                tx.prepare_cached("DELETE FROM food_tags WHERE food = ?1")?
                    .execute([&c.key])?;
            }
        }
        Kind::Checkins => unreachable!("check-in fields are applied per date"),
    }
    Ok(())
}
