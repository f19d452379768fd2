//! Consistent copies of the diary: `gutlog backup`, the daily rotating
//! backups, the copy taken before a migration, health checks and restore.

use super::error::{StoreError, StoreResult};
use super::migrate::LATEST_VERSION;
use super::Store;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Copies the database behind `conn` to `dest` with `VACUUM INTO`: written
/// to a private temporary file, synced, then linked into place, so `dest`
/// appears whole or not at all and an existing file is never overwritten.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> StoreResult<()> {
    if dest.exists() {
        return Err(StoreError::Input(crate::domain::InputError::new(format!(
            "{} already exists; choose another name (gutlog never overwrites a file)",
            dest.display()
        ))));
    }
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let result = (|| -> StoreResult<()> {
        // Created empty and private first: VACUUM INTO fills an empty file.
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(|e| io_err("cannot write in", dir, e))?;
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        let f = OpenOptions::new()
            .read(true)
            .open(&tmp)
            .map_err(|e| io_err("cannot reopen", &tmp, e))?;
        f.sync_all().map_err(|e| io_err("cannot sync", &tmp, e))?;
        // A hard link never replaces an existing file, unlike rename.
        fs::hard_link(&tmp, dest).map_err(|e| io_err("cannot create", dest, e))?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    let _ = fs::remove_file(&tmp);
    result
}

fn io_err(what: &str, path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Other(format!("{what} {}: {e}", path.display()))
}

/// Daily backups kept unless `GUTLOG_KEEP_BACKUPS` says otherwise.
pub const DEFAULT_KEEP_BACKUPS: usize = 7;

/// How many daily backups to keep: `GUTLOG_KEEP_BACKUPS`, default 7, 0 = off.
pub fn keep_backups_from_env() -> Result<usize, crate::domain::InputError> {
    match std::env::var("GUTLOG_KEEP_BACKUPS") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().map_err(|_| {
            crate::domain::InputError::new(format!(
                "GUTLOG_KEEP_BACKUPS '{v}' is not a whole number; use 0 to turn daily backups off"
            ))
        }),
        _ => Ok(DEFAULT_KEEP_BACKUPS),
    }
}

/// The folder for automatic backups: `backups/` beside the diary.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "gutlog".into())
}

fn ensure_private_dir(dir: &Path) -> StoreResult<()> {
    if !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| io_err("cannot create", dir, e))?;
    }
    Ok(())
}

/// A named backup in the backups folder, e.g. before a migration or restore.
pub(crate) fn snapshot(conn: &Connection, db: &Path, label: &str) -> StoreResult<PathBuf> {
    let dir = backups_dir(db);
    ensure_private_dir(&dir)?;
    let mut dest = dir.join(format!("{}-{label}.db", stem(db)));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = dir.join(format!("{}-{label}-{n}.db", stem(db)));
    }
    copy_to(conn, &dest)?;
    Ok(dest)
}

/// The health of a diary file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Health {
    /// `integrity_check` output: `["ok"]` when sound.
    pub integrity: Vec<String>,
    /// Rows whose foreign key points nowhere.
    pub broken_links: usize,
    pub schema_version: i64,
}

impl Health {
    pub fn is_healthy(&self) -> bool {
        self.integrity == ["ok"] && self.broken_links == 0 && self.schema_version <= LATEST_VERSION
    }
}

fn health_of(conn: &Connection) -> StoreResult<Health> {
    let integrity = {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let broken_links = {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |_| Ok(()))?;
        rows.count()
    };
    let schema_version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(Health {
        integrity,
        broken_links,
        schema_version,
    })
}

/// Checks a diary file without changing it. With `snapshot_only`, the file
/// is read as it is on disk (for a backup about to be restored).
pub fn check_file(path: &Path, snapshot_only: bool) -> StoreResult<Health> {
    if !path.is_file() {
        return Err(StoreError::NotADiary(format!(
            "{} does not exist or is not a file",
            path.display()
        )));
    }
    let conn = if snapshot_only {
        let uri = format!("file:{}?immutable=1", uri_escape(path));
        Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )
    } else {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
    }
    .map_err(|e| StoreError::open(path, e))?;
    super::migrate::refuse_foreign(&conn, path)?;
    let has_meals: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meals'",
        [],
        |r| r.get(0),
    )?;
    if has_meals == 0 {
        return Err(StoreError::NotADiary(format!(
            "{} holds no gutlog diary",
            path.display()
        )));
    }
    health_of(&conn)
}

fn uri_escape(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

impl Store {
    /// Writes a consistent copy of the diary to `dest` (never overwrites).
    pub fn backup_to(&self, dest: &Path) -> StoreResult<()> {
        copy_to(&self.conn, dest)
    }

    /// Runs `integrity_check` and `foreign_key_check`.
    pub fn health(&self) -> StoreResult<Health> {
        health_of(&self.conn)
    }

    /// Once a day, on first use, copies the diary into `backups/`, keeping
    /// the newest `keep` daily copies (0 turns this off). Returns the new
    /// backup, if one was made.
    pub fn daily_backup(&self, today: NaiveDate, keep: usize) -> StoreResult<Option<PathBuf>> {
        let Some(db) = self.path.clone() else {
            return Ok(None);
        };
        if keep == 0 {
            return Ok(None);
        }
        let dir = backups_dir(&db);
        let prefix = format!("{}-daily-", stem(&db));
        let dest = dir.join(format!("{prefix}{}.db", today.format("%Y-%m-%d")));
        if dest.exists() || self.is_empty()? {
            return Ok(None);
        }
        ensure_private_dir(&dir)?;
        copy_to(&self.conn, &dest)?;
        let mut daily: Vec<PathBuf> = fs::read_dir(&dir)
            .map_err(|e| io_err("cannot list", &dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db"))
            })
            .collect();
        daily.sort();
        let excess = daily.len().saturating_sub(keep);
        for old in &daily[..excess] {
            let _ = fs::remove_file(old);
        }
        Ok(Some(dest))
    }

    /// Replaces the diary's contents with the checked diary at `src`, after
    /// keeping the current diary as a backup (returned).
    pub fn restore_from(&mut self, src: &Path, now: NaiveDateTime) -> StoreResult<PathBuf> {
        let health = check_file(src, true)?;
        if !health.is_healthy() {
            return Err(StoreError::NotADiary(format!(
                "{} is damaged ({}); it was not restored",
                src.display(),
                health.integrity.join("; ")
            )));
        }
        let db = self
            .path
            .clone()
            .ok_or_else(|| StoreError::Other("an in-memory diary has no file to restore".into()))?;
        let kept = snapshot(
            &self.conn,
            &db,
            &format!("before-restore-{}", now.format("%Y%m%dT%H%M%S")),
        )?;
        let uri = format!("file:{}?immutable=1", uri_escape(src));
        let source = Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| StoreError::open(src, e))?;
        {
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
        }
        super::migrate::to_latest(&mut self.conn, Some(&db))?;
        Ok(kept)
    }
}
