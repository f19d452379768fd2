//! `gutlog check`: a diary's health, read from an in-memory copy so that
//! checking never changes the file: SQLite's integrity and foreign-key
//! checks, the exact schema of its version, and every record validated as
//! import validates it.

use super::error::{StoreError, StoreResult};
use super::inspect::{self, Refusal};
use super::migrate::LATEST_VERSION;
use super::{files, Store};
use rusqlite::Connection;
use std::path::Path;

/// The health of a diary file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Health {
    /// `integrity_check` output: `["ok"]` when sound.
    pub integrity: Vec<String>,
    /// Rows whose foreign key points nowhere.
    pub broken_links: usize,
    pub schema_version: i64,
    /// How the schema differs from gutlog's for its version (empty: exact).
    pub schema: Vec<String>,
    /// The first record that import would refuse, if any.
    pub records: Option<String>,
}

impl Health {
    pub fn is_healthy(&self) -> bool {
        self.integrity == ["ok"]
            && self.broken_links == 0
            && self.schema.is_empty()
            && self.records.is_none()
            && (1..=LATEST_VERSION).contains(&self.schema_version)
    }
}

/// Integrity, links and schema of `conn` (records are checked apart).
fn health_of(conn: &Connection) -> Health {
    let (schema_version, schema) = match inspect::schema_of(conn) {
        Ok(s) => (
            s.version,
            match inspect::judge(&s) {
                Ok(_) => Vec::new(),
                Err(Refusal::Altered { differences, .. }) => differences,
                Err(other) => vec![other.to_string()],
            },
        ),
        Err(e) => (
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap_or(0),
            vec![format!("the schema cannot be read: {e}")],
        ),
    };
    Health {
        integrity: inspect::integrity(conn),
        broken_links: inspect::broken_links(conn).unwrap_or(0),
        schema_version,
        schema,
        records: None,
    }
}

/// The first record of `store` that import would refuse, in import's words.
pub(crate) fn first_refused_record(store: &Store) -> Option<String> {
    let problem = match store.export() {
        Err(e) => Some(format!("a record cannot be read ({e})")),
        Ok(ex) => crate::exchange::parse(&ex.to_json(), &[])
            .err()
            .map(|e| e.to_string()),
    };
    problem.map(|p| crate::domain::visible(&p).into_owned())
}

/// The file's header, or a refusal naming the file.
pub(crate) fn header_of(path: &Path) -> StoreResult<inspect::Header> {
    files::require_regular(path)?;
    inspect::header(path)
        .map_err(|r| StoreError::refused(path, r))?
        .ok_or_else(|| {
            StoreError::NotADiary(format!(
                "{} is empty: it holds no gutlog diary",
                path.display()
            ))
        })
}

/// Checks a diary file without changing it or anything beside it.
pub fn check_file(path: &Path) -> StoreResult<Health> {
    let h = header_of(path)?;
    let mem = inspect::copy_into_memory(path, h).map_err(|r| StoreError::refused(path, r))?;
    let mut health = health_of(&mem);
    if health.schema_version > LATEST_VERSION {
        return Err(StoreError::refused(
            path,
            Refusal::Newer(health.schema_version),
        ));
    }
    if health.schema_version == 0 && inspect::schema_of(&mem).is_ok_and(|s| s.is_empty()) {
        return Err(StoreError::NotADiary(format!(
            "{} holds no gutlog diary",
            path.display()
        )));
    }
    if health.integrity == ["ok"] && health.schema.is_empty() {
        let copy = Store::from_connection(mem, None)?;
        health.records = first_refused_record(&copy);
    }
    Ok(health)
}

impl Store {
    /// Integrity, links, schema and records of this open diary.
    pub fn health(&self) -> StoreResult<Health> {
        let mut health = health_of(&self.conn);
        if health.integrity == ["ok"] && health.schema.is_empty() {
            health.records = first_refused_record(self);
        }
        Ok(health)
    }
}
