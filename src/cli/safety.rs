//! `backup`, `restore`, `check`, and the hidden writer used by the crash
//! and concurrency tests.

use super::open_store;
use crate::domain::{new_id, Clock, InputError, Meal, Severity, Slot, SymptomRating};
use crate::exchange::Exchange;
use crate::store::{backups_dir, check_file};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn backup(db: &Path, clock: &Clock, out: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open_store(db, clock)?;
    let dest = match out {
        Some(p) => p,
        None => {
            let dir = backups_dir(db);
            std::fs::create_dir_all(&dir)?;
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
    if !file.is_file() {
        return Err(InputError::new(format!("{} is not a file", file.display())).into());
    }
    let health = check_file(file, true)
        .map_err(|e| InputError::new(format!("{} cannot be restored: {e}", file.display())))?;
    if !health.is_healthy() {
        return Err(InputError::new(format!(
            "{} is damaged ({}); pick another backup",
            file.display(),
            health.integrity.join("; ")
        ))
        .into());
    }
    let mut store = open_store(db, clock)?;
    let kept = store.restore_from(file, clock.now())?;
    println!(
        "Restored {} into {}.\nThe diary as it was is kept in {}",
        file.display(),
        db.display(),
        kept.display()
    );
    Ok(())
}

pub fn check(db: &Path) -> anyhow::Result<()> {
    let health = check_file(db, false)?;
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
    if health.is_healthy() {
        println!("Your diary is healthy.");
        Ok(())
    } else {
        anyhow::bail!(
            "the diary has problems; restore a backup with `gutlog restore FILE` (daily backups are in {})",
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
