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
pub const LATEST_VERSION: i64 = 6;

fn user_version(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies pending migrations in one transaction (all or nothing); true if
/// there were any. An existing diary is first copied into `backups/`.
pub(crate) fn to_latest(conn: &mut Connection, path: Option<&Path>) -> StoreResult<bool> {
    let version = user_version(conn)?;
    if version >= LATEST_VERSION {
        return Ok(false);
    }
    if let (Some(path), true) = (path, version >= 1) {
        let label = format!("before-v{LATEST_VERSION}-from-v{version}");
        super::backup::snapshot(conn, path, &label)?;
    }
    match MIGRATIONS.to_latest(conn) {
        Ok(()) => Ok(true),
        // Another process opening the same new diary may have migrated it
        // between our check and our transaction: that is success.
        Err(_) if user_version(conn)? == LATEST_VERSION => Ok(true),
        Err(e) => Err(StoreError::Other(format!(
            "could not update the diary's schema from version {version} to {LATEST_VERSION} \
             ({e}); nothing was changed"
        ))),
    }
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
