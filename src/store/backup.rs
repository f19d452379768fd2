//! Consistent copies of the diary: `gutlog backup`, the daily rotating
//! backups, the copy taken before a migration or a restore, and the
//! private folder they live in.

use super::error::{StoreError, StoreResult};
use super::{files, temp, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Copies the database behind `conn` to `dest` with `VACUUM INTO`: written
/// to a private temporary file, synced, then linked into place, so `dest`
/// appears whole or not at all and an existing file is never overwritten.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> StoreResult<()> {
    if dest.symlink_metadata().is_ok() {
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
    // What a killed gutlog left here goes first.
    temp::remove_stale(dir, false);
    let tmp = temp::path_for(dir, &name);
    temp::remove(&tmp);
    let result = (|| -> StoreResult<()> {
        // Created empty and private first: VACUUM INTO fills an empty file.
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(|e| io_err("cannot write in", dir, e))?;
        conn.execute(
            "VACUUM INTO ?1",
            [files::sqlite_path(&tmp).to_string_lossy()],
        )?;
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
    temp::remove(&tmp);
    result
}

fn io_err(what: &str, path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Other(format!("{what} {}: {e}", path.display()))
}

/// Daily backups kept unless `GUTLOG_KEEP_BACKUPS` says otherwise.
pub const DEFAULT_KEEP_BACKUPS: usize = 7;

/// How many daily backups to keep: `GUTLOG_KEEP_BACKUPS`, default 7, 0 =
/// off. A value that is not a whole number gives the default (and a warning,
/// see `keep_backups_warning`): a backup setting never stops the logging.
pub fn keep_backups_from_env() -> usize {
    keep_backups_setting().unwrap_or(DEFAULT_KEEP_BACKUPS)
}

fn keep_backups_setting() -> Result<usize, String> {
    match std::env::var("GUTLOG_KEEP_BACKUPS") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().map_err(|_| v),
        _ => Ok(DEFAULT_KEEP_BACKUPS),
    }
}

/// The warning for a `GUTLOG_KEEP_BACKUPS` that is not a whole number.
pub(crate) fn keep_backups_warning() -> Option<String> {
    keep_backups_setting().err().map(|v| {
        format!(
            "GUTLOG_KEEP_BACKUPS '{v}' is not a whole number; keeping the newest \
             {DEFAULT_KEEP_BACKUPS} daily backups (use 0 to turn them off)"
        )
    })
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

/// Makes sure `dir` is a private folder (0700, whatever the umask),
/// naming it and its problem when it cannot be one.
fn ensure_private_dir(dir: &Path) -> StoreResult<()> {
    let problem =
        |what: &str| StoreError::Other(format!("cannot keep backups in {}: {what}", dir.display()));
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            if m.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                    .map_err(|e| problem(&format!("it cannot be made private ({e})")))?;
            }
            Ok(())
        }
        Ok(m) if m.file_type().is_symlink() => match fs::metadata(dir) {
            Ok(t) if t.is_dir() => Ok(()),
            Ok(_) => Err(problem(
                "it is a symbolic link to something that is not a folder; \
                 remove it or point it at a folder",
            )),
            Err(_) => Err(problem(&format!(
                "it is a symbolic link to {}, which does not exist; remove the link \
                 or create that folder",
                fs::read_link(dir)
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| "a place".into())
            ))),
        },
        Ok(_) => Err(problem(
            "it is a file, not a folder; move it away so gutlog can make the folder",
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::DirBuilder::new()
                .mode(0o700)
                .create(dir)
                .map_err(|e| problem(&format!("the folder cannot be made ({e})")))?;
            // umask can strip bits at creation but never add them.
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                .map_err(|e| problem(&format!("it cannot be made private ({e})")))?;
            Ok(())
        }
        Err(e) => Err(problem(&e.to_string())),
    }
}

/// The backups folder beside the diary, made private (0700) if needed.
pub fn private_backups_dir(db: &Path) -> StoreResult<PathBuf> {
    let dir = backups_dir(db);
    ensure_private_dir(&dir)?;
    Ok(dir)
}

/// A named backup in the backups folder, e.g. before a migration or restore.
pub(crate) fn snapshot(conn: &Connection, db: &Path, label: &str) -> StoreResult<PathBuf> {
    let dir = backups_dir(db);
    ensure_private_dir(&dir)?;
    let mut dest = dir.join(format!("{}-{label}.db", stem(db)));
    let mut n = 1;
    while dest.symlink_metadata().is_ok() {
        n += 1;
        dest = dir.join(format!("{}-{label}-{n}.db", stem(db)));
    }
    copy_to(conn, &dest)?;
    Ok(dest)
}

impl Store {
    /// Writes a consistent copy of the diary to `dest` (never overwrites).
    pub fn backup_to(&self, dest: &Path) -> StoreResult<()> {
        copy_to(&self.conn, dest)
    }

    /// Once a day, on first use, copies the diary into `backups/`, keeping
    /// the newest `keep` daily copies by when they were made (0 turns this
    /// off); the copy just made is always kept. Returns the new backup, if
    /// one was made.
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
        if dest.symlink_metadata().is_ok() || self.is_empty()? {
            return Ok(None);
        }
        ensure_private_dir(&dir)?;
        copy_to(&self.conn, &dest)?;
        let mut others: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(&dir)
            .map_err(|e| io_err("cannot list", &dir, e))?
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db"))
            })
            .filter_map(|e| {
                let meta = fs::symlink_metadata(e.path()).ok()?;
                let made = meta.modified().ok()?;
                (meta.is_file() && e.path() != dest).then(|| (made, e.path()))
            })
            .collect();
        // Newest first, by when each was written (not by the date in its
        // name: the clock may have been wrong when it was named).
        others.sort_by(|a, b| b.cmp(a));
        for (_, old) in others.iter().skip(keep - 1) {
            let _ = fs::remove_file(old);
        }
        Ok(Some(dest))
    }
}
