//! The merge: for every element, the version with the later stamp wins.
//!
//! Versions are ordered by stamp (time, then device id), and versions with
//! the same stamp by their value, so the winner is the same whichever
//! diary merges and in whatever order: every computer ends with the same
//! diary. An element never changed since it was made has no stamp and loses
//! to any change. Pure: no IO, no clock.
//!
//! Experiments run one at a time. Two started on two computers before they
//! synced may share dates: then the one created later (by its creation
//! time, then id) is kept and the other removed, without a tombstone, on
//! every computer that sees both (`resolve_overlaps`). The rule depends
//! only on the two experiments, so every order of syncing ends the same.

use crate::domain::experiment::Experiment;
use crate::exchange::versions::key;
use crate::exchange::{Element, Elements, Kind, Stamp};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Who merges, which decides one tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `gutlog import FILE`: where neither version was ever changed (both
    /// unstamped, say an old export of a record edited before gutlog kept
    /// change times), the diary keeps its own, except a dish's parts: the
    /// file's replace them, as they always have.
    Import,
    /// `gutlog sync`: every tie is broken by value, so that every order of
    /// syncing ends the same.
    Sync,
}

/// What a merge changes in one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    pub key: String,
    pub stamp: Option<Stamp>,
    /// The new value as JSON; None deletes it.
    pub value: Option<String>,
    /// Its place in its list of the file, for messages.
    pub place: usize,
    /// Whether the diary holds a value it replaces (else it only adds).
    pub replaces: bool,
}

/// Two experiments that shared dates: `removed` gave way to `kept`, the
/// one created later.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Overlap {
    pub removed: String,
    pub kept: String,
    /// What each tests, as the person names it (`Experiment::factor_label`).
    pub removed_factor: String,
    pub kept_factor: String,
}

/// What a merge did to entries (meals, symptom ratings, stools, intakes,
/// plan runs, experiments, red flags and habit ticks), as counted for the
/// person, and to the rest of the diary.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Entries the diary did not have.
    pub added: usize,
    /// Entries in the file that the diary already had (changed or not).
    pub present: usize,
    /// Of those, entries whose later version replaced the diary's.
    pub updated: usize,
    /// Entries the diary had that were deleted later elsewhere.
    pub deleted: usize,
    /// Entries in the file that the diary deleted later: they stay deleted.
    pub kept_deleted: usize,
    /// Check-in dates whose fields the merge changed: a date counts once,
    /// however many of its fields changed.
    pub checkins: usize,
    /// Foods whose remembered tags or dish parts changed (each once), and
    /// the profile (once, whichever of its fields changed).
    pub settings: usize,
    /// Experiments that shared dates with another (see the module).
    pub overlaps: Vec<Overlap>,
}

impl Tally {
    /// Entries, check-in dates and settings whose value the merge changed.
    pub fn changed(&self) -> usize {
        self.updated + self.checkins + self.settings
    }

    /// Counts one entry of the file: `had` when the diary had it live,
    /// `win` when the file's version is applied.
    fn entry(&mut self, l: Option<&Element>, r: &Element, win: bool) {
        let had = l.is_some_and(|l| l.value.is_some());
        match (&r.value, had) {
            (Some(_), true) => {
                self.present += 1;
                if win && l.is_some_and(|l| l.value != r.value) {
                    self.updated += 1;
                }
            }
            (Some(_), false) if win => self.added += 1,
            (Some(_), false) => self.kept_deleted += 1,
            (None, true) if win => self.deleted += 1,
            (None, _) => {}
        }
    }
}

/// Compares two versions of an element: stamp, then value (a tombstone
/// below any value).
fn order(a: &Element, b: &Element) -> Ordering {
    a.stamp.cmp(&b.stamp).then_with(|| a.value.cmp(&b.value))
}

/// True when `remote` replaces `local`.
fn wins(kind: Kind, local: Option<&Element>, remote: &Element, mode: Mode) -> bool {
    let Some(local) = local else {
        return true;
    };
    if mode == Mode::Import && local.stamp.is_none() && remote.stamp.is_none() {
        return kind == Kind::FoodParts && remote.value != local.value;
    }
    order(remote, local) == Ordering::Greater
}

