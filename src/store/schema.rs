//! What a diary's schema must be, exactly, and the hardening every
//! connection gets before it reads a byte of a file.
//!
//! The expected schema of version v is not written down anywhere: it is what
//! migrations 1..=v make in an empty in-memory database, so a new migration
//! needs no code here.

use super::migrate::{LATEST_VERSION, MIGRATIONS};
use rusqlite::config::DbConfig;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// `PRAGMA application_id` of a gutlog diary (set by migration 3): "GUTL".
pub const APPLICATION_ID: i64 = 0x4755_544C;

/// Turns off what a hostile file could use against us: functions with side
/// effects called from its schema (`trusted_schema`), and writes to the
/// schema itself or to shadow tables (defensive mode).
pub(crate) fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    Ok(())
}

/// One row of `sqlite_schema`: its type and table, and the SQL that made it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Object {
    kind: String,
    table: String,
    sql: Option<String>,
}

/// A database's schema: versions and every table, index, trigger and view.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Schema {
    pub version: i64,
    pub application_id: i64,
    objects: BTreeMap<String, Object>,
}

impl Schema {
    /// Reads the schema of `conn`'s main database (call inside a read
    /// transaction, so the versions and the objects agree).
    pub fn read(conn: &Connection) -> rusqlite::Result<Schema> {
        let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                Object {
                    kind: r.get(0)?,
                    table: r.get(2)?,
                    sql: r.get(3)?,
                },
            ))
        })?;
        let mut objects = BTreeMap::new();
        for row in rows {
            let (name, object) = row?;
            // SQLite's own statistics (ANALYZE) only guide its query planner.
            if !name.starts_with("sqlite_stat") {
                objects.insert(name, object);
            }
        }
        Ok(Schema {
            version,
            application_id,
            objects,
        })
    }

    /// True for a database with nothing in it yet (a diary being created).
    pub fn is_empty(&self) -> bool {
        self.version == 0 && self.application_id == 0 && self.objects.is_empty()
    }

    /// How this schema differs from gutlog's for its `user_version`, in
    /// words; empty when it is exactly gutlog's. Call only for versions
    /// 0..=LATEST_VERSION.
    pub fn differences(&self) -> Vec<String> {
        // The usual case, a diary exactly as gutlog made it, needs no
        // in-memory migrations (they cost a third of a `gutlog log`).
        if snapshot().contains(self) {
            return Vec::new();
        }
        let Some(expected) = expected(self.version) else {
            return vec![format!(
                "schema version {} is not one gutlog has ever written",
                self.version
            )];
        };
        let mut out = Vec::new();
        if self.application_id != expected.application_id {
            out.push(format!(
                "application id is {}, expected {}",
                self.application_id, expected.application_id
            ));
        }
        for (name, want) in &expected.objects {
            match self.objects.get(name) {
                None => out.push(format!("missing {} '{name}'", want.kind)),
                Some(got) if got != want => {
                    out.push(format!("{} '{name}' differs from gutlog's", got.kind))
                }
                Some(_) => {}
            }
        }
        for (name, got) in &self.objects {
            if !expected.objects.contains_key(name) {
                let on = if got.kind == "table" || got.kind == "view" {
                    String::new()
                } else {
                    format!(" on {}", got.table)
                };
                out.push(format!("unexpected {} '{name}'{on}", got.kind));
            }
        }
        out
    }
}

/// The latest schema's tables, in the order the migrations made them (so
/// a table comes after the tables it references).
pub(crate) fn latest_tables() -> &'static [String] {
    static TABLES: OnceLock<Vec<String>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
        harden(&conn).expect("in-memory pragmas");
        MIGRATIONS
            .to_latest(&mut conn)
            .expect("the migrations apply to an empty database (tested)");
        conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY rowid",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the in-memory schema reads")
    })
}

/// gutlog's schema for `version`, if gutlog ever wrote that version: made
/// once per process and version by running migrations 1..=version on an
/// empty in-memory database.
fn expected(version: i64) -> Option<&'static Schema> {
    static ALL: OnceLock<Vec<OnceLock<Schema>>> = OnceLock::new();
    let all = ALL.get_or_init(|| (0..=LATEST_VERSION).map(|_| OnceLock::new()).collect());
    let slot = all.get(usize::try_from(version).ok()?)?;
    Some(slot.get_or_init(|| {
        let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
        harden(&conn).expect("in-memory pragmas");
        MIGRATIONS
            .to_version(&mut conn, version as usize)
            .expect("the migrations apply to an empty database (tested)");
        Schema::read(&conn).expect("the in-memory schema reads")
    }))
}

