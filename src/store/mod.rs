//! The diary on disk: the only module that speaks SQL.
//!
//! `Store::open` and `Store::open_in_memory` both end in `from_connection`,
//! which sets the pragmas and applies the embedded migrations. Every write
//! runs in its own `BEGIN IMMEDIATE` transaction.

mod apply;
mod backup;
mod changes;
mod checkins;
mod delete;
mod diary;
mod error;
mod exchange;
mod experiments;
mod files;
mod health;
mod inspect;
mod meals;
mod merge;
mod migrate;
mod plan;
mod profile;
mod records;
mod restore;
mod schema;
mod span;
mod status;
mod temp;
mod versions;
mod wait;

pub use backup::{backups_dir, keep_backups_from_env, private_backups_dir, DEFAULT_KEEP_BACKUPS};
pub use delete::Deleted;
pub use error::{StoreError, StoreResult};
pub use exchange::ImportSummary;
pub use experiments::already_running;
pub use files::{default_data_dir, default_db_path, DbPaths};
pub use health::{check_file, Health};
pub use merge::{MergeOutcome, Snapshot};
pub use migrate::LATEST_VERSION;
pub use restore::{read_backup, CheckedBackup};
pub use schema::APPLICATION_ID;
pub use temp::{
    remove_stale_temp_files, remove_stale_temp_files_of, temp_name, temp_path, write_private,
};
pub use wait::{set_wait_hooks, WaitHooks, WAIT_LIMIT, WAIT_NOTICE_AFTER};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static CHANGES_SAVED: AtomicUsize = AtomicUsize::new(0);

/// How many changes this process has committed to a diary, so that a
/// command whose output fails can still say that its entry was saved.
pub fn changes_saved() -> usize {
    CHANGES_SAVED.load(Ordering::Relaxed)
}

/// An open diary.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    warnings: Vec<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the diary at `path`. The file and its
    /// `-wal`/`-shm` companions are kept readable by the owner alone.
    ///
    /// Whether the file is a healthy diary is decided before anything is
    /// written to it (read-only, for a file without gutlog's application
    /// id; see `inspect::before_writing`): a file that is not (foreign,
    /// altered, damaged, newer) is refused and left exactly as it was, with
    /// nothing new beside it.
    pub fn open(path: &Path) -> StoreResult<Store> {
        let mut warnings = Vec::new();
        files::prepare(path)?;
        let refused = |r| StoreError::refused(path, r);
        let header = inspect::before_writing(path).map_err(refused)?;
        let conn = files::open_writable(path)?;
        if let Some(h) = header {
            inspect::check_adopted(&conn, h).map_err(refused)?;
        }
        let mut store = Store::from_connection(conn, Some(path.to_path_buf()))?;
        files::tighten_all(path, &mut warnings);
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        temp::remove_stale(dir, false);
        temp::remove_stale(&backups_dir(path), true);
        warnings.extend(backup::keep_backups_warning());
        store.warnings = warnings;
        Ok(store)
    }

    /// A private in-memory diary (tests, benchmarks).
    pub fn open_in_memory() -> StoreResult<Store> {
        Store::from_connection(Connection::open_in_memory()?, None)
    }

    fn from_connection(mut conn: Connection, path: Option<PathBuf>) -> StoreResult<Store> {
        // Another gutlog writing: wait as long as it works (wait.rs).
        conn.busy_handler(Some(wait::wait_for_writer))?;
        // Migrations, too, take the write lock up front.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        schema::harden(&conn)?;
        // Nothing is written to a database that is not exactly a diary (or empty).
        verify(&conn, path.as_deref())?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if path.is_some() {
            let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Other(format!(
                    "could not switch the database to WAL mode (got '{mode}')"
                )));
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        if migrate::to_latest(&mut conn, path.as_deref())? {
            verify(&conn, path.as_deref())?;
        }
        Ok(Store {
            conn,
            path,
            warnings: Vec::new(),
        })
    }

    /// The database file, or None in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Things worth telling the user that happened while opening (for
    /// example, permissions that were tightened).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// A pragma's current value, as text (for tests and `gutlog paths`).
    pub fn pragma(&self, name: &str) -> StoreResult<String> {
        let v: rusqlite::types::Value =
            self.conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
        Ok(match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(s) => s,
            rusqlite::types::Value::Real(f) => f.to_string(),
            other => format!("{other:?}"),
        })
    }

    /// The schema version in the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `f` inside one `BEGIN IMMEDIATE` transaction: all or nothing.
    fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> StoreResult<T>) -> StoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        CHANGES_SAVED.fetch_add(1, Ordering::Relaxed);
        Ok(out)
    }

    /// SQLite's `PRAGMA data_version`: it changes whenever another
    /// connection (another gutlog) commits to the diary.
    pub fn data_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// True when nothing at all has been logged.
    pub fn is_empty(&self) -> StoreResult<bool> {
        // EXISTS stops at the first row: no scan of a long history.
        let empty: bool = self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM meals) AND NOT EXISTS (SELECT 1 FROM symptom_ratings)
                AND NOT EXISTS (SELECT 1 FROM stools) AND NOT EXISTS (SELECT 1 FROM checkins)
                AND NOT EXISTS (SELECT 1 FROM intakes) AND NOT EXISTS (SELECT 1 FROM red_flags)
                AND NOT EXISTS (SELECT 1 FROM plan_runs) AND NOT EXISTS (SELECT 1 FROM habit_ticks)
                AND NOT EXISTS (SELECT 1 FROM experiments)",
            [],
            |r| r.get(0),
        )?;
        Ok(empty)
    }
}

/// Refuses a connection whose database is not exactly a diary (or empty).
fn verify(conn: &Connection, path: Option<&Path>) -> StoreResult<()> {
    inspect::schema_of(conn)
        .and_then(|s| inspect::judge(&s))
        .map(|_| ())
        .map_err(|r| StoreError::refused(path.unwrap_or(Path::new(":memory:")), r))
}
