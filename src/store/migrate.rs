//! Schema migrations, embedded from `migrations/` at build time and tracked
//! by `PRAGMA user_version`.

use super::error::{StoreError, StoreResult};
use include_dir::{include_dir, Dir};
use rusqlite::Connection;
use rusqlite_migration::Migrations;
use std::path::Path;
use std::sync::LazyLock;

static MIGRATIONS_DIR: Dir = include_dir!("$CARGO_MANIFEST_DIR/migrations");

pub(crate) static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::from_directory(&MIGRATIONS_DIR).expect("migrations/ is well formed (tested)")
});

/// The schema version this binary writes.
pub const LATEST_VERSION: i64 = 1;

/// Refuses, without writing a byte, a file that is not SQLite, a database
/// that is not a diary, or a diary from a newer gutlog.
pub(crate) fn refuse_foreign(conn: &Connection, path: &Path) -> StoreResult<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| {
            StoreError::NotADiary(format!(
                "{} is not a gutlog diary ({e}); check the path, or restore it from a backup",
                path.display()
            ))
        })?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.display().to_string(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    if version == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::NotADiary(format!(
                "{} is an SQLite database but not a gutlog diary; give another path with --db",
                path.display()
            )));
        }
    }
    Ok(())
}

pub(crate) fn to_latest(conn: &mut Connection, _path: Option<&Path>) -> StoreResult<()> {
    MIGRATIONS.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::Sqlite(err),
        other => StoreError::Other(format!("could not update the database schema: {other}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn latest_version_matches_the_migrations_directory() {
        assert_eq!(MIGRATIONS_DIR.dirs().count() as i64, LATEST_VERSION);
    }
}
