//! Looking at a file without changing it: whether it is a healthy gutlog
//! diary (or an empty file to start one in), decided before anything opens
//! it for writing; and consistent in-memory copies for `check` and
//! `restore`.
//!
//! A file whose header says WAL mode but that has no `-wal` beside it is read
//! with SQLite's `immutable` flag, so that reading it creates no `-wal` or
//! `-shm` files; if another gutlog starts writing meanwhile, it is read again
//! the normal way.

use super::files::{self, DbPaths};
use super::migrate::LATEST_VERSION;
use super::schema::{self, Schema, APPLICATION_ID};
use rusqlite::{Connection, ErrorCode};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

/// Why a file is not a healthy diary (without its path: callers add it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not an SQLite database at all.
    NotSqlite(String),
    /// A diary from a newer gutlog.
    Newer(i64),
    /// An SQLite database that is not a gutlog diary.
    Foreign(String),
    /// Not gutlog's schema for its version: altered, or not a diary.
    Altered {
        version: i64,
        differences: Vec<String>,
    },
    /// SQLite found damage.
    Damaged(String),
    /// The file could not be read (permissions, locks, I/O).
    Unreadable(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotSqlite(why) => write!(f, "it is not an SQLite database ({why})"),
            Refusal::Newer(v) => write!(
                f,
                "it uses database schema version {v}, newer than this gutlog understands \
                 (version {LATEST_VERSION}); install a newer gutlog"
            ),
            Refusal::Foreign(why) => {
                write!(f, "it is an SQLite database of another kind ({why})")
            }
            Refusal::Altered {
                version,
                differences,
            } => write!(
                f,
                "it is not a gutlog diary, or its schema was altered: compared with gutlog's \
                 schema version {version}, {}",
                schema::summary(differences)
            ),
            Refusal::Damaged(what) => write!(f, "it is damaged ({what})"),
            Refusal::Unreadable(what) => write!(f, "it cannot be read ({what})"),
        }
    }
}

pub(crate) type Looked<T> = Result<T, Refusal>;

/// What the first 100 bytes say.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub page_size: u32,
    /// The file is in WAL mode (a `-wal` beside it may hold newer pages).
    pub wal: bool,
    /// `PRAGMA application_id`, as last written to the file itself.
    pub application_id: i64,
}

/// Reads the database header; `None` for an empty file (a diary not yet
/// started).
pub(crate) fn header(path: &Path) -> Looked<Option<Header>> {
    let mut f = std::fs::File::open(path).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let mut buf = Vec::with_capacity(100);
    f.by_ref()
        .take(100)
        .read_to_end(&mut buf)
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if buf.is_empty() {
        return Ok(None);
    }
    if buf.len() < 100 || &buf[..16] != b"SQLite format 3\0" {
        return Err(Refusal::NotSqlite(
            "its first bytes are not an SQLite header".into(),
        ));
    }
    let raw = u32::from(u16::from_be_bytes([buf[16], buf[17]]));
    let page_size = if raw == 1 { 65536 } else { raw };
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(Refusal::NotSqlite(format!("page size {raw} in its header")));
    }
    Ok(Some(Header {
        page_size,
        wal: buf[18] == 2 || buf[19] == 2,
        application_id: i64::from(i32::from_be_bytes([buf[68], buf[69], buf[70], buf[71]])),
    }))
}

fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

fn sqlite_refusal(e: &rusqlite::Error) -> Refusal {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Refusal::NotSqlite(e.to_string()),
        Some(ErrorCode::DatabaseCorrupt) => Refusal::Damaged(e.to_string()),
        _ => Refusal::Unreadable(super::error::describe_sqlite(e)),
    }
}

/// Runs `f` on a read-only connection to `path` that creates nothing beside
/// a file without a `-wal` (see the module's note), reading it again the
/// normal way if the file changed while `f` read it.
pub(crate) fn with_reader<T>(
    path: &Path,
    header: Header,
    f: impl Fn(&Connection) -> Looked<T>,
) -> Looked<T> {
    let wal = DbPaths::new(path).wal();
    let immutable = header.wal && !wal.exists();
    let before = stamp(path);
    let read = |immutable: bool| -> Looked<T> {
        let conn = files::open_read_only(path, immutable).map_err(|e| sqlite_refusal(&e))?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(|e| sqlite_refusal(&e))?;
        f(&conn)
    };
    let result = read(immutable);
    if immutable && (wal.exists() || stamp(path) != before) {
        // Another gutlog opened it meanwhile: its -wal now exists.
        return read(false);
    }
    result
}

/// Reads the schema in one read transaction.
fn read_schema(conn: &Connection) -> Looked<Schema> {
    conn.execute_batch("BEGIN")
        .map_err(|e| sqlite_refusal(&e))?;
    let schema = Schema::read(conn).map_err(|e| sqlite_refusal(&e));
    let _ = conn.execute_batch("COMMIT");
    schema
}