/// The expected schemas of versions 1..=latest as `expected` makes them,
/// saved in `schema_snapshot.json` so that an exact diary is recognised
/// without running the migrations. A test keeps the file equal to what the
/// migrations make (and rewrites it with `GUTLOG_BLESS_SCHEMA=1`); were it
/// ever stale, diaries would only be checked the slow way.
const SNAPSHOT: &str = include_str!("schema_snapshot.json");

fn snapshot() -> &'static [Schema] {
    static PARSED: OnceLock<Vec<Schema>> = OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(SNAPSHOT).unwrap_or_default())
}

/// A list of differences as one line: the first few, then how many more.
pub(crate) fn summary(differences: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut s = differences
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if differences.len() > SHOWN {
        s.push_str(&format!("; and {} more", differences.len() - SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_has_an_expected_schema_and_the_latest_is_marked() {
        assert!(expected(0).unwrap().is_empty());
        assert!(expected(LATEST_VERSION + 1).is_none());
        assert!(expected(-1).is_none());
        let latest = expected(LATEST_VERSION).unwrap();
        assert_eq!(latest.application_id, APPLICATION_ID);
        let t = latest_tables();
        assert!(t.contains(&"meals".to_string()));
        let runs = t.iter().position(|n| n == "plan_runs").unwrap();
        let ticks = t.iter().position(|n| n == "plan_ticks").unwrap();
        assert!(runs < ticks, "referenced tables come first: {t:?}");
    }

    #[test]
    fn a_fresh_migrated_database_has_no_differences_and_an_extra_trigger_is_named() {
        let mut conn = Connection::open_in_memory().unwrap();
        harden(&conn).unwrap();
        MIGRATIONS.to_latest(&mut conn).unwrap();
        assert_eq!(
            Schema::read(&conn).unwrap().differences(),
            Vec::<String>::new()
        );
        conn.execute_batch(
            "CREATE TRIGGER sneaky AFTER INSERT ON stools BEGIN SELECT 1; END;
             DROP INDEX meals_at;",
        )
        .unwrap();
        let d = Schema::read(&conn).unwrap().differences();
        assert_eq!(
            d,
            vec![
                "missing index 'meals_at'".to_string(),
                "unexpected trigger 'sneaky' on stools".to_string()
            ]
        );
    }

    #[test]
    fn the_schema_snapshot_is_what_the_migrations_make() {
        let derived: Vec<Schema> = (1..=LATEST_VERSION)
            .map(|v| expected(v).unwrap().clone())
            .collect();
        let text = serde_json::to_string_pretty(&derived).unwrap() + "\n";
        if std::env::var_os("GUTLOG_BLESS_SCHEMA").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/store/schema_snapshot.json"
            );
            std::fs::write(path, &text).unwrap();
            return; // checked by the next run, which compiles the new file in
        }
        assert!(
            SNAPSHOT == text,
            "src/store/schema_snapshot.json is not what migrations/ make; after adding a \
             migration run: GUTLOG_BLESS_SCHEMA=1 cargo test --lib schema_snapshot"
        );
        assert_eq!(snapshot(), derived.as_slice());
    }

    #[test]
    fn harden_turns_on_defensive_mode_and_off_trusted_schema() {
        let conn = Connection::open_in_memory().unwrap();
        harden(&conn).unwrap();
        assert!(conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap());
        assert!(!conn
            .db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)
            .unwrap());
        // Defensive mode: the schema cannot be written directly, even with
        // writable_schema (which works on a connection without it).
        let wipe = |c: &Connection| {
            c.execute_batch("CREATE TABLE t (x); PRAGMA writable_schema = ON;")
                .unwrap();
            c.execute("DELETE FROM sqlite_schema WHERE name = 't'", [])
        };
        assert!(wipe(&conn).is_err());
        assert!(wipe(&Connection::open_in_memory().unwrap()).is_ok());
    }
}
