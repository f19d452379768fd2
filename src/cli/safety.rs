//! `backup`, `restore`, `check`, and the hidden writer used by the crash
//! and concurrency tests.

use super::open_store;
use crate::domain::{new_id, Clock, InputError, Meal, Severity, Slot, SymptomRating};
use crate::exchange::Exchange;
use crate::store::{backups_dir, check_file, private_backups_dir, read_backup};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn backup(db: &Path, clock: &Clock, out: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open_store(db, clock)?;
    let dest = match out {
        Some(p) => p,
        None => {
            let dir = private_backups_dir(db)?;
            let stem = db
                .file_stem()
                .map_or("gutlog".into(), |s| s.to_string_lossy());
            dir.join(format!("{stem}-{}.db", clock.now().format("%Y%m%dT%H%M%S")))
        }
    };
    store.backup_to(&dest)?;
    println!("Backed up the diary to {}", dest.display());
    Ok(())
}

pub fn restore(db: &Path, clock: &Clock, file: &Path) -> anyhow::Result<()> {
    // The backup is read and checked before the diary is opened.
    let backup = read_backup(file).map_err(|e| {
        InputError::new(format!(
            "{} cannot be restored: {e}; pick another backup (nothing was changed)",
            file.display()
        ))
    })?;
    let mut store = open_store(db, clock)?;
    let kept = store.restore_from(&backup, clock.now())?;
    println!(
        "Restored {} into {}.\nThe diary as it was is kept in {}",
        file.display(),
        db.display(),
        kept.display()
    );
    Ok(())
}

pub fn check(db: &Path) -> anyhow::Result<()> {
    let health = check_file(db)?;
    println!("Diary: {}", db.display());
    println!("Integrity: {}", health.integrity.join("; "));
    println!(
        "Links between records: {}",
        if health.broken_links == 0 {
            "ok".to_string()
        } else {
            format!("{} broken", health.broken_links)
        }
    );
    println!("Schema version: {}", health.schema_version);
    if health.schema.is_empty() {
        println!("Schema: exactly gutlog's");
    } else {
        let n = health.schema.len();
        let s = if n == 1 { "" } else { "s" };
        println!("Schema: not gutlog's ({n} difference{s}):");
        for d in &health.schema {
            println!("  - {d}");
        }
    }
    match &health.records {
        None if health.integrity == ["ok"] && health.schema.is_empty() => {
            println!("Records: all valid")
        }
        None => println!("Records: not checked (the file must be sound first)"),
        Some(problem) => println!("Records: one that import would refuse: {problem}"),
    }
    if health.is_healthy() {
        println!("Your diary is healthy.");
        Ok(())
    } else {
        anyhow::bail!(
            "the diary has problems (see above); restore a backup with `gutlog restore FILE` \
             (daily backups are in {})",
            backups_dir(db).display()
        )
    }
}

/// Logs `count` meal + symptom pairs, each pair in one transaction, and
/// prints the meal's id after each commit. The symptom's id is the meal's
/// id with `-s` appended, so a check can find half-written pairs.
pub fn writer(db: &Path, clock: &Clock, count: u64) -> anyhow::Result<()> {
    let mut store = open_store(db, clock)?;
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let id = new_id();
        let at = clock.now();
        let mut ex = Exchange::empty();
        ex.meals.push(Meal {
            id: id.clone(),
            at,
            slot: Slot::Snack,
            foods: vec![format!("test food {i}")],
            tags: vec![],
            note: Some("x".repeat((i % 50) as usize * 40)),
        });
        ex.symptoms.push(SymptomRating {
            id: format!("{id}-s"),
            at,
            symptom: "gas".into(),
            severity: Severity::new((i % 4) as i64)?,
            note: None,
        });
        store.import(&ex)?;
        writeln!(out, "{id}")?;
        out.flush()?;
    }
    Ok(())
}
