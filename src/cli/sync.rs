//! `gutlog sync DIR`: merge with your other computers through a folder
//! that a file-sync tool carries (see `crate::sync`).

use super::open_store;
use crate::domain::Clock;
use crate::sync::folder::synced_marker;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// A folder your file-sync tool (Syncthing, Dropbox, a network share)
    /// carries between your computers; never the diary's own folder
    dir: PathBuf,
}

/// "1 entry", "2 entries".
pub fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

/// The warning for a diary that sits in a folder a sync tool carries.
pub fn synced_folder_warning(db: &Path) -> Option<String> {
    let (dir, marker) = synced_marker(db)?;
    Some(format!(
        "the diary is inside {}, which looks like a folder a file-sync tool carries ({marker} \
         found there). A sync tool copying a live database (gutlog.db and its -wal file at \
         different moments) can corrupt it or lose entries: keep the diary outside synced \
         folders (--db or GUTLOG_DB) and use `gutlog sync DIR` instead",
        dir.display()
    ))
}

pub fn sync(db: &Path, clock: &Clock, args: SyncArgs) -> anyhow::Result<()> {
    crate::sync::check_folder(Some(db), &args.dir)?;
    let mut store = open_store(db, clock)?;
    if let Some(w) = synced_folder_warning(db) {
        eprintln!("gutlog: warning: {w}");
    }
    let r = crate::sync::sync_folder(&mut store, &args.dir)?;
    for (path, why) in &r.unreadable {
        eprintln!(
            "gutlog: warning: skipped {}: it {why}; it was left as it is (a file still being \
             copied is read on the next sync)",
            path.display()
        );
    }
    if let Some((old, new)) = &r.new_device {
        eprintln!(
            "gutlog: warning: {} held changes this diary did not have: another copy of this \
             diary (a copied gutlog.db, or a backup restored here) syncs under the same name. \
             Its changes are merged, and this diary now syncs as {new}.",
            old.display()
        );
    }
    for copy in &r.copies {
        eprintln!(
            "gutlog: note: merged {}, a copy your sync tool made; its changes are in this diary \
             now, so you may delete it",
            copy.display()
        );
    }
    let t = &r.tally;
    if r.merged.is_empty() {
        println!("No other computer's file in {} yet.", args.dir.display());
    } else {
        let files = match r.merged.len() {
            1 => "1 other file".to_string(),
            n => format!("{n} other files"),
        };
        let kept = match t.kept_deleted {
            0 => String::new(),
            n => format!("; not brought back: {} deleted here", entries(n)),
        };
        println!(
            "Synced with {files}: {} new, {} changed, {} deleted{kept}.",
            t.added,
            t.changed(),
            t.deleted
        );
    }
    for o in &t.overlaps {
        let short = |id: &str| id[..id.len().min(8)].to_string();
        println!(
            "Two experiments started on different computers share dates: {} (id {}) and {} \
             (id {}). Experiments run one at a time, so the one created later, {}, is kept \
             everywhere and the other is removed (its entries stay).",
            o.removed_factor,
            short(&o.removed),
            o.kept_factor,
            short(&o.kept),
            o.kept_factor
        );
    }
    if r.wrote {
        println!("Wrote {}.", r.own_file.display());
    } else {
        println!("{} is up to date.", r.own_file.display());
    }
    Ok(())
}
