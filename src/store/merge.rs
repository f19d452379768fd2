//! Merging another diary's elements into this one (`gutlog import` and
//! `gutlog sync`): the diary's side is read (whole, or the part a small
//! file names), the merge is decided in `crate::sync::merge`, and applied
//! (apply.rs) in one transaction.

use super::apply::apply;
use super::checkins::checkin_on;
use super::error::{StoreError, StoreResult};
use super::exchange::{read_all, refused};
use super::experiments::load_experiments;
use super::meals::{food_tags_of_food, meal_from_row, MEAL_COLUMNS};
use super::plan::run_on;
use super::profile::profile_in;
use super::records::{
    custom_symptoms_on, insert_custom_symptom, intake_from_row, stool_from_row, symptom_from_row,
};
use super::versions::version_of;
use super::Store;
use crate::domain::experiment::Experiment;
use crate::domain::time::fmt_date;
use crate::domain::InputError;
use crate::domain::{HabitTick, RedFlagEntry};
use crate::exchange::versions::key;
use crate::exchange::{elements, Elements, Exchange, FoodParts, FoodTags, Kind, Version};
use crate::sync::merge::{merge, Change, Mode, Tally};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeSet;

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
    let (mut profile, mut experiments) = (false, false);
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
            Kind::FoodParts => {
                let parts: Option<String> = conn
                    .prepare_cached("SELECT parts FROM food_parts WHERE food = ?1")?
                    .query_row([k], |r| r.get(0))
                    .optional()?;
                if let Some(parts) = parts {
                    ex.food_parts.push(FoodParts {
                        food: k.clone(),
                        parts: serde_json::from_str(&parts)
                            .map_err(|e| StoreError::Other(e.to_string()))?,
                    });
                }
            }
            Kind::Profile => profile = true,
            // All of them: an experiment that arrives is checked against
            // every other for shared dates.
            Kind::Experiments => experiments = true,
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
    if profile {
        ex.profile = Some(profile_in(conn)?).filter(|p| !p.is_empty());
    }
    if experiments {
        ex.experiments = load_experiments(conn)?;
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

/// An import's refusal of an experiment that shares dates with another:
/// experiments run one at a time.
fn refuse_overlaps(tally: &Tally, local: &Elements, remote: &Elements) -> StoreResult<()> {
    let Some(o) = tally.overlaps.first() else {
        return Ok(());
    };
    let get = |els: &Elements, id: &str| {
        els.get(&(Kind::Experiments, id.to_string()))
            .and_then(|e| Some((e.place, e.value.as_deref()?)))
            .and_then(|(i, v)| Some((i, serde_json::from_str::<Experiment>(v).ok()?)))
    };
    // The file's experiment, and the one in the diary it would share dates with.
    let (theirs, mine) = if get(remote, &o.removed).is_some() {
        (&o.removed, &o.kept)
    } else {
        (&o.kept, &o.removed)
    };
    let (Some((i, e)), Some((_, other))) = (get(remote, theirs), get(local, mine)) else {
        return Err(InputError::new(
            "an experiment in the file shares dates with another; experiments run one at a \
             time; nothing was imported",
        )
        .into());
    };
    Err(InputError::new(format!(
        "experiments[{i}] ({} from {}) overlaps the diary's experiment on {} from {}; \
         experiments run one at a time; nothing was imported",
        e.factor_label(),
        e.started_on,
        other.factor_label(),
        other.started_on
    ))
    .into())
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
    /// An import (`Mode::Import`) is refused whole when an experiment in it
    /// would share dates with another; a sync keeps the later-created one.
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
        if mode == Mode::Import {
            refuse_overlaps(&first.tally, &local, remote)?;
        }
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
                let p = plan((&local, &have), remote, custom, mode, own);
                if mode == Mode::Import {
                    refuse_overlaps(&p.tally, &local, remote)?;
                }
                p
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
