//! Where the diary lives and who may read it.

use super::error::{StoreError, StoreResult};
use std::fs::{self, OpenOptions, Permissions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The data directory: `$XDG_DATA_HOME/gutlog`, else `~/.local/share/gutlog`.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(x);
        if p.is_absolute() {
            return Some(p.join("gutlog"));
        }
    }
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|h| PathBuf::from(h).join(".local/share/gutlog"))
}

/// The default database file, `gutlog.db` in the data directory.
pub fn default_db_path() -> Option<PathBuf> {
    default_data_dir().map(|d| d.join("gutlog.db"))
}

/// The database and its companion files.
#[derive(Debug, Clone)]
pub struct DbPaths {
    pub db: PathBuf,
}

impl DbPaths {
    pub fn new(db: &Path) -> DbPaths {
        DbPaths {
            db: db.to_path_buf(),
        }
    }
    pub fn companion(&self, suffix: &str) -> PathBuf {
        let mut s = self.db.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    }
    pub fn wal(&self) -> PathBuf {
        self.companion("-wal")
    }
    pub fn shm(&self) -> PathBuf {
        self.companion("-shm")
    }
}

/// Makes sure the directory exists (0700 when we create it) and the file
/// exists with mode 0600, before SQLite opens it; SQLite then gives the
/// `-wal` and `-shm` files the same mode as the database.
pub(crate) fn prepare(path: &Path) -> StoreResult<()> {
    if path.is_dir() {
        return Err(StoreError::NotADiary(format!(
            "{} is a directory, not a diary file; give a file path with --db",
            path.display()
        )));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| {
                    StoreError::Other(format!(
                        "cannot create the data directory {}: {e}",
                        dir.display()
                    ))
                })?;
        }
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => {
            // umask can strip bits at creation but never add them; set exactly 0600.
            let _ = fs::set_permissions(path, Permissions::from_mode(0o600));
        }
        // An existing file is tightened only once it is known to be a diary.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => {
            return Err(StoreError::Other(format!(
                "cannot create the diary {}: {e}",
                path.display()
            )))
        }
    }
    Ok(())
}

/// Removes group and world access from an existing file, with a warning.
fn tighten(path: &Path, warnings: &mut Vec<String>) {
    if let Ok(meta) = fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            if fs::set_permissions(path, Permissions::from_mode(mode & 0o700)).is_ok() {
                warnings.push(format!(
                    "{} was readable by other users (mode {:o}); it is now private (mode {:o})",
                    path.display(),
                    mode,
                    mode & 0o700
                ));
            } else {
                warnings.push(format!(
                    "{} is readable by other users (mode {:o}) and could not be made private; \
                     run: chmod 600 {}",
                    path.display(),
                    mode,
                    path.display()
                ));
            }
        }
    }
}

/// The diary and its `-wal` and `-shm` files: owner-only, whatever the umask.
pub(crate) fn tighten_all(path: &Path, warnings: &mut Vec<String>) {
    let paths = DbPaths::new(path);
    for p in [paths.db.clone(), paths.wal(), paths.shm()] {
        if p.exists() {
            tighten(&p, warnings);
        }
    }
}
