//! Change times and tombstones (`sync_versions`) and this diary's device id
//! (`sync_device`): what `gutlog sync` needs to merge two diaries. Every
//! write that edits or deletes calls `stamp` in its own transaction.

use super::error::{StoreError, StoreResult};
use super::records::conversion;
use super::Store;
use crate::domain::time::{fmt_datetime, parse_stored_datetime};
use crate::exchange::{Kind, Stamp, Version};
use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};

/// This diary's device id.
pub(crate) fn device(conn: &Connection) -> StoreResult<String> {
    Ok(conn
        .prepare_cached("SELECT device FROM sync_device")?
        .query_row([], |r| r.get(0))?)
}

/// The stamp of an element, if it has one, and whether it is a tombstone.
pub(crate) fn version_of(
    conn: &Connection,
    kind: Kind,
    key: &str,
) -> StoreResult<Option<(Stamp, bool)>> {
    Ok(conn
        .prepare_cached(
            "SELECT changed_at, device, deleted FROM sync_versions WHERE kind = ?1 AND key = ?2",
        )?
        .query_row(params![kind.name(), key], |r| {
            let at: String = r.get(0)?;
            Ok((
                Stamp {
                    at: parse_stored_datetime(&at).map_err(|e| conversion(0, e))?,
                    by: r.get(1)?,
                },
                r.get(2)?,
            ))
        })
        .optional()?)
}

/// Records that an element changed (or, with `deleted`, was deleted) at
/// `now` on this device. The time recorded is at least one second after
/// the element's last change, so a change made here always wins over the
/// version it replaced, even when another computer's clock ran ahead.
pub(crate) fn stamp(
    conn: &Connection,
    kind: Kind,
    key: &str,
    now: NaiveDateTime,
    deleted: bool,
) -> StoreResult<()> {
    let at = match version_of(conn, kind, key)? {
        Some((last, _)) => now.max(last.at + Duration::seconds(1)),
        None => now,
    };
    let by = device(conn)?;
    set_version(conn, kind, key, &Stamp { at, by }, deleted)
}

/// Sets an element's stamp as it is (from a merged file).
pub(crate) fn set_version(
    conn: &Connection,
    kind: Kind,
    key: &str,
    stamp: &Stamp,
    deleted: bool,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO sync_versions (kind, key, changed_at, device, deleted) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (kind, key) DO UPDATE SET changed_at = excluded.changed_at,
            device = excluded.device, deleted = excluded.deleted",
    )?
    .execute(params![
        kind.name(),
        key,
        fmt_datetime(stamp.at),
        stamp.by,
        deleted
    ])?;
    Ok(())
}

/// Forgets an element's stamp (it is then as old as one never changed).
pub(crate) fn forget_version(conn: &Connection, kind: Kind, key: &str) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM sync_versions WHERE kind = ?1 AND key = ?2")?
        .execute(params![kind.name(), key])?;
    Ok(())
}

/// Forgets the versions of a deleted plan run's ticks: ticks live only
/// under their run.
pub(crate) fn forget_ticks_of(conn: &Connection, run_id: &str) -> StoreResult<()> {
    // Tick keys are RUN-ID/DAY; '0' is the character after '/'.
    conn.prepare_cached(
        "DELETE FROM sync_versions WHERE kind = ?1 AND key > ?2 || '/' AND key < ?2 || '0'",
    )?
    .execute(params![Kind::PlanTicks.name(), run_id])?;
    Ok(())
}

/// Every stamp: (changed, deleted), each by kind and key.
pub(crate) fn all_versions(conn: &Connection) -> StoreResult<(Vec<Version>, Vec<Version>)> {
    let mut stmt = conn.prepare(
        "SELECT kind, key, changed_at, device, deleted FROM sync_versions ORDER BY kind, key",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(0)?;
        let at: String = r.get(2)?;
        Ok((
            Version {
                kind: Kind::parse(&kind).map_err(|e| conversion(0, e))?,
                key: r.get(1)?,
                at: parse_stored_datetime(&at).map_err(|e| conversion(2, e))?,
                by: r.get(3)?,
            },
            r.get::<_, bool>(4)?,
        ))
    })?;
    let (mut changed, mut deleted) = (Vec::new(), Vec::new());
    for row in rows {
        let (v, gone) = row?;
        if gone {
            deleted.push(v);
        } else {
            changed.push(v);
        }
    }
    Ok((changed, deleted))
}

impl Store {
    /// This diary's device id: it names the diary's own file in a sync
    /// folder and marks the changes made here.
    pub fn device_id(&self) -> StoreResult<String> {
        device(&self.conn)
    }

    /// Gives this diary a new device id (when another copy of it uses the
    /// old one). Changes made so far keep the id they were made under.
    pub(crate) fn new_device_id(conn: &Connection) -> StoreResult<String> {
        let id: String = uuid::Uuid::new_v4().simple().to_string()[..16].to_string();
        let n = conn.execute("UPDATE sync_device SET device = ?1", [&id])?;
        if n != 1 {
            return Err(StoreError::Other(
                "the diary has no device id to replace".into(),
            ));
        }
        Ok(id)
    }
}
