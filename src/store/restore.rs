//! `gutlog restore`: the backup is read into memory the way SQLite reads it
//! (its `-wal` included), checked (integrity, links, exact schema) and every
//! record validated as import validates it, before the diary is touched.
//! Then, holding the diary's write lock from before the safety copy until
//! the restored rows are committed, the current diary is copied to
//! `backups/` and its rows are replaced in one transaction.

use super::backup::snapshot;
use super::error::{StoreError, StoreResult};
use super::health::{first_refused_record, header_of};
use super::inspect::{self, Refusal};
use super::{files, schema, Store};
use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

/// A backup read into memory, upgraded to the current schema and checked
/// like an import: ready to restore.
pub struct CheckedBackup {
    store: Store,
}

fn refused(why: impl std::fmt::Display) -> StoreError {
    StoreError::NotADiary(why.to_string())
}

/// Reads and checks the backup at `path` without changing it. The errors
/// say what is wrong with it, without its path (the caller names it).
pub fn read_backup(path: &Path) -> StoreResult<CheckedBackup> {
    let h = header_of(path)?;
    let mem = inspect::copy_into_memory(path, h).map_err(refused)?;
    let found = inspect::schema_of(&mem).map_err(refused)?;
    if found.is_empty() {
        return Err(refused("it holds no gutlog diary"));
    }
    inspect::judge(&found).map_err(refused)?;
    let integrity = inspect::integrity(&mem);
    if integrity != ["ok"] {
        return Err(refused(Refusal::Damaged(inspect::one_line(&integrity))));
    }
    if inspect::broken_links(&mem)? > 0 {
        return Err(refused(Refusal::Damaged(
            "some records point to records that do not exist".into(),
        )));
    }
    let store = Store::from_connection(mem, None)?;
    if let Some(problem) = first_refused_record(&store) {
        return Err(refused(format!(
            "it holds a record that import would refuse: {problem}"
        )));
    }
    Ok(CheckedBackup { store })
}

/// Replaces every row of the diary's tables with the backup's, in the order
/// the migrations made the tables (a referenced table first).
fn replace_rows(tx: &Connection, src: &Connection) -> StoreResult<()> {
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let tables = schema::latest_tables();
    for t in tables.iter().rev() {
        tx.execute(&format!("DELETE FROM \"{t}\""), [])?;
    }
    for t in tables {
        let mut read = src.prepare(&format!("SELECT * FROM \"{t}\""))?;
        let n = read.column_count();
        let marks = vec!["?"; n].join(", ");
        let mut write = tx.prepare(&format!("INSERT INTO \"{t}\" VALUES ({marks})"))?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let values = (0..n)
                .map(|i| row.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            write.execute(rusqlite::params_from_iter(values))?;
        }
    }
    Ok(())
}

impl Store {
    /// Replaces the diary's contents with the checked backup, after keeping
    /// the current diary as a backup (returned). Other gutlogs that write
    /// meanwhile wait, then write into the restored diary: every entry they
    /// were told was saved is in one file or the other.
    pub fn restore_from(
        &mut self,
        backup: &CheckedBackup,
        now: NaiveDateTime,
    ) -> StoreResult<PathBuf> {
        let db = self
            .path
            .clone()
            .ok_or_else(|| StoreError::Other("an in-memory diary has no file to restore".into()))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The write lock is ours until the commit: the copy below holds
        // everything committed before it, and nothing can be committed
        // between the copy and the restore.
        let kept = {
            let reader = files::open_read_only(&db, false)?;
            snapshot(
                &reader,
                &db,
                &format!("before-restore-{}", now.format("%Y%m%dT%H%M%S")),
            )?
        };
        replace_rows(&tx, &backup.store.conn)?;
        tx.commit()?;
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_of_the_schema_is_replaced() {
        // A table a future migration adds is restored with no code here.
        let mut a = Store::open_in_memory().unwrap();
        let ex = crate::demo::generate(
            20,
            1,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        );
        a.import(&ex).unwrap();
        let b = Store::open_in_memory().unwrap();
        let tx = b.conn.unchecked_transaction().unwrap();
        replace_rows(&tx, &a.conn).unwrap();
        tx.commit().unwrap();
        assert_eq!(a.export().unwrap(), b.export().unwrap());
    }
}
