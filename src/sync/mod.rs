//! Two computers, one diary: `gutlog sync DIR`.
//!
//! DIR is a folder that a file-sync tool carries between computers. Each
//! diary writes only its own file there (`gutlog-sync-DEVICE.json`, an
//! export with change times and tombstones) and merges every other file it
//! finds. The merge (merge.rs) keeps the later version of every element, so
//! deletions carry over, edits carry over, and every order of syncing ends
//! with the same diary everywhere. The live database is never what is
//! synced: a sync tool copying `gutlog.db` and its `-wal` file at different
//! moments can corrupt it.

pub mod folder;
pub mod merge;

use crate::domain::InputError;
use crate::exchange::{Elements, IdOwners};
use crate::store::{Store, StoreError, StoreResult};
use folder::{Found, Role};
use merge::{combine as combine_into, Mode, Tally};
use std::path::{Path, PathBuf};

/// What a sync did.
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    /// This diary's own file, as written (or found up to date).
    pub own_file: PathBuf,
    /// Whether the own file was (re)written.
    pub wrote: bool,
    /// Other computers' files and copies whose contents were merged.
    pub merged: Vec<PathBuf>,
    /// Of those, copies made by the sync tool.
    pub copies: Vec<PathBuf>,
    /// Files that could not be read, each with why: left as they are.
    pub unreadable: Vec<(PathBuf, String)>,
    /// What the merge did to entries.
    pub tally: Tally,
    /// How many elements of the diary changed.
    pub changes: usize,
    /// (old file, new device id) when another copy of this diary used its
    /// device id and this diary took a new one.
    pub new_device: Option<(PathBuf, String)>,
}

/// Merges every gutlog file in `dir` into the diary, then writes the
/// diary's own file there (only if it changed).
pub fn sync_folder(store: &mut Store, dir: &Path) -> StoreResult<SyncReport> {
    check_folder(store.path(), dir)?;
    let device = store.device_id()?;
    folder::remove_stale_temps(dir, &device);
    let found = folder::list(dir, &device)
        .map_err(|e| StoreError::Other(format!("cannot list {}: {e}", dir.display())))?;
    let snapshot = store.snapshot()?;
    // What this diary's own file will hold if nothing changes: a file
    // holding exactly that has nothing new and is not even parsed.
    let mine = snapshot.exchange.to_json();
    // Which kind of record holds each id: worked out only if a file is read.
    let mut owners: Option<IdOwners> = None;

    let mut report = SyncReport::default();
    let mut remote = Elements::new();
    let mut remote_custom: Vec<String> = Vec::new();
    // The own file's text, and its elements when it differs from `mine`.
    let mut own: Option<(String, Option<Elements>)> = None;
    for Found { path, role } in found {
        let text = match folder::read(&path) {
            Ok(t) => t,
            Err(why) => {
                report.unreadable.push((path, why));
                continue;
            }
        };
        let els = if text == mine {
            None
        } else {
            let read =
                crate::exchange::parse(&text, &snapshot.exchange.custom_symptoms).and_then(|ex| {
                    owners
                        .get_or_insert_with(|| IdOwners::of(&snapshot.exchange))
                        .check(&ex)?;
                    Ok((crate::exchange::elements(&ex)?, ex))
                });
            match read {
                Ok((els, ex)) => {
                    remote_custom.extend(ex.custom_symptoms);
                    Some(els)
                }
                Err(e) => {
                    report
                        .unreadable
                        .push((path, format!("could not be read as a gutlog file ({e})")));
                    continue;
                }
            }
        };
        match role {
            Role::Own => {
                // Merged too: it holds changes the diary lacks only if
                // another copy of the diary wrote it (merge_in then gives
                // this diary a new device id).
                if let Some(els) = &els {
                    combine_into(&mut remote, els.clone());
                }
                own = Some((text, els));
            }
            Role::Device(_) | Role::Copy => {
                if role == Role::Copy {
                    report.copies.push(path.clone());
                }
                report.merged.push(path);
                if let Some(els) = els {
                    combine_into(&mut remote, els);
                }
            }
        }
    }
    remote_custom.sort();
    remote_custom.dedup();

    let own_els = own.as_ref().and_then(|(_, els)| els.as_ref());
    let out = store.merge_in(
        &remote,
        &remote_custom,
        Mode::Sync,
        own_els,
        Some(&snapshot),
    )?;
    report.tally = out.tally;
    report.changes = out.changes;
    let device = match out.new_device {
        Some(new) => {
            report.new_device = Some((dir.join(folder::file_name(&device)), new.clone()));
            own = None;
            new
        }
        None => device,
    };
    let name = folder::file_name(&device);
    report.own_file = dir.join(&name);
    let json = if out.changes > 0 || report.new_device.is_some() {
        store.export()?.to_json()
    } else {
        mine
    };
    if own.as_ref().is_none_or(|(text, _)| *text != json) {
        folder::write_atomic(dir, &name, json.as_bytes()).map_err(|e| {
            StoreError::Other(format!(
                "cannot write {}: {e}; the diary was merged, the sync folder keeps its old copy",
                report.own_file.display()
            ))
        })?;
        report.wrote = true;
    }
    Ok(report)
}

/// Refuses a folder that is missing, not a folder, or holds the diary
/// (checked before the diary is even opened, so a refusal changes nothing).
pub fn check_folder(db: Option<&Path>, dir: &Path) -> StoreResult<()> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(InputError::new(format!(
                "{} is not a folder; give the folder your sync tool carries between your computers",
                dir.display()
            ))
            .into())
        }
        Err(e) => {
            return Err(InputError::new(format!(
                "cannot use {} as the sync folder ({e}); create it, or give the folder your \
                 sync tool carries",
                dir.display()
            ))
            .into())
        }
    }
    if let Some(db) = db {
        if folder::is_inside(db, dir) {
            return Err(InputError::new(format!(
                "the diary {} is inside the sync folder {}; a live database must never be \
                 synced (it can be corrupted): move the diary elsewhere (--db or GUTLOG_DB) \
                 or choose another folder",
                db.display(),
                dir.display()
            ))
            .into());
        }
    }
    Ok(())
}