/// Whether `schema` is gutlog's for its version: `Ok(true)` for a healthy
/// diary, `Ok(false)` for an empty database to start a diary in.
pub(crate) fn judge(schema: &Schema) -> Looked<bool> {
    if schema.version > LATEST_VERSION {
        return Err(Refusal::Newer(schema.version));
    }
    if schema.is_empty() {
        return Ok(false);
    }
    if schema.version < 0 {
        return Err(Refusal::Foreign(format!(
            "its schema version is {}, which gutlog never writes",
            schema.version
        )));
    }
    if schema.application_id != 0 && schema.application_id != APPLICATION_ID {
        return Err(Refusal::Foreign(format!(
            "its application id is {}, not gutlog's",
            schema.application_id
        )));
    }
    if schema.version == 0 {
        return Err(Refusal::Foreign(
            "it holds tables but no gutlog schema version".into(),
        ));
    }
    let differences = schema.differences();
    if !differences.is_empty() {
        return Err(Refusal::Altered {
            version: schema.version,
            differences,
        });
    }
    Ok(true)
}

/// SQLite's report lines as one line of a message.
pub(crate) fn one_line(lines: &[String]) -> String {
    lines.join("; ").replace('\n', " ")
}

/// SQLite's `PRAGMA quick_check` (at most 3 problems): `Ok` when it says "ok".
fn quick_check(conn: &Connection) -> Looked<()> {
    let lines: Vec<String> = conn
        .prepare("PRAGMA quick_check(3)")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| sqlite_refusal(&e))?;
    if lines == ["ok"] {
        Ok(())
    } else {
        Err(Refusal::Damaged(one_line(&lines)))
    }
}

/// Decides that `path` is a healthy diary (or an empty file to start one
/// in) before anything writes to it; returns its header. The file and its
/// folder are left exactly as they were.
///
/// A file not marked with gutlog's application id (a diary from before
/// schema 3, or not a diary) is judged on a read-only connection first. A
/// marked one is judged on the connection that will write to it, before
/// the first write (`Store::from_connection`), which saves opening it twice
/// on every command. A file in rollback mode (one that gutlog has not
/// opened before, such as a copied backup) also gets SQLite's
/// `quick_check`; on a diary in WAL mode it would cost more than the
/// command (80 ms for ten years), so there SQLite reports damage when it
/// meets it, and `gutlog check` finds it all.
pub(crate) fn before_writing(path: &Path) -> Looked<Option<Header>> {
    let Some(h) = header(path)? else {
        return Ok(None);
    };
    if h.application_id == APPLICATION_ID {
        return Ok(Some(h));
    }
    with_reader(path, h, |conn| {
        let schema = read_schema(conn)?;
        let diary = judge(&schema)?;
        if diary && !h.wal {
            quick_check(conn)?;
        }
        Ok(())
    })?;
    Ok(Some(h))
}

/// For a marked file in rollback mode: `quick_check` on the connection that
/// will write, before it writes.
pub(crate) fn check_adopted(conn: &Connection, h: Header) -> Looked<()> {
    if h.application_id == APPLICATION_ID && !h.wal {
        quick_check(conn)?;
    }
    Ok(())
}

/// An in-memory copy of the database at `path`, taken in one read
/// transaction (the file's `-wal` included), for checks that must not
/// touch the file.
pub(crate) fn copy_into_memory(path: &Path, h: Header) -> Looked<Connection> {
    with_reader(path, h, |src| {
        let mut mem = Connection::open_in_memory().map_err(|e| sqlite_refusal(&e))?;
        schema::harden(&mem).map_err(|e| sqlite_refusal(&e))?;
        // An in-memory copy needs the source's page size before the first page.
        mem.pragma_update(None, "page_size", h.page_size)
            .map_err(|e| sqlite_refusal(&e))?;
        {
            let backup =
                rusqlite::backup::Backup::new(src, &mut mem).map_err(|e| sqlite_refusal(&e))?;
            let start = Instant::now();
            loop {
                use rusqlite::backup::StepResult::{Done, More};
                // -1: every page in one step, so the copy is one snapshot.
                match backup.step(-1).map_err(|e| sqlite_refusal(&e))? {
                    Done => break,
                    More => {}
                    _ if start.elapsed() < Duration::from_secs(10) => {
                        std::thread::sleep(Duration::from_millis(20))
                    }
                    _ => {
                        return Err(Refusal::Unreadable(
                            "another program kept it locked for 10 seconds".into(),
                        ))
                    }
                }
            }
        }
        Ok(mem)
    })
}

/// The result of SQLite's full `integrity_check` on `conn`.
pub(crate) fn integrity(conn: &Connection) -> Vec<String> {
    conn.prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|e| vec![format!("cannot be checked: {e}")])
}

/// Rows whose foreign key points nowhere.
pub(crate) fn broken_links(conn: &Connection) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |_| Ok(()))?;
    Ok(rows.count())
}

/// Reads the schema of an in-memory copy.
pub(crate) fn schema_of(conn: &Connection) -> Looked<Schema> {
    read_schema(conn)
}
