//! Where the diary lives and who may read it.

use super::error::{StoreError, StoreResult};
use rusqlite::{Connection, OpenFlags};
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
/// `-wal` and `-shm` files the same mode as the database. An existing path
/// must be a regular file (or a link to one).
pub(crate) fn prepare(path: &Path) -> StoreResult<()> {
    if path.symlink_metadata().is_ok() {
        return require_regular(path);
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
        // Made by another gutlog a moment ago: it is checked like any other.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return require_regular(path),
        Err(e) => {
            return Err(StoreError::Other(format!(
                "cannot create the diary {}: {e}",
                path.display()
            )))
        }
    }
    Ok(())
}

/// Refuses, with a message naming it, a path that is not a regular file:
/// a directory, a device such as /dev/null, a FIFO, a socket, a dangling link.
pub(crate) fn require_regular(path: &Path) -> StoreResult<()> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let what = if path.symlink_metadata().is_ok() {
                "is a symbolic link to a file that does not exist"
            } else {
                "does not exist"
            };
            return Err(StoreError::NotADiary(format!("{} {what}", path.display())));
        }
        Err(e) => {
            return Err(StoreError::Other(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    if meta.is_dir() {
        return Err(StoreError::NotADiary(format!(
            "{} is a directory, not a diary file; give a file path with --db",
            path.display()
        )));
    }
    if !meta.is_file() {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let kind = if t.is_fifo() {
            "a FIFO (named pipe)"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "a special file"
        };
        return Err(StoreError::Input(crate::domain::InputError::new(format!(
            "{} is not a regular file (it is {kind}); give the path of a diary file with --db",
            path.display()
        ))));
    }
    Ok(())
}

/// The path as SQLite must be given it to read it as a plain file name:
/// SQLite (built with URI support) reads a name that starts with `file:` as
/// a URI, so such a relative path is given as `./file:…`.
pub(crate) fn sqlite_path(path: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    if path.as_os_str().as_bytes().starts_with(b"file:") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// Opens an existing file for reading and writing, as a plain path (never a
/// URI), without creating it; hardened before it reads a byte.
pub(crate) fn open_writable(path: &Path) -> StoreResult<Connection> {
    let conn = Connection::open_with_flags(
        sqlite_path(path),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::open(path, e))?;
    super::schema::harden(&conn)?;
    Ok(conn)
}

/// Opens a file read-only, hardened. `immutable` reads the file alone, with
/// no locks and no `-wal`/`-shm` files made beside it (for a file that has
/// no `-wal`).
pub(crate) fn open_read_only(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let conn = if immutable {
        Connection::open_with_flags(
            format!("file://{}?immutable=1", uri_path(path)),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
    } else {
        Connection::open_with_flags(
            sqlite_path(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }?;
    super::schema::harden(&conn)?;
    Ok(conn)
}

/// The absolute path, percent-encoded for a `file:` URI.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in abs.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