/// Folds `other` into `into`, keeping the later version of each element
/// (for reading several files before one merge).
pub fn combine(into: &mut Elements, other: Elements) {
    if into.is_empty() {
        *into = other;
        return;
    }
    for (k, e) in other {
        match into.get_mut(&k) {
            Some(have) if order(&e, have) != Ordering::Greater => {}
            Some(have) => *have = e,
            None => {
                into.insert(k, e);
            }
        }
    }
}

/// The changes that bring `local` up to date with `remote`, in the order
/// to apply them, and what they do to entries.
pub fn merge(local: &Elements, remote: &Elements, mode: Mode) -> (Vec<Change>, Tally) {
    let mut changes = Vec::new();
    let mut tally = Tally::default();
    // Check-in dates, foods and the profile whose value changes.
    let mut changed: HashSet<(Kind, &str)> = HashSet::new();
    for ((kind, k), r) in remote {
        let l = local.get(&(*kind, k.clone()));
        let win = wins(*kind, l, r, mode);
        if *kind != Kind::Experiments && kind.is_entry() {
            tally.entry(l, r, win);
        }
        if win && l.and_then(|l| l.value.as_ref()) != r.value.as_ref() {
            match kind {
                Kind::Checkins => {
                    changed.insert((*kind, k.split_once('/').map_or(k.as_str(), |(d, _)| d)));
                }
                Kind::Profile => {
                    changed.insert((*kind, ""));
                }
                Kind::FoodTags | Kind::FoodParts => {
                    changed.insert((*kind, k.as_str()));
                }
                _ => {}
            }
        }
        if win {
            changes.push(Change {
                kind: *kind,
                key: k.clone(),
                stamp: r.stamp.clone(),
                value: r.value.clone(),
                place: r.place,
                replaces: l.is_some_and(|l| l.value.is_some()),
            });
        }
    }
    // Ticks live under their run: none for a run that ends up deleted or
    // absent (the store forgets a deleted run's ticks).
    let run_changes: HashMap<&str, bool> = changes
        .iter()
        .filter(|c| c.kind == Kind::PlanRuns)
        .map(|c| (c.key.as_str(), c.value.is_some()))
        .collect();
    let run_live = |run: &str| match run_changes.get(run) {
        Some(live) => *live,
        None => local
            .get(&(Kind::PlanRuns, run.to_string()))
            .is_some_and(|e| e.value.is_some()),
    };
    let keep: Vec<bool> = changes
        .iter()
        .map(|c| {
            c.kind != Kind::PlanTicks
                || key::split_tick(&c.key).is_some_and(|(run, _)| run_live(run))
        })
        .collect();
    let mut keep = keep.into_iter();
    changes.retain(|_| keep.next().unwrap_or(true));
    tally.checkins = changed.iter().filter(|(k, _)| *k == Kind::Checkins).count();
    tally.settings = changed.len() - tally.checkins;
    tally.overlaps = resolve_overlaps(local, &mut changes);
    let removed: HashSet<String> = tally.overlaps.iter().map(|o| o.removed.clone()).collect();
    for ((kind, k), r) in remote {
        if *kind != Kind::Experiments || removed.contains(k) {
            continue;
        }
        let applied = changes
            .iter()
            .any(|c| c.kind == *kind && c.key == *k && c.value == r.value);
        tally.entry(local.get(&(*kind, k.clone())), r, applied);
    }
    changes.sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
    (changes, tally)
}

/// Experiments run one at a time: of two that would share dates after the
/// merge (one of them changed by it), the one created later is kept, the
/// other removed, with no tombstone (its change dropped, or the diary's
/// copy deleted). Returns what gave way to what.
fn resolve_overlaps(local: &Elements, changes: &mut Vec<Change>) -> Vec<Overlap> {
    if !changes.iter().any(|c| c.kind == Kind::Experiments) {
        return Vec::new();
    }
    let read = |v: &Option<String>| -> Option<Experiment> {
        v.as_deref().and_then(|v| serde_json::from_str(v).ok())
    };
    let mut after: BTreeMap<String, Experiment> = local
        .iter()
        .filter(|((kind, _), _)| *kind == Kind::Experiments)
        .filter_map(|((_, k), e)| Some((k.clone(), read(&e.value)?)))
        .collect();
    let mut touched = HashSet::new();
    for c in changes.iter().filter(|c| c.kind == Kind::Experiments) {
        touched.insert(c.key.clone());
        match read(&c.value) {
            Some(e) => after.insert(c.key.clone(), e),
            None => after.remove(&c.key),
        };
    }
    let mut all: Vec<&Experiment> = after.values().collect();
    all.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    let mut kept: Vec<&Experiment> = Vec::new();
    let mut overlaps = Vec::new();
    for e in all {
        let beaten = kept
            .iter()
            .find(|k| k.overlaps(e) && (touched.contains(&k.id) || touched.contains(&e.id)));
        match beaten {
            Some(k) => overlaps.push(Overlap {
                removed: e.id.clone(),
                kept: k.id.clone(),
                removed_factor: e.factor_label(),
                kept_factor: k.factor_label(),
            }),
            None => kept.push(e),
        }
    }
    for o in &overlaps {
        let in_diary = local
            .get(&(Kind::Experiments, o.removed.clone()))
            .is_some_and(|e| e.value.is_some());
        changes.retain(|c| c.kind != Kind::Experiments || c.key != o.removed);
        if in_diary {
            changes.push(Change {
                kind: Kind::Experiments,
                key: o.removed.clone(),
                stamp: None,
                value: None,
                place: 0,
                replaces: true,
            });
        }
    }
    overlaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn stamp(h: u32, by: &str) -> Option<Stamp> {
        Some(Stamp {
            at: NaiveDate::from_ymd_opt(2026, 11, 20)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
            by: by.into(),
        })
    }
    fn el(stamp: Option<Stamp>, value: Option<&str>) -> Element {
        Element {
            stamp,
            value: value.map(String::from),
            place: 0,
        }
    }
    fn one(e: Element) -> Elements {
        Elements::from([((Kind::Meals, "m".to_string()), e)])
    }

    #[test]
    fn the_later_stamp_wins_and_ties_break_by_device_then_value() {
        let cases = [
            // (local, remote, remote wins in sync mode)
            (
                el(stamp(10, "a"), Some("1")),
                el(stamp(11, "a"), Some("2")),
                true,
            ),
            (
                el(stamp(11, "a"), Some("1")),
                el(stamp(10, "b"), Some("2")),
                false,
            ),
            (
                el(stamp(10, "a"), Some("1")),
                el(stamp(10, "b"), Some("0")),
                true,
            ),
            (
                el(stamp(10, "b"), Some("1")),
                el(stamp(10, "a"), Some("9")),
                false,
            ),
            (el(None, Some("1")), el(stamp(1, "a"), None), true),
            (el(stamp(1, "a"), None), el(None, Some("1")), false),
            (el(None, Some("1")), el(None, Some("2")), true),
            (el(None, Some("2")), el(None, Some("1")), false),
        ];
        for (l, r, expect) in cases {
            let (changes, _) = merge(&one(l.clone()), &one(r.clone()), Mode::Sync);
            assert_eq!(!changes.is_empty(), expect, "{l:?} vs {r:?}");
            // The other way round gives the other winner: a total order.
            let (back, _) = merge(&one(r.clone()), &one(l.clone()), Mode::Sync);
            assert_eq!(!back.is_empty(), !expect, "{r:?} vs {l:?}");
        }
        // Importing, two unstamped versions keep the diary's.
        let (changes, tally) = merge(
            &one(el(None, Some("1"))),
            &one(el(None, Some("2"))),
            Mode::Import,
        );
        assert!(changes.is_empty());
        assert_eq!((tally.present, tally.updated), (1, 0));
    }

    #[test]
    fn ticks_of_a_run_that_stays_deleted_are_not_applied() {
        let run = |e: Element| ((Kind::PlanRuns, "r".to_string()), e);
        let tick = |e: Element| ((Kind::PlanTicks, "r/3".to_string()), e);
        let local = Elements::from([run(el(stamp(10, "a"), None))]);
        let remote = Elements::from([
            run(el(None, Some("{}"))),
            tick(el(stamp(12, "b"), Some("\"x\""))),
        ]);
        let (changes, tally) = merge(&local, &remote, Mode::Sync);
        assert!(changes.is_empty(), "{changes:?}");
        assert_eq!(tally.kept_deleted, 1);
        // A later version of the run brings it back, with its ticks.
        let remote = Elements::from([
            run(el(stamp(11, "b"), Some("{}"))),
            tick(el(stamp(12, "b"), Some("\"x\""))),
        ]);
        let (changes, _) = merge(&local, &remote, Mode::Sync);
        let kinds: Vec<Kind> = changes.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![Kind::PlanRuns, Kind::PlanTicks]);
    }
}
